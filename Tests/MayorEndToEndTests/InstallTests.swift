import Foundation
import Testing

/// A wall installed with Scripts/install.sh: `--version`, the defaults for
/// its data and screens, completions.
@Suite struct InstallTests {
    func temporaryFolder(_ label: String) throws -> String {
        let dir = NSTemporaryDirectory() + "mayor-\(label)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    func run(_ command: String, in directory: String, environment: [String: String] = [:]) throws -> (status: Int32, output: String) {
        let assignments = environment.map { "\($0.key)=\(shellQuote($0.value))" }.joined(separator: " ")
        return try TmuxSession.run(["sh", "-c", "cd \(shellQuote(directory)) && env -u MAYOR_DATA -u MAYOR_SCREENS \(assignments) \(command)"])
    }

    @Test func versionNamesTheReleaseAndTheCommit() throws {
        let result = try run("\(shellQuote(TmuxSession.binary)) --version", in: repoRoot)
        #expect(result.status == 0)
        #expect(result.output.hasPrefix("mayor "), "\(result.output)")
        let head = try TmuxSession.run(["git", "-C", repoRoot, "rev-parse", "--short=12", "HEAD"])
        if head.status == 0 {
            let commit = head.output.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(result.output.contains("(commit \(commit)"), "\(result.output) lacks \(commit)")
        }
    }

    @Test func environmentChoosesTheDataAndScreensFolders() throws {
        let empty = try temporaryFolder("nowhere")
        defer { try? FileManager.default.removeItem(atPath: empty) }
        let binary = shellQuote(TmuxSession.binary)
        // Started in a folder without Data/ or Screens/, with nothing to say where they are.
        let lost = try run("\(binary) check", in: empty)
        #expect(lost.status != 0, "\(lost.output)")
        // MAYOR_DATA and MAYOR_SCREENS say.
        let found = try run("\(binary) check", in: empty, environment: ["MAYOR_DATA": repoRoot + "/Data", "MAYOR_SCREENS": repoRoot + "/Screens"])
        #expect(found.status == 0, "\(found.output)")
        let render = try run(
            "\(binary) render --pane pledges --size 100x30", in: empty, environment: ["MAYOR_DATA": repoRoot + "/Data", "MAYOR_SCREENS": repoRoot + "/Screens"])
        #expect(render.status == 0 && render.output.contains("55.7"), "\(render.output)")
        // An option still wins over the environment.
        let option = try run(
            "\(binary) check --data \(shellQuote(empty))", in: empty, environment: ["MAYOR_DATA": repoRoot + "/Data", "MAYOR_SCREENS": repoRoot + "/Screens"])
        #expect(option.status != 0, "\(option.output)")
    }

    @Test func installedWallFindsItsDataFromAnyFolder() throws {
        let prefix = try temporaryFolder("prefix")
        let elsewhere = try temporaryFolder("elsewhere")
        defer {
            try? FileManager.default.removeItem(atPath: prefix)
            try? FileManager.default.removeItem(atPath: elsewhere)
        }
        let install = try run("bash Scripts/install.sh --prefix \(shellQuote(prefix)) --binary \(shellQuote(TmuxSession.binary))", in: repoRoot)
        #expect(install.status == 0, "\(install.output)")
        let fm = FileManager.default
        #expect(fm.isExecutableFile(atPath: prefix + "/bin/mayor"))
        #expect(fm.fileExists(atPath: prefix + "/share/mayor/Data/pledges.json"))
        #expect(fm.fileExists(atPath: prefix + "/share/mayor/Screens/wall.yaml"))
        let bash = (try? String(contentsOfFile: prefix + "/share/bash-completion/completions/mayor", encoding: .utf8)) ?? ""
        #expect(bash.contains("complete") && bash.contains("render"), "bash completion: \(bash.prefix(200))")
        #expect(fm.fileExists(atPath: prefix + "/share/zsh/site-functions/_mayor"))
        #expect(fm.fileExists(atPath: prefix + "/share/fish/vendor_completions.d/mayor.fish"))

        let check = try run("\(shellQuote(prefix + "/bin/mayor")) check", in: elsewhere)
        #expect(check.status == 0, "\(check.output)")
        let render = try run("\(shellQuote(prefix + "/bin/mayor")) render --pane pledges --size 100x30", in: elsewhere)
        #expect(render.status == 0 && render.output.contains("55.7"), "\(render.output)")

        // The publisher is installed beside the wall, and `mayor fetch` reaches it from there.
        #expect(fm.isExecutableFile(atPath: prefix + "/bin/mayor-fetch"))
        let fetchHelp = try run("\(shellQuote(prefix + "/bin/mayor")) fetch --help", in: elsewhere)
        #expect(fetchHelp.status == 0 && fetchHelp.output.contains("--base-url") && fetchHelp.output.contains("--key-file"), "\(fetchHelp.output)")
    }
}
