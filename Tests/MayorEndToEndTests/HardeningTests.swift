import Foundation
import Testing

/// Hostile and failing inputs against the real binary.
@Suite(.serialized, .enabled(if: TmuxSession.tmuxAvailable, "tmux is not installed"))
struct HardeningTests {
    /// Gwanak's name carrying a clear-screen sequence and an OSC window-title sequence.
    static func hostilePledges(_ original: String) -> String {
        original.replacingOccurrences(of: "\"name\": \"관악구\"",
                                      with: "\"name\": \"관악구\\u001b[2J\\u001b]0;PWNED\\u0007\\u001b]2;PWNED\\u001b\\\\\"")
    }

    @Test func escapeSequencesInDataNeverReachTheTerminal() throws {
        let t = try TmuxSession()
        let path = t.workDir + "/Data/pledges.json"
        try Self.hostilePledges(try String(contentsOfFile: path, encoding: .utf8)).write(toFile: path, atomically: true, encoding: .utf8)

        // mayor render --format text: no control bytes at all.
        let rendered = try TmuxSession.run(["sh", "-c", "cd \(shellQuote(t.workDir)) && \(shellQuote(TmuxSession.binary)) render --screen wall --size 160x48 --format text"])
        #expect(rendered.status == 0)
        #expect(!rendered.output.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || $0.value == 0x7F || (0x80..<0xA0).contains($0.value) })
        #expect(rendered.output.contains("관악구␛[2J"))

        // Live: the screen is not cleared and the window title is not changed.
        try t.start([])
        let wall = t.waitFor("wall") { $0.contains("31,245") && $0.contains("관악구␛") }
        #expect(wall.ok, "the neutralised name did not show:\n\(wall.screen)")
        Thread.sleep(forTimeInterval: 1.5)
        let after = t.screen()
        #expect(after.contains("31,245"), "the screen was cleared:\n\(after)")
        let title = try TmuxSession.run(["tmux", "-L", t.socket, "display-message", "-p", "-t", t.name, "#{pane_title}"]).output
        #expect(!title.contains("PWNED"), "window title changed to \(title)")
        t.send("q")
        #expect(t.exitStatus() == 0)
    }

    @Test func missingDataFolderAtStartIsShownAndTheDashboardRuns() throws {
        let t = try TmuxSession()
        try t.start(["--data", "NoSuchFolder"])
        let screen = t.waitFor("folder problem") { $0.contains("NoSuchFolder") }
        #expect(screen.ok, "no message naming the missing folder:\n\(screen.screen)")
        t.send("?")
        #expect(t.waitFor(text: "quit").ok)
        t.send("q")
        #expect(t.exitStatus() == 0)
    }

    @Test func deletedAndDirectoryReplacedFilesOnlyAffectTheirPanes() throws {
        let t = try TmuxSession()
        try t.start(["--refresh", "1"])
        #expect(t.waitFor(text: "55.7").ok)
        let data = t.workDir + "/Data"
        try FileManager.default.removeItem(atPath: data + "/wifi.json")
        try FileManager.default.removeItem(atPath: data + "/cctv.json")
        try FileManager.default.createDirectory(atPath: data + "/cctv.json", withIntermediateDirectories: false)
        let seen = t.waitFor("errors named", timeout: 8) { $0.contains("⚠ wifi.json: file is missing") && $0.contains("⚠ cctv.json: is a directory") }
        #expect(seen.ok, "missing / directory files not named:\n\(seen.screen)")
        // Last good figures stay; the other panes go on.
        #expect(seen.screen.contains("31,245") && seen.screen.contains("113,273") && seen.screen.contains("55.7"))
        t.send("q")
        #expect(t.exitStatus() == 0)
    }

    @Test func sighupAndCtrlCEndCleanly() throws {
        for signal in [SIGHUP, SIGINT] {
            let t = try TmuxSession()
            try t.start([])
            #expect(t.waitFor(text: "55.7").ok)
            if signal == SIGINT {
                t.send("C-c")
            } else {
                kill(try #require(t.mayorPID()), signal)
            }
            #expect(t.exitStatus() == 0, "signal \(signal)")
        }
    }

    @Test func ctrlZAndFgRedrawTheDashboard() throws {
        let t = try TmuxSession()
        // An interactive shell with job control, so Ctrl-Z and fg work as at a real terminal.
        try t.startShell()
        t.send("\(shellQuote(TmuxSession.binary))", "Enter")
        #expect(t.waitFor(text: "55.7").ok)
        t.send("C-z")
        let stopped = t.waitFor("stopped") { !$0.contains("55.7") }
        #expect(stopped.ok, "Ctrl-Z did not suspend:\n\(stopped.screen)")
        t.send("fg", "Enter")
        let back = t.waitFor("back") { $0.contains("55.7") && $0.contains("31,245") }
        #expect(back.ok, "fg did not redraw the dashboard:\n\(back.screen)")
        t.send("q")
        let gone = t.waitFor("exited") { !$0.contains("31,245") }
        #expect(gone.ok)
    }
}
