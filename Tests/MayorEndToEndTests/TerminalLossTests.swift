import Foundation
import MayorBench
import Testing

/// A dropped SSH connection: the terminal's master side closes under a running
/// `mayor`. It must end within seconds, not spin on a dead terminal.
///
/// Runs the binary on a pseudo-terminal of its own (no tmux), so the test can
/// close the master side itself, the way sshd does when the network goes.
@Suite(.serialized)
struct TerminalLossTests {
    /// Without a controlling terminal no SIGHUP comes: reads and writes fail
    /// with EIO and that alone must end the process.
    @Test func closedTerminalWithoutAHangupEndsTheProcess() throws {
        let run = try PtyRun(controllingTerminal: false)
        try run.waitForFirstFrame()
        run.closeMaster()
        let end = run.waitForExit(within: 5)
        #expect(end != nil, "mayor still running 5 s after its terminal went away")
        guard let end else {
            run.kill()
            return
        }
        #expect(end.status == 1, "exit status \(end.status)")
        #expect(end.cpuSeconds < 1.5, "it used \(end.cpuSeconds) s of CPU: spinning on the dead terminal?")
        #expect(run.stderr.contains("terminal went away"), "stderr: \(run.stderr)")
    }

    /// With the pty as its controlling terminal (a login over SSH), closing the
    /// master side sends SIGHUP: a clean end, status 0.
    @Test func closedControllingTerminalEndsTheProcess() throws {
        let run = try PtyRun(controllingTerminal: true)
        try run.waitForFirstFrame()
        run.closeMaster()
        let end = run.waitForExit(within: 5)
        #expect(end != nil, "mayor still running 5 s after its terminal went away")
        guard let end else {
            run.kill()
            return
        }
        #expect(end.status == 0 || end.status == 1, "exit status \(end.status)")
        #expect(end.cpuSeconds < 1.5, "it used \(end.cpuSeconds) s of CPU")
    }
}

/// `mayor` on a fresh pseudo-terminal, 160x48, the bundled data.
final class PtyRun {
    let pid: pid_t
    private var master: Int32
    let stderrPath: String
    private(set) var output: [UInt8] = []
    private var reaped = false

    init(controllingTerminal: Bool) throws {
        master = Pty.openpt(O_RDWR | O_NOCTTY)
        guard master >= 0, Pty.grantpt(master) == 0, Pty.unlockpt(master) == 0, let name = Pty.ptsname(master) else {
            throw E2EError("no pseudo-terminal: errno \(errno)")
        }
        let slave = String(cString: name)
        stderrPath = NSTemporaryDirectory() + "mayor-pty-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // Opened after setsid (when asked): the first tty a session leader opens
        // becomes its controlling terminal.
        posix_spawn_file_actions_addopen(&actions, 0, slave, controllingTerminal ? O_RDWR : O_RDWR | O_NOCTTY, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addclose(&actions, master)
        var attributes = cleanSpawnAttributes(flags: controllingTerminal ? 0x80 : 0)  // 0x80: POSIX_SPAWN_SETSID (glibc)
        defer { posix_spawnattr_destroy(&attributes) }

        // stty sets the window size on the pty (stdin), then the shell becomes mayor.
        let command =
            "stty rows 48 cols 160 && exec \(shellQuote(TmuxSession.binary)) --data \(shellQuote(repoRoot + "/Data")) --screens \(shellQuote(repoRoot + "/Screens"))"
        let arguments: [String] = ["/bin/sh", "-c", command]
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let environment: [String] = ["LANG=C.UTF-8", "TERM=xterm-256color", "PATH=/usr/bin:/bin", "HOME=/tmp"]
        let env = environment.map { strdup($0) } + [nil]
        defer { env.forEach { free($0) } }
        var child: pid_t = 0
        let rc = posix_spawn(&child, "/bin/sh", &actions, &attributes, argv, env)
        guard rc == 0 else {
            close(master)
            throw E2EError("cannot start mayor: error \(rc)")
        }
        pid = child
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
    }

    deinit {
        if !reaped { kill() }
        if master >= 0 { close(master) }
        unlink(stderrPath)
    }

    var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    /// Reads what mayor draws (keeping the pty from filling up) until the wall's
    /// figures have arrived and it has gone quiet.
    func waitForFirstFrame(timeout: Double = 20) throws {
        let deadline = Date().addingTimeInterval(timeout)
        var quietSince = Date()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while Date() < deadline {
            let n = read(master, &buffer, buffer.count)
            if n > 0 {
                output.append(contentsOf: buffer[0..<n])
                quietSince = Date()
            } else {
                if output.count > 4_000, Date().timeIntervalSince(quietSince) > 0.5,
                    String(decoding: output, as: UTF8.self).contains("31,245")
                {
                    return
                }
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
        throw E2EError("no first frame within \(timeout) s (\(output.count) bytes; stderr: \(stderr))")
    }

    /// What sshd does when the connection drops.
    func closeMaster() {
        close(master)
        master = -1
    }

    /// The exit status and CPU time of mayor once it has exited, or nil.
    func waitForExit(within seconds: Double) -> (status: Int32, cpuSeconds: Double)? {
        let deadline = Date().addingTimeInterval(seconds)
        repeat {
            var status: Int32 = 0
            var usage = rusage()
            let r = wait4(pid, &status, WNOHANG, &usage)
            if r == pid {
                reaped = true
                let cpu =
                    Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
                    + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
                let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
                return (code, cpu)
            }
            Thread.sleep(forTimeInterval: 0.05)
        } while Date() < deadline
        return nil
    }

    func kill() {
        _ = killProcess(pid, SIGKILL)
        var status: Int32 = 0
        _ = waitpid(pid, &status, 0)
        reaped = true
    }
}

/// glibc's pty functions, which the Glibc module does not import (they need
/// _XOPEN_SOURCE): looked up at run time.
enum Pty {
    private static func symbol<T>(_ name: String, as: T.Type) -> T {
        guard let pointer = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { fatalError("no \(name) in libc") }
        return unsafeBitCast(pointer, to: T.self)
    }
    static func openpt(_ flags: Int32) -> Int32 {
        symbol("posix_openpt", as: (@convention(c) (Int32) -> Int32).self)(flags)
    }
    static func grantpt(_ fd: Int32) -> Int32 {
        symbol("grantpt", as: (@convention(c) (Int32) -> Int32).self)(fd)
    }
    static func unlockpt(_ fd: Int32) -> Int32 {
        symbol("unlockpt", as: (@convention(c) (Int32) -> Int32).self)(fd)
    }
    static func ptsname(_ fd: Int32) -> UnsafeMutablePointer<CChar>? {
        symbol("ptsname", as: (@convention(c) (Int32) -> UnsafeMutablePointer<CChar>?).self)(fd)
    }
}

/// The platform's `kill(2)` (Glibc or Darwin, through Foundation), named apart from `PtyRun.kill`.
private func killProcess(_ pid: pid_t, _ signal: Int32) -> Int32 {
    kill(pid, signal)
}
