import Foundation
import MayorCore
import Testing

/// End-to-end: the real binary in tmux at 160×48 with LANG=C.UTF-8, on a
/// copy of Data and Screens. Serialized: each test owns a private tmux server.
@Suite(.serialized, .enabled(if: TmuxSession.tmuxAvailable, "tmux is not installed"))
struct LiveDashboardTests {
    @Test func wallHelpZoomAndQuit() throws {
        let t = try TmuxSession()
        try t.start([])
        let wall = t.waitFor("wall") { $0.contains("55.7") && $0.contains("31,245") }
        #expect(wall.ok, "the wall did not show 55.7 and 31,245:\n\(wall.screen)")
        t.send("?")
        let help = t.waitFor("help") { $0.contains("Help — Esc") && $0.contains("quit") }
        #expect(help.ok, "no help overlay that mentions quit:\n\(help.screen)")
        t.send("Escape")
        #expect(t.waitFor("help closed") { !$0.contains("Help — Esc") }.ok)
        t.send("5")
        t.send("Enter")
        let zoomed = t.waitFor("pledges zoomed") { $0.contains("55.7") && !$0.contains("31,245") }
        #expect(zoomed.ok, "5 Enter did not zoom the pledges pane:\n\(zoomed.screen)")
        t.send("q")
        #expect(t.exitStatus() == 0)
    }

    @Test func liveReloadAndBrokenFileKeepsLastGoodFigures() throws {
        let t = try TmuxSession()
        try t.start(["--refresh", "2"])
        #expect(t.waitFor(text: "55.7").ok)
        let path = t.workDir + "/Data/pledges.json"
        let original = try String(contentsOfFile: path, encoding: .utf8)
        try atomicWrite(path, original.replacingOccurrences(of: "\"actual\": 41.6", with: "\"actual\": 91.6"))
        let reloaded = t.waitFor(text: "70.7", timeout: 8)
        #expect(reloaded.ok, "70.7 did not appear within 8 s:\n\(reloaded.screen)")
        // Half-written file: the figures stay, the screen names the file.
        try String(original.prefix(600)).write(toFile: path, atomically: false, encoding: .utf8)
        let broken = t.waitFor("error shown", timeout: 8) { $0.contains("pledges.json") && $0.contains("70.7") }
        #expect(broken.ok, "broken pledges.json not reported with last good figures:\n\(broken.screen)")
        t.send("q")
        #expect(t.exitStatus() == 0)
    }

    @Test func tinyTerminalShowsANoticeAndRecovers() throws {
        let t = try TmuxSession()
        try t.start([], width: 24, height: 6)
        let small = t.waitFor("notice") { $0.contains("too small") || $0.contains("need") }
        #expect(small.ok, "no notice in a 24x6 terminal:\n\(small.screen)")
        t.resize(160, 48)
        let wall = t.waitFor(text: "55.7")
        #expect(wall.ok, "the wall did not come back at 160x48:\n\(wall.screen)")
        t.send("q")
        #expect(t.exitStatus() == 0)
    }

    @Test func noColorSendsNoColourCodes() throws {
        let t = try TmuxSession()
        let log = t.workDir + "/bytes"
        try t.start([], environment: ["NO_COLOR": "1"])
        t.recordOutput(to: log)
        t.send("]")  // the next screen: a whole new frame while recording
        #expect(t.waitFor(text: "City digital services").ok)
        Thread.sleep(forTimeInterval: 1.5)
        t.send("q")
        #expect(t.exitStatus() == 0)
        let bytes = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        #expect(bytes.count > 100, "nothing recorded")
        let colour = bytes.range(of: "\u{1B}\\[[0-9;]*(3[0-9]|4[0-9]|38;5;|48;5;)[0-9;]*m", options: .regularExpression)
        #expect(colour == nil, "a colour code was sent with NO_COLOR=1")
    }

    @Test func sigtermRestoresTheTerminal() throws {
        let t = try TmuxSession()
        try t.start([])
        #expect(t.waitFor(text: "55.7").ok)
        let pid = try #require(t.mayorPID())
        kill(pid, SIGTERM)
        #expect(t.exitStatus() == 0)
        let after = t.waitFor("shell screen back") { !$0.contains("55.7") }
        #expect(after.ok, "the dashboard stayed on screen after SIGTERM:\n\(after.screen)")
    }

    /// tmux-256color has auto-margin but no way to turn it off: ncurses draws
    /// the bottom-right cell by stepping back and inserting, which after a wide
    /// glyph ("종료") inserted into the glyph's middle and made the row 161
    /// cells. The last row must be exactly the terminal's width and show what
    /// `mayor render` shows (the live rotation status aside).
    @Test(arguments: [(120, 40), (160, 48)])
    func bottomRowIsExactWithoutAutoMarginControl(_ width: Int, _ height: Int) throws {
        let t = try TmuxSession()
        try t.start(["--lang", "ko"], width: width, height: height, environment: ["TERM": "tmux-256color"])
        let wall = t.waitFor("wall") { $0.contains("31,245") && $0.contains("q 종료") }
        #expect(wall.ok, "no wall:\n\(wall.screen)")
        Thread.sleep(forTimeInterval: 1.2)  // a clock tick redraws part of the screen
        let rows = t.screenExact()
        #expect(rows.count == height)
        let last = try #require(rows.last)
        // tmux keeps a row's cells up to the last one written: the last two
        // (left blank) may be missing, but never a cell more than the width.
        #expect(DisplayWidth.of(last) <= width && DisplayWidth.of(last) >= width - 2, "last row is \(DisplayWidth.of(last)) cells wide at \(width): \(last)")
        let rendered = try t.mayor(["render", "--screen", "wall", "--lang", "ko", "--size", "\(width)x\(height)", "--format", "text"])
        #expect(rendered.status == 0)
        let renderedLast = try #require(rendered.output.split(separator: "\n", omittingEmptySubsequences: false).dropLast().last.map(String.init))
        let keys = "1-5 창"
        let live = try #require(last.range(of: keys).map { String(last[$0.lowerBound...]) })
        let expected = try #require(renderedLast.range(of: keys).map { String(renderedLast[$0.lowerBound...]) })
        var trimmed = live
        while trimmed.hasSuffix(" ") { trimmed.removeLast() }
        #expect(trimmed == expected, "live:   \(live)\nrender: \(expected)")
        // Every other row is exactly the width.
        for (i, row) in rows.dropLast().enumerated() {
            #expect(DisplayWidth.of(row) == width, "row \(i) is \(DisplayWidth.of(row)) cells wide")
        }
        t.send("q")
        #expect(t.exitStatus() == 0)
    }

    /// vt100 and xterm-mono cannot hide the cursor: it must rest in one quiet
    /// cell (the bottom-right one, never drawn), not next to the ticking clock.
    @Test(arguments: ["vt100", "xterm-mono"])
    func aCursorThatCannotBeHiddenIsParked(_ term: String) throws {
        let t = try TmuxSession()
        try t.start([], width: 120, height: 40, environment: ["TERM": term])
        #expect(t.waitFor(text: "31,245").ok)
        var places: Set<String> = []
        for _ in 0..<4 {
            Thread.sleep(forTimeInterval: 0.7)  // across clock ticks
            places.insert(t.paneFormat("cursor_x") + "," + t.paneFormat("cursor_y"))
        }
        #expect(places == ["119,39"], "\(term): the cursor was at \(places.sorted())")
        t.send("q")
        #expect(t.exitStatus() == 0)
        #expect(t.paneFormat("cursor_flag") == "1", "\(term): cursor not shown after exit")
    }

    /// vt100, vt220 and the Linux console have no alternate screen: the last
    /// frame must not stay on screen after `q`.
    @Test(arguments: ["vt100", "vt220", "linux"])
    func withoutAnAlternateScreenTheFrameIsClearedOnExit(_ term: String) throws {
        let t = try TmuxSession()
        try t.start([], width: 120, height: 40, environment: ["TERM": term])
        #expect(t.waitFor(text: "31,245").ok)
        t.send("q")
        #expect(t.exitStatus() == 0)
        let after = t.screen()
        #expect(!after.contains("31,245") && !after.contains("Seoul"), "\(term): the last frame stayed:\n\(after)")
        #expect(t.modesNotRestored.isEmpty, "\(term): \(t.modesNotRestored)")
    }

    /// A SIGWINCH that does not change the size (a window manager re-sending
    /// it, a tmux client attaching) redraws nothing: no clear, no 19 KB frame.
    @Test func aSigwinchWithoutASizeChangeSendsNoFrame() throws {
        let t = try TmuxSession()
        let log = t.workDir + "/bytes"
        try t.start([])
        #expect(t.waitFor(text: "31,245").ok)
        Thread.sleep(forTimeInterval: 0.5)
        t.recordOutput(to: log)
        Thread.sleep(forTimeInterval: 0.3)
        let pid = try #require(t.mayorPID())
        for _ in 0..<3 {
            kill(pid, SIGWINCH)
            Thread.sleep(forTimeInterval: 0.4)
        }
        Thread.sleep(forTimeInterval: 0.5)
        let bytes = t.stopRecording(log)
        // At most the clock's few ticks in these 1.7 s; a full frame is ~19 KB.
        #expect(bytes < 1_000, "\(bytes) bytes after 3 SIGWINCH without a size change")
        #expect(t.screen().contains("31,245"))
        // A real resize still redraws the whole frame.
        let resizeLog = t.workDir + "/bytes-resize"
        t.recordOutput(to: resizeLog)
        Thread.sleep(forTimeInterval: 0.3)
        t.resize(120, 40)
        #expect(t.waitFor(text: "31,245").ok)
        Thread.sleep(forTimeInterval: 0.5)
        let after = t.stopRecording(resizeLog)
        #expect(after > 5_000, "a real resize sent only \(after) bytes")
        t.send("q")
        #expect(t.exitStatus() == 0)
    }

    /// Idle, the clock's one-digit change each second costs a few bytes, not
    /// ~40 of attribute set and reset (issue 11 item 5: ≤ 600 bytes per 30 s),
    /// and the clock still shows the right time, second by second; a frame
    /// drawn after that (the help overlay and back) is whole.
    @Test func idleClockTicksCostFewBytesAndStayRight() throws {
        let t = try TmuxSession()
        let log = t.workDir + "/bytes"
        // In colour, as a wall runs (the test runner may have NO_COLOR set).
        try t.start([], environment: ["NO_COLOR": ""])
        #expect(t.waitFor(text: "31,245").ok)
        Thread.sleep(forTimeInterval: 1.5)
        let before = t.screenExact()
        t.recordOutput(to: log)
        Thread.sleep(forTimeInterval: 10)
        let bytes = t.stopRecording(log)
        #expect(bytes <= 200, "\(bytes) bytes in 10 s of idle")
        #expect(bytes >= 10, "\(bytes) bytes in 10 s: nothing recorded, or the clock stopped")
        // The clock reads the time now (KST), to the second or two.
        let header = t.screenExact().first ?? ""
        let kst = DateFormatter()
        kst.dateFormat = "HH:mm:ss"
        kst.timeZone = TimeZone(identifier: "Asia/Seoul")
        let shown = try #require(header.range(of: "[0-9]{2}:[0-9]{2}:[0-9]{2} KST", options: .regularExpression).map { String(header[$0].prefix(8)) })
        let candidates = (-2...1).map { kst.string(from: Date().addingTimeInterval(Double($0))) }
        #expect(candidates.contains(shown), "clock shows \(shown), now is \(candidates)")
        // Only the clock changed on the header row; every other row is as before.
        let after = t.screenExact()
        func masked(_ row: String) -> String { row.replacingOccurrences(of: "[0-9]{2}:[0-9]{2}:[0-9]{2}", with: "##:##:##", options: .regularExpression) }
        #expect(after.map(masked) == before.map(masked))
        // (The bottom row says the rotation is paused once a key was pressed.)
        // A whole frame after the ticks: help over the wall, then the wall again.
        t.send("?")
        #expect(t.waitFor(text: "Help — Esc").ok)
        t.send("Escape")
        let back = t.waitFor("help closed") { !$0.contains("Help — Esc") }
        #expect(back.ok)
        Thread.sleep(forTimeInterval: 0.3)
        #expect(t.screenExact().dropLast().map(masked) == before.dropLast().map(masked), "the wall after the help overlay differs from before")
        t.send("q")
        #expect(t.exitStatus() == 0)
    }

    @Test func dumbTerminalExitsWithAMessage() throws {
        let t = try TmuxSession()
        try t.start([], environment: ["TERM": "dumb"])
        #expect(t.exitStatus() == 1)
        #expect(t.stderr.contains("TERM"), "stderr: \(t.stderr)")
    }

    @Test func wallRotatesOnItsOwn() throws {
        let t = try TmuxSession()
        // A two-screen playlist with a short interval.
        try "kind: playlist\nscreens: [wall, districts]\ninterval: 2\nresumeAfter: 60\n"
            .write(toFile: t.workDir + "/Screens/playlist.yaml", atomically: true, encoding: .utf8)
        for name in ["wall", "districts"] {
            let path = t.workDir + "/Screens/\(name).yaml"
            let text = try String(contentsOfFile: path, encoding: .utf8)
            try text.replacingOccurrences(of: "rotate: 60", with: "rotate: 2").replacingOccurrences(of: "rotate: 30", with: "rotate: 2")
                .write(toFile: path, atomically: true, encoding: .utf8)
        }
        try t.start([])
        #expect(t.waitFor(text: "Seoul Digital Mayor's Office").ok)
        let next = t.waitFor(text: "Districts", timeout: 8)
        #expect(next.ok, "rotation did not reach the districts screen:\n\(next.screen)")
        t.send("q")
        #expect(t.exitStatus() == 0)
    }

    @Test func briefingStepsAndCaptions() throws {
        let t = try TmuxSession()
        try t.start(["demo"])
        let first = t.waitFor(text: "step 1 of")
        #expect(first.ok, "no step counter:\n\(first.screen)")
        #expect(first.screen.contains("Seoul's digital mayor's office"))
        t.send("Space")
        let second = t.waitFor(text: "step 2 of")
        #expect(second.ok && second.screen.contains("31,245 public Wi-Fi"), "\(second.screen)")
        t.send("Left")
        #expect(t.waitFor(text: "step 1 of").ok)
        t.send("q")
        #expect(t.exitStatus() == 0)
    }
}
