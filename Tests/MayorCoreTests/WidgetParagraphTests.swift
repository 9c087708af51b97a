import Testing

@testable import MayorCore

@Suite struct WidgetParagraphTests {
    let text = "서울시 공공 와이파이 이용자가 지난달보다 12% 늘었습니다. Supercalifragilisticexpialidocious"

    @Test func wrapsAtSpacesByDisplayWidth() {
        #expect(
            WidgetHarness.lines(Paragraph(text), width: 20, height: 6) == [
                "서울시 공공 와이파이",
                "이용자가 지난달보다",
                "12% 늘었습니다.",
                "Supercalifragilistic",
                "expialidocious",
                ""
            ])
    }

    @Test func hardBreaksNeverSplitAWideCharacter() {
        #expect(Paragraph.wrap("가나다라마", width: 5) == ["가나", "다라", "마"])
        #expect(Paragraph.wrap("ab가나", width: 3) == ["ab", "가", "나"])
        #expect(Paragraph.wrap("가", width: 1) == ["가"])  // cannot fit: the buffer shows a space
        #expect(WidgetHarness.lines(Paragraph("가나"), width: 1, height: 2) == ["", ""])
        #expect(Paragraph.wrap("", width: 4) == [""])
        #expect(Paragraph.wrap("a  b", width: 1) == ["a", "b"])
    }

    @Test func cutTextEndsWithAnEllipsis() {
        #expect(WidgetHarness.lines(Paragraph(text), width: 20, height: 2) == ["서울시 공공 와이파이", "이용자가 지난달보다…"])
        #expect(WidgetHarness.lines(Paragraph(text, wrap: false), width: 12, height: 1) == ["서울시 공공…"])
    }

    @Test func lineBreaksStylesAndAlignment() {
        let red = Style(foreground: .red)
        let p = Paragraph([.init("제목\n둘째 줄", style: red), .init("끝")], alignment: .right)
        let b = WidgetHarness.render(p, width: 10, height: 4)
        #expect(b.textLines() == ["      제목", "   둘째 줄", "        끝", ""])
        #expect(b[6, 0].style == red && b[8, 2].style == .plain)
        #expect(WidgetHarness.lines(Paragraph("a\r\nb\tc"), width: 5, height: 3) == ["a", "b␉c", ""])
    }

    @Test func neverDrawsOutsideItsArea() {
        WidgetHarness.checkContainment("Paragraph") { text in Paragraph([.init(text), .init(text, style: .plain.bold)]) }
        WidgetHarness.checkContainment("Paragraph centred") { text in Paragraph(text, wrap: false, alignment: .center) }
        WidgetHarness.checkContainment("TextLines") { text in TextLines(text + " " + text, alignment: .right) }
    }
}
