import FoundationEssentials
import Testing

@testable import MayorCore

/// The one-pass traffic reader (`TrafficFastPath`) against the general path
/// (`JSONLocator`, then `JSONDecoder`): the same model for what it accepts,
/// and, because it gives up on everything else, the same problems for what is
/// rejected.
@Suite struct TrafficFastPathTests {
    // MARK: helpers

    /// Both paths through `SnapshotParser`, compared: the same model, or the same problems.
    /// Returns whether the fast path itself decoded the input (rather than giving up).
    @discardableResult
    static func expectAgreement(
        _ bytes: [UInt8], _ what: @autoclosure () -> String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> Bool {
        let data = Data(bytes)
        let slow = SnapshotParser.parse(.traffic, data: data, file: "Data/traffic.json", now: testNow, fastPath: false)
        let fast = SnapshotParser.parse(.traffic, data: data, file: "Data/traffic.json", now: testNow, fastPath: true)
        switch (slow, fast) {
        case (.success(let s), .success(let f)):
            expectSame(s.traffic, f.traffic, s.envelope, f.envelope, what(), sourceLocation: sourceLocation)
        case (.failure(let s), .failure(let f)):
            #expect(s.problems == f.problems, "\(what()): problems differ\n slow: \(s)\n fast: \(f)", sourceLocation: sourceLocation)
        case (.success, .failure(let f)):
            Issue.record("\(what()): accepted by the general path, rejected with the fast path: \(f)", sourceLocation: sourceLocation)
        case (.failure(let s), .success):
            Issue.record("\(what()): rejected by the general path (\(s)), accepted with the fast path", sourceLocation: sourceLocation)
        }
        // When the fast reader decodes, the general decoder must decode the same.
        let decoded = TrafficFastPath.decode(data, maxDepth: SnapshotParser.maxDepth)
        if let decoded {
            #expect(
                JSONLocator.firstProblem(in: bytes, maxDepth: SnapshotParser.maxDepth) == nil,
                "\(what()): the fast path accepted what the syntax check refuses", sourceLocation: sourceLocation)
            do {
                let general = try JSONDecoder().decode(TrafficSnapshot.self, from: data)
                expectSame(general.content, decoded.content, general.envelope, decoded.envelope, what(), sourceLocation: sourceLocation)
            } catch {
                Issue.record("\(what()): the fast path decoded what JSONDecoder refuses: \(error)", sourceLocation: sourceLocation)
            }
        }
        return decoded != nil
    }

    static func expectSame(
        _ a: TrafficContent?, _ b: TrafficContent?, _ ea: Envelope, _ eb: Envelope, _ what: String,
        sourceLocation: SourceLocation
    ) {
        #expect(ea == eb, "\(what): envelopes differ\n slow: \(ea)\n fast: \(eb)", sourceLocation: sourceLocation)
        guard let a, let b else {
            Issue.record("\(what): not traffic", sourceLocation: sourceLocation)
            return
        }
        #expect(a == b, "\(what): corridors differ", sourceLocation: sourceLocation)
        if a != b, let i = a.corridors.indices.first(where: { $0 >= b.corridors.count || a.corridors[$0] != b.corridors[$0] }), i < b.corridors.count {
            Issue.record("\(what): first difference in corridors[\(i)]\n slow: \(a.corridors[i])\n fast: \(b.corridors[i])", sourceLocation: sourceLocation)
        }
        // Bit patterns too: == would let -0.0 pass for 0.0.
        let bitsA = a.corridors.flatMap { $0.daily.map(\.speedKmh?.bitPattern) }
        let bitsB = b.corridors.flatMap { $0.daily.map(\.speedKmh?.bitPattern) }
        #expect(bitsA == bitsB, "\(what): speeds differ in their bits", sourceLocation: sourceLocation)
        #expect(
            a.dailyTotals.map(\.date) == b.dailyTotals.map(\.date) && a.dailyTotals.map(\.volume) == b.dailyTotals.map(\.volume),
            "\(what): daily totals differ", sourceLocation: sourceLocation)
    }

    /// A small traffic file that uses every field, a few non-ASCII names and
    /// several lines, so located problems have real lines and columns.
    static let base = """
        {
          "kind": "traffic",
          "schemaVersion": 1,
          "asOf": "2024-03-31",
          "sample": true,
          "maxAgeDays": 3,
          "source": {"document": "Illustrative", "agency": "DigitalMayor", "dataset": "d", "url": null},
          "generator": {"name": "x", "days": [1, 2.5, -3e2, {"a": null, "b": [true, false]}], "seed": 2023},
          "notes": ["Generated, not measured.", "설날"],
          "corridors": [
            {
              "id": "A-01",
              "name": "성산로(금화터널)",
              "nameEn": "Seongsan-ro (Geumhwa Tunnel)",
              "district": "서대문구",
              "daily": [
                {"date": "2024-03-29", "volume": 67644, "speedKmh": 32.5},
                {"date": "2024-03-30", "volume": 70001, "speedKmh": 31.0},
                {"date": "2024-03-31", "volume": 59010, "speedKmh": 28}
              ]
            },
            {"id": "S-001", "name": "표본 구간 1", "daily": [{"date": "2024-03-31", "volume": 1, "speedKmh": 0.25}]}
          ]
        }

        """

    static func replacing(_ old: String, with new: String, sourceLocation: SourceLocation = #_sourceLocation) -> [UInt8] {
        if !base.contains(old) { Issue.record("the base document has no \(old)", sourceLocation: sourceLocation) }
        return Array(base.replacing(old, with: new, maxReplacements: 1).utf8)
    }

    // MARK: whole files

    @Test func bundledTrafficTakesTheFastPathWithTheSameModel() {
        let bytes = Array(readBundled(.traffic))
        #expect(TrafficFastPath.decode(Data(bytes), maxDepth: SnapshotParser.maxDepth) != nil, "the bundled traffic.json is not read by the fast path")
        #expect(Self.expectAgreement(bytes, "Data/traffic.json"))
    }

    @Test(arguments: [(1, 1, UInt64(1)), (2, 7, 7), (8, 31, 2023), (12, 365, 99), (40, 200, 5)])
    func generatedFilesTakeTheFastPathWithTheSameModel(_ shape: (corridors: Int, days: Int, seed: UInt64)) {
        let json = TrafficSampleGenerator(startDate: "2023-12-20", days: shape.days, seed: shape.seed, corridorCount: shape.corridors).makeJSON()
        #expect(Self.expectAgreement(Array(json.utf8), "generated \(shape)"), "generated \(shape) not read by the fast path")
    }

    @Test func baseDocumentTakesTheFastPath() {
        #expect(Self.expectAgreement(Array(Self.base.utf8), "base"))
        // Minified, and spread out with every kind of JSON whitespace.
        let minified = Self.base.split(separator: "\n").map { $0.trimmingPrefix(while: { $0 == " " }) }.joined()
        #expect(Self.expectAgreement(Array(minified.utf8), "minified"))
        let spread = Self.base.replacing("\": ", with: "\" \t:\r\n ").replacing(", \"", with: "\r\n\t,  \"").replacing(",\n", with: " ,\t\n")
        #expect(Self.expectAgreement(Array(spread.utf8), "spread"))
    }

    // MARK: hand-made mutations

    /// (old, new) edits of the base document; `fast` says whether the fast
    /// path must read the result itself (nil: either way, only agreement counts).
    static let edits: [(old: String, new: String, fast: Bool?)] = {
        var list: [(String, String, Bool?)] = []
        // Volumes: the whole-number rule, JSON number grammar and limits.
        for v in [
            "0", "-0", "-1", "1.0", "1e2", "1E+2", "1e-0", "2.50e1", "100e-2", "1.5", "676.44", "9007199254740992", "9007199254740993",
            "-9007199254740992", "123456789012345678901234567890", "1e15", "1e16", "1e22", "1e23", "1e308", "1e400", "-1e400", "1e-400",
            "01", "00", "-01", "+1", ".5", "1.", "1e", "1e+", "-", "0x10", "NaN", "Infinity", "\"5\"", "null", "true", "[]", "{}", "1 2",
            "0e5", "0E1", "0e05", "0e+5", "0e0", "-0e5", "0.0e5"
        ] {
            list.append(("\"volume\": 67644", "\"volume\": \(v)", nil))
        }
        // Speeds: the correctly rounded Double, exponents, extremes.
        for s in [
            "0", "-0", "-0.0", "0.0", "200", "200.00000000000001", "200.0000000001", "1e-5", "0.1e1", "2.5e-3", "32.123456789012345678",
            "3.14159265358979323846", "0.30000000000000004", "4.9e-324", "2.2250738585072014e-308", "1.7976931348623157e308",
            "1.7976931348623159e308", "1e-400", "0e-400", "0.000000000000000000000000000001", "123456789012345.6", "1234567890123456.7",
            "9.999999999999999e22", "1e22", "1e-22", "1e23", "-1e-23", "50E-1", "0e5", "0e-5", "2.4e-324", "2.5e-324", "2e-310", "\"32.5\"", "null", "false",
            "01.5", "1.5e", ".5"
        ] {
            list.append(("\"speedKmh\": 32.5", "\"speedKmh\": \(s)", nil))
        }
        // Dates and other text: escapes, non-ASCII, control characters, widths.
        for d in [
            #""2024-03-29""#, #""2024\u002d03-29""#, #""2024-03-29\n""#, #""2024-03-29\\""#, #""2024-03-29\/""#, #""\"2024-03-29""#,
            #""\ud800""#, #""\ud83d\ude00""#, #""\u0000""#, #""\u001b[2J""#, #""\uFFFF""#, #""\u00e9""#, #""\u00E9""#, #""\u00g9""#, #""\x41""#,
            #""2024-03-29é""#, "\"2024-03-29\u{7F}\"", "\"2024-03-29\u{202E}\"", "\"2024-03-29\t\"", #""""#, #""   ""#, "2024", "null", "[\"2024-03-29\"]",
            "\"" + String(repeating: "x", count: 160) + "\"", "\"" + String(repeating: "x", count: 161) + "\""
        ] {
            list.append(("\"date\": \"2024-03-29\"", "\"date\": \(d)", nil))
        }
        for name in [
            "\"" + String(repeating: "가", count: 81) + "\"", "\"" + String(repeating: "y", count: 200) + "\"", #""a\tb""#, #""a\u200Bb""#, "\"e\u{301}\"",
            "null", "1"
        ] {
            list.append(("\"name\": \"성산로(금화터널)\"", "\"name\": \(name)", nil))
        }
        list += [
            // Things the fast path reads itself.
            ("\"volume\": 67644", "\"volume\": 6.7644e4", true),
            ("\"speedKmh\": 32.5", "\"speedKmh\": 3.25E+1", true),
            ("\"date\": \"2024-03-29\"", #""date": "2024\u002d03-29""#, true),
            ("\"nameEn\": \"Seongsan-ro (Geumhwa Tunnel)\"", "\"nameEn\": null", true),
            ("\"district\": \"서대문구\",", "", true),
            ("\"sample\": true", "\"sample\": null", true),
            ("\"sample\": true", "\"sample\": false", true),
            ("\"maxAgeDays\": 3", "\"maxAgeDays\": null", true),
            ("\"maxAgeDays\": 3", "\"maxAgeDays\": -3", true),
            ("\"notes\": [\"Generated, not measured.\", \"설날\"]", "\"notes\": null", true),
            ("\"notes\": [\"Generated, not measured.\", \"설날\"]", "\"notes\": []", true),
            ("\"url\": null", "\"url\": \"https://example.org\", \"page\": \"3\", \"extra\": {\"k\": [[[]]]}", true),
            ("{\"date\": \"2024-03-29\",", "{\"note\": \"x\", \"date\": \"2024-03-29\",", true),
            ("\"speedKmh\": 28}", "\"speedKmh\": 28, \"extra\": [1, {\"a\": \"b\", \"b\": \"a\"}]}", true),
            ("\"corridors\": [", "\"zzz\": 1, \"corridors\": [", true),
            ("\"daily\": [{\"date\": \"2024-03-31\", \"volume\": 1, \"speedKmh\": 0.25}]", "\"daily\": []", true),
            ("\"volume\": 67644", "\"volume\": -5", true),  // read, then refused by the validator
            ("\"date\": \"2024-03-29\"", "\"date\": \"2024-02-30\"", true),
            ("\"date\": \"2024-03-30\"", "\"date\": \"2024-03-29\"", true),
            ("\"id\": \"S-001\"", "\"id\": \"A-01\"", true),
            ("\"asOf\": \"2024-03-31\"", "\"asOf\": \"2031-01-01\"", true),
            ("\"asOf\": \"2024-03-31\"", "\"asOf\": \"2024-03-31T09:00:00+09:00\"", true),
            ("\"agency\": \"DigitalMayor\"", "\"agency\": \" \"", true),
            ("\"corridors\": [", "\"corridors\": [], \"x\": [", true),  // then refused: no corridors
            // Things the fast path leaves to the general path.
            ("\"kind\": \"traffic\"", "\"kind\": \"wifi\"", false),
            ("\"kind\": \"traffic\"", "\"kind\": \"traf\\u0066ic\"", false),
            ("\"kind\": \"traffic\"", "\"kind\": \"Traffic\"", false),
            ("\"kind\": \"traffic\"", "\"kind\": 1", false),
            ("\"schemaVersion\": 1", "\"schemaVersion\": 2", false),
            ("\"schemaVersion\": 1", "\"schemaVersion\": 1.0", false),
            ("\"schemaVersion\": 1", "\"schemaVersion\": 1e0", false),
            ("\"schemaVersion\": 1", "\"schemaVersion\": 01", false),
            ("\"schemaVersion\": 1", "\"schemaVersion\": 10", false),
            ("\"schemaVersion\": 1", "\"schemaVersion\": \"1\"", false),
            ("\"kind\": \"traffic\",", "", false),
            ("\"schemaVersion\": 1,", "", false),
            ("\"asOf\": \"2024-03-31\",", "", false),
            ("\"sample\": true", "\"sample\": 1", false),
            ("\"maxAgeDays\": 3", "\"maxAgeDays\": \"3\"", false),
            ("\"notes\": [\"Generated, not measured.\", \"설날\"]", "\"notes\": [null]", false),
            ("\"notes\": [\"Generated, not measured.\", \"설날\"]", "\"notes\": [\"a\", 1]", false),
            ("\"notes\": [\"Generated, not measured.\", \"설날\"]", "\"notes\": \"a\"", false),
            ("\"agency\": \"DigitalMayor\",", "", false),
            ("\"document\": \"Illustrative\"", "\"document\": null", false),
            ("\"id\": \"A-01\",", "", false),
            ("\"id\": \"A-01\"", "\"id\": null", false),
            ("\"daily\": [{\"date\": \"2024-03-31\", \"volume\": 1, \"speedKmh\": 0.25}]", "\"daily\": null", false),
            ("\"daily\": [{\"date\": \"2024-03-31\", \"volume\": 1, \"speedKmh\": 0.25}]", "\"daily\": {}", false),
            // speedKmh is optional (the TOPIS feed counts vehicles only): both paths read a day without it.
            (", \"speedKmh\": 28}", "}", true),
            ("\"corridors\": [", "\"corridors\": null, \"x\": [", false),
            ("\"corridors\": [", "\"corridors\": {\"a\": [", false),
            // Duplicate keys, at every level, and keys that only look different.
            ("\"kind\": \"traffic\",", "\"kind\": \"traffic\", \"kind\": \"traffic\",", false),
            ("\"sample\": true", "\"sample\": true, \"sample\": true", false),
            ("\"url\": null", "\"url\": null, \"url\": null", false),
            ("\"id\": \"A-01\",", "\"id\": \"A-01\", \"id\": \"A-02\",", false),
            ("\"speedKmh\": 28}", "\"speedKmh\": 28, \"date\": \"2024-03-31\"}", false),
            ("\"speedKmh\": 28}", "\"speedKmh\": 28, \"x\": 1, \"x\": 1}", false),
            ("\"seed\": 2023", "\"seed\": 2023, \"seed\": 2024", false),
            ("\"b\": [true, false]", "\"b\": [true, {\"c\": 1, \"c\": 2}]", false),
            ("\"seed\": 2023", "\"seed\": 2023, \"se\\u0065d\": 2024", false),
            ("\"seed\": 2023", "\"caf\u{E9}\": 1, \"cafe\u{301}\": 2", false),
            ("\"speedKmh\": 28}", "\"speedKmh\": 28, \"d\\u0061te\": 1}", false),
            ("{\"date\": \"2024-03-29\",", "{\"d\\u0061te\": \"2024-03-29\",", false),
            ("{\"date\": \"2024-03-29\",", "{\"Date\": \"2024-03-29\",", false),
            // Depth: the limit is 32 levels, counted as JSONLocator does.
            // "generator" is at depth 2, a day object at depth 5.
            ("\"seed\": 2023", "\"seed\": " + String(repeating: "[", count: 30) + String(repeating: "]", count: 30), true),
            ("\"seed\": 2023", "\"seed\": " + String(repeating: "[", count: 31) + String(repeating: "]", count: 31), false),
            ("\"speedKmh\": 28}", "\"speedKmh\": 28, \"x\": " + String(repeating: "[", count: 27) + String(repeating: "]", count: 27) + "}", true),
            ("\"speedKmh\": 28}", "\"speedKmh\": 28, \"x\": " + String(repeating: "[", count: 28) + String(repeating: "]", count: 28) + "}", false),
            // Syntax around the edges.
            ("{\n  \"kind\"", "\u{FEFF}{\n  \"kind\"", false),
            ("\"kind\": \"traffic\",", "\"kind\": \"traffic\",,", false),
            ("\"speedKmh\": 28}", "\"speedKmh\": 28,}", false),
            ("\"speedKmh\": 28}\n      ]", "\"speedKmh\": 28}\n      ,]", false),
            ("\"speedKmh\": 28}", "\"speedKmh\": 28]", false),
            ("\"speedKmh\": 28}", "\"speedKmh\": 28}}", false),
            ("\"kind\": \"traffic\"", "\"kind\" \"traffic\"", false),
            ("\"kind\": \"traffic\"", "'kind': \"traffic\"", false),
            ("\"kind\": \"traffic\"", "kind: \"traffic\"", false),
            ("\"sample\": true", "\"sample\": tru", false),
            ("\"sample\": true", "\"sample\": True", false),
            ("\"url\": null", "\"url\": nul", false),
            ("\"schemaVersion\": 1,", "\"schemaVersion\": 1,\u{0C}", false),
            ("\"schemaVersion\": 1,", "\"schemaVersion\": 1,\u{0B}", false),
            ("\"schemaVersion\": 1,", "\"schemaVersion\": 1,\u{A0}", false),
            ("\"schemaVersion\": 1,", "\"schemaVersion\": 1, // comment\n", false)
        ]
        return list
    }()

    @Test func handMadeEditsAgree() {
        var fastCount = 0
        for (n, edit) in Self.edits.enumerated() {
            let bytes = Self.replacing(edit.old, with: edit.new)
            let what = "edit \(n): \(edit.old) -> \(edit.new)"
            let fast = Self.expectAgreement(bytes, what)
            if let expected = edit.fast {
                #expect(fast == expected, "\(what): the fast path \(fast ? "read it" : "gave up")")
            }
            if fast { fastCount += 1 }
        }
        #expect(fastCount >= 60, "only \(fastCount) of \(Self.edits.count) edits were read by the fast path")
    }

    @Test func trailingBytesAgree() {
        for tail in ["", " ", "\n\n", "\t\r\n", "x", "{}", "\0", "// end", "\u{FEFF}", ",", "]"] {
            Self.expectAgreement(Array((Self.base + tail).utf8), "tail \(tail.debugDescription)")
        }
        for head in ["", " \n", "\0", "[", "x"] {
            Self.expectAgreement(Array((head + Self.base).utf8), "head \(head.debugDescription)")
        }
    }

    @Test func invalidUTF8Agrees() {
        let bad: [[UInt8]] = [[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0x80], [0xC3]]
        let base = Array(Self.base.utf8)
        for seq in bad {
            for anchor in ["\"date\": \"2024", "\"name\": \"성산로", "\"agency\": \"Digital", "\"name\": \"x", "\"seed", "\"notes\": [\"G"] {
                guard let range = byteRange(of: Array(anchor.utf8), in: base) else {
                    Issue.record("no \(anchor)")
                    continue
                }
                var broken = base
                broken.insert(contentsOf: seq, at: range.upperBound)
                #expect(!Self.expectAgreement(broken, "\(seq) after \(anchor)"), "\(seq) after \(anchor) was read by the fast path")
            }
        }
    }

    // MARK: every truncation and many random mutations

    @Test func everyTruncationAgrees() {
        let bytes = Array(Self.base.utf8)
        let end = bytes.lastIndex(of: UInt8(ascii: "}"))!
        for cut in 0...bytes.count {
            let fast = Self.expectAgreement(Array(bytes[0..<cut]), "cut at \(cut)")
            #expect(fast == (cut > end), "cut at byte \(cut) of \(bytes.count): the fast path \(fast ? "read it" : "gave up")")
        }
    }

    @Test func randomMutationsAgree() {
        var random = SplitMix64(state: 20_250_115)
        let base = Array(Self.base.utf8)
        let alphabet = Array("\"\\{}[],:0123456789-+.eEtrufalsn \t\n\r/ux".utf8) + [0x00, 0x0C, 0x7F, 0x80, 0xC3, 0xA9, 0xFF, 0xEF, 0xBB, 0xBF]
        var fastCount = 0
        let rounds = 1_500
        for round in 0..<rounds {
            var bytes = base
            var steps: [String] = []
            for _ in 0..<(1 + Int(random.next() % 3)) {
                let at = Int(random.next() % UInt64(bytes.count + 1))
                switch random.next() % 5 {
                case 0 where at < bytes.count:
                    steps.append("delete \(at)")
                    bytes.remove(at: at)
                case 1:
                    let b = alphabet[Int(random.next() % UInt64(alphabet.count))]
                    steps.append("insert \(b) at \(at)")
                    bytes.insert(b, at: at)
                case 2 where at < bytes.count:
                    let b = alphabet[Int(random.next() % UInt64(alphabet.count))]
                    steps.append("set \(at) to \(b)")
                    bytes[at] = b
                case 3 where at < bytes.count:
                    // A digit changed: mostly still valid, so the fast path gets exercised.
                    let b = UInt8(ascii: "0") + UInt8(random.next() % 10)
                    steps.append("digit \(b) at \(at)")
                    if bytes[at] >= 0x30 && bytes[at] <= 0x39 { bytes[at] = b } else { bytes.insert(b, at: at) }
                default:
                    // A copy of a short run of the file elsewhere (duplicate keys, members, values).
                    let from = Int(random.next() % UInt64(bytes.count))
                    let length = min(bytes.count - from, 1 + Int(random.next() % 40))
                    steps.append("copy \(from)+\(length) to \(at)")
                    bytes.insert(contentsOf: bytes[from..<(from + length)], at: min(at, bytes.count))
                }
            }
            if Self.expectAgreement(bytes, "round \(round): \(steps.joined(separator: ", "))") { fastCount += 1 }
        }
        // Enough of them stay readable for the comparison of models to mean something.
        #expect(fastCount >= rounds / 10, "only \(fastCount) of \(rounds) mutations were read by the fast path")
    }

    // MARK: numbers and text, in bulk

    /// A random JSON number: any sign, 1 to 18 digits before the point and 1
    /// to 20 after it, any exponent; most of them long enough to need careful
    /// rounding. `tame` ones stay clear of what JSONDecoder refuses (numbers
    /// that underflow to zero, a bare 0 before the exponent), so the fast path
    /// reads them itself.
    fileprivate static func randomNumber(_ random: inout SplitMix64, tame: Bool) -> String {
        func digits(_ n: Int, _ random: inout SplitMix64, leading: Bool) -> String {
            var out = ""
            for k in 0..<n {
                let d = random.next() % 10
                out += String(leading && k == 0 ? 1 + d % 9 : d)
            }
            return out
        }
        var text = random.next() % 10 == 0 ? "-" : ""
        let zero = random.next() % 4 == 0
        text += zero ? "0" : digits(1 + Int(random.next() % 18), &random, leading: true)
        let fraction = random.next() % 3 != 0
        if fraction { text += "." + digits(1 + Int(random.next() % 20), &random, leading: false) }
        if tame && zero && !fraction { return text }
        switch random.next() % 6 {
        case 0: text += "e" + String(Int(random.next() % 61) - 30)
        case 1: text += "E+" + String(random.next() % 25)
        case 2: text += "e-" + String(random.next() % (tame ? 30 : 340))
        default: break
        }
        return text
    }

    @Test func randomNumbersDecodeAsJSONDecoderDoes() {
        var random = SplitMix64(state: 7)
        for file in 0..<8 {
            let tame = file == 0
            var days: [String] = []
            let start = CalendarDate.daysFromCivil(year: 2020, month: 1, day: 1)
            for i in 0..<800 {
                let (y, m, d) = CalendarDate.civil(fromDays: start + i)
                let date = "\(y)-\(m < 10 ? "0" : "")\(m)-\(d < 10 ? "0" : "")\(d)"
                // Whole numbers in every spelling, and (not tame) sometimes not whole.
                let volume: String
                switch random.next() % 4 {
                case 0: volume = String(random.next() % 9_007_199_254_740_993)
                case 1: volume = String(random.next() % 100_000) + ".0"
                case 2: volume = String(1 + random.next() % 1000) + "e" + String(random.next() % 4)
                default: volume = tame ? "-" + String(random.next() % 100_000) : Self.randomNumber(&random, tame: false)
                }
                days.append(#"{"date":"\#(date)","volume":\#(volume),"speedKmh":\#(Self.randomNumber(&random, tame: tame))}"#)
            }
            // One corridor, then (not tame) each of some days alone, so one odd number does not hide the rest.
            let envelope = #"{"kind":"traffic","schemaVersion":1,"asOf":"2024-03-31","source":{"document":"d","agency":"a"},"corridors":["#
            let whole = envelope + #"{"id":"A","name":"n","daily":["# + days.joined(separator: ",\n") + "]}]}"
            let fast = Self.expectAgreement(Array(whole.utf8), "file \(file) of random numbers")
            if tame { #expect(fast, "the fast path gave up on tame random numbers") }
            for (i, day) in days.enumerated() where !tame && i % 4 == 0 {
                Self.expectAgreement(Array((envelope + #"{"id":"A","name":"n","daily":["# + day + "]}]}").utf8), "day \(day)")
            }
        }
    }

    @Test func printableASCIIShortcutMatchesSanitizer() {
        var samples: [[UInt8]] = (0...255).map { [UInt8($0)] }
        samples += [
            [], Array("2024-03-31".utf8), Array(repeating: 0x41, count: 160), Array(repeating: 0x41, count: 161),
            Array(repeating: 0x20, count: 3), Array("a\u{1B}[2J".utf8), Array("x\u{7F}".utf8)
        ]
        for bytes in samples {
            let text = String(decoding: bytes, as: UTF8.self)
            let shortcut = bytes.withUnsafeBufferPointer { SafeText(printableASCII: $0) }
            if let shortcut {
                #expect(shortcut == SafeText(text) && shortcut.value.utf8.elementsEqual(SafeText(text).value.utf8), "\(bytes)")
            }
            let printable = bytes.count <= SafeText.maxWidth && bytes.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
            #expect((shortcut != nil) == printable, "\(bytes): shortcut \(shortcut == nil ? "refused" : "taken")")
        }
    }

    // MARK: errors as before

    /// Problems for traffic files as the general path reported them before the
    /// fast path existed; the fast path gives up on all of these.
    @Test func rejectedTrafficKeepsItsProblems() {
        let cases: [(old: String, new: String, expected: String)] = [
            (
                "\"volume\": 67644", "\"volume\": 676.44",
                "Data/traffic.json:17:42: corridors[0].daily[0].volume: expected a number, found a non-integer or out-of-range number 676.44"
            ),
            (
                "\"volume\": 67644", "\"volume\": \"lots\"",
                "Data/traffic.json:17:42: corridors[0].daily[0].volume: expected a number, found a string"
            ),
            (
                "\"speedKmh\": 28}", "\"speedKmh\": 28, \"speedKmh\": 28}",
                "Data/traffic.json:19:65: duplicate key \"speedKmh\""
            ),
            (
                "\"speedKmh\": 32.5", "\"speedKmh\": 1e400",
                "Data/traffic.json:17:61: number 1e400 is out of range"
            ),
            (
                "\"schemaVersion\": 1", "\"schemaVersion\": 2",
                "Data/traffic.json:3:20: schemaVersion: unknown schemaVersion 2: this version of mayor reads schemaVersion 1"
            ),
            (
                "\"id\": \"A-01\",", "",
                "Data/traffic.json:11:5: corridors[0].id: missing required field \"id\""
            ),
            (
                "\"speedKmh\": 32.5", "\"speedKmh\": 900",
                "Data/traffic.json:17:61: corridors[0].daily[0].speedKmh: must be between 0.0 and 200.0 (found 900.0)"
            ),
            (
                "\"date\": \"2024-03-30\"", "\"date\": \"2024-03-28\"",
                "Data/traffic.json:18:18: corridors[0].daily[1].date: is earlier than the previous date: dates must be in ascending order"
            )
        ]
        for c in cases {
            let bytes = Self.replacing(c.old, with: c.new)
            Self.expectAgreement(bytes, c.new)
            let found = problems(.traffic, String(decoding: bytes, as: UTF8.self))
            #expect(found.map(\.description) == [c.expected], "\(c.new): got \(found.map(\.description))")
        }
    }

    @Test func manyProblemsAreCappedAsBefore() {
        // 30 bad volumes: 20 located problems and a count of the rest, from both paths.
        var days: [String] = []
        for i in 0..<30 { days.append(#"{"date":"2024-01-\#(i < 9 ? "0" : "")\#(i + 1)","volume":-\#(i + 1),"speedKmh":30}"#) }
        let text =
            #"{"kind":"traffic","schemaVersion":1,"asOf":"2024-03-31","source":{"document":"d","agency":"a"},"corridors":[{"id":"A","name":"n","daily":["#
            + days.joined(separator: ",") + "]}]}"
        #expect(Self.expectAgreement(Array(text.utf8), "30 negative volumes"))
        let found = problems(.traffic, text)
        #expect(found.count == SnapshotParser.maxProblems + 1)
        #expect(found.last?.message == "and 10 more problems")
        #expect(found.first?.line == 1 && found.first?.column != nil)
    }
}

private func byteRange(of needle: [UInt8], in haystack: [UInt8]) -> Range<Int>? {
    guard needle.count <= haystack.count else { return nil }
    for start in 0...(haystack.count - needle.count) where haystack[start..<(start + needle.count)].elementsEqual(needle) {
        return start..<(start + needle.count)
    }
    return nil
}
