import FoundationEssentials
import Testing

@testable import MayorCore

/// Files inside every documented limit that used to trap, round, refuse the
/// wrong thing or give no place (issue 10, items 1, 9, 12, 21 and 22).
@Suite struct DataLimitTests {
    static let twoTo53 = "9007199254740992"

    static func envelope(_ kind: SnapshotKind, extra: String = "") -> String {
        #"{"kind": "\#(kind.rawValue)", "schemaVersion": 1, "asOf": "2024-03-31", "source": {"document": "d", "agency": "a"}\#(extra)"#
    }

    /// `corridors` corridors, each with one day of `volume`, one per line.
    static func traffic(corridors: Int, volume: String) -> String {
        let rows = (0..<corridors).map { i in
            #"{"id": "C-\#(i)", "name": "n\#(i)", "daily": [{"date": "2024-03-30", "volume": \#(volume), "speedKmh": 30}]}"#
        }
        return envelope(.traffic) + ",\n\"corridors\": [\n" + rows.joined(separator: ",\n") + "\n]}"
    }

    static func result(_ kind: SnapshotKind, _ text: String, fastPath: Bool = true) -> Result<Snapshot, ProblemList> {
        SnapshotParser.parse(kind, data: Data(text.utf8), file: "Data/\(kind.fileName)", now: testNow, fastPath: fastPath)
    }

    static func firstProblem(_ kind: SnapshotKind, _ text: String, fastPath: Bool = true) -> Problem? {
        if case .failure(let list) = result(kind, text, fastPath: fastPath) { return list.problems.first }
        return nil
    }

    // MARK: item 1: sums that cannot be represented

    @Test(arguments: [true, false])
    func trafficTotalsPastTwoTo53AreAProblemAtTheRow(_ fastPath: Bool) {
        // 1,024 × 2^53 = 2^63: one more than Int.max. Every row is within the limits.
        let text = Self.traffic(corridors: 1024, volume: Self.twoTo53)
        let p = Self.firstProblem(.traffic, text, fastPath: fastPath)
        #expect(p?.message.contains("2^53") == true, "\(p?.description ?? "accepted")")
        // The second corridor's row already takes the total past 2^53: line 4 of the file.
        #expect(p?.path == "corridors[1].daily[0].volume" && p?.line == 4 && p?.column == 72, "\(p?.description ?? "accepted")")
        // Just at the limit is fine: one corridor of 2^53.
        if case .failure(let list) = Self.result(.traffic, Self.traffic(corridors: 1, volume: Self.twoTo53), fastPath: fastPath) {
            Issue.record("one corridor of 2^53 refused: \(list)")
        }
    }

    @Test func cctvTotalPastTwoTo53IsAProblem() {
        let districts = (0..<1000).map { #"{"code": "\#(10000 + $0)", "name": "d\#($0)", "cameras": \#(Self.twoTo53)}"# }
        let text =
            Self.envelope(.cctv)
            + #", "districtScope": "s", "districts": [\#(districts.joined(separator: ", "))], "ageProfile": {"asOf": "2024-01-01", "scope": "s", "total": 10, "aged8to10": 1, "aged10plus": 1}, "programme": {"year": 2024, "newCameras": 1, "sites": 1, "districts": 1, "replaced": 1}}"#
        let p = Self.firstProblem(.cctv, text)
        #expect(p?.path == "districts" && p?.message.contains("2^53") == true && p?.line != nil, "\(p?.description ?? "accepted")")
    }

    @Test func wifiCategoriesPastTwoTo53AreAProblem() {
        let categories = (0..<2).map { #"{"id": "c\#($0)", "name": "c", "group": "fixed", "count": \#(Self.twoTo53)}"# }
        let text =
            Self.envelope(.wifi)
            + #", "apTotal": \#(Self.twoTo53), "apCategories": [\#(categories.joined(separator: ", "))], "monthly": [{"month": "2024-01", "dailyUsers": 1, "dailyTB": 1}]}"#
        let p = Self.firstProblem(.wifi, text)
        #expect(p?.path == "apCategories" && p?.message.contains("2^53") == true, "\(p?.description ?? "accepted")")
    }

    // MARK: item 9: counts above 2^53, decided on the token's text

    static let inexact = [
        "9007199254740993", "-9007199254740993", "9007199254740993.0", "9.007199254740993e15",
        "90071992547409930e-1", "18446744073709551617", "1.0000000000000001", "9223372036854775808"
    ]

    @Test(arguments: inexact)
    func inexactCountsAreRefusedWithThePlace(_ number: String) {
        for fastPath in [true, false] {
            let text = Self.traffic(corridors: 1, volume: number)
            let p = Self.firstProblem(.traffic, text, fastPath: fastPath)
            #expect(
                p?.path == "corridors[0].daily[0].volume" && p?.line == 3 && p?.column == 72,
                "\(number) (fast path \(fastPath)): \(p?.description ?? "accepted")")
        }
        let wifi =
            Self.envelope(.wifi)
            + #", "apTotal": 1, "apCategories": [{"id": "c", "name": "c", "group": "fixed", "count": 1}],\#n"monthly": [{"month": "2024-01", "dailyUsers": \#(number), "dailyTB": 1}]}"#
        let p = Self.firstProblem(.wifi, wifi)
        #expect(p?.path == "monthly[0].dailyUsers" && p?.line == 2 && p?.column == 48, "\(number): \(p?.description ?? "accepted")")
    }

    @Test(arguments: ["9007199254740992", "-9007199254740992", "9.007199254740992e15", "1e2", "100.000", "-0"])
    func exactCountsAreAccepted(_ number: String) {
        let text = Self.traffic(corridors: 1, volume: number)
        for fastPath in [true, false] {
            switch Self.result(.traffic, text, fastPath: fastPath) {
            case .success(let s):
                #expect(Double(s.traffic?.corridors[0].daily[0].volume ?? -1) == Double(number), "\(number)")
            case .failure(let list):
                // Negative counts are refused by the validator, not as inexact.
                #expect(number.hasPrefix("-") && list.problems.first?.message.contains("negative") == true, "\(number): \(list)")
            }
        }
    }

    // MARK: item 21: keys compared by their scalars

    @Test(arguments: [
        (#"\ud83d\ude00"#, #"\ud83d\ude01"#), ("caf\u{E9}", "cafe\u{301}"), (#"caf\u00e9"#, #"cafe\u0301"#),
        ("\u{212B}", "\u{C5}"), (#"\u00e9"#, #"e\u0301"#)
    ])
    func distinctKeysAreNotDuplicates(_ a: String, _ b: String) {
        let text = String(decoding: readBundled(.wifi), as: UTF8.self)
            .replacing(#""apTotal":"#, with: #""\#(a)": 1, "\#(b)": 2, "apTotal":"#)
        if case .failure(let list) = Self.result(.wifi, text) { Issue.record("\(a) and \(b): \(list)") }
        #expect(JSONLocator.firstProblem(in: Array(#"{"\#(a)": 1, "\#(b)": 2}"#.utf8)) == nil)
    }

    @Test(arguments: [(#"\u00e9"#, "\u{E9}"), (#"\ud83d\ude00"#, "\u{1F600}"), (#"\/"#, "/"), ("a", #"\u0061"#)])
    func theSameKeySpelledTwoWaysIsADuplicate(_ a: String, _ b: String) {
        let p = JSONLocator.firstProblem(in: Array("{\"\(a)\": 1,\n \"\(b)\": 2}".utf8))
        #expect(p?.message.contains("duplicate key") == true && p?.position.line == 2 && p?.position.column == 2, "\(a) / \(b): \(String(describing: p))")
    }

    // MARK: item 22: every problem has a place

    @Test(arguments: [[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0x80]] as [[UInt8]])
    func invalidUTF8HasAPlace(_ bytes: [UInt8]) {
        let text = Self.envelope(.wifi).replacing(#""agency": "a""#, with: "\"agency\":\n  \"ab")
        var data = Array(text.utf8)
        let at = data.firstIndex(of: UInt8(ascii: "b"))!
        data.insert(contentsOf: bytes, at: at)
        guard case .failure(let list) = SnapshotParser.parse(.wifi, data: Data(data), file: "Data/wifi.json", now: testNow) else {
            Issue.record("accepted")
            return
        }
        let p = list.problems[0]
        #expect(p.line == 2 && p.column == 5 && p.message.contains("UTF-8"), "\(p)")
    }

    @Test(arguments: [#"\ud800"#, #"\udc00"#, #"\ud800\u0041"#, #"\uDFFF\uD800"#, #"\ud83d"#])
    func loneSurrogatesHaveAPlace(_ escape: String) {
        let text = Self.envelope(.wifi).replacing(#""agency": "a""#, with: "\"agency\":\n  \"a\(escape)")
        let p = Self.firstProblem(.wifi, text)
        #expect(p?.line == 2 && p?.column == 5 && p?.message.contains("surrogate") == true, "\(escape): \(p?.description ?? "accepted")")
    }

    @Test(arguments: ["18446744073709551617", "9223372036854775808", "1.5", "1e300", "-1"])
    func oddSchemaVersionsHaveAPlace(_ number: String) {
        let text = Self.envelope(.cctv).replacing(#""schemaVersion": 1"#, with: "\n\"schemaVersion\": \(number)") + "}"
        let p = Self.firstProblem(.cctv, text)
        #expect(p?.line == 2 && p?.column == 18 && p?.path == "schemaVersion", "\(number): \(p?.description ?? "accepted")")
    }

    // MARK: item 12: every array bounded, unknown bulk skipped

    /// How many top-level notes a bundled file has.
    static func bundledNotes(_ text: String) -> Int {
        guard let start = text.firstRange(of: "\n  \"notes\": [") else { return 0 }
        let rest = text[start.upperBound...]
        let end = rest.firstRange(of: "\n  ]")!.lowerBound
        return rest[..<end].split(separator: "\n").filter { $0.contains("\"") }.count
    }

    @Test(arguments: SnapshotKind.allCases)
    func notesAreBoundedWithThePlace(_ kind: SnapshotKind) {
        let bundled = String(decoding: readBundled(kind), as: UTF8.self)
        // Every bundled file has top-level notes (indented by two spaces); more are added in front.
        let notes = Array(repeating: #""n""#, count: 1001 - Self.bundledNotes(bundled)).joined(separator: ",")
        let text = bundled.replacing("\n  \"notes\": [", with: "\n  \"notes\": [\(notes),", maxReplacements: 1)
        for fastPath in [true, false] {
            let p = Self.firstProblem(kind, text, fastPath: fastPath)
            #expect(p?.path == "notes" && p?.line != nil && p?.message.contains("at most 1000") == true, "\(kind): \(p?.description ?? "accepted")")
        }
        // 1,000 are read.
        let fine = bundled.replacing(
            "\n  \"notes\": [", with: "\n  \"notes\": [\(Array(repeating: #""n""#, count: 1000 - Self.bundledNotes(bundled)).joined(separator: ",")),",
            maxReplacements: 1)
        if case .failure(let list) = Self.result(kind, fine) { Issue.record("\(kind): 1,000 notes refused: \(list)") }
    }

    @Test func pledgesIndicatorsAreBoundedInAll() {
        // 101 programmes of 1,000 indicators: each list within its limit, 101,000 in all.
        let indicators = Array(repeating: #"{"name": "i", "unit": "u", "target": 1, "actual": 1}"#, count: 1000).joined(separator: ",")
        let programs = Array(repeating: #"{"title": "t", "status": "정상추진", "indicators": [\#(indicators)]}"#, count: 101).joined(separator: ",\n")
        let text = Self.envelope(.pledges) + #", "districts": [{"name": "d", "programs": [\#n\#(programs)]}]}"#
        let p = Self.firstProblem(.pledges, text)
        #expect(
            p?.path == "districts[0].programs[100].indicators" && p?.line == 102 && p?.message.contains("100000") == true,
            "\(p?.description ?? "accepted")")
    }

    @Test func unknownBulkIsSkippedAndUnknownFieldsStillIgnored() {
        let zeros = Array(repeating: "0", count: 200_000).joined(separator: ",")
        let text = String(decoding: readBundled(.wifi), as: UTF8.self)
            .replacing(#""apTotal":"#, with: #""junk": [\#(zeros)], "more": {"a": [{"b": "\u00e9"}], "apTotal": "x"}, "apTotal":"#)
        switch Self.result(.wifi, text) {
        case .success(let s): #expect(s.wifi?.apTotal == 31245)
        case .failure(let list): Issue.record("\(list)")
        }
    }

    /// Blanking every unknown value changes nothing the models read: each
    /// field they decode is in the shapes (the bundled files carry extra fields).
    @Test(arguments: SnapshotKind.allCases)
    func shapesNameEveryFieldTheModelsRead(_ kind: SnapshotKind) {
        let data = readBundled(kind)
        guard case .success(let blanked) = SnapshotShape.check(kind, data, blankFrom: 0) else {
            Issue.record("\(kind): the bundled file does not fit its shape")
            return
        }
        #expect(blanked != data, "\(kind): nothing blanked")
        let a = SnapshotParser.parse(kind, data: data, file: "Data/\(kind.fileName)", now: testNow, fastPath: false)
        let b = SnapshotParser.parse(kind, data: blanked, file: "Data/\(kind.fileName)", now: testNow, fastPath: false)
        switch (a, b) {
        case (.success(let x), .success(let y)):
            // The contents as decoded (the digests differ: they are of the bytes).
            #expect(x.envelope == y.envelope && String(describing: x.content) == String(describing: y.content), "\(kind): the models differ")
        default:
            Issue.record("\(kind): \(a) / \(b)")
        }
    }

    /// Weights near the largest double: Σ w overflowed to infinity and the
    /// achievement came out NaN; relative weights give the true mean.
    @Test func hugeWeightsGiveTheWeightedMean() {
        let program = PledgesContent.Program(
            title: "t", status: "정상추진",
            indicators: [
                PledgesContent.Indicator(name: "a", unit: "u", weight: 1.7976931348623157e308, target: 1, actual: 1),
                PledgesContent.Indicator(name: "b", unit: "u", weight: 1.7976931348623157e308, target: 1, actual: 0)
            ],
            budget: nil, publishedRate: nil)
        #expect(program.achievement == 0.5, "\(String(describing: program.achievement))")
    }
}
