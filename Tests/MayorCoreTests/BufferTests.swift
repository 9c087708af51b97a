import Testing

@testable import MayorCore

@Suite struct BufferTests {
    @Test func wideCharacterTakesTwoCellsWithContinuation() {
        var b = Buffer(width: 6, height: 1)
        let end = b.write("관a", x: 0, y: 0)
        #expect(end == 3)
        #expect(b[0, 0].symbol == "관" && b[0, 0].width == 2)
        #expect(b[1, 0].isContinuation)
        #expect(b[2, 0].symbol == "a")
        #expect(b.textLines() == ["관a"])
    }

    @Test func wideCharacterNeverStraddlesTheClipEdge() {
        var b = Buffer(width: 5, height: 1)
        b.write("가나다", x: 0, y: 0, clip: Rect(x: 0, y: 0, width: 5, height: 1))
        #expect(b.textLines() == ["가나"])
        #expect(b[4, 0].symbol == " " && !b[4, 0].isContinuation)
        var c = Buffer(width: 5, height: 1)
        c.write("가나다", x: 0, y: 0, clip: Rect(x: 0, y: 0, width: 3, height: 1))
        #expect(c[2, 0].symbol == " ")
        #expect(c[3, 0].symbol == " ")  // outside the clip: untouched
    }

    @Test func writesNeverLeaveTheClip() {
        var d = Buffer(width: 10, height: 3, fill: Cell("."))
        let clip = Rect(x: 2, y: 1, width: 4, height: 1)
        d.write("관악구 도봉구 금천구", x: -3, y: 1, clip: clip)
        d.write("xxxxxxxx", x: 0, y: 0, clip: clip)
        d.set(x: 9, y: 2, symbol: "관", style: .plain, clip: clip)
        for y in 0..<3 {
            for x in 0..<10 where !clip.contains(x: x, y: y) {
                #expect(d[x, y].symbol == ".", "cell \(x),\(y) was drawn outside the clip")
            }
        }
        #expect(d.textLines()[1].hasPrefix(".."))
        var f = Buffer(width: 4, height: 2)
        f.fill(Rect(x: -5, y: -5, width: 99, height: 99), symbol: "#")
        #expect(f.textLines() == ["####", "####"])
    }

    @Test func overwritingHalfAWideCharacterRepairsTheOtherHalf() {
        var b = Buffer(width: 4, height: 1)
        b.write("가나", x: 0, y: 0)
        b.write("x", x: 1, y: 0)  // right half of 가
        #expect(b.textLines() == [" x나"])
        b.write("y", x: 2, y: 0)  // left half of 나
        #expect(b.textLines() == [" xy"])
        #expect(!b[3, 0].isContinuation)
    }

    @Test func controlCharactersNeverReachTheGrid() {
        var b = Buffer(width: 20, height: 1)
        b.write("a\u{1B}[2Jb", x: 0, y: 0)
        #expect(b.textLines() == ["a␛[2Jb"])
    }

    @Test func changesReportOnlyDifferingCells() {
        var a = Buffer(width: 8, height: 2)
        a.write("서울 12", x: 0, y: 0)
        var b = a
        #expect(b.changes(since: a).isEmpty)
        b.write("13", x: 5, y: 0)
        let ch = b.changes(since: a)
        #expect(ch.count == 1)
        #expect(ch.first?.x == 6 && ch.first?.cell.symbol == "3")
        b.write("부산", x: 0, y: 0)
        let wide = b.changes(since: a)
        #expect(wide.contains { $0.x == 0 && $0.cell.symbol == "부" })
        #expect(!wide.contains { $0.cell.isContinuation })
        #expect(Buffer(width: 3, height: 1).changes(since: nil).count == 3)
    }
}

@Suite struct BufferHardeningTests {
    @Test func setAndFillKeepOneSanitisedGraphemePerCell() {
        var b = Buffer(width: 4, height: 1)
        b.fill(b.area, symbol: "b\u{07}")
        #expect(b.textLines() == ["bbbb"])
        b.set(x: 0, y: 0, symbol: "\u{07}", style: .plain)
        #expect(b[0, 0].symbol == "␇")
        b.set(x: 1, y: 0, symbol: "ab", style: .plain)
        #expect(b[1, 0].symbol == "a" && b[1, 0].width == 1)
    }

    @Test func truncationMeasuresWhatIsDrawn() {
        let t = TextFit.truncate("ab\u{1B}\u{1B}\u{1B}cd", to: 4)
        #expect(t.displayWidth <= 4)
        var b = Buffer(width: 10, height: 1, fill: Cell("."))
        b.write("ab\u{200B}\u{200B}\u{200B}cdefgh", x: 0, y: 0, maxWidth: 4)
        #expect(b.textLines()[0].hasSuffix("......"))
    }

    @Test func outOfRangeReadsAreBlank() {
        var b = Buffer(width: 2, height: 2)
        b.write("ab", x: 0, y: 0)
        #expect(b[-1, 1] == .blank)
        #expect(b[2, 0] == .blank)
        #expect(b[0, 5] == .blank)
    }

    @Test func widthsAgreeWithTheTerminalForTrickyCharacters() {
        #expect("\u{05B0}".displayWidth == 0)  // Hebrew point: a nonspacing mark
        #expect("\u{302E}".displayWidth == 2)  // Hangul tone mark: wide in glibc
        #expect("\u{4DC0}".displayWidth == 2)  // Yijing hexagram
        #expect("🇰🇷".displayWidth == 2)
    }

    @Test(arguments: ["a", "~", "é", "관", "━", "⣿", "😀", "🇰🇷", "e\u{301}", "\u{1100}\u{1161}\u{11A8}", "👍🏽", ""])
    func glyphsHoldTheirBytes(_ text: String) {
        let glyph = Glyph(text)
        #expect(glyph.string == text)
        #expect(glyph.utf8 == Array(text.utf8))
        #expect(glyph.utf8Count == text.utf8.count)
        #expect(glyph.isEmpty == text.isEmpty)
    }

    @Test func aCellIsASmallPlainValue() {
        #expect(MemoryLayout<Cell>.stride <= 24)
        #expect(_isPOD(Cell.self), "a cell must hold no reference: frames are copied and compared in bulk")
    }

    @Test func glyphEqualityIsByteEquality() {
        // Canonically equivalent, different bytes: the terminal receives different bytes.
        #expect(Glyph("\u{E9}") != Glyph("e\u{301}"))
        #expect("\u{E9}" == "e\u{301}")
        #expect(Cell("\u{E9}") != Cell("e\u{301}"))
        #expect(Glyph("가나") == Glyph("가"))
        #expect(Glyph("a") == Glyph(ascii: 0x61) && Glyph("관") == Glyph("관" as Unicode.Scalar))
    }

    @Test func overlongClustersKeepWholeLeadingScalars() {
        let family = "👨\u{200D}👩\u{200D}👧\u{200D}👦"  // 25 bytes
        let glyph = Glyph(family)
        #expect(glyph.utf8Count <= 16)
        #expect(family.unicodeScalars.starts(with: glyph.string.unicodeScalars))
        // 👨 ZWJ 👩 ZWJ is 14 bytes and 👧 would make 18: the trailing joiner goes too.
        #expect(glyph.string == "👨\u{200D}👩")
    }

    /// The scalar-by-scalar fast paths of `write` and `DisplayWidth` give what
    /// the grapheme-by-grapheme path gives, for text mixing every kind of
    /// character (including ones that must take the slow path).
    @Test func fastPathsMatchTheGraphemePath() {
        let alphabet: [String] = [
            "a", " ", "~", "é", "·", "…", "관", "악", "구", "━", "│", "⣿", "▇", "→", "。", "Ａ", "ｶ",
            "\u{301}", "\u{1100}", "\u{1161}", "\u{11A8}", "\u{200D}", "\u{FE0F}", "😀", "🇰", "🇷",
            "\u{1B}", "\u{9B}", "\u{202E}", "\u{AD}", "\t", "한"
        ]
        var rng = SplitMix64(state: 7)
        for _ in 0..<2_000 {
            let text = (0..<Int(rng.next() % 12)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }.joined()
            #expect(DisplayWidth.of(text) == text.reduce(0) { $0 + DisplayWidth.of($1) }, "\(text.debugDescription)")
            let x = Int(rng.next() % 6) - 2
            let clip = Rect(x: Int(rng.next() % 4), y: 0, width: Int(rng.next() % 14), height: 1)
            var fast = Buffer(width: 16, height: 1, fill: Cell("."))
            let end = fast.write(text, x: x, y: 0, clip: clip)
            var slow = Buffer(width: 16, height: 1, fill: Cell("."))
            var col = x
            for character in text {
                if col >= clip.maxX { break }
                // One grapheme at a time, each written on its own.
                let next = slow.write(String(character), x: col, y: 0, clip: clip)
                if next == col { continue }
                if next - col < DisplayWidth.of(character) && DisplayWidth.of(character) == 2 && col >= clip.x {
                    col = next
                    break
                }
                col = next
            }
            // Glyph and width per cell (the style is the same everywhere here).
            func cells(_ b: Buffer) -> String { b.cells.map { "\($0.glyph.string.debugDescription)\($0.width)" }.joined(separator: " ") }
            #expect(cells(fast) == cells(slow), "\(text.debugDescription) at \(x) in \(clip)")
            #expect(end == col, "\(text.debugDescription) at \(x) in \(clip): end \(end) vs \(col)")
        }
    }
}
