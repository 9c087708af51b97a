import Foundation
import Testing

/// Rows of the README's bad-input table that only the real binary in a real
/// terminal can show: an unreadable file, a locale that is not UTF-8.
@Suite(.serialized, .enabled(if: TmuxSession.tmuxAvailable, "tmux is not installed"))
struct BadInputEndToEndTests {
    /// Runs as an unprivileged user when the tests run as root (root reads any
    /// file, so a file without read permission would read fine).
    static var asUser: String {
        getuid() == 0 ? "setpriv --reuid=65534 --regid=65534 --clear-groups " : ""
    }

    /// The built binary as the unprivileged user can reach it: the checkout
    /// may sit in a folder only root can enter (CI clones wherever it likes),
    /// so as root a copy goes into the test's own folder under /tmp, and that
    /// folder is made enterable.
    static func binaryTheUserCanRun(in workDir: String) throws -> String {
        guard getuid() == 0 else { return TmuxSession.binary }
        let copy = workDir + "/mayor-bin"
        try copyExecutable(TmuxSession.binary, to: copy)
        try #require(chmod(workDir, 0o755) == 0)
        return copy
    }

    /// A file the wall may not read: its pane says `permission denied` under
    /// the last good figures; `mayor check` names the file, status 1.
    @Test func anUnreadableFileSaysPermissionDenied() throws {
        let t = try TmuxSession()
        let wifi = t.workDir + "/Data/wifi.json"
        let binary = try Self.binaryTheUserCanRun(in: t.workDir)
        let command =
            "cd \(shellQuote(t.workDir)) && export LANG=C.UTF-8 TERM=xterm-256color; \(Self.asUser)\(shellQuote(binary)) --refresh 1 --lang en; sleep 600"
        let started = try TmuxSession.run(
            ["tmux", "-L", t.socket, "-f", "/dev/null", "new-session", "-d", "-s", t.name, "-x", "160", "-y", "48", command], capture: false)
        try #require(started.status == 0)
        _ = try TmuxSession.run(["tmux", "-L", t.socket, "set-option", "-g", "status", "off"])
        #expect(t.waitFor(text: "31,245").ok, "the wall did not start:\n\(t.screen())")
        #expect(chmod(wifi, 0) == 0)
        let seen = t.waitFor("permission denied", timeout: 8) { $0.contains("⚠ wifi.json: cannot be read: permission denied") }
        #expect(seen.ok, "the unreadable file is not named:\n\(seen.screen)")
        #expect(seen.screen.contains("31,245"), "the last good figures went:\n\(seen.screen)")
        t.send("q")

        let check = try TmuxSession.run(["sh", "-c", "cd \(shellQuote(t.workDir)) && \(Self.asUser)\(shellQuote(binary)) check 2>&1"])
        #expect(check.status == 1)
        #expect(check.output.contains("Data/wifi.json: cannot be read: permission denied"), "\(check.output)")
    }

    /// LANG=C (no UTF-8 locale, as over SSH from a machine without one): the
    /// wall still draws Korean text and box lines, through C.UTF-8.
    @Test func aLocaleThatIsNotUTF8StillDrawsKorean() throws {
        let t = try TmuxSession()
        try t.start(["--lang", "ko"], environment: ["LANG": "C", "LC_ALL": "", "LC_CTYPE": ""])
        let wall = t.waitFor("Korean text") { $0.contains("공공와이파이") && $0.contains("31,245") }
        #expect(wall.ok, "Korean text not drawn under LANG=C:\n\(wall.screen)")
        #expect(wall.screen.contains("┌─ 공공와이파이"), "\(wall.screen)")
        t.send("q")
        #expect(t.exitStatus() == 0)
    }
}
