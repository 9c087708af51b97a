import Foundation
import Testing

@testable import MayorCore

/// One way to break a bundled snapshot, and what the problem must say.
struct Breakage: CustomTestStringConvertible, Sendable {
    let kind: SnapshotKind
    let old: String
    let new: String
    /// Expected JSON path of the problem (nil: a located syntax problem, checked by line).
    let path: String?
    let message: String
    var testDescription: String { "\(kind.rawValue): \(message)" }
}

@Suite struct SnapshotRejectionTests {
    @Test func everyBundledSnapshotIsValid() throws {
        for kind in SnapshotKind.allCases {
            let result = SnapshotParser.parse(kind, data: readBundled(kind), file: "Data/\(kind.fileName)", now: testNow)
            if case .failure(let list) = result { Issue.record("\(kind.fileName): \(list)") }
        }
    }

    static let breakages: [Breakage] = [
        // Envelope
        Breakage(kind: .wifi, old: "\"kind\": \"wifi\"", new: "\"kind\": \"cctv\"", path: "kind", message: "expected \"wifi\""),
        Breakage(kind: .wifi, old: "\"schemaVersion\": 1", new: "\"schemaVersion\": 2", path: "schemaVersion", message: "unknown schemaVersion 2"),
        Breakage(kind: .wifi, old: "\"asOf\": \"2023-09-30\"", new: "\"asOf\": \"30/09/2023\"", path: "asOf", message: "not an ISO-8601 date"),
        Breakage(kind: .wifi, old: "\"asOf\": \"2023-09-30\"", new: "\"asOf\": \"2023-02-30\"", path: "asOf", message: "not an ISO-8601 date"),
        Breakage(kind: .wifi, old: "\"asOf\": \"2023-09-30\"", new: "\"asOf\": \"2031-01-01\"", path: "asOf", message: "in the future"),
        Breakage(
            kind: .wifi, old: "\"asOf\": \"2023-09-30\"", new: "\"asOf\": \"2023-09-30\", \"maxAgeDays\": -3", path: "maxAgeDays",
            message: "positive number of days"),
        Breakage(kind: .wifi, old: "\"agency\": \"서울특별시 디지털정책관\"", new: "\"agency\": \"  \"", path: "source.agency", message: "must not be empty"),
        Breakage(kind: .wifi, old: "\"document\":", new: "\"documentTitle\":", path: "source.document", message: "missing required field \"document\""),
        // Syntax and limits
        Breakage(kind: .metaverse, old: "\"goal\": {", new: "\"goal\": {\"a\": 1, \"a\": 2,", path: nil, message: "duplicate key \"a\""),
        Breakage(kind: .metaverse, old: "\"visits\": 200000", new: "\"visits\": 1e999", path: nil, message: "out of range"),
        Breakage(
            kind: .metaverse, old: "\"goal\": {", new: "\"goal\": {\"deep\": " + String(repeating: "[", count: 40) + String(repeating: "]", count: 40) + ",",
            path: nil, message: "nesting deeper than"),
        Breakage(kind: .metaverse, old: "\"goal\": {", new: "\"goal\": {,", path: nil, message: "expected a quoted key"),
        // wifi
        Breakage(kind: .wifi, old: "\"apTotal\": 31245", new: "\"apTotal\": 31246", path: "apTotal", message: "categories add up to 31245"),
        Breakage(kind: .wifi, old: "\"count\": 3694", new: "\"count\": -3694", path: "apCategories[0].count", message: "must not be negative"),
        Breakage(
            kind: .wifi, old: "\"group\": \"fixed\"", new: "\"group\": \"flying\"", path: "apCategories[0].group", message: "not one of the allowed values"),
        Breakage(
            kind: .wifi, old: "\"id\": \"traditional-market\"", new: "\"id\": \"main-street\"", path: "apCategories[1].id", message: "duplicate category id"),
        Breakage(kind: .wifi, old: "\"month\": \"2023-02\"", new: "\"month\": \"2023-01\"", path: "monthly[1].month", message: "repeats the previous month"),
        Breakage(kind: .wifi, old: "\"month\": \"2023-02\"", new: "\"month\": \"2023-13\"", path: "monthly[1].month", message: "is not a month"),
        // traffic
        Breakage(kind: .traffic, old: "\"speedKmh\": 32.0", new: "\"speedKmh\": 900", path: "corridors[0].daily[0].speedKmh", message: "between 0.0 and 200.0"),
        Breakage(kind: .traffic, old: "\"volume\": 67644", new: "\"volume\": -1", path: "corridors[0].daily[0].volume", message: "must not be negative"),
        Breakage(
            kind: .traffic, old: "\"date\": \"2023-07-04\"", new: "\"date\": \"2023-07-01\"", path: "corridors[0].daily[1].date", message: "ascending order"),
        Breakage(
            kind: .traffic, old: "\"volume\": 67644", new: "\"volume\": \"lots\"", path: "corridors[0].daily[0].volume",
            message: "expected a number, found a string"),
        Breakage(kind: .traffic, old: "\"volume\": 67644", new: "\"volume\": 676.44", path: "corridors[0].daily[0].volume", message: "expected a number"),
        // metaverse
        Breakage(kind: .metaverse, old: "\"to\": \"2023-09-30\"", new: "\"to\": \"2023-01-01\"", path: "period.to", message: "before period.from"),
        Breakage(kind: .metaverse, old: "\"visits\": 200000", new: "\"visits\": 0", path: "goal.visits", message: "positive number of visits"),
        Breakage(kind: .metaverse, old: "\"percent\": 15", new: "\"percent\": 150", path: "spaceShare[0].percent", message: "between 0.0 and 100.0"),
        Breakage(kind: .metaverse, old: "\"percent\": 15", new: "\"percent\": 85", path: "spaceShare", message: "more than 100"),
        // cctv
        Breakage(kind: .cctv, old: "\"aged10plus\": 5896", new: "\"aged10plus\": 95896", path: "ageProfile", message: "more than total"),
        Breakage(kind: .cctv, old: "\"districts\": 24", new: "\"districts\": 26", path: "programme.districts", message: "between 0 and 25"),
        Breakage(kind: .cctv, old: "\"name\": \"중구\"", new: "\"name\": \"종로구\"", path: "districts[1].name", message: "duplicate district"),
        // pledges
        Breakage(
            kind: .pledges, old: "\"target\": 1000", new: "\"target\": \"1000\"", path: "districts[0].programs[0].indicators[0].target",
            message: "expected a number, found a string"),
        Breakage(
            kind: .pledges, old: "\"target\": 1000", new: "\"target\": 0", path: "districts[0].programs[0].indicators[0].target",
            message: "needs a positive target"),
        Breakage(kind: .pledges, old: "\"target\": 1000,", new: "", path: "districts[0].programs[0].indicators[0].target", message: "is missing"),
        Breakage(
            kind: .pledges, old: "\"actual\": 1000", new: "\"actual\": -5", path: "districts[0].programs[0].indicators[0].actual",
            message: "must not be negative"),
        Breakage(
            kind: .pledges, old: "\"status\": \"이행 후 지속추진\"", new: "\"status\": \"잘 되고 있음\"", path: "districts[0].programs[0].status",
            message: "is not a pledge status"),
        Breakage(kind: .pledges, old: "\"weight\": 20,", new: "", path: "districts[0].programs[0].indicators", message: "3 of 4 indicators have a weight"),
        Breakage(
            kind: .pledges, old: "\"weight\": 20", new: "\"weight\": 0", path: "districts[0].programs[0].indicators[0].weight", message: "must be positive"),
        Breakage(kind: .pledges, old: "\"name\": \"도봉구\"", new: "\"name\": \"관악구\"", path: "districts[1].name", message: "duplicate district"),
        Breakage(
            kind: .pledges, old: "\"basis\": \"secured\"", new: "\"basis\": \"spent\"", path: "districts[2].programs[0].budget.basis",
            message: "is not a budget basis"),
        Breakage(
            kind: .pledges, old: "\"figuresThrough\": \"2020-12\"", new: "\"figuresThrough\": \"late 2020\"", path: "districts[1].programs[0].figuresThrough",
            message: "is not a month"),
        Breakage(
            kind: .pledges, old: "null,\n                  100,", new: "100,", path: "districts[0].programs[0].indicators[0].quarterly.targets",
            message: "give the four quarters"),
        Breakage(
            kind: .cctv, old: "\"committedPercent\": 85.3", new: "\"committedPercent\": 185.3", path: "budgets[3].committedPercent",
            message: "between 0.0 and 100.0"),
        Breakage(
            kind: .cctv, old: "\"agedRatePercent\": 17", new: "\"agedRatePercent\": -17", path: "ageProfile.agedRatePercent", message: "between 0.0 and 100.0")
    ]

    @Test(arguments: breakages)
    func brokenSnapshotIsRejectedWithFileAndPlace(_ b: Breakage) {
        let found = problems(b.kind, bundledText(b.kind, replacing: b.old, with: b.new))
        #expect(!found.isEmpty, "accepted a broken \(b.kind.fileName)")
        let match = found.first { $0.message.contains(b.message) && (b.path == nil || $0.path == b.path) }
        #expect(match != nil, "expected \(b.path ?? "-"): …\(b.message)…, got \(found.map(\.description))")
        if let match {
            #expect(match.file == "Data/\(b.kind.fileName)")
            #expect(match.line != nil, "no line:column for \(match)")
            #expect(match.description.hasPrefix("Data/\(b.kind.fileName):"))
        }
    }

    @Test func truncatedFileIsReportedAtItsEnd() {
        let full = String(decoding: readBundled(.metaverse), as: UTF8.self)
        let truncated = String(full.prefix(full.count / 2))
        let found = problems(.metaverse, truncated)
        let p = try? #require(found.first)
        #expect(p?.message.contains("truncated") == true)
        let lines = truncated.split(separator: "\n", omittingEmptySubsequences: false).count
        #expect(p?.line == lines)
        #expect(p?.description.hasPrefix("Data/metaverse.json:\(lines):") == true)
    }

    @Test func emptyAndNonObjectFilesAreRejected() {
        #expect(problems(.wifi, "").first?.message.contains("empty") == true)
        #expect(problems(.wifi, "[1, 2]").first?.message.contains("expected an object") == true)
        #expect(problems(.wifi, "{} trailing").first?.message.contains("after the end") == true)
    }

    @Test func oversizedFileIsRefusedBeforeParsing() {
        let data = readBundled(.wifi)
        let result = SnapshotParser.parse(.wifi, data: data, file: "Data/wifi.json", now: testNow, maxBytes: 100)
        guard case .failure(let list) = result else {
            Issue.record("accepted an oversized file")
            return
        }
        #expect(list.problems.first?.message.contains("more than the limit") == true)
    }

    @Test func hostileTextIsNeutralisedOnLoad() throws {
        let text = bundledText(.pledges, replacing: "\"name\": \"관악구\"", with: "\"name\": \"관악구\\u001b[2J\\u001b]0;pwned\\u0007\"")
        let snapshot = try parse(.pledges, text).get()
        let name = try #require(snapshot.pledges?.districts.first?.name.value)
        #expect(!name.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
        #expect(name.hasPrefix("관악구␛[2J"))
    }

    @Test func problemDescriptionsFollowTheContract() {
        #expect(Problem(.invalid, file: "Data/a.json", line: 3, column: 7, message: "bad").description == "Data/a.json:3:7: bad")
        #expect(Problem(.invalid, file: "Data/a.json", path: "x[0].y", message: "bad").description == "Data/a.json: x[0].y: bad")
        #expect(Problem(.invalid, file: "Data/a.json", line: 3, column: 7, path: "x", message: "bad").description == "Data/a.json:3:7: x: bad")
    }
}

@Suite struct SnapshotLimitTests {
    @Test func absurdRowCountsAreRefused() {
        let many = (0..<1001).map { "{\"name\": \"구\($0)\", \"programs\": []}" }.joined(separator: ",")
        let text = bundledText(.pledges, replacing: "\"districts\": [", with: "\"districts\": [\(many),")
        let found = problems(.pledges, text)
        // Refused before anything is decoded, with the place of the list.
        #expect(found.count == 1 && found[0].path == "districts" && found[0].message.contains("at most 1000"), "\(found)")
        #expect(found.first?.line == 10 && found.first?.column == 16, "\(found)")
        // Thousands of problems are cut to a readable list.
        let empty = (0..<100).map { "{\"name\": \"구\($0)\", \"programs\": []}" }.joined(separator: ",")
        let listed = problems(.pledges, bundledText(.pledges, replacing: "\"districts\": [", with: "\"districts\": [\(empty),"))
        #expect(listed.count == SnapshotParser.maxProblems + 1)
        #expect(listed.last?.message.contains("more problems") == true)
    }
}

@Suite struct LongLineTests {
    /// Minified JSON is one long line: locating must not be quadratic in it.
    /// Measured by the work, not the clock on the wall: the CPU time of this
    /// thread (which a loaded machine does not inflate the way it does wall
    /// time) for a one-line file and one four times as long. Linear work
    /// grows about 4 times; work quadratic in the line grows about 16 times.
    @Test func minifiedSnapshotsParseWithoutQuadraticCost() throws {
        let big = String(decoding: readBundled(.traffic), as: UTF8.self).filter { $0 != "\n" }
        guard case .success = parse(.traffic, big) else {
            Issue.record("minified traffic rejected")
            return
        }
        // A duplicate key at the very end of a long line is still found and placed.
        let broken = String(big.dropLast()) + ", \"kind\": \"traffic\"}"
        let p = problems(.traffic, broken).first
        #expect(p?.message.contains("duplicate key") == true)
        #expect(p?.line == 1 && (p?.column ?? 0) > 50_000)

        // The same with the corridors once and four times: n and 4n bytes on one line.
        let small = try Self.minified(corridorsTimes: 1)
        let large = try Self.minified(corridorsTimes: 4)
        #expect(large.utf8.count > 3 * small.utf8.count && !small.contains("\n"))
        for text in [small, large] {
            let found = problems(.traffic, text).first
            #expect(found?.message.contains("duplicate key") == true && found?.line == 1, "\(String(describing: found))")
        }
        // The least of a few runs: a run can only be slowed (caches, page
        // faults), never sped up, so the least is the closest to the work.
        let smallCost = Self.leastThreadCPUSeconds(repeats: 5) { _ = problems(.traffic, small) }
        let largeCost = Self.leastThreadCPUSeconds(repeats: 3, enough: 8 * smallCost) { _ = problems(.traffic, large) }
        let ratio = largeCost / max(smallCost, 1e-9)
        #expect(ratio < 8, "4 times the bytes took \(ratio) times the CPU time (\(smallCost) s, \(largeCost) s): not linear")
    }

    /// The bundled traffic file on one line with its corridors repeated
    /// `corridorsTimes` times and a duplicate key at the very end.
    static func minified(corridorsTimes: Int) throws -> String {
        var object = try #require(try JSONSerialization.jsonObject(with: readBundled(.traffic)) as? [String: Any])
        let corridors = try #require(object["corridors"] as? [Any])
        object["corridors"] = Array(repeating: corridors, count: corridorsTimes).flatMap { $0 }
        let text = String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
        return String(text.dropLast()) + ",\"kind\":\"traffic\"}"
    }

    /// The least CPU time this thread spent in `work` over `repeats` runs,
    /// stopping early once a run took less than `enough`.
    static func leastThreadCPUSeconds(repeats: Int, enough: Double = 0, _ work: () -> Void) -> Double {
        func now() -> Double {
            var ts = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
            return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
        }
        var least = Double.infinity
        for _ in 0..<repeats {
            let start = now()
            work()
            least = min(least, now() - start)
            if least < enough { break }
        }
        return least
    }
}

/// Every number Foundation's JSON reader refuses is also refused by the
/// locator, so the problem gets a line and column instead of a bare
/// "not valid JSON".
@Suite struct NumberSpellingTests {
    static let spellings = [
        "0", "-0", "01", "-01", "00", "0.0", "1.5", "1e5", "1E5", "0e5", "0E1", "0e05", "0e+5", "0e-5", "-0e5",
        "0.0e5", "1e-300", "1e-400", "4.9e-324", "2e-324", "1e308", "1e309", "-1e309", "123456789012345678901234567890",
        "0.000", "10", "1e0", "9007199254740993", "1.0e-400", "0.0000000000000000000000000000001e-300"
    ]

    @Test(arguments: spellings)
    func locatorAgreesWithFoundation(_ number: String) throws {
        let text = "{\"a\": [1, \(number)]}"
        let foundation = (try? JSONDecoder().decode([String: [Double]].self, from: Data(text.utf8))) != nil
        let problem = JSONLocator.firstProblem(in: Array(text.utf8), maxDepth: 32)
        #expect(
            foundation == (problem == nil),
            "\(number): Foundation \(foundation ? "accepts" : "refuses"), locator \(problem.map { "says \($0.message)" } ?? "accepts")")
        if let problem {
            #expect(problem.position.line == 1 && problem.position.column == 11, "\(number): \(problem)")
        }
    }
}

/// Locating many problems in one pass gives what locating each on its own gives.
@Suite struct LocateAllTests {
    @Test func onePassMatchesOneByOne() throws {
        let data = Data(try String(contentsOfFile: bundledData + "/traffic.json", encoding: .utf8).utf8)
        let paths = [
            "corridors[0].daily[3].volume", "corridors[2].name", "corridors[1].daily[0]", "schemaVersion",
            "corridors[0].daily[3].volume",  // twice
            "corridors[1].daily[2].nosuchfield",  // missing: its parent is found instead
            "corridors[99].id",  // beyond the file: the corridors list
            "nosuch[3].deeper", ""
        ]
        let problems = paths.map { Problem(.invalid, file: "traffic.json", path: $0, message: "m") }
        let together = SnapshotParser.locateAll(problems, data)
        let alone = problems.map { SnapshotParser.locate($0, SnapshotParser.parsePath($0.path ?? ""), data) }
        #expect(together == alone)
        #expect(together.filter { $0.line != nil }.count == 7, "\(together.map(\.description))")
        #expect(together[5].line == alone[5].line && together[5].line != nil)
        #expect(together.last?.line == nil)
    }
}
