import Foundation
import Synchronization
import Testing

@testable import MayorCore
@testable import MayorFeeds

/// `citydata` (실시간 도시데이터) into citydata.json, against the fake Seoul API on loopback.
@Suite(.serialized) struct CityDataFeedTests {
    /// Codes and names, with `·` and spaces among them.
    static let hotspots = ["POI014", "광화문·덕수궁", "강남 MICE 관광특구", "홍대입구역(2호선)", "POI127", "종로·청계 관광특구"]

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
        var seconds: Double

        var json: [String: Any]? { after.flatMap { try? JSONSerialization.jsonObject(with: Data($0)) as? [String: Any] } }
        /// The written hotspots by code.
        var written: [String: [String: Any]] {
            (json?["hotspots"] as? [[String: Any]] ?? []).reduce(into: [:]) { $0[$1["code"] as? String ?? "?"] = $1 }
        }
        func asked(_ hotspot: String) -> Int { seen.filter { CityDataFixture.hotspot($0) == hotspot }.count }
    }

    /// Runs the citydata source once against a fake server answering with
    /// `answer` (nil: the fixture's standard answer).
    static func run(
        _ hotspots: [String] = hotspots, folder: String? = nil, settings: RequestSettings = fastSettings(), delay: Double = 0,
        _ answer: @escaping @Sendable (FakeSeoul.Seen) -> FakeSeoul.Reply? = { _ in nil }
    ) async throws -> Outcome {
        let folder = try folder ?? seededFolder()
        let before = bytes(folder + "/citydata.json")
        let server = try await FakeSeoul.start(delay: delay) { seen in answer(seen) ?? CityDataFixture.reply(seen) }
        let log = LogCapture()
        let r = runner(server.baseURL, folder, log, settings: settings, source: CityDataSource(hotspots: hotspots))
        let reports = await r.runOnce()
        await r.shutdown()
        await server.stop()
        return Outcome(
            ok: reports.first?.ok ?? false, detail: reports.first?.detail ?? "", before: before, after: bytes(folder + "/citydata.json"),
            entry: FeedStatus.read(folder).sources["citydata"], seen: server.seen, peak: server.peakInFlight, log: log.text, folder: folder,
            seconds: reports.first?.seconds ?? 0)
    }

    /// The written hotspot equals the fixture's figures for the place asked for.
    static func expectMatches(
        _ written: [String: Any]?, _ hotspot: String, road: Bool = true, forecast: Bool = true, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let spot = CityDataFixture.spot(for: hotspot)
        guard let w = written else {
            Issue.record("\(hotspot) not written", sourceLocation: sourceLocation)
            return
        }
        #expect(w["code"] as? String == spot.code && w["name"] as? String == spot.name, "\(w)", sourceLocation: sourceLocation)
        #expect(w["level"] as? String == spot.level, sourceLocation: sourceLocation)
        #expect(w["populationMin"] as? Int == spot.min && w["populationMax"] as? Int == spot.max, "\(w)", sourceLocation: sourceLocation)
        #expect(w["time"] as? String == spot.time, sourceLocation: sourceLocation)
        if road {
            let r = w["road"] as? [String: Any]
            #expect(r?["index"] as? String == spot.roadIndex, sourceLocation: sourceLocation)
            #expect((r?["speedKmh"] as? NSNumber)?.doubleValue == Double(spot.roadSpeed), sourceLocation: sourceLocation)
            #expect(r?["time"] as? String == spot.roadTime, sourceLocation: sourceLocation)
        }
        if forecast {
            let hours = (w["forecast"] as? [[String: Any]] ?? []).map {
                CityDataFixture.Spot.Hour(
                    time: $0["time"] as? String ?? "", level: $0["level"] as? String ?? "", min: $0["populationMin"] as? Int ?? -1,
                    max: $0["populationMax"] as? Int ?? -1)
            }
            #expect(hours == spot.forecast, sourceLocation: sourceLocation)
        }
    }

    @Test func figuresEqualTheFixture() async throws {
        let outcome = try await Self.run()
        #expect(outcome.ok, "\(outcome.detail)")
        let json = try #require(outcome.json)
        let written = outcome.written
        #expect(written.count == Self.hotspots.count)
        for hotspot in Self.hotspots {
            Self.expectMatches(written[CityDataFixture.spot(for: hotspot).code], hotspot)
        }
        // In the order configured.
        #expect((json["hotspots"] as? [[String: Any]])?.map { $0["code"] as? String ?? "" } == Self.hotspots.map { CityDataFixture.spot(for: $0).code })
        // asOf: the oldest PPLTN_TIME (every third place reads at 14:25, the rest at 14:30).
        let oldest = Self.hotspots.map { CityDataFixture.spot(for: $0).time }.min()!
        #expect(oldest == "2026-11-27 14:25")
        #expect(json["asOf"] as? String == "2026-11-27T14:25:00+09:00")
        #expect(json["sample"] == nil && json["kind"] as? String == "citydata")
        // Not in the feed: carried over from the bundled file by code, never made up.
        let bundled = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: repositoryRoot + "/Data/citydata.json"))) as? [String: Any])
        let bundledByCode = (bundled["hotspots"] as? [[String: Any]] ?? []).reduce(into: [String: [String: Any]]()) { $0[$1["code"] as! String] = $1 }
        for (code, spot) in written {
            for key in ["category", "district", "nameEn"] {
                #expect(spot[key] as? String == bundledByCode[code]?[key] as? String, "\(code) \(key)")
            }
        }
        #expect(written["POI014"]?["district"] as? String == "강남구")
        // Provenance: service, dataset, fetchedAt, the URLs without the key.
        let fetch = try #require(json["fetch"] as? [String: Any])
        #expect(fetch["service"] as? String == "citydata" && fetch["dataset"] as? String == "OA-21285")
        #expect(fetch["fetchedAt"] is String)
        #expect((fetch["requestURL"] as? String)?.contains("/{KEY}/json/citydata/1/5/") == true)
        #expect((fetch["requestURLs"] as? [String])?.count == Self.hotspots.count)
        // One call per hotspot, each asked by the name or code configured.
        #expect(Set(outcome.seen.compactMap(CityDataFixture.hotspot)) == Set(Self.hotspots))
        #expect(outcome.seen.allSatisfy { $0.segments.prefix(4) == ["json", "citydata", "1", "5"] && $0.key == testKey })
        #expect(outcome.entry?.state == "ok" && outcome.entry?.asOf == "2026-11-27T14:25:00+09:00" && outcome.entry?.lastError == nil)
        // The wall accepts the folder (mayor check --data DIR).
        let report = Checker.report(dataDirectory: outcome.folder, screensDirectory: repositoryRoot + "/Screens", now: Date().timeIntervalSince1970)
        #expect(report.problems.isEmpty, "\(report.problems)")
        Self.expectNoKey(outcome)
    }

    /// AREA_NM holds `·` (U+00B7) and spaces: every byte outside ASCII letters and digits is percent-encoded.
    @Test func areaNamesArePercentEncoded() async throws {
        let outcome = try await Self.run(["광화문·덕수궁", "강남 MICE 관광특구", "홍대입구역(2호선)"])
        #expect(outcome.ok, "\(outcome.detail)")
        let raw = outcome.seen.map(\.rawPath)
        #expect(raw.contains { $0.hasSuffix("/json/citydata/1/5/%EA%B4%91%ED%99%94%EB%AC%B8%C2%B7%EB%8D%95%EC%88%98%EA%B6%81/") }, "\(raw)")
        #expect(raw.contains { $0.hasSuffix("/json/citydata/1/5/%EA%B0%95%EB%82%A8%20MICE%20%EA%B4%80%EA%B4%91%ED%8A%B9%EA%B5%AC/") }, "\(raw)")
        #expect(raw.contains { $0.hasSuffix("/%ED%99%8D%EB%8C%80%EC%9E%85%EA%B5%AC%EC%97%AD%282%ED%98%B8%EC%84%A0%29/") }, "\(raw)")
        #expect(raw.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 && $0 != 0x20 } })
    }

    @Test func plainResultKeysAreReadToo() async throws {
        let outcome = try await Self.run { CityDataFixture.reply($0, variant: .plainResult) }
        #expect(outcome.ok, "\(outcome.detail)")
        for hotspot in Self.hotspots { Self.expectMatches(outcome.written[CityDataFixture.spot(for: hotspot).code], hotspot) }
    }

    @Test func theOlderRoadTimeSpellingIsRead() async throws {
        let outcome = try await Self.run { CityDataFixture.reply($0, variant: .oldTimeSpelling) }
        #expect(outcome.ok, "\(outcome.detail)")
        for hotspot in Self.hotspots { Self.expectMatches(outcome.written[CityDataFixture.spot(for: hotspot).code], hotspot) }
        #expect(outcome.written["POI014"].flatMap { $0["road"] as? [String: Any] }?["time"] as? String == "2026-11-27 14:55")
    }

    /// Population figures as JSON numbers and the road speed as a string.
    @Test func numbersAsStringsOrNumbers() async throws {
        let half = Set(Self.hotspots.prefix(3))
        let outcome = try await Self.run { seen in
            CityDataFixture.reply(seen, variant: half.contains(CityDataFixture.hotspot(seen) ?? "") ? .swappedTypes : .standard)
        }
        #expect(outcome.ok, "\(outcome.detail)")
        for hotspot in Self.hotspots { Self.expectMatches(outcome.written[CityDataFixture.spot(for: hotspot).code], hotspot) }
    }

    /// `null` road speed and `""` forecast figures: those parts are left out, with a warning; the rest is written.
    @Test func nullAndEmptyInOptionalPartsLeaveThemOut() async throws {
        let outcome = try await Self.run { seen in
            CityDataFixture.hotspot(seen) == "POI014" ? CityDataFixture.reply(seen, variant: .blanks) : nil
        }
        #expect(outcome.ok, "\(outcome.detail)")
        let spot = try #require(outcome.written["POI014"])
        #expect(spot["road"] == nil && spot["forecast"] == nil)
        Self.expectMatches(spot, "POI014", road: false, forecast: false)
        #expect(
            outcome.entry?.warnings?.contains { $0.hasPrefix("강남역: road traffic left out (ROAD_TRAFFIC_IDX") && $0.contains("ROAD_TRAFFIC_SPD null") } == true)
        #expect(outcome.entry?.warnings?.contains { $0.hasPrefix("강남역: forecast left out (hour 1: FCST_PPLTN_MIN \"\"") } == true)
        Self.expectMatches(outcome.written["POI127"], "POI127")
    }

    /// `""` or `null` where the snapshot needs a figure is an error naming the hotspot, never a zero.
    @Test(arguments: ["\"\"", "null"])
    func aMissingPopulationFigureFailsTheRun(_ blank: String) async throws {
        let spot = CityDataFixture.spot(for: "홍대입구역(2호선)")
        let outcome = try await Self.run { seen in
            guard CityDataFixture.hotspot(seen) == "홍대입구역(2호선)" else { return nil }
            return .body(
                CityDataFixture.answer(for: "홍대입구역(2호선)").replacingOccurrences(of: "\"AREA_PPLTN_MAX\":\"\(spot.max)\"", with: "\"AREA_PPLTN_MAX\":\(blank)"))
        }
        #expect(!outcome.ok)
        #expect(outcome.after == outcome.before && outcome.before != nil)
        #expect(outcome.entry?.lastError == "hotspot 홍대입구역(2호선): AREA_PPLTN_MAX \(blank) is not a whole number", "\(outcome.entry?.lastError ?? "")")
    }

    /// The sample key answers 광화문·덕수궁 whatever is asked: an answer for another place is an error naming both.
    @Test func anAnswerForAnotherPlaceIsAnError() async throws {
        let outcome = try await Self.run { CityDataFixture.reply($0, variant: .sampleKey) }
        #expect(!outcome.ok)
        #expect(outcome.after == outcome.before && outcome.before != nil)
        let error = try #require(outcome.entry?.lastError)
        #expect(error.contains("the answer is for 광화문·덕수궁 (POI009), not the place asked for"), "\(error)")
        #expect(error.contains("sample key"), "\(error)")
        #expect(Self.hotspots.filter { $0 != "광화문·덕수궁" }.contains { error.hasPrefix("hotspot \($0):") }, "\(error)")
        // Asked for by its name, 광화문·덕수궁 itself is fine.
        let itself = try await Self.run(["광화문·덕수궁"]) { CityDataFixture.reply($0, variant: .sampleKey) }
        #expect(itself.ok, "\(itself.detail)")
    }

    /// The same place listed by name and by code would be two rows with one code.
    @Test func onePlaceListedTwiceIsAnError() async throws {
        let outcome = try await Self.run(["강남역", "POI009", "POI014"])
        #expect(!outcome.ok)
        #expect(outcome.entry?.lastError == "hotspots 강남역 and POI014 are the same place (강남역, POI014): list it once", "\(outcome.entry?.lastError ?? "")")
        #expect(outcome.after == outcome.before)
    }

    // MARK: - One hotspot failing: the last good file stays byte-identical

    /// A good run, then a run where `failing` answers with `reply`.
    static func failOne(_ failing: String = "강남 MICE 관광특구", settings: RequestSettings = fastSettings(), _ reply: @escaping @Sendable () -> FakeSeoul.Reply)
        async throws -> (first: Outcome, second: Outcome)
    {
        let first = try await run()
        #expect(first.ok, "\(first.detail)")
        let second = try await run(folder: first.folder, settings: settings) { seen in
            CityDataFixture.hotspot(seen) == failing ? reply() : nil
        }
        #expect(!second.ok)
        #expect(second.after == first.after && first.after != nil)
        #expect(second.entry?.state == "error" && second.entry?.file == "citydata.json")
        #expect(second.entry?.lastSuccess == first.entry?.lastSuccess && second.entry?.asOf == first.entry?.asOf)
        #expect(second.entry?.lastError?.hasPrefix("hotspot \(failing): ") == true, "\(second.entry?.lastError ?? "")")
        expectNoKey(second)
        return (first, second)
    }

    @Test func topLevelNoDataIsAnError() async throws {
        let (_, second) = try await Self.failOne { .body(CityDataFixture.noData) }
        #expect(second.entry?.lastErrorCode == "INFO-200")
        #expect(second.entry?.lastError?.contains("INFO-200 해당하는 데이터가 없습니다.") == true)
        #expect(second.asked("강남 MICE 관광특구") == 1)  // not retried
    }

    @Test func topLevelNoDataWithClassicKeysIsAnErrorToo() async throws {
        let (_, second) = try await Self.failOne { .body(CityDataFixture.noDataPlain) }
        #expect(second.entry?.lastErrorCode == "INFO-200")
    }

    @Test func xmlErrorBodyOnTheJSONURL() async throws {
        let (_, second) = try await Self.failOne("POI127") { .body(CityDataFixture.badKey) }
        #expect(second.entry?.lastErrorCode == "INFO-100")
        #expect(second.entry?.lastError?.contains("인증키가 유효하지 않습니다. 인증키가 없는 경우") == true, "\(second.entry?.lastError ?? "")")
        #expect(second.entry?.lastError?.contains("\n") == false)
        #expect(second.asked("POI127") == 1)  // a bad key is never retried
    }

    @Test func serverErrorIsRetriedThenFails() async throws {
        let (_, second) = try await Self.failOne { .body(CityDataFixture.serverError) }
        #expect(second.entry?.lastErrorCode == "ERROR-500")
        #expect(second.asked("강남 MICE 관광특구") == 3)  // 1 + 2 retries
    }

    @Test func timeoutFailsTheRun() async throws {
        let body = CityDataFixture.answer(for: "홍대입구역(2호선)")
        let (_, second) = try await Self.failOne("홍대입구역(2호선)", settings: fastSettings(retries: 1, requestTimeout: 0.3)) { .slow(body, seconds: 4) }
        #expect(
            second.entry?.lastError?.contains("no complete answer within") == true || second.entry?.lastError?.contains("timeout") == true,
            "\(second.entry?.lastError ?? "")")
        #expect(second.asked("홍대입구역(2호선)") == 2)
        #expect(second.seconds < 6, "\(second.seconds)")
    }

    @Test func bodyCutInHalfFailsTheRun() async throws {
        let body = CityDataFixture.answer(for: "POI014")
        let (_, second) = try await Self.failOne("POI014") { .cut(body) }
        #expect(second.asked("POI014") == 3)  // a transport error is retried
    }

    @Test func connectionResetFailsTheRun() async throws {
        let first = try await Self.run()
        #expect(first.ok)
        let server = try ResettingServer.start()
        let log = LogCapture()
        let r = runner(server.baseURL, first.folder, log, source: CityDataSource(hotspots: Self.hotspots))
        let reports = await r.runOnce()
        await r.shutdown()
        server.stop()
        #expect(reports.first?.ok == false)
        #expect(bytes(first.folder + "/citydata.json") == first.after)
        let entry = FeedStatus.read(first.folder).sources["citydata"]
        #expect(entry?.state == "error" && entry?.lastError?.hasPrefix("hotspot ") == true, "\(entry?.lastError ?? "")")
        #expect(!log.text.contains(testKey))
    }

    /// The bench's size: 120 hotspots, never more than 8 requests at once.
    @Test func oneHundredTwentyHotspotsAtMostEightAtOnce() async throws {
        let codes = CityDataFixture.codes(120)
        // A rate limit loose enough that only maxInFlight holds them back.
        var settings = fastSettings()
        settings.perHostPerSecond = 2000
        let outcome = try await Self.run(codes, settings: settings, delay: 0.1)
        #expect(outcome.ok, "\(outcome.detail)")
        #expect(outcome.written.count == 120)
        #expect(Set(outcome.seen.compactMap(CityDataFixture.hotspot)) == Set(codes))
        #expect(outcome.peak <= 8 && outcome.peak >= 4, "\(outcome.peak)")
        Self.expectMatches(outcome.written["POI077"], "POI077")
    }

    /// No written file, status entry or log line holds the key.
    static func expectNoKey(_ outcome: Outcome, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!outcome.log.contains(testKey), sourceLocation: sourceLocation)
        #expect(!outcome.detail.contains(testKey), sourceLocation: sourceLocation)
        for name in (try? FileManager.default.contentsOfDirectory(atPath: outcome.folder)) ?? [] {
            let text = String(decoding: bytes(outcome.folder + "/" + name) ?? [], as: UTF8.self)
            #expect(!text.contains(testKey), "\(name)", sourceLocation: sourceLocation)
        }
    }
}

/// `sources.citydata` in feeds.yaml.
@Suite struct CityDataConfigTests {
    @Test func hotspotsAndIntervalAreRead() throws {
        let yaml = """
            sources:
              citydata:
                hotspots:
                  - POI014
                  - 광화문·덕수궁
                  - 강남 MICE 관광특구
                  - 홍대입구역(2호선)
            """
        let config = try FeedsConfig.parse(yaml, file: "f.yaml").get()
        let source = try #require(config.sources.first)
        #expect(source.name == "citydata" && source.interval == 300)
        #expect(source.list("hotspots") == ["POI014", "광화문·덕수궁", "강남 MICE 관광특구", "홍대입구역(2호선)"])
        let made = try #require(FeedSources.make(source) as? CityDataSource)
        #expect(made.hotspots.count == 4 && made.interval == 300)
    }

    @Test func badValuesAreRefusedWithTheirPlace() {
        let yaml = """
            sources:
              citydata:
                interval: 10s
                hotspots:
                  - POI14
                  - 광화문・덕수궁
                  - 강남역
                  - 강남역
                  - "a/b"
                  - " 서울역"
                  - 12
            """
        guard case .failure(let list) = FeedsConfig.parse(yaml, file: "f.yaml") else {
            Issue.record("accepted a bad config")
            return
        }
        let lines = list.problems.map(\.description)
        #expect(lines.contains { $0.hasPrefix("f.yaml:3:15: sources.citydata.interval: 10s is out of range (1m to 1d)") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("f.yaml:5:9: sources.citydata.hotspots[0]: \"POI14\" is not an area code") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("f.yaml:6:9: sources.citydata.hotspots[1]: \"광화문・덕수궁\" has U+30FB where Seoul writes ·") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("f.yaml:8:9: sources.citydata.hotspots[3]: \"강남역\" is listed twice") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("f.yaml:9:9: sources.citydata.hotspots[4]: \"a/b\" is not an area name") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("f.yaml:10:9: sources.citydata.hotspots[5]: \" 서울역\" has leading") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("f.yaml:11:9: sources.citydata.hotspots[6]: \"12\" is not an area name: it has no letters") }, "\(lines)")
        #expect(list.problems.count == 7, "\(lines)")
    }

    @Test func hotspotsAreRequiredAndBounded() {
        guard case .failure(let a) = FeedsConfig.parse("sources:\n  citydata:\n    interval: 5m\n", file: "f.yaml") else {
            Issue.record("accepted citydata without hotspots")
            return
        }
        #expect(a.problems.map(\.description) == ["f.yaml:2:3: sources.citydata: missing key \"hotspots\""])
        let many = (1...201).map { String(format: "    - POI%03d", $0) }.joined(separator: "\n")
        guard case .failure(let b) = FeedsConfig.parse("sources:\n  citydata:\n    hotspots:\n" + many + "\n", file: "f.yaml") else {
            Issue.record("accepted 201 hotspots")
            return
        }
        #expect(b.problems.first?.description.hasPrefix("f.yaml:4:5: sources.citydata.hotspots: expected 1 to 200 items, found 201") == true, "\(b.problems)")
        let enough = (1...120).map { String(format: "    - POI%03d", $0) }.joined(separator: "\n")
        #expect((try? FeedsConfig.parse("sources:\n  citydata:\n    hotspots:\n" + enough + "\n", file: "f.yaml").get()) != nil)
    }

    /// Data/feeds.yaml lists the bundled citydata.json's hotspots, and `mayor check` passes it.
    @Test func bundledConfigListsTheBundledHotspots() throws {
        let config = try FeedsConfig.load(repositoryRoot + "/Data/feeds.yaml").get()
        let source = try #require(config.sources.first { $0.name == "citydata" })
        #expect(source.interval == 300)
        let bundled = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: repositoryRoot + "/Data/citydata.json"))) as? [String: Any])
        let codes = (bundled["hotspots"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
        #expect(source.list("hotspots") == codes)
        #expect(Checker.feedsProblems(dataDirectory: repositoryRoot + "/Data").isEmpty)
    }
}

/// Bodies of the citydata service read on their own.
@Suite struct CityDataAnswerTests {
    static func parse(_ text: String) throws -> CityDataSource.Answer { try CityDataSource.parse(Array(text.utf8)) }

    @Test func bothResultSpellingsOfSuccess() throws {
        for variant in [CityDataFixture.Variant.standard, .plainResult] {
            let answer = try Self.parse(CityDataFixture.answer(for: "POI014", variant: variant))
            #expect(answer.city?.areaCode?.text == "POI014")
        }
    }

    @Test func errorsInEveryDocumentedShape() {
        let cases: [(String, String)] = [
            (CityDataFixture.noData, "INFO-200"), (CityDataFixture.noDataPlain, "INFO-200"), (CityDataFixture.badKey, "INFO-100"),
            (CityDataFixture.serverError, "ERROR-500"),
            (
                "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<RESULT>\n  <CODE>ERROR-336</CODE>\n  <MESSAGE><![CDATA[데이터요청은 한번에 최대 1000건을 넘을 수 없습니다.\n요청종료위치에서]]></MESSAGE>\n</RESULT>",
                "ERROR-336"
            )
        ]
        for (body, code) in cases {
            #expect {
                try Self.parse(body)
            } throws: { error in
                (error as? SeoulAPIError)?.result.code == code
            }
        }
    }

    @Test func successWithoutCityDataIsNotAnEmptyReading() {
        #expect(throws: MalformedResponse.self) {
            try Self.parse(#"{"list_total_count":0,"RESULT":{"RESULT.CODE":"INFO-000","RESULT.MESSAGE":"정상 처리되었습니다."}}"#)
        }
        #expect(throws: MalformedResponse.self) { try Self.parse(#"{"list_total_count":1,"CITYDATA":{}}"#) }
        #expect(throws: MalformedResponse.self) { try Self.parse(String(CityDataFixture.answer(for: "POI014").prefix(300))) }
    }
}

extension CityDataFeedTests.Outcome: CustomTestStringConvertible {
    /// A failed expectation shows this, not the file's bytes.
    var testDescription: String { "Outcome(ok: \(ok), detail: \(detail), state: \(entry?.state ?? "-"))" }
}

/// A citydata.json from `mayor fetch` on the wall: no SAMPLE badge, the fetched readings shown.
@Suite(.serialized) struct CityDataFetchedFileTests {
    @Test(arguments: [Language.ko, .en])
    func thePaneShowsTheFetchedReadingsWithoutTheSampleBadge(_ language: Language) async throws {
        let outcome = try await CityDataFeedTests.run(["POI014", "광화문·덕수궁", "서울숲공원"])
        #expect(outcome.ok, "\(outcome.detail)")
        let store = DataStore(directory: outcome.folder)
        let now = Date().timeIntervalSince1970
        store.refresh(now: now)
        let pane = try #require(PaneRegistry.pane("citydata"))
        var buffer = Buffer(width: 160, height: 60)
        let strings = Strings(language)
        let context = PaneContext(strings: strings, theme: .monochrome, now: now, district: nil, zoomed: true)
        PaneRenderer.render(
            pane, state: store.state(pane.kind), freshness: store.freshness(pane.kind, now: now), context: context, in: buffer.area, buffer: &buffer)
        let text = buffer.textLines().joined(separator: "\n")
        #expect(!text.contains(strings.sample), "\(text)")
        // The fetched reading time (the bundled sample's is 2025-01-15 08:50).
        #expect(text.contains("2026-11-27"), "\(text)")
        #expect(!text.contains("2025-01-15"), "\(text)")
        // A place the bundled file lists keeps its carried-over district; the names are shown.
        #expect(text.contains("강남구") || text.contains("Gangnam"), "\(text)")
        #expect(text.contains(language == .ko ? "서울숲공원" : "Seoul Forest"), "\(text)")
    }
}
