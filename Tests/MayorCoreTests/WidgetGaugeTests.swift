import Testing

@testable import MayorCore

@Suite struct WidgetGaugeTests {
    @Test func labelBarAndPercentAfter() {
        #expect(WidgetHarness.lines(Gauge(0.557, label: "가동률"), width: 30, height: 1) == ["가동률 █████████▌░░░░░░░ 55.7%"])
        #expect(WidgetHarness.lines(Gauge(0.5), width: 10, height: 1) == ["██░░ 50.0%"])
    }

    @Test func centredTextIsReversedOverTheFill() {
        let theme = Theme.color
        let b = WidgetHarness.render(Gauge(0.557, label: "가동률", placement: .center), width: 30, height: 1)
        #expect(b.textLines() == ["가동률 █████████55.7%░░░░░░░░░"])
        #expect(b[16, 0].style == theme.gaugeFilled.reversed.bold)  // "5" over the fill
        #expect(b[20, 0].style == theme.text.bold)  // "%" past it
        #expect(b[28, 0].style == theme.gaugeEmpty)
    }

    @Test func ratioIsClampedAndNaNShowsADash() {
        #expect(WidgetHarness.lines(Gauge(1.7), width: 10, height: 1) == ["██100.0%██"])  // no room after: centred
        #expect(WidgetHarness.lines(Gauge(-2), width: 10, height: 1) == ["░░░░░ 0.0%"])
        #expect(WidgetHarness.lines(Gauge(.nan), width: 6, height: 1) == ["░░░░ –"])
        #expect(WidgetHarness.lines(Gauge(0.25, text: "3/12"), width: 13, height: 1) == ["██░░░░░░ 3/12"])
    }

    @Test func eighthBlocksAndTallerAreas() {
        #expect(WidgetHarness.lines(Gauge(0.3, text: ""), width: 4, height: 2) == ["█▎░░", "█▎░░"])
        #expect(WidgetHarness.lines(Gauge(0.5, placement: .center), width: 7, height: 3) == ["███▌░░░", "█50.0%░", "███▌░░░"])
    }

    @Test func narrowAreasMoveThenDropTheText() {
        #expect(WidgetHarness.lines(Gauge(0.5, label: "가동률"), width: 13, height: 1) == ["가동률 50.0%░"])
        #expect(WidgetHarness.lines(Gauge(0.5, label: "가동률"), width: 9, height: 1) == ["██50.0%░░"])
        #expect(WidgetHarness.lines(Gauge(0.5), width: 4, height: 1) == ["██░░"])
    }

    @Test func neverDrawsOutsideItsArea() {
        WidgetHarness.checkContainment("Gauge") { text in Gauge(0.61, label: text, text: text) }
        WidgetHarness.checkContainment("Gauge centre") { text in Gauge(.nan, label: text, placement: .center) }
    }
}
