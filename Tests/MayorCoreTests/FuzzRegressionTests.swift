import Dispatch
import FoundationEssentials
import Testing

@testable import MayorCore

#if canImport(Glibc)
    import Glibc
#endif

/// A result handed from a worker thread (written before `done` is signalled).
final class FuzzCompletion<T: Sendable>: @unchecked Sendable {
    var value: T?
    let done = DispatchSemaphore(value: 0)
}

/// Hostile inputs for the parsers of files that come from other systems:
/// inputs found by the fuzzer (Fuzz/README.md, kept in FuzzCorpus/) and
/// hand-made nasty ones. Every one must come back quickly with either a valid
/// result or a clean failure that names a problem: never a crash or a hang.
@Suite("Fuzz regressions", .serialized) struct FuzzRegressionTests {
    /// A hang guard, not a benchmark (speed is measured by `mayor bench`):
    /// generous, because a debug build on a shared 2-core machine is slow,
    /// yet far below what the quadratic and exponential bugs it guards took.
    static let budget: Duration = .seconds(15)
    /// Past this an input counts as a hang (the parse is abandoned).
    static let deadlineSeconds = 30.0
    static let corpusFolder = repoRoot + "/Tests/MayorCoreTests/FuzzCorpus"

    // MARK: helpers

    /// Runs `body` on a worker thread (as DataStore parses snapshots) and
    /// gives up after `deadline`, so a hang fails the test instead of
    /// blocking the suite (the stuck thread is left running).
    static func run<T: Sendable>(
        _ what: String, _ body: @escaping @Sendable () -> T,
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> (T, Duration)? {
        let box = FuzzCompletion<(T, Duration)>()
        DispatchQueue.global().async {
            let clock = ContinuousClock()
            let start = clock.now
            let value = body()
            box.value = (value, clock.now - start)
            box.done.signal()
        }
        if box.done.wait(timeout: .now() + deadlineSeconds) == .timedOut {
            Issue.record("\(what) did not finish within \(deadlineSeconds) s (a hang)", sourceLocation: sourceLocation)
            return nil
        }
        return box.value
    }

    static func expectQuick(_ elapsed: Duration, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(elapsed < budget, "\(what) took \(elapsed), more than \(budget)", sourceLocation: sourceLocation)
    }

    /// Parses `bytes` as a snapshot of `kind`; checks the time and the shape of a failure.
    @discardableResult
    static func snapshot(
        _ kind: SnapshotKind, _ bytes: [UInt8], _ what: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> Result<Snapshot, ProblemList>? {
        guard
            let (result, elapsed) = run(
                "\(kind.rawValue): \(what)",
                {
                    SnapshotParser.parse(kind, data: Data(bytes), file: "Data/\(kind.fileName)", now: testNow)
                }, sourceLocation: sourceLocation)
        else { return nil }
        expectQuick(elapsed, "\(kind.rawValue): \(what)", sourceLocation: sourceLocation)
        if case .failure(let list) = result {
            #expect(!list.problems.isEmpty, "\(what): a failure without problems", sourceLocation: sourceLocation)
            let bad = list.problems.first {
                $0.message.isEmpty || $0.file != "Data/\(kind.fileName)" || ($0.line ?? 1) < 1 || ($0.column ?? 1) < 1
            }
            #expect(bad == nil, "\(what): malformed problem \(bad?.description ?? "")", sourceLocation: sourceLocation)
        }
        return result
    }

    @discardableResult
    static func snapshot(
        _ kind: SnapshotKind, _ text: String, _ what: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> Result<Snapshot, ProblemList>? {
        snapshot(kind, Array(text.utf8), what, sourceLocation: sourceLocation)
    }

    static func problems(_ result: Result<Snapshot, ProblemList>?) -> [Problem] {
        if case .failure(let list) = result { return list.problems }
        return []
    }

    static func expectProblem(
        _ result: Result<Snapshot, ProblemList>?, containing text: String, _ what: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        guard let result else { return }  // already reported as a hang
        let list = problems(result)
        #expect(
            list.contains { $0.message.contains(text) },
            "\(what): expected a problem with \"\(text)\", got \(list.prefix(3).map(\.description))",
            sourceLocation: sourceLocation)
    }

    /// Parses screen files; checks the time and that every problem has a message.
    @discardableResult
    static func screens(
        _ yaml: String, _ what: String, name: String = "Screens/fuzz.yaml",
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> (ScreenSet, [Problem]) {
        guard
            let ((set, problems), elapsed) = run(
                "screens: \(what)",
                {
                    ScreenParser(knownPanes: Set(PaneRegistry.ids)).parseAll([(name, yaml)])
                }, sourceLocation: sourceLocation)
        else {
            return (ScreenSet(), [Problem(.limit, file: name, message: "hang")])
        }
        expectQuick(elapsed, "screens: \(what)", sourceLocation: sourceLocation)
        let bad = problems.first { $0.message.isEmpty || ($0.line ?? 1) < 1 || ($0.column ?? 1) < 1 }
        #expect(bad == nil, "\(what): malformed problem \(bad?.description ?? "")", sourceLocation: sourceLocation)
        return (set, problems)
    }

    /// The envelope every snapshot needs, without its closing brace.
    static func envelope(_ kind: SnapshotKind) -> String {
        #"{"kind":"\#(kind.rawValue)","schemaVersion":1,"asOf":"2024-03-31","source":{"document":"d","agency":"a"}"#
    }

    /// A valid traffic snapshot with one corridor of `days` rows, all on one line.
    static func minifiedTraffic(days: Int) -> String {
        let start = CalendarDate.daysFromCivil(year: 2000, month: 1, day: 1)
        var rows: [String] = []
        rows.reserveCapacity(days)
        for i in 0..<days {
            let (y, m, d) = CalendarDate.civil(fromDays: start + i)
            let date = "\(y)-\(m < 10 ? "0" : "")\(m)-\(d < 10 ? "0" : "")\(d)"
            rows.append(#"{"date":"\#(date)","volume":\#(1000 + i % 97),"speedKmh":\#(20 + i % 30).5}"#)
        }
        return envelope(.traffic) + #","corridors":[{"id":"A-01","name":"n","daily":["# + rows.joined(separator: ",") + "]}]}"
    }

    // MARK: inputs found by the fuzzer

    /// Reads the feeds config at `path` as `mayor check` and `mayor fetch` do;
    /// checks the time, that a refusal names the file and a place with a
    /// message, and that an accepted config keeps every value within its rules.
    @discardableResult
    static func feeds(_ path: String, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) -> [Problem]? {
        guard let (result, elapsed) = run("feeds: \(what)", { FeedsConfig.load(path) }, sourceLocation: sourceLocation) else { return nil }
        expectQuick(elapsed, "feeds: \(what)", sourceLocation: sourceLocation)
        switch result {
        case .success(let config):
            #expect(config.contractBreach == nil, "\(what): accepted \(config.contractBreach ?? "")", sourceLocation: sourceLocation)
            return []
        case .failure(let list):
            #expect(!list.problems.isEmpty, "\(what): a failure without problems", sourceLocation: sourceLocation)
            let bad = list.problems.first { $0.message.isEmpty || $0.file != path || ($0.line ?? 0) < 1 || ($0.column ?? 0) < 1 }
            #expect(bad == nil, "\(what): a problem without its file and place: \(bad?.description ?? "")", sourceLocation: sourceLocation)
            return list.problems
        }
    }

    /// `FuzzCorpus/TARGET-NAME.EXT`: TARGET is a snapshot kind, `screens`, `locator` or `feeds`.
    static func corpusFiles() -> [String] {
        (FileProbe.list(corpusFolder) ?? []).filter { !$0.hasPrefix(".") && !$0.hasSuffix(".md") }
    }

    /// The corpus is committed: a missing or empty folder would make
    /// `fuzzCorpusInput` run zero cases and pass.
    @Test func corpusIsCommittedAndNotEmpty() {
        let files = Self.corpusFiles()
        #expect(files.count >= 10, "FuzzCorpus has \(files.count) inputs (\(Self.corpusFolder))")
        let targets = Set(files.map { String($0.prefix { $0 != "-" }) })
        for target in SnapshotKind.allCases.map(\.rawValue) + ["screens", "locator", "feeds"] {
            #expect(targets.contains(target), "FuzzCorpus has no \(target)- input")
        }
    }

    @Test(arguments: corpusFiles())
    func fuzzCorpusInput(_ name: String) throws {
        guard case .success(let data) = FileProbe.read(FuzzRegressionTests.corpusFolder + "/" + name, limit: 1 << 26) else {
            Issue.record("cannot read FuzzCorpus/\(name)")
            return
        }
        let target = String(name.prefix { $0 != "-" })
        if let kind = SnapshotKind(rawValue: target) {
            Self.snapshot(kind, Array(data), name)
        } else if target == "screens" {
            Self.screens(String(decoding: data, as: UTF8.self), name, name: "Screens/\(name)")
        } else if target == "locator" {
            let bytes = Array(data)
            if let (_, elapsed) = Self.run(
                name,
                {
                    (
                        JSONLocator.position(of: [.key("districts"), .index(0)], in: bytes),
                        JSONLocator.firstProblem(in: bytes, maxDepth: SnapshotParser.maxDepth)
                    )
                })
            {
                Self.expectQuick(elapsed, name)
            }
        } else if target == "feeds" {
            Self.feeds(FuzzRegressionTests.corpusFolder + "/" + name, name)
        } else {
            Issue.record("FuzzCorpus/\(name): the name must start with a snapshot kind, screens-, locator- or feeds-")
        }
    }

    // MARK: feeds.yaml

    /// The feeds inputs of the corpus, each refused for its own reason at its
    /// own place (a description of each is the file's first comment).
    @Test func feedsConfigRefusalsNameTheirPlace() throws {
        func problems(_ name: String) -> [String] {
            let path = Self.corpusFolder + "/" + name
            return (Self.feeds(path, name) ?? []).map { $0.description.replacing(path, with: name) }
        }
        #expect(
            problems("feeds-alias-bomb.yaml") == ["feeds-alias-bomb.yaml:4:10: YAML aliases (*name) are not allowed in the feeds config"])
        let utf8 = problems("feeds-not-utf8.yaml")
        #expect(utf8 == ["feeds-not-utf8.yaml:4:17: invalid UTF-8 (byte 0xFF): the file must be UTF-8 text"], "\(utf8)")
        let tabs = problems("feeds-tab-indentation.yaml")
        #expect(tabs.count == 1 && tabs[0].hasPrefix("feeds-tab-indentation.yaml:3:1: YAML syntax"), "\(tabs)")
        #expect(problems("feeds-duplicate-keys.yaml") == ["feeds-duplicate-keys.yaml:5:5: duplicate key \"interval\""])
        let numbers = problems("feeds-huge-numbers-and-odd-durations.yaml")
        for expected in [
            "5:19: requests.connectTimeout: 1e308s is out of range (0.01s to 10m)",
            "6:19: requests.requestTimeout: expected a duration", "7:12: requests.retries: expected a whole number",
            "8:12: requests.backoff: expected a duration", "9:16: requests.maxInFlight: expected a whole number",
            "10:21: requests.perHostPerSecond: expected a number", "13:15: sources.wifi.interval: 1e-320s is out of range (10m to 30d)",
            "14:15: sources.wifi.pageSize: 9223372036854775807 is out of range (1 to 1000)", "3:9: output: expected one line"
        ] {
            #expect(numbers.contains { $0.hasPrefix("feeds-huge-numbers-and-odd-durations.yaml:" + expected) }, "\(expected) in \(numbers)")
        }
        #expect(numbers.count == 9, "\(numbers)")
        // A number of days that overflows to infinity in seconds is no duration.
        #expect(FeedsConfig.seconds("1e308d") == nil && FeedsConfig.seconds("1e308s") == 1e308)
        let odd = problems("feeds-durations-nan-inf-hex.yaml")
        #expect(odd.count == 5, "\(odd)")  // nan, inf, nan, " 5 m", 1_000; 0x1p3s is 8 s, a duration like any
        let unknown = problems("feeds-unknown-sources-and-keys.yaml")
        #expect(unknown.count == 6, "\(unknown)")
        #expect(unknown.allSatisfy { Sanitizer.isClean($0) }, "raw control characters in \(unknown)")
    }

    @Test func bundledFeedsConfigIsAcceptedWithinItsRules() throws {
        let config = try FeedsConfig.load(repoRoot + "/Data/feeds.yaml").get()
        #expect(config.contractBreach == nil)
        #expect(!config.sources.isEmpty)
    }

    // MARK: JSON: nesting

    @Test(arguments: SnapshotKind.allCases)
    func tenThousandNestedArrays(_ kind: SnapshotKind) {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        Self.expectProblem(Self.snapshot(kind, deep, "10,000 nested arrays"), containing: "nesting deeper than", "nested arrays")
        let inside = Self.envelope(kind) + #","notes":"# + deep + "}"
        Self.expectProblem(Self.snapshot(kind, inside, "10,000 nested arrays in a field"), containing: "nesting deeper than", "nested field")
        let unclosed = String(repeating: "[", count: 10_000)
        Self.expectProblem(Self.snapshot(kind, unclosed, "10,000 unclosed arrays"), containing: "nesting deeper than", "unclosed")
    }

    @Test func tenThousandNestedObjects() {
        let deep = String(repeating: #"{"a":"#, count: 10_000) + "1" + String(repeating: "}", count: 10_000)
        Self.expectProblem(Self.snapshot(.pledges, deep, "10,000 nested objects"), containing: "nesting deeper than", "nested objects")
    }

    @Test func locatorOnDeepNestingIsBounded() {
        // position(of:) allows more depth than parse; it must still stop, not overflow the stack.
        let deep = Array((String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)).utf8)
        let path: [JSONLocator.PathElement] = Array(repeating: .index(0), count: 600)
        guard let (found, elapsed) = Self.run("locator", { JSONLocator.position(of: path, in: deep) }) else { return }
        Self.expectQuick(elapsed, "locator on 100,000 nested arrays")
        #expect(found == nil)
    }

    @Test func justUnderTheDepthLimitIsAccepted() throws {
        // A valid snapshot whose nesting reaches exactly maxDepth (the top-level
        // object is level 1) loads; one level more is refused, by the limit.
        let bundled = String(decoding: readBundled(.wifi), as: UTF8.self)
        func withNesting(_ levels: Int) -> String {
            let nested = String(repeating: "[", count: levels) + String(repeating: "]", count: levels)
            return bundled.replacing("{", with: #"{"extra": "# + nested + ",", maxReplacements: 1)
        }
        let limit = SnapshotParser.maxDepth
        let atLimit = withNesting(limit - 1)
        #expect(JSONLocator.firstProblem(in: Array(atLimit.utf8), maxDepth: limit) == nil)
        let snapshot = try #require(Self.snapshot(.wifi, atLimit, "nesting of exactly \(limit) levels")).get()
        #expect(snapshot.wifi != nil)
        Self.expectProblem(
            Self.snapshot(.wifi, withNesting(limit), "nesting of \(limit + 1) levels"),
            containing: "nesting deeper than", "one level over the limit")
    }

    // MARK: JSON: big values and long lines

    /// Sizes that took minutes while the syntax scan was quadratic in the
    /// length of a line and every problem cost a scan of the whole file, and
    /// take well under a second now.
    static let longLineDays = 6_000
    static let longLineNumbers = 100_000
    static let manyProblemRows = 5_000

    @Test func oneMegabyteString() throws {
        let big = String(repeating: "가나다라 abc ", count: 1 << 20 / 16)
        let text = Self.envelope(.wifi).replacing(#""document":"d""#, with: #""document":"\#(big)""#) + "}"
        #expect(text.utf8.count > 1 << 20)
        let result = Self.snapshot(.wifi, text, "a 1 MB string")
        // wifi content is missing, so this fails, but at the content, not the string.
        #expect(!Self.problems(result).isEmpty)
        let onlyString = Array(("\"" + String(repeating: "x", count: 1 << 20) + "\"").utf8)
        #expect(!Self.problems(Self.snapshot(.cctv, onlyString, "a document that is a 1 MB string")).isEmpty)
    }

    @Test func oneMegabyteStringIsTruncatedForDisplay() throws {
        // A valid bundled file whose source document is 1 MB long still loads, cut to SafeText.maxWidth.
        let bundled = String(decoding: readBundled(.wifi), as: UTF8.self)
        let big = String(repeating: "ab", count: 1 << 19)
        let text = bundled.replacing(#""document": ""#, with: #""document": "\#(big)"#)
        #expect(text != bundled)
        let result = Self.snapshot(.wifi, text, "bundled wifi with a 1 MB document name")
        let snapshot = try #require(result).get()
        #expect(snapshot.envelope.source.document.value.displayWidth <= SafeText.maxWidth)
    }

    @Test func longMinifiedLineParsesQuickly() throws {
        // Snapshots written by other systems are often minified: one line of
        // ~330 KB here (6,000 daily rows). The syntax scan must stay linear in
        // the length of a line (it once located every key and number by
        // rescanning the line from its start).
        let text = Self.minifiedTraffic(days: Self.longLineDays)
        #expect(!text.contains("\n"))
        let result = Self.snapshot(.traffic, text, "a \(text.utf8.count)-byte minified line")
        let snapshot = try #require(result).get()
        #expect(snapshot.traffic?.corridors.first?.daily.count == Self.longLineDays)
    }

    @Test func longLineWithASyntaxErrorAtTheEnd() {
        var text = Self.minifiedTraffic(days: Self.longLineDays)
        text.removeLast(3)
        text += "}}"
        guard let result = Self.snapshot(.traffic, text, "a long line with an error at its end") else { return }
        let list = Self.problems(result)
        #expect(list.first?.line == 1)
        #expect((list.first?.column ?? 0) > 300_000, "column counted along the whole line: \(list.map(\.description))")
    }

    @Test func manyProblemsAreReportedQuickly() {
        // 5,000 rows with a bad date: every problem reported is located in the
        // file, which must not cost a scan of the whole file per problem.
        var rows: [String] = []
        for i in 0..<Self.manyProblemRows { rows.append(#"      {"date": "not a date", "volume": \#(i), "speedKmh": 30}"#) }
        let text =
            Self.envelope(.traffic) + ",\n" + #"  "corridors": [{"id": "A-01", "name": "n", "daily": ["# + "\n"
            + rows.joined(separator: ",\n") + "\n  ]}]\n}\n"
        guard let result = Self.snapshot(.traffic, text, "\(Self.manyProblemRows) located problems") else { return }
        let list = Self.problems(result)
        #expect(!list.isEmpty)
        #expect(list.first?.line != nil, "the first problem still has a line: \(list.first?.description ?? "none")")
    }

    @Test func veryLongLineOfNumbers() {
        // 100,000 numbers on one line with a bad one at its very end: found
        // quickly (the scan is linear in the line), and its column counted
        // along the whole line.
        let head = Self.envelope(.pledges) + #","extra":["# + String(repeating: "1,", count: Self.longLineNumbers)
        let text = head + "01]}"
        let list = Self.problems(Self.snapshot(.pledges, text, "\(Self.longLineNumbers) numbers on one line"))
        let problem = list.first { $0.message.contains("leading zero") }
        #expect(
            problem?.line == 1 && problem?.column == head.utf8.count + 1,
            "expected the leading zero at 1:\(head.utf8.count + 1), got \(list.prefix(3).map(\.description))")
    }

    // MARK: JSON: numbers

    @Test(arguments: [
        "1e308", "-1e308", "1e400", "-1e400", "1e-400", "123456789012345678901234567890",
        "-0", "0.1e1", "1E+2", "9007199254740993", "1.7976931348623157e308"
    ])
    func hugeNumbers(_ number: String) {
        // In a number field, in an integer field, and as the whole document.
        let traffic =
            Self.envelope(.traffic) + #","corridors":[{"id":"A","name":"n","daily":[{"date":"2024-01-01","volume":\#(number),"speedKmh":\#(number)}]}]}"#
        Self.snapshot(.traffic, traffic, "traffic with \(number)")
        let version = Self.envelope(.wifi).replacing(#""schemaVersion":1"#, with: #""schemaVersion":\#(number)"#) + "}"
        #expect(!Self.problems(Self.snapshot(.wifi, version, "schemaVersion \(number)")).isEmpty)
        Self.snapshot(.metaverse, number, "the number \(number) as a document")
        let maxAge = Self.envelope(.cctv) + #","maxAgeDays":\#(number)}"#
        Self.snapshot(.cctv, maxAge, "maxAgeDays \(number)")
    }

    @Test func outOfRangeNumberIsLocated() {
        let text = Self.envelope(.pledges) + ",\n\"maxAgeDays\": 1e400}"
        let list = Self.problems(Self.snapshot(.pledges, text, "1e400"))
        #expect(list.first?.message.contains("out of range") == true, "\(list.map(\.description))")
        #expect(list.first?.line == 2)
    }

    // MARK: JSON: bytes and encodings

    @Test(arguments: SnapshotKind.allCases)
    func nulBytes(_ kind: SnapshotKind) {
        let bundled = Array(readBundled(kind))
        Self.snapshot(kind, [0], "a single NUL")
        Self.snapshot(kind, [UInt8](repeating: 0, count: 4096), "4 KB of NUL")
        Self.snapshot(kind, bundled + [0], "NUL after the document")
        Self.snapshot(kind, [0] + bundled, "NUL before the document")
        // A raw NUL inside the first string value, and an escaped one.
        if let quote = bundled.firstIndex(of: UInt8(ascii: "\"")) {
            var raw = bundled
            raw.insert(0, at: quote + 1)
            Self.expectProblem(Self.snapshot(kind, raw, "raw NUL in a key"), containing: "control character", "raw NUL")
        }
        let escaped = String(decoding: bundled, as: UTF8.self)
            .replacing(#""agency": ""#, with: #""agency": "\u0000\u001b[2J"#)
        let result = Self.snapshot(kind, escaped, "escaped NUL and ESC in agency")
        if case .success(let snapshot) = result {
            #expect(Sanitizer.isClean(snapshot.envelope.source.agency.value))
        }
    }

    @Test(arguments: SnapshotKind.allCases)
    func invalidUTF8(_ kind: SnapshotKind) {
        let bundled = Array(readBundled(kind))
        let bad: [[UInt8]] = [[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0x80, 0x80, 0x80]]
        for seq in bad {
            // Inside the "agency" string value, and as the whole file.
            if let range = firstRange(of: Array(#""agency": ""#.utf8), in: bundled) {
                var broken = bundled
                broken.insert(contentsOf: seq, at: range.upperBound)
                Self.snapshot(kind, broken, "invalid UTF-8 \(seq) in a string")
            }
            Self.snapshot(kind, seq, "invalid UTF-8 \(seq) alone")
            Self.snapshot(kind, Array("{\"".utf8) + seq + Array("\": 1}".utf8), "invalid UTF-8 \(seq) in a key")
        }
    }

    @Test(arguments: [#"\ud800"#, #"\udc00"#, #"\ud800\u0041"#, #"\udbff\udfff"#, #"\ud83d\ude00"#, #"\uDFFF\uD800"#, #"\u0000"#, #"\uffff"#])
    func surrogateEscapes(_ escape: String) {
        let wifi = String(decoding: readBundled(.wifi), as: UTF8.self)
            .replacing(#""agency": ""#, with: #""agency": "\#(escape)"#)
        let result = Self.snapshot(.wifi, wifi, "agency with \(escape)")
        if case .success(let snapshot) = result {
            #expect(Sanitizer.isClean(snapshot.envelope.source.agency.value))
        }
        // As a key (the duplicate-key scan decodes keys itself), twice: a
        // pair is one scalar and a duplicate; a lone surrogate is refused first.
        let keys = Self.envelope(.metaverse) + #","\#(escape)":1,"\#(escape)":2}"#
        let lone = [#"\ud800"#, #"\udc00"#, #"\ud800\u0041"#, #"\uDFFF\uD800"#].contains(escape)
        Self.expectProblem(Self.snapshot(.metaverse, keys, "duplicate key \(escape)"), containing: lone ? "lone surrogate" : "duplicate key", "surrogate key")
        Self.snapshot(.metaverse, "\"\(escape)\"", "the string \(escape) as a document")
    }

    @Test(arguments: SnapshotKind.allCases)
    func byteOrderMark(_ kind: SnapshotKind) {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let bundled = Array(readBundled(kind))
        Self.snapshot(kind, bom + bundled, "a BOM before the bundled file")
        Self.snapshot(kind, bom, "only a BOM")
        Self.snapshot(kind, bom + bom + bundled, "two BOMs")
        Self.snapshot(kind, [0xFE, 0xFF] + bundled, "a UTF-16 BOM")
    }

    @Test(arguments: SnapshotKind.allCases)
    func truncatedEverywhere(_ kind: SnapshotKind) {
        // About 100 cuts of the bundled file: each is a clean failure with a line.
        let bundled = Array(readBundled(kind))
        let end = bundled.lastIndex { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 } ?? 0
        let step = max(37, end / 100)
        guard
            let (outcomes, elapsed) = Self.run(
                "\(kind) cuts",
                {
                    stride(from: 0, through: end, by: step).map { cut in
                        (cut, SnapshotParser.parse(kind, data: Data(bundled[0..<cut]), file: "f", now: testNow))
                    }
                })
        else { return }
        for (cut, result) in outcomes {
            guard case .failure(let list) = result, let first = list.problems.first else {
                Issue.record("\(kind): a cut at byte \(cut) of \(end + 1) was accepted")
                continue
            }
            #expect(first.line != nil, "\(kind) cut at \(cut): \(first)")
        }
        #expect(elapsed < Self.budget * 5, "\(kind): \(outcomes.count) cuts took \(elapsed)")
    }

    @Test func emptyAndBlank() {
        for text in ["", " ", "\n\n\n", "\t", "null", "[]", "{}", "\"\"", "0", "true"] {
            #expect(!Self.problems(Self.snapshot(.pledges, text, "\(text.debugDescription)")).isEmpty)
        }
    }

    // MARK: YAML: aliases

    /// The classic billion laughs: nine levels of nine aliases, 387 million strings when expanded.
    static let billionLaughs = """
        kind: screen
        lol0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]
        lol1: &a1 [*a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0]
        lol2: &a2 [*a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1]
        lol3: &a3 [*a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2]
        lol4: &a4 [*a3, *a3, *a3, *a3, *a3, *a3, *a3, *a3, *a3]
        lol5: &a5 [*a4, *a4, *a4, *a4, *a4, *a4, *a4, *a4, *a4]
        lol6: &a6 [*a5, *a5, *a5, *a5, *a5, *a5, *a5, *a5, *a5]
        lol7: &a7 [*a6, *a6, *a6, *a6, *a6, *a6, *a6, *a6, *a6]
        lol8: &a8 [*a7, *a7, *a7, *a7, *a7, *a7, *a7, *a7, *a7]
        """

    @Test func billionLaughsInValues() {
        for (key, what) in [("title", "title"), ("description", "description"), ("layout", "layout"), ("rotate", "rotate")] {
            let (set, problems) = Self.screens(Self.billionLaughs + "\n\(key): *a8\n", "billion laughs in \(what)")
            let screenCount = set.screens.count
            #expect(!problems.isEmpty)
            #expect(screenCount == 0)
        }
        let playlist = Self.billionLaughs.replacing("kind: screen", with: "kind: playlist") + "\nscreens: *a8\n"
        Self.screens(playlist, "billion laughs as playlist screens")
        let briefing = Self.billionLaughs.replacing("kind: screen", with: "kind: briefing") + "\nsteps: *a8\ntitle: *a8\n"
        Self.screens(briefing, "billion laughs as briefing steps")
    }

    @Test func billionLaughsInAKey() {
        // An expanded alias used as a mapping key: Yams hashes every key of
        // every mapping (to find duplicates), and hashing walks the whole
        // expanded tree. Seven levels here (4.8 million strings, seconds);
        // nine (a 400-byte file) hash for hours.
        var yaml = "kind: screen\n"
        yaml += "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for i in 1...6 { yaml += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 9).joined(separator: ", ") + "]\n" }
        yaml += "? *a6\n: 1\n"
        let (set, problems) = Self.screens(yaml, "billion laughs in a key")
        let screenCount = set.screens.count
        #expect(screenCount == 0)
        // The time limit alone depends on the machine: the alias itself must be refused.
        #expect(problems.contains { $0.message.contains("alias") }, "\(problems.prefix(3).map(\.description))")
    }

    /// One way of writing aliases that libyaml resolves, and a name for it.
    struct AliasDisguise: CustomTestStringConvertible, Sendable {
        let name: String
        /// Opens every flow sequence or mapping, before its first alias.
        var first = ""
        /// Goes before every alias.
        var before = " "
        /// Written after `kind: screen`, before the anchors.
        var preamble = ""
        /// The line break.
        var newline = "\n"
        var testDescription: String { name }

        /// A six-level billion-laughs bomb (531,441 strings) used as a mapping
        /// key, written this way. Nine levels take hours to compose.
        var bomb: String {
            var y = "kind: screen" + newline + preamble
            y += "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]" + newline
            for i in 1...5 {
                y += "a\(i): &a\(i) [" + first + Array(repeating: before + "*a\(i - 1)", count: 9).joined(separator: ",") + "]" + newline
            }
            return y + "k: {" + first + before + "*a5 : 1}" + newline
        }
    }

    static let aliasDisguises: [AliasDisguise] = [
        AliasDisguise(name: "plain (spaces, LF)"),
        // In flow context libyaml skips tabs before a token.
        AliasDisguise(name: "a tab before each alias", before: "\t"),
        // Windows line endings: "\r\n" is one Character, so splitting on "\n"
        // leaves one long line, and the apostrophe opens a quote that never closes.
        AliasDisguise(name: "CRLF line endings and an apostrophe", preamble: "description: a 'b\r\n", newline: "\r\n"),
        AliasDisguise(name: "CR line endings and an apostrophe", preamble: "description: a 'b\r", newline: "\r"),
        // A quote inside a plain scalar is text, not the start of a quoted scalar.
        AliasDisguise(name: "a plain scalar with an apostrophe before the aliases", first: "x 'y,"),
        // \" does not end a double-quoted scalar.
        AliasDisguise(name: "an escaped double quote before the aliases", first: #""x\" 'y","#)
    ]

    @Test(arguments: aliasDisguises)
    func aliasGuardSeesEveryAlias(_ disguise: AliasDisguise) {
        // The guard in ScreenParser must find every alias libyaml resolves
        // (false positives are harmless: the file is refused with a message).
        #expect(ScreenParser.firstAlias(in: disguise.bomb) != nil, "the guard missed the aliases")
        let (set, problems) = Self.screens(disguise.bomb, "alias bomb: \(disguise.name)")
        let screenCount = set.screens.count
        #expect(screenCount == 0)
        #expect(problems.contains { $0.message.contains("alias") }, "\(problems.prefix(3).map(\.description))")
    }

    @Test func layoutBombThroughAliases() {
        // Each layout node holds eight aliases of the one before: the tree the
        // parser walks (8 levels allowed) grows 8× per level from a few hundred bytes.
        var yaml = """
            kind: screen
            title: bomb
            defs:
              - &n0 {pane: wifi}

            """
        for i in 1...6 {
            yaml += "  - &n\(i) {rows: [" + Array(repeating: "*n\(i - 1)", count: 8).joined(separator: ", ") + "]}\n"
        }
        yaml += "layout: *n6\n"
        let (set, problems) = Self.screens(yaml, "layout alias bomb (262,144 panes)")
        // (Counts only: describing a 262,144-pane layout in a failure message takes minutes.)
        let count = problems.count
        let screenCount = set.screens.count
        #expect(count > 0)
        #expect(count < 1_000, "\(count) problems")
        #expect(screenCount == 0, "the bomb was accepted as a screen")
    }

    @Test func mergeKeysAndUndefinedAliases() {
        Self.screens("kind: screen\nbase: &b {pane: wifi}\nlayout:\n  <<: *b\ntitle: t\n", "merge key")
        let (_, problems) = Self.screens("kind: screen\ntitle: *nowhere\n", "undefined alias")
        #expect(!problems.isEmpty)
    }

    // MARK: YAML: nesting, size, bytes

    @Test func tenThousandNestedSequences() {
        let flow = "kind: screen\ntitle: t\nlayout: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n"
        #expect(!Self.screens(flow, "10,000 nested flow sequences").1.isEmpty)
        let flowMaps = "kind: screen\nlayout: " + String(repeating: "{rows: ", count: 10_000) + String(repeating: "}", count: 10_000) + "\n"
        #expect(!Self.screens(flowMaps, "10,000 nested flow mappings").1.isEmpty)
        var block = "kind: screen\ntitle: t\nlayout:\n"
        for depth in 0..<2_000 { block += String(repeating: " ", count: depth + 1) + "rows:\n" }
        #expect(!Self.screens(block, "2,000 nested block mappings").1.isEmpty)
        var dashes = "kind: screen\nlayout:\n  rows:\n    " + String(repeating: "- ", count: 10_000) + "x\n"
        dashes += "title: t\n"
        #expect(!Self.screens(dashes, "10,000 nested block sequences on one line").1.isEmpty)
    }

    @Test func layoutDeeperThanEightLevels() {
        var yaml = "kind: screen\ntitle: t\nlayout: "
        yaml += String(repeating: "{rows: [", count: 50) + "{pane: wifi}" + String(repeating: "]}", count: 50) + "\n"
        let (_, problems) = Self.screens(yaml, "layout 50 levels deep")
        #expect(problems.contains { $0.message.contains("deeper than 8") })
    }

    @Test func layoutWithTooManyNodes() {
        let panes = (0..<200).map { "{pane: pledges, district: d\($0)}" }.joined(separator: ", ")
        let (set, problems) = Self.screens("kind: screen\ntitle: t\nlayout: {columns: [\(panes)]}\n", "200 panes side by side")
        #expect(set.screens["fuzz"] == nil)
        #expect(problems.filter { $0.message.contains("more than 64 nodes") }.count == 1, "\(problems.prefix(3).map(\.description))")
        #expect(problems.first?.line == 3)
        // 63 panes in one row (64 nodes) are still a screen.
        let fits = (0..<63).map { "{pane: pledges, district: d\($0)}" }.joined(separator: ", ")
        let (ok, none) = Self.screens("kind: screen\ntitle: t\nlayout: {columns: [\(fits)]}\n", "63 panes side by side")
        #expect(none.isEmpty, "\(none.prefix(3).map(\.description))")
        #expect(ok.screens["fuzz"] != nil)
    }

    @Test func tabs() {
        let tabbed = "kind: screen\ntitle: t\nlayout:\n\trows:\n\t\t- {pane: wifi}\n"
        let (_, problems) = Self.screens(tabbed, "tab indentation")
        #expect(problems.first?.message.contains("YAML syntax") == true, "\(problems.map(\.description))")
        #expect(problems.first?.line != nil)
        // Tabs as separators after a value are allowed.
        let (set, ok) = Self.screens("kind: screen\t\ntitle:\tt\nlayout: {pane: wifi}\t# tab\n", "tabs between tokens")
        #expect(ok.isEmpty, "\(ok.map(\.description))")
        #expect(set.screens["fuzz"] != nil)
        Self.screens(String(repeating: "\t", count: 100_000), "100,000 tabs")
    }

    @Test func veryLongYAMLLines() {
        let caption = String(repeating: "한글 text ", count: 20_000)  // 240 KB on one line
        let (set, problems) = Self.screens("kind: screen\ntitle: \"\(caption)\"\nlayout: {pane: wifi}\n", "a 240 KB title line")
        #expect(problems.isEmpty, "\(problems.prefix(2).map(\.description))")
        #expect((set.screens["fuzz"]?.title.text(.ko).displayWidth ?? 0) <= SafeText.maxWidth)
        let flow = "kind: playlist\nscreens: [" + Array(repeating: "wall", count: 20_000).joined(separator: ", ") + "]\n"
        Self.screens(flow, "20,000 screen names on one line")
        Self.screens("kind: screen\nlayout: {pane: wifi}\ntitle: " + String(repeating: "x", count: 1 << 18) + "\n", "256 KB plain scalar")
    }

    @Test func nulAndControlCharacters() {
        Self.screens("kind: screen\u{0}\ntitle: t\nlayout: {pane: wifi}\n", "a raw NUL")
        Self.screens(String(repeating: "\u{0}", count: 4096), "4 KB of NUL")
        let (set, problems) = Self.screens("kind: screen\ntitle: \"a\\0b\\e[2J\\x07\"\nlayout: {pane: wifi}\n", "escaped NUL, ESC and BEL")
        if problems.isEmpty, let title = set.screens["fuzz"]?.title.text(.en) {
            #expect(Sanitizer.isClean(title))
        }
        Self.screens("kind: screen\ntitle: \"\\ud800\"\nlayout: {pane: wifi}\n", "a lone surrogate escape")
        Self.screens("kind: screen\ntitle: \"\\U0010FFFF\\U00110000\"\nlayout: {pane: wifi}\n", "escapes beyond Unicode")
    }

    @Test func byteOrderMarkInYAML() {
        let (set, problems) = Self.screens("\u{FEFF}kind: screen\ntitle: t\nlayout: {pane: wifi}\n", "a BOM")
        #expect(problems.isEmpty, "\(problems.map(\.description))")
        #expect(set.screens["fuzz"] != nil)
        Self.screens("\u{FEFF}", "only a BOM")
        Self.screens("kind: screen\n\u{FEFF}title: t\n", "a BOM in the middle")
    }

    @Test func invalidUTF8ScreenFileIsRefused() throws {
        let dir = makeTempDirectory()
        defer { removeTree(dir) }
        let path = dir + "/bad.yaml"
        let bytes: [UInt8] = Array("kind: screen\ntitle: ".utf8) + [0xFF, 0xC0, 0x80, 0xED, 0xA0, 0x80] + Array("\nlayout: {pane: wifi}\n".utf8)
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        try #require(fd >= 0)
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        guard let ((_, problems), elapsed) = Self.run("invalid UTF-8", { ScreenLoader.load(directory: dir) }) else { return }
        Self.expectQuick(elapsed, "invalid UTF-8 screen file")
        #expect(problems.contains { $0.file.hasSuffix("bad.yaml") && $0.message.contains("UTF-8") }, "\(problems.map(\.description))")
    }

    @Test(arguments: [
        "1e308", "-1e308", "1e400", ".inf", "-.inf", ".nan", "99999999999999999999999", "0x7fffffffffffffff",
        "-9223372036854775808", "0b1111", "1_000", "0o777", "~", "null", "[1]", "{a: 1}"
    ])
    func hugeAndOddNumbersInYAML(_ number: String) {
        let (set, problems) = Self.screens(
            """
            kind: screen
            title: t
            refresh: \(number)
            rotate: \(number)
            layout: {rows: [{pane: wifi, weight: \(number)}, {pane: cctv, size: \(number)}]}
            """, "numbers \(number)")
        if let screen = set.screens["fuzz"] {
            #expect((screen.refreshSeconds ?? 1).isFinite)
            #expect((screen.rotateSeconds ?? 1).isFinite)
        } else {
            #expect(!problems.isEmpty)
        }
        Self.screens("kind: playlist\nscreens: [wall]\ninterval: \(number)\nresumeAfter: \(number)\n", "playlist numbers \(number)")
        Self.screens("kind: briefing\ntitle: t\nsteps:\n  - {pane: wifi, caption: c, seconds: \(number)}\n", "briefing seconds \(number)")
    }

    @Test func oddYAMLDocuments() {
        for yaml in [
            "", "---", "...", "--- \n--- \n", "%YAML 1.1\n---\nkind: screen\n", "%YAML 9.9\n--- a\n", "!!binary AAAA",
            "? [a, b]\n: c\n", "kind: !!str screen\nlayout: !!map {pane: wifi}\ntitle: t\n",
            "kind: !custom screen\n", "&a kind: screen\n", "- - - - -\n", "'", "\"", "|\n  a", ">-\n", "@", "`",
            "kind: screen\nkind: screen\n", "kind: [screen]\n", "{kind: screen, layout: {pane: wifi}, title: t}"
        ] {
            Self.screens(yaml, yaml.debugDescription)
        }
    }

    @Test func manyFilesAndReferences() {
        // 200 playlists each naming 100 missing screens: problems, quickly.
        var files: [(name: String, yaml: String)] = []
        for i in 0..<200 {
            files.append(("Screens/p\(i).yaml", "kind: playlist\nscreens: [" + (0..<100).map { "s\($0)" }.joined(separator: ", ") + "]\n"))
        }
        let parsed = files
        guard
            let ((_, problems), elapsed) = Self.run(
                "many files",
                {
                    ScreenParser(knownPanes: Set(PaneRegistry.ids)).parseAll(parsed)
                })
        else { return }
        Self.expectQuick(elapsed, "200 playlists × 100 missing screens")
        #expect(problems.count == 20_000)
    }
}

private func firstRange(of needle: [UInt8], in haystack: [UInt8]) -> Range<Int>? {
    guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
    for i in 0...(haystack.count - needle.count) where haystack[i..<(i + needle.count)].elementsEqual(needle) {
        return i..<(i + needle.count)
    }
    return nil
}
