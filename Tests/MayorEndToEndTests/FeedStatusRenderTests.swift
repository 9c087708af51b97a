import Foundation
import MayorCore
import Testing

/// `mayor render` on a data folder whose `feeds-status.json` says a feed
/// failed (issue 13, must show: "set the status file's error; the wall
/// shows it"): the text is on the pane of the kind whose file the entry
/// names, neutralised, and the last good figures are still drawn.
@Suite struct FeedStatusRenderTests {
    let now = "2026-11-29T20:00:00+09:00"

    func mayor(_ arguments: [String], in directory: String) throws -> (status: Int32, output: String) {
        try TmuxSession.run([
            "sh", "-c", "cd \(shellQuote(directory)) && \(shellQuote(TmuxSession.binary)) \(arguments.map(shellQuote).joined(separator: " ")) 2>&1"
        ])
    }

    func copyOfRepoData() throws -> String {
        let dir = NSTemporaryDirectory() + "mayor-feeds-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: repoRoot + "/Data", toPath: dir + "/Data")
        try FileManager.default.copyItem(atPath: repoRoot + "/Screens", toPath: dir + "/Screens")
        return dir
    }

    /// The status file as `mayor fetch` writes it after a failed Wi-Fi run
    /// (`lastError` as given: JSON-escaped here).
    func failedWifi(error: String) -> String {
        """
        {
          "kind" : "feeds-status",
          "sources" : {
            "wifi" : {
              "file" : "wifi.json",
              "lastAttempt" : "2026-11-29T10:40:00Z",
              "lastError" : "\(error)",
              "lastErrorAt" : "2026-11-29T10:40:00Z",
              "lastErrorCode" : "ERROR-500",
              "lastSuccess" : "2026-11-29T09:00:00Z",
              "nextRun" : "2026-11-30T10:40:00Z",
              "state" : "error"
            }
          },
          "updatedAt" : "2026-11-29T10:40:00Z"
        }

        """
    }

    /// The text of `rect` in a rendered frame, by display columns.
    func text(_ frame: String, in rect: Rect) -> [String] {
        let rows = frame.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return (rect.y..<min(rows.count, rect.y + rect.height)).map { y in
            var column = 0
            var out = ""
            for character in rows[y] {
                let w = DisplayWidth.of(character)
                if column >= rect.x && column + w <= rect.x + rect.width { out.append(character) }
                column += w
            }
            return out
        }
    }

    /// Where each pane of the wall goes at 160x48.
    func wallPlacements(_ dir: String) throws -> [LayoutEngine.Placement] {
        let (set, _) = ScreenLoader.load(directory: dir + "/Screens")
        let wall = try #require(set.screens["wall"])
        return DashboardView(strings: Strings(.en), theme: .monochrome).placements(ViewState(screen: wall), width: 160, height: 48)
    }

    @Test func aFailedFeedIsSaidOnItsPaneInBothLanguages() throws {
        let dir = try copyOfRepoData()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try atomicWrite(dir + "/Data/feeds-status.json", failedWifi(error: "ERROR-500 server error"))
        let placements = try wallPlacements(dir)
        let wifi = try #require(placements.first { $0.pane.id == "wifi" })
        // The wall's panes are 53 columns wide: the error text gives way first.
        for (lang, said) in [
            ("en", "⚠ feed failed 19:40: ERROR-500 · showing 18:00 data"), ("ko", "⚠ 수집 실패 19:40: ERROR-500 · 18:00 자료 표시 중")
        ] {
            let result = try mayor(["render", "--screen", "wall", "--size", "160x48", "--now", now, "--lang", lang], in: dir)
            #expect(result.status == 0, "\(result.output)")
            #expect(text(result.output, in: wifi.rect).contains { $0.contains(said) }, "\(lang): \(result.output)")
            // The last good figures are still drawn; no other pane says it.
            #expect(text(result.output, in: wifi.rect).contains { $0.contains("31,245") })
            for other in placements where other.pane.id != "wifi" {
                #expect(!text(result.output, in: other.rect).contains { $0.contains(said.prefix(8)) }, "\(other.pane.id)")
            }
        }
        // One pane alone, wide enough for all of it.
        for (lang, said) in [
            ("en", "⚠ feed failed 19:40: ERROR-500 server error · showing 18:00 data"), ("ko", "⚠ 수집 실패 19:40: ERROR-500 server error · 18:00 자료 표시 중")
        ] {
            let pane = try mayor(["render", "--pane", "wifi", "--size", "80x24", "--now", now, "--lang", lang], in: dir)
            #expect(pane.output.contains(said), "\(pane.output)")
        }
    }

    @Test func theErrorTextReachesTheScreenNeutralised() throws {
        let dir = try copyOfRepoData()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // An escape sequence (clear screen), an OSC title, a bell and a bidi override in lastError.
        try atomicWrite(dir + "/Data/feeds-status.json", failedWifi(error: #"ERROR-500 \u001b[2J\u001b]0;owned\u0007 \u202eoops"#))
        let result = try mayor(["render", "--pane", "wifi", "--size", "100x24", "--now", now, "--lang", "en"], in: dir)
        #expect(result.status == 0)
        #expect(!result.output.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x202E }, "\(result.output.debugDescription)")
        #expect(result.output.contains("⚠ feed failed 19:40: ERROR-500 ␛[2J␛]0;owned␇"), "\(result.output)")
    }

    /// The live wall picks the status file up on its refreshes, as it does
    /// the snapshots: the line appears when the feed fails and goes when it
    /// is fine again, the figures staying throughout.
    @Test func theLiveWallShowsAFeedFailingAndRecovering() throws {
        let t = try TmuxSession()
        try t.start(["--refresh", "2", "--lang", "en"])
        #expect(t.waitFor(text: "31,245").ok)
        let path = t.workDir + "/Data/feeds-status.json"
        // Failed a minute ago (the wall runs on the real clock).
        let failed = Date().addingTimeInterval(-60)
        let iso = ISO8601DateFormatter().string(from: failed)
        try atomicWrite(path, failedWifi(error: "ERROR-500 server error").replacingOccurrences(of: "2026-11-29T10:40:00Z", with: iso))
        let shown = t.waitFor("the feed line", timeout: 10) { $0.contains("⚠ feed failed") && $0.contains("ERROR-500") && $0.contains("31,245") }
        #expect(shown.ok, "no feed line within 10 s:\n\(shown.screen)")
        try atomicWrite(
            path,
            "{\"kind\": \"feeds-status\", \"updatedAt\": \"\(iso)\", \"sources\": {\"wifi\": {\"file\": \"wifi.json\", \"state\": \"ok\", \"lastAttempt\": \"\(iso)\"}}}"
        )
        let gone = t.waitFor("the line gone", timeout: 10) { !$0.contains("feed failed") && $0.contains("31,245") }
        #expect(gone.ok, "the feed line stayed after the feed recovered:\n\(gone.screen)")
        t.send("q")
        #expect(t.exitStatus() == 0)
    }

    @Test func aBrokenStatusFileIsOneProblemAndTheFiguresStay() throws {
        let dir = try copyOfRepoData()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try atomicWrite(dir + "/Data/feeds-status.json", "{\n  \"kind\": \"feeds-status\",\n  \"sources\": {\"wifi\": {\"state\": \"broken\"")
        let result = try mayor(["render", "--screen", "wall", "--size", "160x48", "--now", now, "--lang", "en"], in: dir)
        #expect(result.status == 0)
        let header = result.output.split(separator: "\n").first.map(String.init) ?? ""
        #expect(header.contains("ERROR: feeds-status.json"), "\(header)")
        // On stderr: the file, the line and column, the problem.
        #expect(result.output.contains("Data/feeds-status.json:3:"), "\(result.output)")
        #expect(result.output.contains("31,245") && !result.output.contains("feed failed"))
    }
}
