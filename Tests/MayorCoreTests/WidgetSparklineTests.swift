import Testing

@testable import MayorCore

@Suite struct WidgetSparklineTests {
    @Test func valuesMapToEighthBlocks() {
        #expect(WidgetHarness.lines(Sparkline([1, 2, 3, 4, 5, 6, 7, 8]), width: 10, height: 1) == ["▁▂▃▄▅▆▇█"])
        #expect(WidgetHarness.lines(Sparkline([0, 100, 50]), width: 3, height: 1) == ["▁█▅"])
    }

    @Test func fixedRangeClampsAndAutoRangeStretches() {
        #expect(WidgetHarness.lines(Sparkline([2, 5, 10], range: 0...10), width: 3, height: 1) == ["▂▅█"])
        #expect(WidgetHarness.lines(Sparkline([-5, 50], range: 0...10), width: 2, height: 1) == ["▁█"])
        #expect(WidgetHarness.lines(Sparkline([5, 6]), width: 2, height: 1) == ["▁█"])
        #expect(WidgetHarness.lines(Sparkline([3, 3, 3]), width: 3, height: 1) == ["▅▅▅"])  // flat: half height
    }

    @Test func showsTheNewestValuesWhenThereAreMoreThanColumns() {
        #expect(WidgetHarness.lines(Sparkline([8, 8, 8, 1, 2, 3], range: 1...8), width: 3, height: 1) == ["▁▂▃"])
    }

    @Test func nanIsAGap() {
        var b = Buffer(width: 4, height: 1, fill: Cell("x"))
        Sparkline([1, .nan, 8, .infinity]).render(in: b.area, buffer: &b)
        #expect(b.textLines() == ["▁ █"])
        #expect(WidgetHarness.lines(Sparkline([.nan, .nan]), width: 4, height: 1) == [""])
    }

    @Test func tallerAreasStackRows() {
        #expect(WidgetHarness.lines(Sparkline([1, 8, 9, 16], range: 1...16), width: 4, height: 2) == ["  ▁█", "▁███"])
    }

    @Test func hugeValuesDoNotOverflowTheScale() {
        let lines = WidgetHarness.lines(Sparkline([-Double.greatestFiniteMagnitude, 0, Double.greatestFiniteMagnitude]), width: 3, height: 1)
        #expect(lines == ["▁▅█"])
    }

    @Test func neverDrawsOutsideItsArea() {
        WidgetHarness.checkContainment("Sparkline") { text in
            Sparkline(text.unicodeScalars.map { Double($0.value % 97) } + [.nan, 1e308, -1e308])
        }
    }
}
