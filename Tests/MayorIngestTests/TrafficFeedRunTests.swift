import Foundation
import MayorCore
import Testing

@testable import MayorIngest

/// The road-traffic source end to end, over a test transport that serves the
/// fixtures and counts what is asked: figures equal the fixture rows summed
/// here, only unknown hours are asked, failures keep the previous file.
@Suite struct TrafficFeedRunTests {
    final class Server: @unchecked Sendable {
        let lock = NSLock()
        var asked: [String] = []
        /// Path → a body to answer instead of the fixture.
        var overrides: [String: String] = [:]
        var failAfter: Int?

        func answer(_ path: String) throws -> Data {
            lock.lock()
            defer { lock.unlock() }
            asked.append(path)
            if let failAfter, asked.count > failAfter { throw URLError(.networkConnectionLost) }
            if let body = overrides[path] { return Data(body.utf8) }
            if path == Topis.spotPath { return Data(TopisFixtures.spotInfo.utf8) }
            // VolInfo/1/100/{spot}/{ymd}/{hh}/
            let parts = path.split(separator: "/").map(String.init)
            let (spot, ymd, hour) = (parts[3], parts[4], Int(parts[5])!)
            return Data(TopisFixtures.volInfo(spot: spot, ymd: ymd, hour: hour, rows: TopisFixtures.rows(spot: spot, ymd: ymd, hour: hour)).utf8)
        }
    }

    static func folder() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mayor-traffic-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static let base = "http://127.0.0.1:8088/xml/"

    func run(_ server: Server, _ out: URL, spots: [String] = ["A-01", "D-77"], backfill: Int = 1, now: Double) async throws -> TrafficFeedRun.Outcome {
        try await TrafficFeedRun(spots: spots, backfillDays: backfill, outDirectory: out, publicBase: Self.base).run(now: now) { try server.answer($0) }
    }

    /// The day's volume, summed here from the fixture rows of its 24 hours.
    static func expectedDay(_ spot: String, _ ymd: String) -> Int {
        var total = 0
        for h in 0..<24 {
            for row in TopisFixtures.rows(spot: spot, ymd: ymd, hour: h) { total += row.vol }
        }
        return total
    }

    @Test func writesAValidUnmarkedSnapshotWithTheFixturesSums() async throws {
        let out = Self.folder()
        defer { try? FileManager.default.removeItem(at: out) }
        let server = Server()
        let now = TopisFixtures.seoul(2026, 11, 29, 10, 30)
        let outcome = try await run(server, out, now: now)
        // 11-28 00h…23h and 11-29 00h…09h, for each of two spots, plus SpotInfo once.
        #expect(server.asked.count == 1 + 2 * 34)
        #expect(outcome.hoursFetched == 68 && outcome.wrote && outcome.asOf == "2026-11-28")

        let data = try Data(contentsOf: out.appendingPathComponent("traffic.json"))
        guard case .success(let snapshot) = SnapshotParser.parse(.traffic, data: data, file: "traffic.json", now: now), let traffic = snapshot.traffic else {
            Issue.record("not a valid traffic snapshot: \(SnapshotParser.parse(.traffic, data: data, file: "traffic.json", now: now))")
            return
        }
        #expect(!snapshot.envelope.isSample)
        #expect(snapshot.envelope.asOf.value == "2026-11-28")
        #expect(traffic.corridors.map(\.id.value) == ["A-01", "D-77"])
        #expect(traffic.corridors[1].name.value == "석촌호수로(방이삼거리->석촌호수)")
        for corridor in traffic.corridors {
            #expect(corridor.daily.map(\.date.value) == ["2026-11-28"], "the partial day 11-29 is not written")
            #expect(corridor.daily[0].volume == Self.expectedDay(corridor.id.value, "20261128"))
            #expect(corridor.daily[0].speedKmh == nil)
        }
        let text = String(decoding: data, as: UTF8.self)
        #expect(!text.contains("\"sample\""))
        #expect(text.contains(#""fetchedAt": "2026-11-29T10:30:00+09:00""#))
        #expect(text.contains(#""url": "http://127.0.0.1:8088/xml/VolInfo/""#))
    }

    /// Hours asked several at once (as `mayor fetch` does) make the same file
    /// and the same state as one at a time: the snapshot is made from the
    /// ledger, whatever order the answers came in.
    @Test func hoursAskedInParallelMakeTheSameFile() async throws {
        let now = TopisFixtures.seoul(2026, 11, 29, 10, 30)
        var outputs: [(Data, Data)] = []
        for parallel in [1, 8] {
            let out = Self.folder()
            defer { try? FileManager.default.removeItem(at: out) }
            let server = Server()
            var feed = TrafficFeedRun(spots: ["A-01", "D-77", "A-09"], backfillDays: 3, outDirectory: out, publicBase: Self.base)
            feed.parallel = parallel
            let collected = try await feed.collect(now: now, transport: TopisFetch { try server.answer($0) })
            #expect(collected.outcome.hoursFetched == 3 * (3 * 24 + 10) && Set(server.asked).count == server.asked.count)
            outputs.append((try #require(collected.snapshot), try Data(contentsOf: out.appendingPathComponent(TrafficLedger.fileName))))
        }
        #expect(outputs[0].0 == outputs[1].0 && outputs[0].1 == outputs[1].1)
    }

    @Test func asksOnlyForTheHoursItDoesNotHave() async throws {
        let out = Self.folder()
        defer { try? FileManager.default.removeItem(at: out) }
        let server = Server()
        _ = try await run(server, out, now: TopisFixtures.seoul(2026, 11, 29, 10, 30))
        server.asked = []
        // Three hours later: 10h, 11h and 12h have ended since, for each spot.
        let outcome = try await run(server, out, now: TopisFixtures.seoul(2026, 11, 29, 13, 5))
        #expect(server.asked == [Topis.spotPath] + ["A-01", "D-77"].flatMap { s in [10, 11, 12].map { "VolInfo/1/100/\(s)/20261129/\($0)/" } })
        #expect(outcome.hoursFetched == 6)
    }

    @Test func backfillFillsHistory() async throws {
        let out = Self.folder()
        defer { try? FileManager.default.removeItem(at: out) }
        let server = Server()
        let now = TopisFixtures.seoul(2026, 11, 29, 0, 10)
        _ = try await run(server, out, spots: ["A-09"], backfill: 3, now: now)
        #expect(server.asked.count == 1 + 3 * 24)
        let data = try Data(contentsOf: out.appendingPathComponent("traffic.json"))
        guard case .success(let s) = SnapshotParser.parse(.traffic, data: data, file: "traffic.json", now: now) else {
            Issue.record("refused")
            return
        }
        let days = s.traffic!.corridors[0].daily
        #expect(days.map(\.date.value) == ["2026-11-26", "2026-11-27", "2026-11-28"])
        #expect(days.map(\.volume) == ["20261126", "20261127", "20261128"].map { Self.expectedDay("A-09", $0) })
    }

    @Test func failuresLeaveThePreviousFileByteIdentical() async throws {
        let out = Self.folder()
        defer { try? FileManager.default.removeItem(at: out) }
        let server = Server()
        _ = try await run(server, out, now: TopisFixtures.seoul(2026, 11, 29, 10, 30))
        let file = out.appendingPathComponent("traffic.json")
        let before = try Data(contentsOf: file)
        let later = TopisFixtures.seoul(2026, 11, 30, 3, 0)
        let failures: [(String, (Server) -> Void)] = [
            ("bad key", { $0.overrides["VolInfo/1/100/A-01/20261129/12/"] = TopisFixtures.badKey }),
            ("server error", { $0.overrides["VolInfo/1/100/D-77/20261129/15/"] = TopisFixtures.serverError }),
            (
                "cut body",
                {
                    $0.overrides["VolInfo/1/100/A-01/20261129/20/"] = String(
                        TopisFixtures.volInfo(spot: "A-01", ymd: "20261129", hour: 20, rows: TopisFixtures.rows(spot: "A-01", ymd: "20261129", hour: 20))
                            .prefix(90))
                }
            ),
            ("transport", { $0.failAfter = 4 }),
            ("station list", { $0.overrides[Topis.spotPath] = TopisFixtures.badKey })
        ]
        for (what, setUp) in failures {
            let failing = Server()
            setUp(failing)
            do {
                _ = try await run(failing, out, now: later)
                Issue.record("\(what): the run succeeded")
            } catch {
                #expect(!"\(error)".isEmpty)
            }
            #expect(try Data(contentsOf: file) == before, "\(what): traffic.json changed")
            // Reset the state to what the first run left, so each failure meets the same hours.
            _ = try? FileManager.default.removeItem(at: out.appendingPathComponent(TrafficLedger.fileName))
            _ = try await run(Server(), out, now: TopisFixtures.seoul(2026, 11, 29, 10, 30))
        }
    }

    @Test func answeredHoursSurviveAFailure() async throws {
        let out = Self.folder()
        defer { try? FileManager.default.removeItem(at: out) }
        let failing = Server()
        failing.failAfter = 11  // SpotInfo and ten hours
        let now = TopisFixtures.seoul(2026, 11, 29, 10, 30)
        await #expect(throws: (any Error).self) { try await run(failing, out, now: now) }
        let retry = Server()
        _ = try await run(retry, out, now: now)
        #expect(retry.asked.count == 1 + 68 - 10, "the ten answered hours are not asked again")
    }

    @Test func aSettledGapLeavesTheDayUntotalledAndSaysSo() async throws {
        let out = Self.folder()
        defer { try? FileManager.default.removeItem(at: out) }
        let server = Server()
        server.overrides["VolInfo/1/100/A-01/20261126/05/"] = TopisFixtures.noDataJSON
        // Four days later the 05h gap of 11-26 is settled: that day is left out, the others written.
        let now = TopisFixtures.seoul(2026, 11, 30, 0, 30)
        let outcome = try await run(server, out, spots: ["A-01"], backfill: 4, now: now)
        #expect(outcome.hoursEmpty == 1)
        let data = try Data(contentsOf: out.appendingPathComponent("traffic.json"))
        guard case .success(let s) = SnapshotParser.parse(.traffic, data: data, file: "traffic.json", now: now) else {
            Issue.record("refused")
            return
        }
        #expect(s.traffic!.corridors[0].daily.map(\.date.value) == ["2026-11-27", "2026-11-28", "2026-11-29"])
        #expect(String(decoding: data, as: UTF8.self).contains("A-01 2026-11-26: no data at the source for hour(s) 05"))
        // Settled: not asked again.
        server.asked = []
        _ = try await run(server, out, spots: ["A-01"], backfill: 4, now: now + 7200)
        #expect(!server.asked.contains("VolInfo/1/100/A-01/20261126/05/"))
    }

    @Test func aRecentNoDataHourIsAskedAgainAtMostHourly() async throws {
        let out = Self.folder()
        defer { try? FileManager.default.removeItem(at: out) }
        let server = Server()
        let path = "VolInfo/1/100/A-01/20261129/09/"
        server.overrides[path] = TopisFixtures.noDataXML
        let now = TopisFixtures.seoul(2026, 11, 29, 10, 5)
        let first = try await run(server, out, spots: ["A-01"], backfill: 0, now: now)
        #expect(server.asked.contains(path))
        #expect(!first.wrote && first.hoursEmpty == 1, "no complete day yet: nothing written, and no error")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("traffic.json").path))
        server.asked = []
        _ = try await run(server, out, spots: ["A-01"], backfill: 0, now: now + 600)
        #expect(!server.asked.contains(path), "asked again ten minutes later")
        server.overrides[path] = nil
        server.asked = []
        _ = try await run(server, out, spots: ["A-01"], backfill: 0, now: now + 3700)
        #expect(server.asked.contains(path), "asked again after an hour")
        let ledger = try TrafficLedger.load(from: out.appendingPathComponent(TrafficLedger.fileName))
        #expect(ledger.spots["A-01"]?["20261129"]?.volumes[9] != nil && ledger.spots["A-01"]?["20261129"]?.noData == nil)
    }

    @Test func anUnknownSpotIsAnError() async throws {
        let out = Self.folder()
        defer { try? FileManager.default.removeItem(at: out) }
        do {
            _ = try await run(Server(), out, spots: ["Z-99"], now: TopisFixtures.seoul(2026, 11, 29, 10, 30))
            Issue.record("accepted")
        } catch {
            #expect("\(error)" == "\(Self.base)SpotInfo/1/1000/: configured spot Z-99 is not in SpotInfo's 4 stations")
        }
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("traffic.json").path))
    }
}
