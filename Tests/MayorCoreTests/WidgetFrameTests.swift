import Testing

@testable import MayorCore

@Suite struct WidgetFrameTests {
    let badges: [Span] = [.init("SAMPLE", style: Theme.color.sample), .init("STALE 3d", style: Theme.color.warning)]

    @Test func titleBadgesAndFooterOnTheBorder() {
        let frame = Frame(title: "교통 Traffic", badges: badges, footer: "서울시 · 2024-09-01")
        #expect(
            WidgetHarness.lines(frame, width: 44, height: 4) == [
                "┌─ 교통 Traffic ─────── SAMPLE ─ STALE 3d ─┐",
                "│                                          │",
                "│                                          │",
                "└──────────────────── 서울시 · 2024-09-01 ─┘"
            ])
    }

    @Test func narrowingDropsBadgesThenFooterThenTruncatesTheTitle() {
        let frame = Frame(title: "교통 Traffic", badges: badges, footer: "서울시 · 2024-09-01")
        // 38 columns hold both badges; 37 only the first.
        #expect(WidgetHarness.lines(frame, width: 38, height: 2)[0] == "┌─ 교통 Traffic ─ SAMPLE ─ STALE 3d ─┐")
        #expect(WidgetHarness.lines(frame, width: 37, height: 2)[0] == "┌─ 교통 Traffic ─────────── SAMPLE ─┐")
        #expect(
            WidgetHarness.lines(frame, width: 26, height: 3) == [
                "┌─ 교통 Traffic ─────────┐",
                "│                        │",
                "└── 서울시 · 2024-09-01 ─┘"
            ])
        // The footer is shortened before it is dropped, its date left out whole, never cut…
        #expect(WidgetHarness.lines(frame, width: 20, height: 2)[1] == "└──────── 서울시… ─┘")
        // …and dropped once the title no longer fits whole.
        #expect(WidgetHarness.lines(frame, width: 14, height: 2) == ["┌ 교통 Traf… ┐", "└────────────┘"])
        // A wide character that would straddle the cut is dropped whole.
        #expect(WidgetHarness.lines(Frame(title: "관악구청장"), width: 9, height: 2)[0] == "┌ 관악… ┐")
    }

    @Test func focusedBorderUsesTheFocusedStyle() {
        let theme = Theme.color
        var b = WidgetHarness.render(Frame(title: "A", focused: true), width: 6, height: 3)
        #expect(b[0, 0].style == theme.focusedBorder && b[0, 1].style == theme.focusedBorder)
        #expect(b[3, 0].style == theme.title)
        b = WidgetHarness.render(Frame(title: "A", badges: badges, focused: false), width: 30, height: 3)
        #expect(b[0, 0].style == theme.border)
        let line = b.textLines()[0]
        #expect(line == "┌─ A ──── SAMPLE ─ STALE 3d ─┐")
        #expect(b[10, 0].symbol == "S" && b[10, 0].style == theme.sample)
        #expect(b[19, 0].symbol == "S" && b[19, 0].style == theme.warning)
        #expect(b[9, 0].style == theme.sample)  // the badge padding is part of the badge
    }

    @Test func roundedCornersAndTinySizes() {
        #expect(WidgetHarness.lines(Frame(rounded: true), width: 4, height: 3) == ["╭──╮", "│  │", "╰──╯"])
        #expect(WidgetHarness.lines(Frame(title: "교통"), width: 2, height: 2) == ["┌┐", "└┘"])
        #expect(WidgetHarness.lines(Frame(title: "교통"), width: 3, height: 2) == ["┌…┐", "└─┘"])
        #expect(WidgetHarness.lines(Frame(title: "교통"), width: 1, height: 3) == ["", "", ""])
        #expect(WidgetHarness.lines(Frame(title: "교통"), width: 9, height: 1) == [""])
    }

    @Test func innerIsTheAreaInsideTheBorder() {
        let frame = Frame(title: "x")
        #expect(frame.inner(Rect(x: 2, y: 1, width: 10, height: 5)) == Rect(x: 3, y: 2, width: 8, height: 3))
        #expect(frame.inner(Rect(x: 2, y: 1, width: 2, height: 2)).isEmpty)
        // Too small for a border: the content keeps the whole area.
        #expect(frame.inner(Rect(x: 2, y: 1, width: 30, height: 1)) == Rect(x: 2, y: 1, width: 30, height: 1))
    }

    @Test func titleControlCharactersAreShownNotSent() {
        let lines = WidgetHarness.lines(Frame(title: "a\u{1B}[2J"), width: 12, height: 2)
        #expect(lines[0] == "┌─ a␛[2J ──┐")
    }

    @Test func neverDrawsOutsideItsArea() {
        WidgetHarness.checkContainment("Frame") { text in
            Frame(title: text, badges: [.init(text, style: .plain), .init("STALE", style: .plain)], footer: text, focused: true)
        }
    }
}
