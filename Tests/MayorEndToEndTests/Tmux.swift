import Foundation
import MayorBench

/// Drives the real `mayor` binary in a private tmux server, the way an
/// official's wall terminal would run it: send keys, read the screen.
final class TmuxSession {
    let socket: String
    let name = "mayor"
    let workDir: String
    private(set) var started = false

    /// The built `mayor` next to this test bundle (.build/debug/mayor).
    static var binary: String {
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var dir = exe.deletingLastPathComponent()
        while dir.path != "/" {
            let candidate = dir.appendingPathComponent("mayor").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return repoRoot + "/.build/debug/mayor"
    }

    static var tmuxAvailable: Bool {
        (try? run(["tmux", "-V"]).status) == 0
    }

    /// A private copy of Data and Screens the test may change.
    init() throws {
        socket = "mayor-e2e-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        workDir = NSTemporaryDirectory() + socket
        let fm = FileManager.default
        try fm.createDirectory(atPath: workDir, withIntermediateDirectories: true)
        try fm.copyItem(atPath: repoRoot + "/Data", toPath: workDir + "/Data")
        try fm.copyItem(atPath: repoRoot + "/Screens", toPath: workDir + "/Screens")
    }

    deinit {
        _ = try? Self.run(["tmux", "-L", socket, "kill-server"])
        try? FileManager.default.removeItem(atPath: workDir)
    }

    /// Starts `mayor ARGS` in a WIDTHxHEIGHT terminal; its exit status goes to a file.
    func start(_ arguments: [String], width: Int = 160, height: Int = 48, environment: [String: String] = [:]) throws {
        var env = ["LANG": "C.UTF-8", "TERM": "xterm-256color"]
        env.merge(environment) { $1 }
        let exports = env.sorted { $0.key < $1.key }.map { value in
            value.value.isEmpty ? "unset \(value.key)" : "export \(value.key)=\(shellQuote(value.value))"
        }.joined(separator: "; ")
        // After mayor ends, the terminal's modes as the shell finds them go to
        // a file (written before the exit status, so both are there together).
        let command =
            "cd \(shellQuote(workDir)) && \(exports); \(shellQuote(Self.binary)) \(arguments.map(shellQuote).joined(separator: " ")) 2>\(shellQuote(workDir + "/stderr")); code=$?; stty -a > \(shellQuote(workDir + "/stty")) 2>&1; echo $code > \(shellQuote(workDir + "/exit")); sleep 600"
        // The tmux server daemonizes from this call: give it no pipe to hold open.
        let result = try Self.run(
            ["tmux", "-L", socket, "-f", "/dev/null", "new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)", command], capture: false)
        guard result.status == 0 else { throw E2EError("tmux new-session failed: \(result.output)") }
        _ = try Self.run(["tmux", "-L", socket, "set-option", "-g", "status", "off"])
        started = true
    }

    /// Starts an interactive shell (job control on) in the data copy's folder.
    func startShell(width: Int = 160, height: Int = 48) throws {
        let command = "cd \(shellQuote(workDir)) && env LANG=C.UTF-8 TERM=xterm-256color PS1='$ ' bash --norc -i"
        let result = try Self.run(
            ["tmux", "-L", socket, "-f", "/dev/null", "new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)", command], capture: false)
        guard result.status == 0 else { throw E2EError("tmux new-session failed") }
        _ = try Self.run(["tmux", "-L", socket, "set-option", "-g", "status", "off"])
        started = true
    }

    func screen() -> String {
        (try? Self.run(["tmux", "-L", socket, "capture-pane", "-p", "-t", name]).output) ?? ""
    }

    /// The screen with every row's trailing blanks kept (`capture-pane -N`):
    /// a row holds exactly the cells tmux has, so a row that grew shows it.
    func screenExact() -> [String] {
        let text = (try? Self.run(["tmux", "-L", socket, "capture-pane", "-p", "-N", "-t", name]).output) ?? ""
        var rows = text.components(separatedBy: "\n")
        if rows.last == "" { rows.removeLast() }
        return rows
    }

    /// `mayor ARGS` run in the data copy's folder (e.g. `render`): status and stdout.
    func mayor(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try Self.run([
            "sh", "-c", "cd \(shellQuote(workDir)) && LANG=C.UTF-8 \(shellQuote(Self.binary)) \(arguments.map(shellQuote).joined(separator: " ")) 2>/dev/null"
        ])
    }

    func send(_ keys: String...) {
        _ = try? Self.run(["tmux", "-L", socket, "send-keys", "-t", name] + keys)
    }

    func resize(_ width: Int, _ height: Int) {
        _ = try? Self.run(["tmux", "-L", socket, "resize-window", "-t", name, "-x", "\(width)", "-y", "\(height)"])
    }

    /// Starts copying everything the program writes to the terminal into a file.
    func recordOutput(to path: String) {
        _ = try? Self.run(["tmux", "-L", socket, "pipe-pane", "-o", "-t", name, "cat >> \(shellQuote(path))"])
    }

    /// Stops copying the output (tmux flushes what it holds) and returns the
    /// bytes recorded in `path` so far.
    func stopRecording(_ path: String) -> Int {
        _ = try? Self.run(["tmux", "-L", socket, "pipe-pane", "-t", name])
        Thread.sleep(forTimeInterval: 0.3)
        return (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    }

    /// The program's exit status, once it has exited.
    func exitStatus(within seconds: Double = 5) -> Int? {
        let deadline = Date().addingTimeInterval(seconds)
        repeat {
            if let text = try? String(contentsOfFile: workDir + "/exit", encoding: .utf8),
                let code = Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
            {
                return code
            }
            Thread.sleep(forTimeInterval: 0.1)
        } while Date() < deadline
        return nil
    }

    var stderr: String { (try? String(contentsOfFile: workDir + "/stderr", encoding: .utf8)) ?? "" }

    /// `stty -a` as run in the pane right after mayor exited ("" before that).
    var sttyAfterExit: String { (try? String(contentsOfFile: workDir + "/stty", encoding: .utf8)) ?? "" }

    /// The terminal modes a shell needs back, missing from `sttyAfterExit`
    /// ("-echo" when echo is still off, and so on); empty when all are restored.
    var modesNotRestored: [String] {
        let words = Set(sttyAfterExit.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" }).map(String.init))
        guard !words.isEmpty else { return ["no stty output"] }
        return ["echo", "icanon", "isig", "ixon", "icrnl", "opost"].filter { !words.contains($0) }
    }

    /// A tmux format of the pane (e.g. `alternate_on`, `cursor_flag`).
    func paneFormat(_ format: String) -> String {
        ((try? Self.run(["tmux", "-L", socket, "display-message", "-p", "-t", name, "#{\(format)}"]).output) ?? "")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Polls the screen until `predicate` holds or the time runs out; returns the last screen.
    @discardableResult
    func waitFor(_ what: String, timeout: Double = 10, _ predicate: (String) -> Bool) -> (ok: Bool, screen: String) {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        repeat {
            last = screen()
            if predicate(last) { return (true, last) }
            Thread.sleep(forTimeInterval: 0.2)
        } while Date() < deadline
        return (false, last)
    }

    func waitFor(text: String, timeout: Double = 10) -> (ok: Bool, screen: String) {
        waitFor(text, timeout: timeout) { $0.contains(text) }
    }

    /// The PID of the mayor process inside the tmux pane.
    func mayorPID() -> Int32? {
        guard let shell = try? Self.run(["tmux", "-L", socket, "display-message", "-p", "-t", name, "#{pane_pid}"]),
            let shellPID = Int32(shell.output.trimmingCharacters(in: .whitespacesAndNewlines))
        else { return nil }
        guard let children = try? Self.run(["pgrep", "-P", "\(shellPID)", "-x", "mayor"]) else { return nil }
        return children.output.split(separator: "\n").compactMap { Int32($0) }.first
    }

    // MARK: - process helpers

    /// Runs a command with posix_spawn, its output going to a temporary file
    /// (never a pipe: the tmux server daemonizes and would hold a pipe open).
    static func run(_ arguments: [String], capture: Bool = true) throws -> (status: Int32, output: String) {
        let result = try ChildProcess.run(arguments, capture: capture)
        return (result.status, result.output)
    }
}

struct E2EError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

func shellQuote(_ s: String) -> String {
    "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
}

let repoRoot: String = {
    var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast(3)
    return parts.joined(separator: "/")
}()

/// Replaces a file the way a careful writer does: write a temporary file, rename it.
func atomicWrite(_ path: String, _ text: String) throws {
    let tmp = path + ".tmp"
    try text.write(toFile: tmp, atomically: false, encoding: .utf8)
    guard rename(tmp, path) == 0 else { throw E2EError("rename failed for \(path)") }
}

/// Copies an executable so that it can be run at once, as another user too
/// (mode 755). A `cp` child writes the copy, never a descriptor of this
/// process: the suites running in parallel start children all the time, and
/// a child started while this process held the copy open for writing would
/// inherit that descriptor (posix_spawn keeps every one without
/// close-on-exec) and keep it for its whole life; running the copy then
/// fails with ETXTBSY ("Text file busy"). When `cp` has exited, nothing
/// holds the copy open for writing.
func copyExecutable(_ source: String, to target: String) throws {
    let copied = try ChildProcess.run(["cp", source, target])
    guard copied.status == 0 else { throw E2EError("cp \(source) \(target) failed (\(copied.status)): \(copied.output)") }
    guard chmod(target, 0o755) == 0 else { throw E2EError("chmod failed for \(target)") }
}
