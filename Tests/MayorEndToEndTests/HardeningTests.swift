import Foundation
import MayorCore
import Testing

/// Hostile and failing inputs against the real binary.
@Suite(.serialized, .enabled(if: TmuxSession.tmuxAvailable, "tmux is not installed"))
struct HardeningTests {
    /// Gwanak's name carrying a clear-screen sequence and an OSC window-title sequence.
    static func hostilePledges(_ original: String) -> String {
        original.replacingOccurrences(
            of: "\"name\": \"관악구\"",
            with: "\"name\": \"관악구\\u001b[2J\\u001b]0;PWNED\\u0007\\u001b]2;PWNED\\u001b\\\\\"")
    }

    @Test func escapeSequencesInDataNeverReachTheTerminal() throws {
        let t = try TmuxSession()
        let path = t.workDir + "/Data/pledges.json"
        try Self.hostilePledges(try String(contentsOfFile: path, encoding: .utf8)).write(toFile: path, atomically: true, encoding: .utf8)

        // mayor render --format text: no control bytes at all.
        let rendered = try TmuxSession.run([
            "sh", "-c", "cd \(shellQuote(t.workDir)) && \(shellQuote(TmuxSession.binary)) render --screen wall --size 160x48 --format text --lang ko"
        ])
        #expect(rendered.status == 0)
        #expect(!rendered.output.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || $0.value == 0x7F || (0x80..<0xA0).contains($0.value) })
        #expect(rendered.output.contains("관악구␛[2J"))

        // Live: the screen is not cleared and the window title is not changed.
        // (In Korean: the English UI shows the district's nameEn, not the hostile name.)
        try t.start(["--lang", "ko"])
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

    /// Joined emoji in data names (a ZWJ sequence, a flag, a skin tone): what
    /// the buffer assumes and what tmux draws agree, so every row keeps its
    /// width and every border stays in the column of a clean run.
    @Test func joinedEmojiKeepEveryBorderInItsColumn() throws {
        let coder = "👩\u{200D}💻"
        let clean = try TmuxSession()
        try clean.start(["--lang", "ko"])  // Korean names: the English UI shows nameEn
        #expect(clean.waitFor(text: "31,245").ok)
        let t = try TmuxSession()
        let pledges = t.workDir + "/Data/pledges.json"
        let cctv = t.workDir + "/Data/cctv.json"
        try (try String(contentsOfFile: pledges, encoding: .utf8))
            .replacingOccurrences(of: "\"name\": \"관악구\"", with: "\"name\": \"관악구\(coder)\"")
            .replacingOccurrences(of: "\"name\": \"금천구\"", with: "\"name\": \"금천구🇰🇷👍\u{1F3FD}\"")
            .write(toFile: pledges, atomically: true, encoding: .utf8)
        try (try String(contentsOfFile: cctv, encoding: .utf8))
            .replacingOccurrences(of: "\"name\": \"종로구\"", with: "\"name\": \"종로구\(coder)\"")
            .replacingOccurrences(of: "\"nameEn\": \"Jongno-gu\"", with: "\"nameEn\": \"Jongno\(coder)-gu\"")
            .write(toFile: cctv, atomically: true, encoding: .utf8)
        try t.start(["--lang", "ko"])
        let shown = t.waitFor("emoji names") { $0.contains("31,245") && $0.contains("관악구👩") && $0.contains("금천구🇰") }
        #expect(shown.ok, "the name with the emoji did not show:\n\(shown.screen)")
        Thread.sleep(forTimeInterval: 0.5)
        let rows = t.screenExact()
        let cleanRows = clean.screenExact()
        #expect(rows.count == 48 && cleanRows.count == 48)
        // Columns as tmux counts them: scalar by scalar, as wcwidth does (a
        // lone regional indicator is one column there).
        func borders(_ row: String) -> (width: Int, columns: [Int]) {
            var col = 0
            var found: [Int] = []
            for scalar in row.unicodeScalars {
                if (0x2500...0x257F).contains(scalar.value) { found.append(col) }
                col += (0x1F1E6...0x1F1FF).contains(scalar.value) ? 1 : DisplayWidth.of(scalar)
            }
            return (col, found)
        }
        for (i, (row, cleanRow)) in zip(rows, cleanRows).enumerated() {
            let (width, columns) = borders(row)
            let (cleanWidth, cleanColumns) = borders(cleanRow)
            #expect(width == cleanWidth && width <= 160, "row \(i) is \(width) columns, \(cleanWidth) in a clean run: \(row)")
            #expect(columns == cleanColumns, "row \(i): borders moved:\n\(row)\n\(cleanRow)")
            #expect(!row.unicodeScalars.contains { $0.value == 0x200D }, "row \(i) holds a joiner: \(row)")
        }
        t.send("q")
        #expect(t.exitStatus() == 0)
        clean.send("q")
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

    /// Every way a wall is asked to stop ends with status 0, the terminal
    /// restored and, for a signal, a line naming it; `q` says nothing.
    /// (A lost terminal: `TerminalLossTests`, status 1.)
    @Test(arguments: ["q", "C-c", "SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT"])
    func eachStopEndsWithStatusZeroAndSaysWhy(_ cause: String) throws {
        let t = try TmuxSession()
        try t.start([])
        #expect(t.waitFor(text: "55.7").ok)
        let signals: [String: Int32] = ["SIGINT": SIGINT, "SIGTERM": SIGTERM, "SIGHUP": SIGHUP, "SIGQUIT": SIGQUIT]
        if let signal = signals[cause] {
            kill(try #require(t.mayorPID()), signal)
        } else {
            t.send(cause)
        }
        #expect(t.exitStatus() == 0, "\(cause): exit status \(String(describing: t.exitStatus(within: 0)))")
        let expected = cause == "q" ? nil : cause == "C-c" ? "SIGINT" : cause
        if let expected {
            #expect(t.stderr == "mayor: stopped by \(expected)\n", "\(cause): stderr \(t.stderr)")
        } else {
            #expect(t.stderr.isEmpty, "q: stderr \(t.stderr)")
        }
        #expect(t.modesNotRestored.isEmpty, "\(cause): not restored: \(t.modesNotRestored)\n\(t.sttyAfterExit)")
        #expect(t.paneFormat("alternate_on") == "0", "\(cause): still in the alternate screen")
    }

    /// Ctrl-S is an ordinary key while the wall runs (no XOFF freezing its
    /// output), so `q` still quits; flow control is back on afterwards.
    @Test func ctrlSDoesNotFreezeTheWall() throws {
        let t = try TmuxSession()
        try t.start([])
        #expect(t.waitFor(text: "55.7").ok)
        t.send("C-s")
        Thread.sleep(forTimeInterval: 1.2)  // a clock tick or two is drawn meanwhile
        t.send("q")
        let status = t.exitStatus(within: 5)
        if status == nil { t.send("C-q") }  // let a frozen wall go, so the server can be killed
        #expect(status == 0, "q after Ctrl-S did not quit within 5 s")
        #expect(t.modesNotRestored.isEmpty, "not restored: \(t.modesNotRestored)\n\(t.sttyAfterExit)")
    }

    /// Ctrl-\ (the terminal's quit key) is a stray key: ignored, the wall goes
    /// on, and `q` ends it normally with the terminal restored.
    @Test func ctrlBackslashIsIgnored() throws {
        let t = try TmuxSession()
        try t.start([])
        #expect(t.waitFor(text: "55.7").ok)
        t.send("C-\\")
        Thread.sleep(forTimeInterval: 1)
        #expect(t.exitStatus(within: 0) == nil, "Ctrl-\\ ended the wall with status \(String(describing: t.exitStatus(within: 0)))")
        #expect(t.screen().contains("55.7"))
        t.send("q")
        #expect(t.exitStatus() == 0)
        #expect(t.stderr.isEmpty, "stderr \(t.stderr)")
        #expect(t.modesNotRestored.isEmpty, "not restored: \(t.modesNotRestored)\n\(t.sttyAfterExit)")
    }

    /// A crash (here a Swift trap, SIGILL, made on purpose through the live
    /// command's test hook) still gives the shell its terminal back: modes
    /// restored, alternate screen left, cursor shown; the status still says
    /// which signal ended it.
    @Test(arguments: [("trap", 128 + SIGILL), ("segv", 128 + SIGSEGV), ("abort", 128 + SIGABRT)])
    func aCrashRestoresTheTerminal(_ kind: String, _ status: Int32) throws {
        let t = try TmuxSession()
        try t.start([], environment: ["MAYOR_TEST_CRASH": kind])
        let code = t.exitStatus(within: 15)
        #expect(code == Int(status), "\(kind): exit status \(String(describing: code))")
        #expect(t.modesNotRestored.isEmpty, "\(kind): not restored: \(t.modesNotRestored)\n\(t.sttyAfterExit)")
        #expect(t.paneFormat("alternate_on") == "0", "\(kind): still in the alternate screen")
        #expect(t.paneFormat("cursor_flag") == "1", "\(kind): cursor still hidden")
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
