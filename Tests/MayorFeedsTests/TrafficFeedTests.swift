import Foundation
import Synchronization
import Testing

@testable import MayorCore
@testable import MayorFeeds

/// TOPIS road traffic (`SpotInfo`, `VolInfo`) into traffic.json, through the
/// real runner against the fake Seoul API on loopback.
@Suite(.serialized) struct TrafficFeedTests {
    static let spots = ["A-01", "B-32", "D-77"]
    /// 2026-11-29 10:30 in Seoul: 11-29's hours 00…09 have ended.
    static let morning = TopisFixture.seoul(2026, 11, 29, 10, 30)

    struct Outcome {
        var ok: Bool
        var detail: String
        var asOf: String?
        var before: [UInt8]?
        var after: [UInt8]?
        var entry: FeedStatus.Entry?
        var seen: [FakeSeoul.Seen]
        var log: String
        var progress: [String]
        var folder: String
        var volumeRequests: Int { seen.filter(TopisFixture.isVolume).count }
    }

    /// One run of the traffic source at `now` against a fake server answering
    /// with `answer` (nil: the fixture's answer).
    static func run(
        folder: String? = nil, now: Double = morning, spots: [String] = spots, backfill: Int = 2, settings: RequestSettings = fastSettings(),
        fixture: TopisFixture = TopisFixture(), _ answer: @escaping @Sendable (FakeSeoul.Seen) -> FakeSeoul.Reply? = { _ in nil }
    ) async throws -> Outcome {
        let folder = try folder ?? seededFolder()
        let before = bytes(folder + "/traffic.json")
        let server = try await FakeSeoul.start { seen in answer(seen) ?? fixture.reply(seen) ?? .status(404) }
        let log = LogCapture()
        let progress = Mutex<[String]>([])
        let runner = FeedRunner(
            sources: [TrafficSource(spots: spots, backfillDays: backfill)], settings: settings, key: testKey, baseURL: server.baseURL,
            outputDirectory: folder, logger: log.logger, now: { now }, progress: { source, text in progress.withLock { $0.append("\(source) \(text)") } })
        let reports = await runner.runOnce()
        await runner.shutdown()
        await server.stop()
        return Outcome(
            ok: reports.first?.ok ?? false, detail: reports.first?.detail ?? "", asOf: reports.first?.asOf, before: before,
            after: bytes(folder + "/traffic.json"), entry: FeedStatus.read(folder).sources["traffic"], seen: server.seen, log: log.text,
            progress: progress.withLock { $0 }, folder: folder)
    }

    static func snapshot(_ outcome: Outcome, now: Double = morning) throws -> (Snapshot, TrafficContent) {
        let data = try #require(outcome.after)
        guard case .success(let snapshot) = SnapshotParser.parse(.traffic, data: Data(data), file: "traffic.json", now: now),
            let traffic = snapshot.traffic
        else {
            throw Failure("traffic.json does not load: \(String(decoding: data, as: UTF8.self).prefix(400))")
        }
        return (snapshot, traffic)
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ d: String) { description = d }
    }

    /// The daily volumes written, per spot.
    static func written(_ traffic: TrafficContent) -> [String: [String]] {
        traffic.corridors.reduce(into: [:]) { $0[$1.id.value] = $1.daily.map { "\($0.date.value) \($0.volume)" } }
    }

    static func expected(_ fixture: TopisFixture = TopisFixture(), spots: [String] = spots, now: Double = morning, backfill: Int) -> [String: [String]] {
        fixture.expectedDays(spots: spots, now: now, backfillDays: backfill).mapValues { $0.map { "\($0.date) \($0.volume)" } }
    }

    @Test func dailyVolumesEqualTheFixtureSums() async throws {
        let outcome = try await Self.run(backfill: 3)
        #expect(outcome.ok, "\(outcome.detail)")
        let (snapshot, traffic) = try Self.snapshot(outcome)
        #expect(Self.written(traffic) == Self.expected(backfill: 3))
        #expect(Self.expected(backfill: 3)["A-01"]?.count == 3)
        #expect(traffic.corridors.map(\.id.value) == Self.spots)
        #expect(traffic.corridors.map(\.name.value) == Self.spots.map { TopisFixture.shownName($0) ?? "?" })
        #expect(traffic.corridors[2].name.value == "석촌호수로(방이삼거리->석촌호수)")
        #expect(!snapshot.envelope.isSample)
        #expect(snapshot.envelope.asOf.value == "2026-11-28")
        // SpotInfo once; the ended hours of 11-26, 11-27, 11-28 (24 each) and 11-29 (00…09) per spot.
        let hours = 3 * (3 * 24 + 10)
        #expect(outcome.seen.filter { $0.segments.count > 1 && $0.segments[1] == "SpotInfo" }.count == 1)
        #expect(outcome.volumeRequests == hours)
        #expect(outcome.seen.allSatisfy { $0.key == testKey && $0.segments.first == "xml" })
        // The status file, the summary, the progress line.
        #expect(outcome.entry?.state == "ok" && outcome.entry?.file == "traffic.json" && outcome.entry?.asOf == "2026-11-28")
        #expect(outcome.detail == "\(hours) hours fetched, 3 spots, newest day 2026-11-28", "\(outcome.detail)")
        #expect(outcome.asOf == "2026-11-28")
        #expect(outcome.progress.contains("traffic 37/\(hours) hours") && outcome.progress.contains("traffic \(hours)/\(hours) hours"))
        // Provenance: the request URL without the key.
        let text = String(decoding: outcome.after ?? [], as: UTF8.self)
        #expect(text.contains("/{KEY}/xml/VolInfo/") && text.contains("\"fetchedAt\": \"2026-11-29T10:30:00+09:00\""))
        // The wall accepts the folder (mayor check --data DIR).
        let report = Checker.report(dataDirectory: outcome.folder, screensDirectory: repositoryRoot + "/Screens", now: Self.morning)
        #expect(report.problems.isEmpty, "\(report.problems)")
    }

    @Test func aSecondRunAsksOnlyTheNewHours() async throws {
        let first = try await Self.run()
        #expect(first.ok, "\(first.detail)")
        // Three hours later 10h, 11h and 12h of 11-29 have ended, for each spot.
        let later = TopisFixture.seoul(2026, 11, 29, 13, 5)
        let second = try await Self.run(folder: first.folder, now: later)
        #expect(second.ok, "\(second.detail)")
        let asked = second.seen.filter(TopisFixture.isVolume).map { $0.segments[4...6].joined(separator: " ") }
        #expect(Set(asked) == Set(Self.spots.flatMap { s in ["10", "11", "12"].map { "\(s) 20261129 \($0)" } }) && asked.count == 9, "\(asked)")
        #expect(second.detail.hasPrefix("9 hours fetched"))
        // The same days (11-29 is not complete yet), the same volumes.
        #expect(try Self.written(Self.snapshot(second, now: later).1) == Self.expected(now: later, backfill: 2))
    }

    @Test func backfillFillsHistoryWithOnlyTheMissingDays() async throws {
        let first = try await Self.run(backfill: 1)
        #expect(first.ok, "\(first.detail)")
        #expect(try Self.written(Self.snapshot(first).1) == Self.expected(backfill: 1))
        let second = try await Self.run(folder: first.folder, backfill: 5)
        #expect(second.ok, "\(second.detail)")
        // Only the four older days are asked: 11-24 … 11-27, 24 hours each, per spot.
        #expect(second.volumeRequests == 3 * 4 * 24)
        #expect(Set(second.seen.filter(TopisFixture.isVolume).map { $0.segments[5] }) == ["20261124", "20261125", "20261126", "20261127"])
        let written = try Self.written(Self.snapshot(second).1)
        #expect(written == Self.expected(backfill: 5) && written["B-32"]?.count == 5)
    }

    /// INFO-200 for one hour is that hour's answer (no data), in either form, not an error.
    @Test(arguments: [false, true])
    func aDayWithAnHourWithoutDataIsNotWritten(_ asJSON: Bool) async throws {
        let fixture = TopisFixture(noData: ["A-01 20261127 05"], noDataAsJSON: asJSON)
        let outcome = try await Self.run(backfill: 3, fixture: fixture)
        #expect(outcome.ok, "\(outcome.detail)")
        let written = try Self.written(Self.snapshot(outcome).1)
        #expect(written == Self.expected(fixture, backfill: 3))
        #expect(written["A-01"]?.map { String($0.prefix(10)) } == ["2026-11-26", "2026-11-28"])
        #expect(outcome.detail.contains("(1 without data)"))
    }

    /// What every failure must leave: the previous traffic.json byte for
    /// byte, the status file's error, the last success kept.
    static func expectKept(_ outcome: Outcome, _ good: [UInt8], code: String?, _ what: String) {
        #expect(!outcome.ok, "\(what): the run succeeded")
        #expect(outcome.after == good, "\(what): traffic.json changed")
        #expect(outcome.entry?.state == "error" && outcome.entry?.lastError != nil && outcome.entry?.lastSuccess != nil, "\(what)")
        #expect(outcome.entry?.lastErrorCode == code, "\(what): \(outcome.entry?.lastErrorCode ?? "no code")")
        #expect(outcome.progress.last?.hasPrefix("traffic failed: ") == true, "\(what)")
    }

    /// A good run at 10:30, then a run at 16:05 (six new hours per spot) where
    /// 11-29 14h of B-32 fails as `failing` says.
    static func failingRun(
        settings: RequestSettings = fastSettings(), _ failing: @escaping @Sendable (FakeSeoul.Seen) -> FakeSeoul.Reply?
    ) async throws -> (Outcome, [UInt8]) {
        let first = try await run()
        #expect(first.ok, "\(first.detail)")
        let good = try #require(first.after)
        let second = try await run(folder: first.folder, now: TopisFixture.seoul(2026, 11, 29, 16, 5), settings: settings) { seen in
            TopisFixture.isVolume(seen, spot: "B-32", ymd: "20261129", hour: 14) ? failing(seen) : nil
        }
        return (second, good)
    }

    static func asked14(_ o: Outcome) -> Int { o.seen.filter { TopisFixture.isVolume($0, spot: "B-32", ymd: "20261129", hour: 14) }.count }

    @Test func aTimeoutOnOneHourKeepsTheFile() async throws {
        let body = TopisFixture.volInfo(spot: "B-32", ymd: "20261129", hour: 14, rows: TopisFixture.rows(spot: "B-32", ymd: "20261129", hour: 14))
        let (outcome, good) = try await Self.failingRun(settings: fastSettings(retries: 1, requestTimeout: 0.5)) { _ in .slow(body, seconds: 4) }
        Self.expectKept(outcome, good, code: nil, "timeout")
        // The first attempt runs out of the request timeout; the retry may be cut by the HTTP client's own read timeout.
        #expect(
            outcome.entry?.lastError?.contains("within") == true || outcome.entry?.lastError?.hasPrefix("timeout") == true, "\(outcome.entry?.lastError ?? "")")
        #expect(Self.asked14(outcome) == 2, "a timeout is retried")
    }

    @Test func anXMLErrorBodyKeepsTheFileAndIsNotRetried() async throws {
        let broken = TopisFixture.brokenXML(spot: "B-32", ymd: "20261129", hour: 14)
        let (outcome, good) = try await Self.failingRun { _ in .body(broken) }
        Self.expectKept(outcome, good, code: nil, "broken XML")
        #expect(outcome.entry?.lastError?.contains("not well-formed XML") == true, "\(outcome.entry?.lastError ?? "")")
        #expect(Self.asked14(outcome) == 1, "a complete answer that is not XML is not asked again")

        let (overLong, good2) = try await Self.failingRun { _ in .body(TopisFixture.overLong) }
        Self.expectKept(overLong, good2, code: "ERROR-336", "ERROR-336")
        #expect(Self.asked14(overLong) == 1)
    }

    /// A state file that cannot be read (cut short, say) is set aside and the
    /// hours asked again, with a warning: it only remembers what was fetched,
    /// and a publisher left alone must not fail on it for ever.
    @Test func anUnreadableStateFileIsSetAsideAndTheHoursAskedAgain() async throws {
        let first = try await Self.run()
        #expect(first.ok, "\(first.detail)")
        let state = first.folder + "/traffic.state.json"
        let whole = try Data(contentsOf: URL(fileURLWithPath: state))
        try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: state))
        let second = try await Self.run(folder: first.folder)
        #expect(second.ok, "\(second.detail)")
        #expect(second.volumeRequests == first.volumeRequests, "every hour asked again")
        #expect(try Self.written(Self.snapshot(second).1) == Self.written(Self.snapshot(first).1), "the same days and volumes")
        #expect(
            second.entry?.warnings?.contains { $0.contains("traffic.state.json") && $0.contains("set aside as traffic.state.json.unreadable") } == true,
            "\(second.entry?.warnings ?? [])")
        #expect(FileManager.default.contents(atPath: state + ".unreadable") == whole.prefix(whole.count / 2))
        #expect(try Data(contentsOf: URL(fileURLWithPath: state)) == whole)
    }

    /// A station list answered "no data" (a top-level INFO-200) is an error, never an empty file.
    @Test func aStationListWithoutDataKeepsTheFile() async throws {
        let first = try await Self.run()
        #expect(first.ok, "\(first.detail)")
        let good = try #require(first.after)
        let second = try await Self.run(folder: first.folder, now: TopisFixture.seoul(2026, 11, 29, 16, 5)) { seen in
            seen.segments.count > 1 && seen.segments[1] == "SpotInfo" ? .body(TopisFixture.noDataJSON) : nil
        }
        Self.expectKept(second, good, code: "INFO-200", "SpotInfo INFO-200")
        #expect(second.volumeRequests == 0)
        #expect(second.seen.count == 1, "INFO-200 is not retried")
    }

    @Test func aBodyCutShortOrAResetConnectionKeepsTheFile() async throws {
        let body = TopisFixture.volInfo(spot: "B-32", ymd: "20261129", hour: 14, rows: TopisFixture.rows(spot: "B-32", ymd: "20261129", hour: 14))
        let (cut, good) = try await Self.failingRun { _ in .cut(body) }
        Self.expectKept(cut, good, code: nil, "body cut in half")
        #expect(Self.asked14(cut) == 3, "a transport error is retried (1 + 2)")

        let reset = try ResettingServer.start()
        let runner = FeedRunner(
            sources: [TrafficSource(spots: Self.spots, backfillDays: 2)], settings: fastSettings(), key: testKey, baseURL: reset.baseURL,
            outputDirectory: cut.folder, logger: LogCapture().logger, now: { TopisFixture.seoul(2026, 11, 29, 17, 5) })
        let reports = await runner.runOnce()
        await runner.shutdown()
        reset.stop()
        #expect(reports.first?.ok == false && bytes(cut.folder + "/traffic.json") == good)
        #expect(FeedStatus.read(cut.folder).sources["traffic"]?.state == "error")
    }

    @Test func aServerErrorIsRetriedThenSucceeds() async throws {
        let failed = Mutex(0)
        let (outcome, good) = try await Self.failingRun { _ in
            failed.withLock { n in
                n += 1
                return n == 1 ? .body(TopisFixture.serverError) : nil
            }
        }
        #expect(outcome.ok, "\(outcome.detail)")
        #expect(Self.asked14(outcome) == 2)
        #expect(outcome.after != good && outcome.entry?.state == "ok")
    }

    @Test func aServerErrorEveryTimeKeepsTheFile() async throws {
        let (outcome, good) = try await Self.failingRun { _ in .body(TopisFixture.serverError) }
        Self.expectKept(outcome, good, code: "ERROR-500", "ERROR-500")
        #expect(Self.asked14(outcome) == 3, "asked 1 + 2 retries")
    }

    @Test func aBadKeyIsNotRetriedAndTheAnsweredHoursAreKept() async throws {
        let (outcome, good) = try await Self.failingRun(
            settings: {
                var s = fastSettings()
                s.maxInFlight = 1  // hours in order: those before 14h of B-32 are answered first
                return s
            }()
        ) { _ in .body(TopisFixture.badKey) }
        Self.expectKept(outcome, good, code: "INFO-100", "bad key")
        #expect(outcome.entry?.lastError?.contains("인증키가 유효하지 않습니다.") == true && outcome.entry?.lastError?.contains("\n") == false)
        #expect(Self.asked14(outcome) == 1, "a bad key is never retried")
        // The next run asks only what the failed one had not answered: from 14h of B-32 on.
        let retry = try await Self.run(folder: outcome.folder, now: TopisFixture.seoul(2026, 11, 29, 16, 5))
        #expect(retry.ok, "\(retry.detail)")
        let asked = retry.seen.filter(TopisFixture.isVolume).map { $0.segments[4...6].joined(separator: " ") }
        #expect(
            asked.sorted() == [
                "B-32 20261129 14", "B-32 20261129 15", "D-77 20261129 10", "D-77 20261129 11", "D-77 20261129 12",
                "D-77 20261129 13", "D-77 20261129 14", "D-77 20261129 15"
            ], "\(asked)")
    }

    @Test func theKeyIsInNoFileLogOrMessage() async throws {
        var texts: [String] = []
        var folders: [String] = []
        let answers: [@Sendable (FakeSeoul.Seen) -> FakeSeoul.Reply?] = [
            { _ in nil }, { _ in .body(TopisFixture.badKey) }, { _ in .body(TopisFixture.serverError) },
            { TopisFixture.isVolume($0) ? .body(TopisFixture.brokenXML(spot: "A-01", ymd: "20261128", hour: 1)) : nil },
            { TopisFixture.isVolume($0) ? .cut(TopisFixture.spotInfo) : nil }, { _ in .status(503) }
        ]
        for answer in answers {
            let o = try await Self.run(settings: fastSettings(retries: 1), answer)
            texts += [o.detail, o.log] + o.progress
            folders.append(o.folder)
        }
        #expect(texts.count > 12)
        for text in texts { #expect(!text.contains(testKey)) }
        for folder in folders {
            for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
                let content = String(decoding: try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name)), as: UTF8.self)
                #expect(!content.contains(testKey), "\(name) holds the key")
            }
        }
    }

    /// The bundled traffic.json is a sample and its pane says so; the feed's is not.
    @Test(arguments: [Language.ko, .en])
    func theFeedsFileIsNotMarkedSample(_ language: Language) async throws {
        let folder = try seededFolder()
        let strings = Strings(language)
        func frame() throws -> String {
            let store = DataStore(directory: folder)
            store.refresh(now: Self.morning)
            let pane = try #require(PaneRegistry.pane("traffic"))
            var buffer = Buffer(width: 140, height: 44)
            let context = PaneContext(strings: strings, theme: .monochrome, now: Self.morning, district: nil, zoomed: false)
            PaneRenderer.render(
                pane, state: store.state(pane.kind), freshness: store.freshness(pane.kind, now: Self.morning), context: context, in: buffer.area,
                buffer: &buffer)
            return buffer.textLines().joined(separator: "\n")
        }
        let sample = try frame()
        #expect(sample.contains(strings.sample) && sample.contains(strings.stale), "\(sample)")
        let outcome = try await Self.run(folder: folder)
        #expect(outcome.ok, "\(outcome.detail)")
        let live = try frame()
        #expect(!live.contains(strings.sample), "\(live)")
        // Yesterday's complete day is current, not stale; the footer names TOPIS.
        #expect(!live.contains(strings.stale) && live.contains("TOPIS"), "\(live)")
        #expect(live.contains("성산로(금화터널)") && live.contains("2026-11-28"), "\(live)")
    }

    /// The bundled config's traffic section, run once on an empty state,
    /// gives the pane its headline change against the same day a week before.
    @Test func theBundledConfigFillsAWeekBeforeTheNewestDay() async throws {
        let config = try FeedsConfig.load(repositoryRoot + "/Data/feeds.yaml").get()
        let section = try #require(config.sources.first { $0.name == "traffic" })
        let source = try #require(FeedSources.make(section) as? TrafficSource)
        var settings = fastSettings()
        settings.perHostPerSecond = 10_000
        let folder = try seededFolder()
        let fixture = TopisFixture()
        let server = try await FakeSeoul.start { fixture.reply($0) ?? .status(404) }
        let runner = FeedRunner(
            sources: [source], settings: settings, key: testKey, baseURL: server.baseURL, outputDirectory: folder, logger: LogCapture().logger,
            now: { Self.morning })
        let reports = await runner.runOnce()
        await runner.shutdown()
        await server.stop()
        #expect(reports.first?.ok == true, "\(reports.first?.detail ?? "")")
        let outcome = Outcome(
            ok: true, detail: "", before: nil, after: bytes(folder + "/traffic.json"), entry: nil, seen: [], log: "", progress: [], folder: folder)
        let traffic = try Self.snapshot(outcome).1
        #expect(traffic.corridors.map(\.id.value) == section.list("spots"))
        #expect(traffic.weekBefore?.date.value == "2026-11-21", "newest day 2026-11-28; a week before it must be there")
    }

    /// `mayor fetch --once --backfill DAYS` (the built binary, on the real clock).
    @Test func theCommandsBackfillOptionFillsHistory() async throws {
        let fixture = TopisFixture()
        let server = try await FakeSeoul.start { fixture.reply($0) ?? .status(404) }
        let folder = try seededFolder()
        let config = folder + "/feeds.yaml"
        try """
        requests:
          retries: 1
          backoff: 0.01s
          perHostPerSecond: 100
        sources:
          traffic:
            spots: [A-01, D-77]
            backfillDays: 1
        """.write(toFile: config, atomically: true, encoding: .utf8)
        let env = ["SEOUL_API_KEY": testKey]
        let run = try await FetchCommandTests.mayor(["fetch", "--once", "--config", config, "--base-url", server.baseURL, "--backfill", "3"], environment: env)
        let now = Date().timeIntervalSince1970
        await server.stop()
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(
            run.stdout.contains("traffic") && run.stdout.contains("hours fetched, 2 spots, newest day") && run.stdout.contains("all 1 sources ok"),
            "\(run.stdout)")
        let outcome = Outcome(
            ok: true, detail: "", before: nil, after: bytes(folder + "/traffic.json"), entry: nil, seen: server.seen, log: "", progress: [], folder: folder)
        let written = try Self.written(Self.snapshot(outcome, now: now).1)
        #expect(written == Self.expected(fixture, spots: ["A-01", "D-77"], now: now, backfill: 3) && written["A-01"]?.count == 3, "\(written)")
        #expect(FeedStatus.read(folder).sources["traffic"]?.file == "traffic.json")
        #expect(!run.stdout.contains(testKey) && !run.stderr.contains(testKey))

        // Out of range, or with no traffic source to fill: a configuration error (2), nothing asked.
        let tooMany = try await FetchCommandTests.mayor(
            ["fetch", "--once", "--config", config, "--base-url", server.baseURL, "--backfill", "400"], environment: env)
        #expect(tooMany.status == 2 && tooMany.stderr.contains("--backfill 400 is out of range (0 to 366 days)"), "\(tooMany.stderr)")
        try "sources:\n  wifi:\n    interval: 1d\n".write(toFile: config, atomically: true, encoding: .utf8)
        let noTraffic = try await FetchCommandTests.mayor(
            ["fetch", "--once", "--config", config, "--base-url", server.baseURL, "--backfill", "3"], environment: env)
        #expect(noTraffic.status == 2 && noTraffic.stderr.contains("--backfill fills the traffic source's history, and"), "\(noTraffic.stderr)")
    }
}
