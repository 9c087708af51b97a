import FoundationEssentials
import Testing

@testable import MayorCore

#if canImport(Glibc)
    import Glibc
#endif

/// The wall and `feeds-status.json` (issue 13): read strictly and bounded,
/// mapped to the kinds by file name, and a failed feed said on its pane's
/// problem line, the text neutralised and fitted by display width.
@Suite struct FeedStatusWallTests {
    /// 2026-11-29 19:40 in Seoul.
    let failedAt = "2026-11-29T10:40:00Z"
    let now = CalendarDate.parseInstant("2026-11-29T20:00:00+09:00")!

    func status(_ sources: [String: FeedStatus.Entry]) -> Data {
        Data(FeedStatus(updatedAt: failedAt, sources: sources).encoded())
    }

    func failedEntry(file: String? = "wifi.json", error: String = "ERROR-500 서버 오류입니다.", code: String? = "ERROR-500") -> FeedStatus.Entry {
        FeedStatus.Entry(
            state: "error", file: file, lastAttempt: failedAt, lastSuccess: "2026-11-29T09:00:00Z", lastError: error, lastErrorCode: code,
            lastErrorAt: failedAt, nextRun: "2026-11-30T10:40:00Z")
    }

    /// wifi.json as `mayor fetch` writes it: with `fetch.fetchedAt`.
    func fetchedWifi(at fetchedAt: String) -> String {
        bundledText(
            .wifi, replacing: "\"schemaVersion\": 1,",
            with: "\"schemaVersion\": 1,\n  \"fetch\": {\"service\": \"TbPublicWifiInfo\", \"fetchedAt\": \"\(fetchedAt)\"},")
    }

    // MARK: parsing

    @Test func whatTheWriterWritesIsRead() throws {
        let written = FeedStatus(
            updatedAt: failedAt, sources: ["wifi": failedEntry(), "citydata": FeedStatus.Entry(state: "ok", file: "citydata.json", lastAttempt: failedAt)])
        let parsed = try FeedStatus.parse(Data(written.encoded()), file: "Data/feeds-status.json").get()
        #expect(parsed == written)
    }

    @Test func aBrokenFileIsOneProblemWithItsPlace() {
        func problem(_ text: String) -> Problem? {
            if case .failure(let list) = FeedStatus.parse(Data(text.utf8), file: "Data/feeds-status.json") {
                #expect(list.problems.count == 1)
                return list.problems.first
            }
            return nil
        }
        let good = String(decoding: status(["wifi": failedEntry()]), as: UTF8.self)
        // Cut in half: syntax, with line and column.
        let cut = problem(String(good.prefix(good.count / 2)))
        #expect(cut?.code == .syntax && cut?.line != nil && cut?.column != nil, "\(String(describing: cut))")
        // A state that is neither ok nor error: the value's place and the allowed values.
        let state = problem(good.replacingOccurrences(of: "\"state\" : \"error\"", with: "\"state\" : \"failing\""))
        #expect(state?.code == .invalid && state?.path == "sources.wifi.state" && state?.line != nil, "\(String(describing: state))")
        #expect(state?.message.contains("ok, error") == true)
        // A time that is not one.
        let time = problem(good.replacingOccurrences(of: "\"lastErrorAt\" : \"\(failedAt)\"", with: "\"lastErrorAt\" : \"yesterday\""))
        #expect(time?.code == .invalid && time?.path == "sources.wifi.lastErrorAt" && time?.line != nil, "\(String(describing: time))")
        // Another kind of file, a missing field, a wrong type.
        #expect(problem(good.replacingOccurrences(of: "\"kind\" : \"feeds-status\"", with: "\"kind\" : \"wifi\""))?.code == .wrongKind)
        #expect(problem(#"{"kind": "feeds-status", "updatedAt": "x"}"#)?.code == .missingField)
        #expect(problem(#"{"kind": "feeds-status", "updatedAt": "x", "sources": []}"#)?.code == .type)
        // Over the size limit: refused before it is parsed.
        let big = problem(#"{"kind": "feeds-status", "updatedAt": "x", "sources": {}, "pad": ""# + String(repeating: "x", count: FeedStatus.maxBytes) + "\"}")
        #expect(big?.code == .limit, "\(String(describing: big))")
    }

    @Test func entriesGoToTheKindWhoseFileTheyName() throws {
        let parsed = try FeedStatus.parse(
            status([
                "wifi": failedEntry(), "live": failedEntry(file: "citydata.json"), "other": failedEntry(file: "parking.json"),
                "nofile": failedEntry(file: nil)
            ]), file: "s"
        ).get()
        let all = parsed.reports(for: SnapshotKind.allCases)
        #expect(Set(all.keys) == [.wifi, SnapshotKind(rawValue: "citydata")!])
        // Only the kinds the wall shows.
        #expect(Set(parsed.reports(for: [.wifi, .traffic]).keys) == [.wifi])
    }

    // MARK: ordering

    @Test func anErrorOlderThanTheSnapshotHeldSaysNothing() throws {
        let report = FeedReport(failedEntry())
        let before = try parse(.wifi, fetchedWifi(at: "2026-11-29T09:00:00Z")).get()
        let after = try parse(.wifi, fetchedWifi(at: "2026-11-29T10:50:00Z")).get()
        let published = try parse(.wifi, String(decoding: readBundled(.wifi), as: UTF8.self)).get()
        #expect(FeedNotice.make(report, snapshot: before)?.showing == CalendarDate.parseInstant("2026-11-29T09:00:00Z"))
        #expect(FeedNotice.make(report, snapshot: after) == nil)
        // No fetchedAt in the file: the feed's last success says how old it is.
        #expect(FeedNotice.make(report, snapshot: published)?.showing == CalendarDate.parseInstant("2026-11-29T09:00:00Z"))
        #expect(FeedNotice.make(FeedReport(FeedStatus.Entry(state: "ok", file: "wifi.json", lastAttempt: failedAt)), snapshot: before) == nil)
        #expect(FeedNotice.make(nil, snapshot: before) == nil)
    }

    @Test func aFetchedAtThatIsNoTimeIsRefused() {
        let found = problems(.wifi, fetchedWifi(at: "soon"))
        #expect(found.contains { $0.path == "fetch.fetchedAt" && $0.line != nil }, "\(found)")
    }

    /// A traffic file from the feed takes the fast reader as before, and it
    /// reads `fetch.fetchedAt` as the general path does.
    @Test func theTrafficFastPathReadsFetchedAt() throws {
        let text = bundledText(
            .traffic, replacing: "\"schemaVersion\": 1,", with: "\"schemaVersion\": 1, \"fetch\": {\"fetchedAt\": \"2026-11-29T09:00:00Z\", \"rows\": 5},")
        let data = Data(text.utf8)
        let fast = try #require(TrafficKind.fastDecode(data, maxDepth: SnapshotParser.maxDepth))
        let general = try SnapshotParser.parse(.traffic, data: data, file: "traffic.json", now: testNow, fastPath: false).get()
        #expect(fast.envelope == general.envelope)
        #expect(fast.envelope.fetchedAtInstant == CalendarDate.parseInstant("2026-11-29T09:00:00Z"))
    }

    // MARK: the line

    @Test func theLineSaysWhenWhyAndHowOldInBothLanguages() {
        let notice = FeedNotice(report: FeedReport(failedEntry(error: "ERROR-500 server error")), showing: CalendarDate.parseInstant("2026-11-29T09:00:00Z"))
        #expect(notice.line(Strings(.en), now: now, width: 200) == "⚠ feed failed 19:40: ERROR-500 server error · showing 18:00 data")
        #expect(notice.line(Strings(.ko), now: now, width: 200) == "⚠ 수집 실패 19:40: ERROR-500 server error · 18:00 자료 표시 중")
        // Another day: the date too.
        let nextDay = now + 86400
        #expect(notice.line(Strings(.en), now: nextDay, width: 200) == "⚠ feed failed 11-29 19:40: ERROR-500 server error · showing 11-29 18:00 data")
        // No code, no known success.
        let bare = FeedNotice(report: FeedReport(failedEntry(error: "connection reset", code: nil)), showing: nil)
        #expect(bare.line(Strings(.en), now: now, width: 200) == "⚠ feed failed 19:40: connection reset")
    }

    @Test func hostileTextIsNeutralisedAndTheLineFitsWithNoFigureCut() {
        let hostile = "ERROR-500 \u{1B}[2J\u{1B}]0;owned\u{07}서버 오류입니다.\n(page 13 of 25) \u{202E}evil 1,234,567 rows"
        let notice = FeedNotice(
            report: FeedReport(failedEntry(error: hostile, code: "ERROR-500\u{1B}[31m")), showing: CalendarDate.parseInstant("2026-11-29T09:00:00Z"))
        for strings in [Strings(.en), Strings(.ko)] {
            let full = notice.line(strings, now: now, width: 1000)
            #expect(full.contains("서버 오류입니다."))
            // Words as written, without the colon or ellipsis after them.
            func words(_ text: String) -> [String] {
                text.split(separator: " ").map { String($0.reversed().drop { $0 == "…" || $0 == ":" }.reversed()) }
            }
            let fullTokens = Set(words(full))
            for width in 1...full.displayWidth {
                let line = notice.line(strings, now: now, width: width)
                #expect(line.displayWidth <= width, "\(width): \(line)")
                #expect(Sanitizer.isClean(line), "\(width): \(line.debugDescription)")
                #expect(!line.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || (0x80...0x9F).contains($0.value) })
                // Every figure on it is one of the full line's, whole.
                for token in words(line) where token.contains(where: \.isNumber) {
                    #expect(fullTokens.contains(token), "\(width): \(token) is cut in \(line)")
                }
                if width >= 20 { #expect(line.hasPrefix("⚠ " + strings.feedFailed(at: "19:40")), "\(width): \(line)") }
            }
        }
    }

    // MARK: the store and the pane

    func folder(wifi: String? = nil) -> String {
        let dir = makeTempDirectory()
        writeFile(dir + "/wifi.json", wifi ?? String(decoding: readBundled(.wifi), as: UTF8.self))
        return dir
    }

    func paneText(_ store: DataStore, width: Int = 70, height: Int = 24, language: Language = .en) -> String {
        var buffer = Buffer(width: width, height: height)
        let context = PaneContext(strings: Strings(language), theme: .monochrome, now: now)
        PaneRenderer.render(
            WifiPane(), state: store.state(.wifi), freshness: store.freshness(.wifi, now: now), feed: store.feedNotice(.wifi), context: context,
            in: buffer.area, buffer: &buffer)
        return TextBackend.plain(buffer)
    }

    @Test func theStoreReadsTheFileWhenItChangesAndThePaneSaysTheFailure() {
        let dir = folder(wifi: fetchedWifi(at: "2026-11-29T09:00:00Z"))
        defer { removeTree(dir) }
        let store = DataStore(directory: dir, kinds: [.wifi])
        store.refresh(now: now)
        // No status file: normal, nothing said.
        #expect(store.problems.isEmpty && store.feedNotice(.wifi) == nil)
        #expect(!paneText(store).contains("feed failed"))

        writeFile(dir + "/feeds-status.json", String(decoding: status(["wifi": failedEntry(error: "ERROR-500 server error")]), as: UTF8.self))
        let generation = store.generation
        #expect(store.refresh(now: now))
        #expect(store.generation == generation + 1 && store.problems.isEmpty)
        let text = paneText(store)
        #expect(text.contains("⚠ feed failed 19:40: ERROR-500 server error · showing 18:00 data"), "\(text)")
        #expect(text.contains("31,245"), "the last good figures are still drawn: \(text)")
        #expect(paneText(store, language: .ko).contains("⚠ 수집 실패 19:40: ERROR-500 server error · 18:00 자료 표시 중"))

        // Unchanged: nothing read, nothing changes, no new frame.
        #expect(!store.refresh(now: now + 30) && store.generation == generation + 1)
        // Rewritten by a later run that changed nothing shown (a new attempt, the
        // same error): read, but no new frame either.
        var later = failedEntry(error: "ERROR-500 server error")
        later.lastAttempt = "2026-11-29T10:45:00Z"
        later.nextRun = "2026-11-29T10:50:00Z"
        writeFile(dir + "/feeds-status.json", String(decoding: status(["wifi": later]), as: UTF8.self))
        #expect(!store.refresh(now: now + 40) && store.generation == generation + 1)

        // Broken: one problem naming the file and the place; the figures stay, the notice goes.
        writeFile(dir + "/feeds-status.json", "{\"kind\": \"feeds-status\",\n \"updatedAt\": 5}")
        #expect(store.refresh(now: now + 60))
        #expect(store.problems.count == 1, "\(store.problems)")
        let problem = store.problems.first
        #expect(problem?.file.hasSuffix("/feeds-status.json") == true && problem?.line == 2, "\(String(describing: problem))")
        #expect(store.state(.wifi).snapshot != nil && store.state(.wifi).problems.isEmpty && store.freshness(.wifi, now: now) != .missing)
        #expect(store.feedNotice(.wifi) == nil)

        // Fixed (ok), then gone: nothing said.
        writeFile(
            dir + "/feeds-status.json",
            String(decoding: status(["wifi": FeedStatus.Entry(state: "ok", file: "wifi.json", lastAttempt: failedAt)]), as: UTF8.self))
        #expect(store.refresh(now: now + 90))
        #expect(store.problems.isEmpty && store.feedNotice(.wifi) == nil)
        writeFile(dir + "/feeds-status.json", String(decoding: status(["wifi": failedEntry()]), as: UTF8.self))
        store.refresh(now: now + 120)
        #expect(store.feedNotice(.wifi) != nil)
        unlink(dir + "/feeds-status.json")
        #expect(store.refresh(now: now + 150))
        #expect(store.problems.isEmpty && store.feedNotice(.wifi) == nil)
    }

    /// `mayor check --data DIR` checks the status file too, when there is one.
    @Test func checkNamesABrokenStatusFileAndPassesAGoodOne() {
        let dir = folder()
        defer { removeTree(dir) }
        let screens = makeTempDirectory()
        defer { removeTree(screens) }
        writeFile(screens + "/wifi.yaml", "kind: screen\ntitle: Wi-Fi\nlayout:\n  pane: wifi\n")
        writeFile(dir + "/feeds-status.json", String(decoding: status(["wifi": failedEntry()]), as: UTF8.self))
        #expect(Checker.check(dataDirectory: dir, screensDirectory: screens, now: now).isEmpty)
        writeFile(
            dir + "/feeds-status.json",
            "{\"kind\": \"feeds-status\", \"updatedAt\": \"x\", \"sources\": {\"wifi\": {\"state\": \"broken\", \"lastAttempt\": \"x\"}}}")
        let found = Checker.check(dataDirectory: dir, screensDirectory: screens, now: now)
        #expect(found.count == 1 && found.first?.fileName == "feeds-status.json" && found.first?.line == 1, "\(found)")
    }

    @Test func theBackgroundLoaderReadsItToo() {
        let dir = folder()
        defer { removeTree(dir) }
        writeFile(dir + "/feeds-status.json", String(decoding: status(["wifi": failedEntry()]), as: UTF8.self))
        let store = DataStore(directory: dir, kinds: [.wifi])
        store.refreshInBackground(now: now, clock: { 0 })
        store.waitForLoads()
        #expect(store.feedNotice(.wifi) != nil && store.state(.wifi).snapshot != nil)
        #expect(!store.isLoading)
    }

    @Test func aNewerSnapshotIsNotContradictedByAnOlderError() {
        let dir = folder(wifi: fetchedWifi(at: "2026-11-29T10:50:00Z"))
        defer { removeTree(dir) }
        writeFile(dir + "/feeds-status.json", String(decoding: status(["wifi": failedEntry()]), as: UTF8.self))
        let store = DataStore(directory: dir, kinds: [.wifi])
        store.refresh(now: now)
        #expect(store.feedNotice(.wifi) == nil)
        #expect(!paneText(store).contains("feed failed"))
    }

    @Test func aRemoteStatusFileIsFetchedConditionallyAndAMissingOneIsNormal() {
        let fetcher = FakeFetcher()
        fetcher.publish("wifi.json", Data(fetchedWifi(at: "2026-11-29T09:00:00Z").utf8))
        let store = DataStore(directory: "http://127.0.0.1:9/data/", fetcher: fetcher, kinds: [.wifi])
        store.refresh(now: now)
        #expect(store.problems.isEmpty && store.feedNotice(.wifi) == nil, "\(store.problems)")
        fetcher.publish("feeds-status.json", status(["wifi": failedEntry()]))
        #expect(store.refresh(now: now + 30))
        #expect(store.feedNotice(.wifi)?.report.code?.value == "ERROR-500")
        // The next poll sends its ETag back and gets a 304: nothing changes.
        #expect(!store.refresh(now: now + 60))
        let asked = fetcher.requests.filter { $0.file == "feeds-status.json" }
        #expect(asked.last?.etag != nil, "\(asked)")
        // Broken on the server: one problem; the figures stay.
        fetcher.publish("feeds-status.json", Data("{".utf8))
        #expect(store.refresh(now: now + 90))
        #expect(store.problems.map(\.code) == [.syntax] && store.state(.wifi).snapshot != nil, "\(store.problems)")
    }
}
