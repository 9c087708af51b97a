import Foundation
import MayorCore
import Testing

/// `mayor check` and `mayor render` as a user runs them, from the repository root.
@Suite struct CommandLineTests {
    func mayor(_ arguments: [String], in directory: String = repoRoot) throws -> (status: Int32, output: String) {
        try TmuxSession.run(["sh", "-c", "cd \(shellQuote(directory)) && \(shellQuote(TmuxSession.binary)) \(arguments.map(shellQuote).joined(separator: " "))"]
        )
    }

    func copyOfRepoData() throws -> String {
        let dir = NSTemporaryDirectory() + "mayor-cli-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: repoRoot + "/Data", toPath: dir + "/Data")
        try FileManager.default.copyItem(atPath: repoRoot + "/Screens", toPath: dir + "/Screens")
        return dir
    }

    @Test func checkPassesOnTheBundledFiles() throws {
        let result = try mayor(["check"])
        #expect(result.status == 0, "\(result.output)")
    }

    @Test func checkFailsAndNamesTheFile() throws {
        let dir = try copyOfRepoData()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let metaverse = dir + "/Data/metaverse.json"
        let text = try String(contentsOfFile: metaverse, encoding: .utf8)
        try String(text.prefix(text.count / 2)).write(toFile: metaverse, atomically: true, encoding: .utf8)
        var result = try mayor(["check"], in: dir)
        #expect(result.status == 1)
        #expect(result.output.contains("Data/metaverse.json:"), "\(result.output)")
        try text.write(toFile: metaverse, atomically: true, encoding: .utf8)

        let pledges = dir + "/Data/pledges.json"
        let original = try String(contentsOfFile: pledges, encoding: .utf8)
        try original.replacingOccurrences(of: "\"target\": 1000", with: "\"target\": \"1000\"").write(toFile: pledges, atomically: true, encoding: .utf8)
        result = try mayor(["check"], in: dir)
        #expect(result.status == 1)
        #expect(result.output.contains("Data/pledges.json:") && result.output.contains("target"), "\(result.output)")
        try original.write(toFile: pledges, atomically: true, encoding: .utf8)

        let wall = dir + "/Screens/wall.yaml"
        let yaml = try String(contentsOfFile: wall, encoding: .utf8)
        try yaml.replacingOccurrences(of: "pane: cctv", with: "pane: parking").write(toFile: wall, atomically: true, encoding: .utf8)
        result = try mayor(["check"], in: dir)
        #expect(result.status == 1)
        #expect(result.output.contains("Screens/wall.yaml:") && result.output.contains("parking"), "\(result.output)")
        try yaml.write(toFile: wall, atomically: true, encoding: .utf8)
        #expect(try mayor(["check"], in: dir).status == 0)
    }

    @Test func renderTheWallShowsTheHeadlineFigures() throws {
        let result = try mayor(["render", "--screen", "wall", "--size", "160x48"])
        #expect(result.status == 0)
        let text = result.output
        for figure in ["55.7", "31,245", "127,242", "113,273", "관악구"] {
            #expect(text.contains(figure), "the wall lacks \(figure)")
        }
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B })
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.filter { !$0.isEmpty }.count >= 40)
    }

    @Test(arguments: PaneRegistry.ids)
    func renderEveryPaneAtEverySize(_ pane: String) throws {
        for (w, h) in [(80, 24), (40, 12), (200, 60)] {
            let result = try mayor(["render", "--pane", pane, "--size", "\(w)x\(h)", "--lang", "ko"])
            #expect(result.status == 0, "\(pane) at \(w)x\(h): \(result.output)")
            let lines = result.output.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            #expect(lines.count <= h)
            #expect(lines.contains { $0.contains { !$0.isWhitespace && $0 != "│" && $0 != "─" } }, "\(pane) drew nothing")
            #expect(!result.output.unicodeScalars.contains { $0.value == 0x1B })
        }
    }

    @Test func ansiFormatHasColoursAndTextHasNone() throws {
        let ansi = try mayor(["render", "--pane", "pledges", "--size", "80x24", "--format", "ansi"])
        #expect(ansi.status == 0 && ansi.output.contains("\u{1B}[0;"))
        let bad = try mayor(["render", "--pane", "parking", "--size", "80x24"])
        #expect(bad.status != 0 && bad.output.contains("unknown pane"))
    }

    /// `live` and `demo` share one option group: a refresh below a second,
    /// not a number or out of range is refused by both before any terminal
    /// is touched.
    @Test(arguments: ["live", "demo"])
    func refreshOutOfRangeIsRefused(_ command: String) throws {
        for value in ["nan", "0", "-1", "0.001", "inf", "86401"] {
            let result = try mayor([command, "--refresh=\(value)"])
            #expect(result.status != 0, "\(command) --refresh \(value)")
            #expect(result.output.contains("--refresh must be at least 1 second"), "\(command) --refresh \(value): \(result.output)")
        }
    }

    /// `demo --script` plays the file named, wherever it is (not a file of the
    /// same name in a folder whose path starts alike), and a step naming a
    /// screen that does not exist stops it with the place.
    @Test func demoScriptIsTheFileNamedAndAMissingScreenIsAnError() throws {
        let dir = try copyOfRepoData()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/Screens2", withIntermediateDirectories: true)
        try "kind: briefing\ntitle: t\nsteps:\n  - {screen: wall, seconds: 5, caption: a}\n  - {screen: nowhere, seconds: 5, caption: b}\n"
            .write(toFile: dir + "/Screens2/briefing.yaml", atomically: true, encoding: .utf8)
        let result = try mayor(["demo", "--screens", "Screens", "--script", "Screens2/briefing.yaml"], in: dir)
        #expect(result.status != 0)
        #expect(result.output.contains("Screens2/briefing.yaml:5:") && result.output.contains("no screen named \"nowhere\""), "\(result.output)")
    }

    /// A bad value is called invalid, with the reason, even when it starts
    /// with a dash (it is not a "missing value").
    @Test func badSizeSaysWhyItIsInvalid() throws {
        for (size, why) in [("-5x10", "-5"), ("0x10", "0"), ("160x", "WIDTHxHEIGHT"), ("2000x48", "2000"), ("axb", "WIDTHxHEIGHT")] {
            let result = try mayor(["render", "--pane", "wifi", "--size", size])
            #expect(result.status != 0)
            #expect(!result.output.contains("Missing value"), "\(size): \(result.output)")
            #expect(result.output.contains("--size \(size) is invalid") && result.output.contains(why), "\(size): \(result.output)")
        }
        let refresh = try mayor(["live", "--refresh", "-1"])
        #expect(refresh.output.contains("--refresh must be at least 1 second") && refresh.output.contains("-1"), "\(refresh.output)")
    }

    /// The generator refuses what `check` would refuse, at once and cleanly
    /// (not by writing a file check refuses, nor by dying in an allocation).
    @Test func generateRefusesWhatCheckWouldRefuse() throws {
        let dir = try copyOfRepoData()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for (arguments, words) in [
            (["--start", "9999-12-31", "--days", "3"], "after 9999-12-31"),
            (["--days", "100000", "--corridors", "1000000"], "corridors"),
            (["--corridors", "100", "--days", "100000"], "daily rows")
        ] {
            let result = try mayor(["generate", "traffic"] + arguments + ["--output", "Data/traffic.json"], in: dir)
            #expect(result.status == 1 || result.status == 64, "\(arguments): status \(result.status)")
            #expect(result.output.contains(words), "\(arguments): \(result.output)")
            #expect(try mayor(["check"], in: dir).status == 0, "\(arguments) wrote a file check refuses")
        }
    }

    /// A caption with a relative time word is a warning: printed with its
    /// place, the exit status stays 0.
    @Test func checkWarnsAboutRelativeTimeWordsInCaptions() throws {
        let dir = try copyOfRepoData()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "kind: briefing\ntitle: t\nsteps:\n  - pane: wifi\n    seconds: 5\n    caption:\n      ko: 올해 2,138대 신설\n      en: 2,138 new this year\n"
            .write(toFile: dir + "/Screens/talk.yaml", atomically: true, encoding: .utf8)
        let result = try mayor(["check"], in: dir)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("Screens/talk.yaml:7:11: warning: caption uses \"올해\" (this year): name the year"), "\(result.output)")
        #expect(result.output.contains("warning: caption uses \"this year\""), "\(result.output)")
    }
}
