import Foundation
import MayorBench
import MayorCore
import MayorFeedsBench
import Testing

@testable import MayorFeeds

/// The publisher's benchmarks (`mayor-fetch bench`, the feeds rows of
/// `mayor bench`): their fake server serves what the sources expect, and a
/// run that does not produce the whole file is a missed row however fast it was.
@Suite(.serialized) struct FeedBenchTests {
    /// Runs the real source against the bench's server in this process.
    func runSource(_ source: any FeedSource, server: BenchSeoulServer, folder: String) async -> [FeedRunReport] {
        let log = LogCapture()
        var settings = fastSettings()
        settings.perHostPerSecond = 100
        let r = runner(server.baseURL, folder, log, settings: settings, source: source)
        let reports = await r.runOnce()
        await r.shutdown()
        return reports
    }

    @Test func theWifiPagesGiveTheSourceEveryRow() async throws {
        let pages = WifiPages(total: 25_000)
        let server = try BenchSeoulServer.start { segments in
            guard let (start, end) = WifiPages.range(segments) else { return Array("{}".utf8) }
            return Array(pages.page(start: start, end: end).utf8)
        }
        let folder = try seededFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let reports = await runSource(WifiInventorySource(), server: server, folder: folder)
        server.stop()
        #expect(reports.first?.ok == true, "\(reports.first?.detail ?? "")")
        #expect(server.counts.requests == 25 && server.counts.keys == [testKey])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/wifi.json"))) as? [String: Any])
        #expect(json["apTotal"] as? Int == 25_000)
        // Counted here from the generator's rules: 과천시 every 997th row from the 6th, outdoor every third.
        let outside = (0..<25_000).filter { $0 % 997 == 5 }.count
        let listed = (json["outsideSeoul"] as? [[String: Any]]) ?? []
        #expect(listed.count == 1 && listed.first?["name"] as? String == "과천시" && listed.first?["count"] as? Int == outside, "\(listed)")
        #expect(json["outdoor"] as? Int == (0..<25_000).filter { $0 % 3 == 0 }.count)
    }

    @Test func theCityAnswersGiveTheSourceEveryHotspotAtMostEightAtOnce() async throws {
        let codes = CityAnswers.codes(120)
        let answers = CityAnswers()
        let server = try BenchSeoulServer.start(delay: 0.05) { segments in
            Array(answers.answer(for: CityAnswers.hotspot(segments) ?? "none").utf8)
        }
        let folder = try seededFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let reports = await runSource(CityDataSource(hotspots: codes), server: server, folder: folder)
        server.stop()
        #expect(reports.first?.ok == true, "\(reports.first?.detail ?? "")")
        #expect(server.counts.requests == 120)
        #expect(server.counts.peakInFlight <= 8 && server.counts.peakInFlight >= 2, "\(server.counts.peakInFlight)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/citydata.json"))) as? [String: Any])
        let hotspots = try #require(json["hotspots"] as? [[String: Any]])
        #expect(hotspots.count == 120)
        // An answer is about the size of the reference's saved one (234 KB).
        #expect((200_000...270_000).contains(answers.answer(for: "POI077").utf8.count), "\(answers.answer(for: "POI077").utf8.count)")
    }

    /// The whole bench with the built mayor-fetch (swift build first): both
    /// rows checked, and the files it wrote hold every row and hotspot.
    @Test func theBenchChecksWhatTheChildWrote() throws {
        let work = NSTemporaryDirectory() + "mayor-feed-bench-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: work) }
        var options = FeedBenchOptions(publisher: PublisherSplitTests.publisher)
        options.data = repositoryRoot + "/Data"
        options.work = work
        options.keep = true
        let (_, rows) = try FeedBench.run(options)
        #expect(rows.count == 2)
        for row in rows { #expect(row.met != nil && !row.detail.contains("WRONG"), "\(row.line)") }
        let wifi = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: work + "/wifi/wifi.json"))) as? [String: Any])
        #expect(wifi["apTotal"] as? Int == 25_000)
        let city = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: work + "/citydata/citydata.json"))) as? [String: Any])
        #expect((city["hotspots"] as? [Any])?.count == 120)
        // The rows pass through mayor bench's line format unchanged.
        for row in rows { #expect(BenchRow(line: Substring(row.line)) == row) }
    }

    /// `mayor bench --only feeds` runs `mayor-fetch bench` as a child and
    /// prints its two rows in its own table.
    @Test func mayorBenchShowsTheFeedsRows() async throws {
        let run = try await FetchCommandTests.mayor(["bench", "--only", "feeds", "--quick"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n")
        let wifi = lines.first { $0.hasPrefix("feeds") && $0.contains("25,000 Wi-Fi rows") }
        let city = lines.first { $0.hasPrefix("feeds") && $0.contains("120 hotspots") }
        #expect(wifi?.contains("<= 2 s, <= 60 MB") == true && wifi?.contains("apTotal 25,000 of 25,000") == true, "\(run.stdout)")
        #expect(city?.contains("<= 5 s, <= 8 at once") == true && city?.contains("120 of 120 hotspots") == true, "\(run.stdout)")
    }

    /// A child that fails at once (here: exits 1 without fetching) is a missed
    /// row with the reason, never a fast pass.
    @Test func aChildThatFailsFastMissesTheTargets() throws {
        let work = NSTemporaryDirectory() + "mayor-feed-bench-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: work) }
        var options = FeedBenchOptions(publisher: "/bin/false")
        options.data = repositoryRoot + "/Data"
        options.work = work
        options.hotspotDelay = 0
        let (_, rows) = try FeedBench.run(options)
        #expect(rows.count == 2)
        for row in rows { #expect(row.met == false && row.detail.contains("WRONG"), "\(row.line)") }
    }
}
