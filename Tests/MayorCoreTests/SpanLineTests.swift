import Testing

@testable import MayorCore

/// `Span` and `Line`, the one styled-text type of panes, status lines, frame
/// badges and paragraphs: widths by display columns, and a cut that keeps each
/// span's style, never splits a wide character, a combining mark from its
/// letter or a joined emoji, and never shows a figure cut.
@Suite struct SpanLineTests {
    let muted = Theme.color.muted
    let figure = Theme.color.figure

    @Test func widthsAreDisplayColumns() {
        #expect(Span("관악구").width == 6)
        #expect(Span("e\u{301}").width == 1)  // a combining mark takes no column
        #expect(Span("👍🏽").width == 2)
        #expect(Span("a\tb").width == 3)  // the tab is drawn as a one-column stand-in
        #expect(Line([Span("서울 ", style: muted), Span("12,345", style: figure)]).width == 11)
        #expect(Line([Span("cafe\u{301} "), Span("관악구👩\u{200D}💻")]).width == 13)
        #expect(Line([]).width == 0)
    }

    @Test func aFigureThatDoesNotFitIsLeftOutWholeWithItsLabelStyle() {
        let line = Line([Span("이용자 ", style: muted), Span("1,234,567", style: figure)])
        #expect(line.truncated(to: 16) == line)
        // "이용자 1," would show a cut number: the figure goes whole, then "…".
        #expect(line.truncated(to: 10) == Line([Span("이용자", style: muted), Span("…", style: muted)]))
        for width in 0...16 {
            let cut = line.truncated(to: width)
            #expect(cut.width <= width)
            #expect(!cut.text.contains("1,") || cut.text.contains("1,234,567"), "width \(width): \(cut.text)")
        }
    }

    @Test func groupsEndWhereAGroupEndsWithoutAnEllipsis() {
        let line = Line([Span("관악구 ", style: muted), Span("55.7%", style: figure), Span(" · 도봉구 ", style: muted), Span("12.3%", style: figure)])
        #expect(line.truncated(to: 14) == Line([Span("관악구 ", style: muted), Span("55.7%", style: figure)]))
    }

    @Test func aWideCharacterIsNeverSplitAtTheCut() {
        let line = Line([Span("ab"), Span("관악구", style: figure)])
        #expect(line.truncated(to: 5) == Line([Span("ab"), Span("관", style: figure), Span("…", style: figure)]))
        #expect(line.truncated(to: 4) == Line([Span("ab"), Span("…")]))
        #expect(line.prefix(width: 3) == Line([Span("ab")]))
        #expect(line.prefix(width: 4) == Line([Span("ab"), Span("관", style: figure)]))
    }

    @Test func combiningMarksAndJoinedEmojiStayWhole() {
        let family = "👨\u{200D}👩\u{200D}👧"
        let line = Line([Span("cafe\u{301} "), Span(family + " 가족", style: figure)])
        let full = line.cleaned.text
        for width in 0...line.width {
            let cut = line.truncated(to: width)
            #expect(cut.width <= width, "width \(width)")
            var shown = cut.text
            if shown.hasSuffix("…") { shown.removeLast() }
            #expect(full.hasPrefix(shown), "width \(width): \(shown.debugDescription) is not a whole start of \(full.debugDescription)")
        }
        // "café" keeps its accent: the cut after it is a whole letter.
        #expect(line.truncated(to: 5) == Line([Span("cafe\u{301}"), Span("…")]))
        #expect(line.prefix(width: 5).text == "cafe\u{301} ")
    }

    @Test func wholeSpansLeaveOutTheFirstThatDoesNotFit() {
        let line = Line([Span("예산 "), Span("12,974", style: figure), Span(" 백만원")])
        #expect(line.wholeSpans(fitting: 11) == Line([Span("예산 "), Span("12,974", style: figure)]))
        #expect(line.wholeSpans(fitting: 10) == Line([Span("예산 ")]))
        #expect(line.wholeSpans(fitting: 18) == line)
    }

    @Test func aParagraphWrapsALineOfSpansKeepingEachStyle() {
        let p = Paragraph([Line([Span("서울 ", style: muted), Span("12,345명", style: figure), Span(" 이용", style: muted)])])
        let buffer = WidgetHarness.render(p, width: 9, height: 3)
        #expect(WidgetHarness.lines(p, width: 9, height: 3) == ["서울", "12,345명", "이용"])
        #expect(buffer[0, 0].style == muted)
        #expect(buffer[0, 1].style == figure && buffer[6, 1].style == figure)
        #expect(buffer[0, 2].style == muted)
    }
}
