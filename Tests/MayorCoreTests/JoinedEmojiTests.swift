import Testing

@testable import MayorCore

/// Clusters of several scalars that terminals draw differently (ZWJ
/// sequences, flags, skin tones, keycaps, presentation selectors) are drawn as
/// a stand-in of known width, and measured as that stand-in, so what the
/// buffer assumes is what the terminal draws; no cell ever ends in a joiner.
/// End to end: `HardeningTests.joinedEmojiKeepEveryBorderInItsColumn`.
@Suite struct JoinedEmojiTests {
    /// (cluster, stand-in, width)
    static let cases: [(String, String, Int)] = [
        ("👩\u{200D}💻", "👩", 2),  // ZWJ sequence
        ("👨\u{200D}👩\u{200D}👧\u{200D}👦", "👨", 2),  // family, longer than a glyph holds
        ("🇰🇷", "🇰", 2),  // flag: regional indicator pair
        ("👍\u{1F3FD}", "👍", 2),  // skin tone
        ("1\u{FE0F}\u{20E3}", "1", 1),  // keycap
        ("❤\u{FE0F}", "❤", 1),  // emoji presentation of a narrow base
        ("☺\u{FE0E}", "☺", 1),  // text presentation
        ("🏳\u{FE0F}\u{200D}🌈", "🏳", 1),  // rainbow flag
        ("a\u{200D}", "a", 1)  // a joiner on a letter
    ]

    @Test func eachJoinedClusterIsDrawnAsItsStandIn() {
        for (cluster, standIn, width) in Self.cases {
            #expect(cluster.count == 1, "\(cluster.debugDescription) is one grapheme")
            let character = cluster.first!
            #expect(DisplayWidth.of(character) == width, "\(cluster.debugDescription)")
            #expect(DisplayWidth.of(cluster) == width, "\(cluster.debugDescription)")
            var buffer = Buffer(width: 6, height: 1)
            let end = buffer.write("<" + cluster + ">", x: 0, y: 0)
            #expect(end == 2 + width, "\(cluster.debugDescription): ends at \(end)")
            #expect(buffer[1, 0].symbol == standIn, "\(cluster.debugDescription): cell holds \(buffer[1, 0].symbol.debugDescription)")
            #expect(Int(buffer[1, 0].width) == width)
            #expect(buffer[1 + width, 0].symbol == ">")
            var one = Buffer(width: 3, height: 1)
            one.set(x: 0, y: 0, symbol: cluster, style: .plain)
            #expect(one[0, 0].symbol == standIn && Int(one[0, 0].width) == width, "set: \(cluster.debugDescription)")
        }
    }

    @Test func combiningMarksAreStillDrawnWithTheirBase() {
        var buffer = Buffer(width: 4, height: 1)
        buffer.write("e\u{301}x", x: 0, y: 0)
        #expect(buffer[0, 0].symbol == "e\u{301}")
        #expect(buffer[1, 0].symbol == "x")
        #expect(DisplayWidth.of("e\u{301}") == 1)
    }

    /// Every text the widgets are tried with: the width the layout measures is
    /// the columns written, and no cell holds a scalar that joins or modifies.
    @Test func measuredWidthIsTheDrawnWidthAndNoCellJoins() {
        let texts =
            WidgetHarness.hostile + Self.cases.map { "관악구" + $0.0 + "구 x" }
            + ["👩\u{200D}💻 👩\u{200D}💻👩\u{200D}💻", "🇰🇷🇯🇵🇺", "\u{200D}관", "#\u{FE0F}\u{20E3}*\u{20E3}"]
        for raw in texts {
            let text = Sanitizer.clean(raw)
            var buffer = Buffer(width: 2_000, height: 1)
            let end = buffer.write(text, x: 0, y: 0)
            #expect(end == DisplayWidth.of(text), "\(raw.debugDescription): wrote \(end), measured \(DisplayWidth.of(text))")
            for x in 0..<buffer.width {
                let scalars = buffer[x, 0].symbol.unicodeScalars
                let joins = scalars.contains { Sanitizer.joinsOrModifies($0) }
                let regional = scalars.filter { (0x1F1E6...0x1F1FF).contains($0.value) }.count
                #expect(!joins && regional <= 1, "\(raw.debugDescription): cell \(x) holds \(buffer[x, 0].symbol.debugDescription)")
            }
        }
    }

    @Test func truncationCountsTheStandIn() {
        let name = "관악구👩\u{200D}💻"  // 6 + 2 columns
        #expect(name.displayWidth == 8)
        #expect(TextFit.truncate(name, to: 8) == name)
        #expect(TextFit.truncate(name, to: 7).displayWidth <= 7)
        #expect(TextFit.pad(name, to: 10).displayWidth == 10)
    }
}
