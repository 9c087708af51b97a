import Foundation
import Synchronization
import Testing

@testable import MayorCore
@testable import MayorFeeds

/// `TbPublicWifiInfo` into wifi.json, against the fake Seoul API on loopback.
@Suite(.serialized) struct WifiFeedTests {
    static let fixture = WifiFixture(total: 24_578)

    /// Runs the Wi-Fi source once against a fake server answering with
    /// `answer` (nil: the fixture's page); returns what the run left.
    struct Outcome {
        var ok: Bool
        var detail: String
        var before: [UInt8]?
        var after: [UInt8]?
        var entry: FeedStatus.Entry?
        var seen: [FakeSeoul.Seen]
        var peak: Int
        var log: String
        var folder: String
        /// How long the run took (the server's shutdown not included).
        var seconds: Double
    }

    static func run(
        folder: String? = nil, settings: RequestSettings = fastSettings(), delay: Double = 0,
        _ answer: @escaping @Sendable (FakeSeoul.Seen) -> FakeSeoul.Reply? = { _ in nil }
    ) async throws -> Outcome {
        let folder = try folder ?? seededFolder()
        let before = bytes(folder + "/wifi.json")
        let server = try await FakeSeoul.start(delay: delay) { seen in answer(seen) ?? fixture.reply(seen.segments) }
        let log = LogCapture()
        let r = runner(server.baseURL, folder, log, settings: settings)
        let reports = await r.runOnce()
        await r.shutdown()
        await server.stop()
        return Outcome(
            ok: reports.first?.ok ?? false, detail: reports.first?.detail ?? "", before: before, after: bytes(folder + "/wifi.json"),
            entry: status(folder), seen: server.seen, peak: server.peakInFlight, log: log.text, folder: folder,
            seconds: reports.first?.seconds ?? 0)
    }

    /// The page a request asked for (1-based), from its start index.
    static func pageNumber(_ seen: FakeSeoul.Seen) -> Int? {
        guard seen.segments.count >= 4, let start = Int(seen.segments[2]) else { return nil }
        return (start - 1) / 1000 + 1
    }

    @Test func figuresEqualTheFixtureRows() async throws {
        let outcome = try await Self.run()
        #expect(outcome.ok, "\(outcome.detail)")
        let data = try #require(outcome.after)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(data)) as? [String: Any])

        // The fixture's rows, summed here without the source's code.
        var categories: [String: Int] = [:]
        var districts: [String: Int] = [:]
        var outside: [String: Int] = [:]
        var indoor = 0
        var outdoor = 0
        var swapped = 0
        for i in 0..<Self.fixture.total {
            let row = Self.fixture.row(i)
            categories[row.category.isEmpty ? "분류 없음" : row.category, default: 0] += 1
            if WifiFixture.districts.contains(row.district) {
                districts[row.district, default: 0] += 1
            } else {
                outside[row.district, default: 0] += 1
            }
            if row.inOut == "실내" { indoor += 1 } else { outdoor += 1 }
            if row.swapped { swapped += 1 }
        }

        #expect(json["apTotal"] as? Int == 24_578)
        let written = (json["apCategories"] as? [[String: Any]] ?? []).reduce(into: [String: Int]()) { $0[$1["name"] as? String ?? "?"] = $1["count"] as? Int }
        #expect(written == categories)
        let writtenDistricts = (json["districts"] as? [[String: Any]] ?? []).reduce(into: [String: Int]()) {
            $0[$1["name"] as? String ?? "?"] = $1["count"] as? Int
        }
        #expect(writtenDistricts == districts)
        #expect(writtenDistricts.count == 25)
        let writtenOutside = (json["outsideSeoul"] as? [[String: Any]] ?? []).reduce(into: [String: Int]()) {
            $0[$1["name"] as? String ?? "?"] = $1["count"] as? Int
        }
        #expect(writtenOutside == outside && outside["과천시", default: 0] > 0)
        #expect(json["indoor"] as? Int == indoor && json["outdoor"] as? Int == outdoor)
        #expect(json["asOf"] as? String == "2026-11-27T11:12:42+09:00")

        // Usage carried over from the previous file, with its own provenance.
        let bundled = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: repositoryRoot + "/Data/wifi.json"))) as? [String: Any])
        #expect((json["monthly"] as? NSArray) == (bundled["monthly"] as? NSArray))
        let usage = json["usageSource"] as? [String: Any]
        #expect(usage?["asOf"] as? String == bundled["asOf"] as? String)
        #expect(usage?["document"] as? String == (bundled["source"] as? [String: Any])?["document"] as? String)

        // Provenance of the fetch.
        let fetch = json["fetch"] as? [String: Any]
        #expect(fetch?["service"] as? String == "TbPublicWifiInfo" && fetch?["dataset"] as? String == "OA-20883")
        #expect((fetch?["requestURL"] as? String)?.contains("/{KEY}/json/TbPublicWifiInfo/1/1000/") == true)
        #expect(fetch?["fetchedAt"] is String)

        // Swapped coordinates are counted, not dropped.
        #expect(outcome.entry?.warnings?.contains { $0.hasPrefix("\(swapped) rows with LAT and LNT swapped") } == true)
        #expect(outcome.entry?.warnings?.contains { $0.contains("과천시 \(outside["과천시"]!)") } == true)

        // Every page once, never more than 8 at a time.
        // (A page asked twice would be a retry after a stall of a loaded machine.)
        #expect(Set(outcome.seen.compactMap(Self.pageNumber)) == Set(1...25) && outcome.seen.count >= 25)
        #expect(outcome.peak <= 8)
        #expect(outcome.entry?.state == "ok" && outcome.entry?.lastSuccess != nil && outcome.entry?.lastError == nil)
        // The snapshot it is about, so the wall shows the entry on the Wi-Fi pane.
        #expect(outcome.entry?.file == "wifi.json")

        // The wall accepts the folder (mayor check --data DIR).
        let report = Checker.report(dataDirectory: outcome.folder, screensDirectory: repositoryRoot + "/Screens", now: Date().timeIntervalSince1970)
        #expect(report.problems.isEmpty, "\(report.problems)")
    }

    @Test func failureOnPage13KeepsTheLastGoodFileWhole() async throws {
        let first = try await Self.run()
        #expect(first.ok, "\(first.detail)")
        let good = try #require(first.after)
        let second = try await Self.run(folder: first.folder) { seen in
            Self.pageNumber(seen) == 13 ? .body(WifiFixture.serverError) : nil
        }
        #expect(!second.ok)
        #expect(second.after == good)
        #expect(second.entry?.state == "error" && second.entry?.lastErrorCode == "ERROR-500")
        #expect(second.entry?.lastError?.contains("ERROR-500") == true)
        #expect(second.entry?.lastSuccess == first.entry?.lastSuccess)
        // ERROR-500 is retried: page 13 asked 1 + 2 times.
        #expect(second.seen.filter { Self.pageNumber($0) == 13 }.count == 3)
    }

    @Test func timeoutKeepsThePreviousFile() async throws {
        let settings = fastSettings(retries: 1, requestTimeout: 0.3)
        let outcome = try await Self.run(settings: settings) { seen in
            Self.pageNumber(seen) == 1 ? .slow(Self.fixture.page(start: 1, end: 1000), seconds: 4) : nil
        }
        #expect(!outcome.ok)
        #expect(outcome.after == outcome.before && outcome.before != nil)
        #expect(outcome.entry?.state == "error")
        #expect(outcome.entry?.lastError?.contains("within") == true || outcome.entry?.lastError?.contains("timeout") == true)
        // Two attempts of 0.3 s, not the server's 4 s each (8 s; a loaded machine has room).
        #expect(outcome.seconds < 6, "\(outcome.seconds)")
        #expect(outcome.seen.count == 2)
    }

    @Test func xmlErrorBodyIsNotRetriedAndKeepsThePreviousFile() async throws {
        let outcome = try await Self.run { _ in .body(WifiFixture.badKey) }
        #expect(!outcome.ok)
        #expect(outcome.after == outcome.before && outcome.before != nil)
        #expect(outcome.entry?.lastErrorCode == "INFO-100")
        #expect(outcome.entry?.lastError?.contains("인증키가 유효하지 않습니다.") == true)
        #expect(outcome.entry?.lastError?.contains("\n") == false)
        #expect(outcome.seen.count == 1)  // a bad key is never retried
    }

    @Test func topLevelNoDataIsAnErrorNotAnEmptyFile() async throws {
        let outcome = try await Self.run { _ in .body(WifiFixture.noData) }
        #expect(!outcome.ok)
        #expect(outcome.after == outcome.before && outcome.before != nil)
        #expect(outcome.entry?.lastErrorCode == "INFO-200")
    }

    @Test func bodyCutInHalfKeepsThePreviousFile() async throws {
        let outcome = try await Self.run { seen in
            Self.pageNumber(seen) == 7 ? .cut(Self.fixture.page(start: 6001, end: 7000)) : nil
        }
        #expect(!outcome.ok)
        #expect(outcome.after == outcome.before && outcome.before != nil)
        #expect(outcome.entry?.state == "error" && outcome.entry?.lastError != nil)
        #expect(outcome.seen.filter { Self.pageNumber($0) == 7 }.count == 3)  // a transport error is retried
    }

    @Test func connectionResetKeepsThePreviousFile() async throws {
        let folder = try seededFolder()
        let before = bytes(folder + "/wifi.json")
        let server = try ResettingServer.start()
        let log = LogCapture()
        let r = runner(server.baseURL, folder, log)
        let reports = await r.runOnce()
        await r.shutdown()
        server.stop()
        #expect(reports.first?.ok == false)
        #expect(bytes(folder + "/wifi.json") == before && before != nil)
        #expect(status(folder)?.state == "error" && status(folder)?.lastError != nil)
        // A failed first run names the file too (the source's NAME.json).
        #expect(status(folder)?.file == "wifi.json")
    }

    @Test func aServerErrorThenSuccessIsRetriedToSuccess() async throws {
        let failed = Mutex(false)
        let outcome = try await Self.run { seen in
            guard Self.pageNumber(seen) == 3 else { return nil }
            return failed.withLock { done in
                defer { done = true }
                return done ? nil : .body(WifiFixture.serverError)
            }
        }
        #expect(outcome.ok, "\(outcome.detail)")
        #expect(outcome.seen.filter { Self.pageNumber($0) == 3 }.count == 2)
    }

    @Test func noMoreThanEightRequestsInFlight() async throws {
        let outcome = try await Self.run(delay: 0.05)
        #expect(outcome.ok)
        #expect(outcome.peak <= 8 && outcome.peak >= 2)
    }
}

/// The wifi model's optional fields from `mayor fetch`, and the pane's by-district view.
@Suite(.serialized) struct WifiFetchedFileTests {
    static func fetchedFolder() async throws -> String {
        let fixture = WifiFixture(total: 2_345)
        let folder = try seededFolder()
        let server = try await FakeSeoul.start { fixture.reply($0.segments) }
        let r = runner(server.baseURL, folder, LogCapture())
        let reports = await r.runOnce()
        await r.shutdown()
        await server.stop()
        #expect(reports.first?.ok == true, "\(reports.first?.detail ?? "")")
        return folder
    }

    @Test(arguments: [Language.ko, .en])
    func zoomedPaneShowsAPsByDistrictAndTheUsageDate(_ language: Language) async throws {
        let folder = try await Self.fetchedFolder()
        let store = DataStore(directory: folder)
        let now = Date().timeIntervalSince1970
        store.refresh(now: now)
        let pane = try #require(PaneRegistry.pane("wifi"))
        var buffer = Buffer(width: 160, height: 60)
        let context = PaneContext(strings: Strings(language), theme: .monochrome, now: now, district: nil, zoomed: true)
        PaneRenderer.render(
            pane, state: store.state(pane.kind), freshness: store.freshness(pane.kind, now: now), context: context, in: buffer.area, buffer: &buffer)
        let text = buffer.textLines().joined(separator: "\n")
        #expect(text.contains(language == .ko ? "자치구별 AP" : "APs by district"), "\(text)")
        #expect(text.contains(language == .ko ? "서울 외" : "outside Seoul"), "\(text)")
        // Both dates: the APs' (WORK_DTTM) and the usage's (the report's).
        #expect(text.contains("2026-11-27T11:12:42+09:00") && text.contains(language == .ko ? "이용 기준 2023-09-30" : "usage as of 2023-09-30"), "\(text)")
    }

    @Test func districtsMustAddUpToTheTotal() async throws {
        let folder = try await Self.fetchedFolder()
        let path = folder + "/wifi.json"
        let good = try String(contentsOfFile: path, encoding: .utf8)
        #expect(Checker.report(dataDirectory: folder, screensDirectory: repositoryRoot + "/Screens", now: Date().timeIntervalSince1970).problems.isEmpty)
        // One AP more in 강남구 than the total allows.
        let json = try #require(try JSONSerialization.jsonObject(with: Data(good.utf8)) as? [String: Any])
        var districts = try #require(json["districts"] as? [[String: Any]])
        districts[0]["count"] = (districts[0]["count"] as? Int ?? 0) + 1
        var bad = json
        bad["districts"] = districts
        try JSONSerialization.data(withJSONObject: bad).write(to: URL(fileURLWithPath: path))
        let problems = Checker.report(dataDirectory: folder, screensDirectory: repositoryRoot + "/Screens", now: Date().timeIntervalSince1970).problems
        #expect(problems.contains { $0.path == "districts" && $0.message.contains("add up to") }, "\(problems)")
        // And indoor/outdoor likewise.
        var inOut = json
        inOut["indoor"] = (json["indoor"] as? Int ?? 0) + 5
        try JSONSerialization.data(withJSONObject: inOut).write(to: URL(fileURLWithPath: path))
        let more = Checker.report(dataDirectory: folder, screensDirectory: repositoryRoot + "/Screens", now: Date().timeIntervalSince1970).problems
        #expect(more.contains { $0.path == "indoor" }, "\(more)")
    }
}
