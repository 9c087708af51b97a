import Testing

@testable import MayorCore

@Suite struct WidgetStatusLineTests {
    let line = StatusLine(left: [.init("서울시 "), .init("디지털 시장실")], center: [.init("교통 · 3/7")], right: [.init("14:05 "), .init("LIVE")])

    @Test func threePartsWithTheCentreCentred() {
        // 60 columns: the centre (10 wide) starts at column 25, right on the middle.
        #expect(
            WidgetHarness.lines(line, width: 60, height: 1) == [
                "서울시 디지털 시장실" + String(repeating: " ", count: 5) + "교통 · 3/7" + String(repeating: " ", count: 15) + "14:05 LIVE"
            ])
        // 42 columns: the middle would overlap the left part, so the centre follows it.
        #expect(WidgetHarness.lines(line, width: 42, height: 1) == ["서울시 디지털 시장실 교통 · 3/7 14:05 LIVE"])
    }

    @Test func truncatesCentreFirstThenLeftAndKeepsRight() {
        #expect(WidgetHarness.lines(line, width: 38, height: 1) == ["서울시 디지털 시장실 교통   14:05 LIVE"])  // the figure "3/7" is left out whole, never cut
        #expect(WidgetHarness.lines(line, width: 33, height: 1) == ["서울시 디지털 시장실   14:05 LIVE"])
        #expect(WidgetHarness.lines(line, width: 20, height: 1) == ["서울시 …  14:05 LIVE"])
        #expect(WidgetHarness.lines(line, width: 11, height: 1) == [" 14:05 LIVE"])
        #expect(WidgetHarness.lines(line, width: 6, height: 1) == ["14:05"])  // not "14:05…", which reads as a cut figure
    }

    @Test func segmentsKeepTheirStylesAndTheBackgroundFillsTheRow() {
        let bg = Style(background: .blue)
        let live = Style(foreground: .red).bold
        let b = WidgetHarness.render(StatusLine(left: [.init("A", style: .plain)], right: [.init("LIVE", style: live)], background: bg), width: 10, height: 2)
        #expect(b[3, 0].style == bg && b[6, 0].style == live && b[0, 0].style == .plain)
        #expect(b[3, 1].style == .plain)  // only the first row
    }

    @Test func neverDrawsOutsideItsArea() {
        WidgetHarness.checkContainment("StatusLine") { text in
            StatusLine(left: [.init(text), .init("서울")], center: [.init(text)], right: [.init(text), .init("LIVE")])
        }
    }
}
