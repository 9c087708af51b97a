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
}
