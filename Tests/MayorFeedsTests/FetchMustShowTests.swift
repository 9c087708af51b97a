import Foundation
import MayorCore
import Synchronization
import Testing

@testable import MayorFeeds

/// Issue 13's "Must show", end to end through the built binaries (swift build
/// first), against the fake Seoul API on loopback:
///
/// 1. `SEOUL_API_KEY=k mayor fetch --once --base-url http://127.0.0.1:PORT --out DIR`
///    writes snapshots that `mayor check --data DIR` accepts, whose figures equal
///    the fixtures' (summed here from the pages the fake server sends, parsed
///    with JSONSerialization: none of the sources' code);
/// 2. a failure on any page, a timeout, an XML error body and a top-level
///    INFO-200 each leave the previous snapshot byte-identical and set the
///    status file's error;
/// 3. no output, file or log of any of these runs holds the key (every test
///    ends by grepping them all: stdout and stderr of every run, every file in
///    DIR, the status file among them).
///
/// The per-source suites (WifiFeedTests, FetchCommandTests) test the same
/// behaviour through the library, with more failure kinds (a connection reset,
/// a body cut in half, retries); this suite is the one place that runs the
/// command as a publisher would.
@Suite(.serialized) struct FetchMustShowTests {
    /// Four pages of 1,000 (the last one short), served for TbPublicWifiInfo.
    static let wifi = WifiFixture(total: 3_456)
    static let wifiPages = 4

    /// Everything a test's runs printed or wrote, for the key grep.
    final class Outputs: Sendable {
        let texts = Mutex<[(what: String, text: String)]>([])

        func add(_ what: String, _ run: FetchCommandTests.Run) {
            texts.withLock { $0 += [("\(what): stdout", run.stdout), ("\(what): stderr", run.stderr)] }
        }
    }

    /// The fake server's answer for every source's requests; `override` goes first.
    static func answer(
        _ override: @escaping @Sendable (FakeSeoul.Seen) -> FakeSeoul.Reply? = { _ in nil }
    ) -> @Sendable (FakeSeoul.Seen) -> FakeSeoul.Reply {
        { seen in
            if let reply = override(seen) { return reply }
            return wifi.reply(seen.segments)
        }
    }

    /// `mayor fetch ARGS` with the key in SEOUL_API_KEY only (never in argv), from the repository's root.
    static func fetch(_ arguments: [String], _ outputs: Outputs, _ what: String) async throws -> FetchCommandTests.Run {
        let run = try await FetchCommandTests.mayor(["fetch"] + arguments, environment: ["SEOUL_API_KEY": testKey])
        outputs.add(what, run)
        return run
    }

    /// A feeds config for the failure runs: Data/feeds.yaml's sources with
    /// short timeouts and one quick retry, so a run that fails ends in seconds.
    static func failureConfig(_ folder: String, requestTimeout: String = "5s") throws -> String {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/feeds.yaml"
        try """
        requests:
          connectTimeout: 2s
          requestTimeout: \(requestTimeout)
          retries: 1
          backoff: 0.01s
        sources:
          wifi:
            interval: 1d
            pageSize: 1000
        """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The page of a TbPublicWifiInfo request (1-based), from its start index.
    static func wifiPage(_ seen: FakeSeoul.Seen) -> Int? {
        guard seen.segments.count >= 4, seen.segments[1] == WifiInventorySource.service, let start = Int(seen.segments[2]) else { return nil }
        return (start - 1) / 1000 + 1
    }

    /// Every snapshot file of `folder` (name and bytes), the status file excepted.
    static func snapshots(_ folder: String) throws -> [String: [UInt8]] {
        var out: [String: [UInt8]] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) where name.hasSuffix(".json") && name != FeedStatus.fileName {
            out[name] = bytes(folder + "/" + name)
        }
        return out
    }

    /// Must show 3: the key is in no output of the runs and in no file under
    /// `folder` (recursively: the snapshots, the status file, temporary files
    /// left by a write, the config), and the server did see it (so the
    /// grep looks for the key that was really used).
    static func expectNoKey(_ outputs: Outputs, _ folder: String, _ servers: [FakeSeoul], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let texts = outputs.texts.withLock { $0 }
        #expect(!texts.isEmpty, sourceLocation: sourceLocation)
        for (what, text) in texts {
            #expect(!text.contains(testKey), "\(what) holds the key", sourceLocation: sourceLocation)
        }
        let files = FileManager.default.enumerator(atPath: folder)?.allObjects.compactMap { $0 as? String } ?? []
        #expect(files.contains(FeedStatus.fileName), "no status file in \(files)", sourceLocation: sourceLocation)
        for name in files {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder + "/" + name, isDirectory: &isFolder), !isFolder.boolValue else { continue }
            let content = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))
            #expect(content.range(of: Data(testKey.utf8)) == nil, "\(name) holds the key", sourceLocation: sourceLocation)
        }
        for server in servers {
            #expect(!server.seen.isEmpty && server.seen.allSatisfy { $0.key == testKey }, "the server saw another key", sourceLocation: sourceLocation)
        }
    }

    // MARK: 1. the figures

    /// The Wi-Fi figures, summed from the pages the fake server sends.
    struct WifiSums: Equatable {
        var total = 0
        var categories: [String: Int] = [:]
        var districts: [String: Int] = [:]
        var outside: [String: Int] = [:]
        var indoor = 0
        var outdoor = 0
        var workTimes: Set<String> = []
    }

    static func wifiSums() throws -> WifiSums {
        var sums = WifiSums()
        for page in 1...wifiPages {
            let text = wifi.page(start: (page - 1) * 1000 + 1, end: page * 1000)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            let rows = try #require((json["TbPublicWifiInfo"] as? [String: Any])?["row"] as? [[String: String]])
            for row in rows {
                sums.total += 1
                let category = row["X_SWIFI_INSTL_TY"] ?? ""
                sums.categories[category.isEmpty ? "분류 없음" : category, default: 0] += 1
                let district = row["X_SWIFI_WRDOFC"] ?? ""
                if district.hasSuffix("구") {
                    sums.districts[district, default: 0] += 1
                } else {
                    sums.outside[district, default: 0] += 1
                }
                if row["X_SWIFI_INOUT_DOOR"] == "실내" { sums.indoor += 1 }
                if row["X_SWIFI_INOUT_DOOR"] == "실외" { sums.outdoor += 1 }
                sums.workTimes.insert(row["WORK_DTTM"] ?? "")
            }
        }
        return sums
    }

    /// The figures of the written wifi.json, in the same shape.
    static func wifiFigures(_ folder: String) throws -> WifiSums {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/wifi.json"))) as? [String: Any])
        func counts(_ key: String) -> [String: Int] {
            (json[key] as? [[String: Any]] ?? []).reduce(into: [:]) { $0[$1["name"] as? String ?? "?", default: 0] += $1["count"] as? Int ?? -1 }
        }
        var figures = WifiSums()
        figures.total = json["apTotal"] as? Int ?? -1
        figures.categories = counts("apCategories")
        figures.districts = counts("districts").filter { $0.value != 0 }
        figures.outside = counts("outsideSeoul")
        figures.indoor = json["indoor"] as? Int ?? -1
        figures.outdoor = json["outdoor"] as? Int ?? -1
        figures.workTimes = [json["asOf"] as? String ?? ""]
        return figures
    }

    @Test func onceWritesSnapshotsThatMayorCheckAcceptsWithTheFixturesFigures() async throws {
        let folder = try seededFolder()
        let outputs = Outputs()
        let server = try await FakeSeoul.start(Self.answer())
        // The command of the issue, word for word: the default config (Data/feeds.yaml, from the repository's root).
        let run = try await Self.fetch(["--once", "--base-url", server.baseURL, "--out", folder], outputs, "fetch --once")
        await server.stop()
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("all 1 sources ok"), "\(run.stdout)")

        // mayor check --data DIR: the built binary, from the repository's root.
        let check = try await FetchCommandTests.mayor(["check", "--data", folder])
        outputs.add("check", check)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")

        // Wi-Fi: the written figures are the sums of the rows served.
        var sums = try Self.wifiSums()
        #expect(sums.total == 3_456 && sums.districts.count == 25 && !sums.outside.isEmpty && sums.workTimes.count == 1)
        sums.workTimes = Set(sums.workTimes.map { Timestamp.seoul($0) ?? "?" })
        let figures = try Self.wifiFigures(folder)
        #expect(figures == sums)
        let status = FeedStatus.read(folder)
        #expect(status.sources["wifi"]?.state == "ok" && status.sources["wifi"]?.lastError == nil)

        try Self.expectNoKey(outputs, folder, [server])
    }

    // MARK: 2. failures keep the last good snapshot

    /// One failure a publisher can meet, and what the status file must say.
    struct Failure: CustomTestStringConvertible, Sendable {
        let name: String
        /// The status file's lastErrorCode (nil: a transport failure has none).
        let code: String?
        /// Words the status file's lastError must hold.
        let words: [String]
        var requestTimeout = "5s"
        let reply: @Sendable (FakeSeoul.Seen) -> FakeSeoul.Reply?
        var testDescription: String { name }
    }

    static let failures: [Failure] =
        (1...wifiPages).map { page in
            Failure(
                name: "ERROR-500 on Wi-Fi page \(page) of \(wifiPages)", code: "ERROR-500",
                words: ["서버 오류", "{KEY}/json/TbPublicWifiInfo/\((page - 1) * 1000 + 1)/\(page * 1000)/"]
            ) { seen in
                wifiPage(seen) == page ? .body(WifiFixture.serverError) : nil
            }
        } + [
            Failure(name: "Wi-Fi page 3 slower than the timeout", code: nil, words: ["timeout", "{KEY}/json/TbPublicWifiInfo/2001/3000/"], requestTimeout: "1s")
            { seen in
                wifiPage(seen) == 3 ? .slow(wifi.page(start: 2001, end: 3000), seconds: 3) : nil
            },
            Failure(name: "the XML error body of a bad key", code: "INFO-100", words: ["인증키가 유효하지 않습니다."]) { _ in .body(WifiFixture.badKey) },
            Failure(name: "the XML error body of an over-long page on page 2", code: "ERROR-336", words: ["1000건", "{KEY}/json/TbPublicWifiInfo/1001/2000/"]) {
                seen in
                wifiPage(seen) == 2 ? .body(WifiFixture.overLong) : nil
            },
            Failure(name: "a top-level INFO-200", code: "INFO-200", words: ["해당하는 데이터가 없습니다"]) { _ in .body(WifiFixture.noData) }
        ]

    @Test(arguments: failures)
    func aFailureLeavesThePreviousSnapshotByteIdenticalAndSetsTheStatusError(_ failure: Failure) async throws {
        let folder = try seededFolder()
        let outputs = Outputs()
        // A good run first, so the snapshot kept is one the feed wrote.
        let good = try await FakeSeoul.start(Self.answer())
        let first = try await Self.fetch(["--once", "--base-url", good.baseURL, "--out", folder], outputs, "fetch --once (good)")
        await good.stop()
        #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
        let before = try Self.snapshots(folder)
        let success = FeedStatus.read(folder).sources["wifi"]?.lastSuccess
        #expect(before["wifi.json"] != nil && success != nil)

        let config = try Self.failureConfig(NSTemporaryDirectory() + "mayor-must-show-\(UUID().uuidString)", requestTimeout: failure.requestTimeout)
        let bad = try await FakeSeoul.start(Self.answer(failure.reply))
        let run = try await Self.fetch(["--once", "--config", config, "--base-url", bad.baseURL, "--out", folder], outputs, "fetch --once (\(failure.name))")
        await bad.stop()
        #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("FAILED"), "\(run.stdout)")

        // Every snapshot byte-identical; the status file says what went wrong.
        let after = try Self.snapshots(folder)
        let changed = Set(after.keys).union(before.keys).filter { after[$0] != before[$0] }.sorted()
        #expect(changed.isEmpty, "changed: \(changed)")
        let entry = try #require(FeedStatus.read(folder).sources["wifi"])
        #expect(entry.state == "error", "\(entry)")
        #expect(entry.lastErrorCode == failure.code, "\(entry)")
        #expect(entry.lastError?.isEmpty == false, "\(entry)")
        for words in failure.words { #expect(entry.lastError?.contains(words) == true, "\(words) in \(entry)") }
        #expect(entry.lastSuccess == success && entry.lastErrorAt != nil)

        try Self.expectNoKey(outputs, folder, [bad])
        try? FileManager.default.removeItem(atPath: (config as NSString).deletingLastPathComponent)
    }
}
