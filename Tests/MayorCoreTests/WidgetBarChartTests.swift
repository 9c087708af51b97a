import Testing

@testable import MayorCore

@Suite struct WidgetBarChartTests {
    let rows: [BarChart.Row] = [
        .init("강남구", 31245), .init("Mapo-gu", 15102), .init("종로구", 5020.5), .init("x", 1), .init("y", 2)
    ]

    @Test func koreanLabelsLineUpAndValuesAreRightAligned() {
        #expect(
            WidgetHarness.lines(BarChart(rows), width: 34, height: 4) == [
                "강남구  ██████████████████  31,245",
                "Mapo-gu ████████▊           15,102",
                "종로구  ██▉                5,020.5",
                "+2 more"
            ])
    }

    @Test func eighthBlocksGivePrecision() {
        let chart = BarChart([.init("a", 8), .init("b", 3), .init("c", 1)], maxValue: 8)
        // A 4-cell bar is 32 eighths: 8 → 32, 3 → 12 (█▌), 1 → 4 (▌).
        #expect(WidgetHarness.lines(chart, width: 8, height: 3) == ["a ████ 8", "b █▌   3", "c ▌    1"])
        // No label, no value text: a one-cell bar shows each eighth.
        let fine = BarChart((1...8).map { .init("", Double($0), valueText: "") }, maxValue: 8)
        #expect(WidgetHarness.lines(fine, width: 1, height: 8) == ["▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"])
    }

    @Test func labelsAreTruncatedByDisplayWidth() {
        let chart = BarChart([.init("서울특별시청", 10), .init("A", 5)], maxLabelWidth: 7)
        #expect(WidgetHarness.lines(chart, width: 20, height: 2) == ["서울특… █████████ 10", "A       ████▌      5"])
    }

    @Test func valueTextAndHighlight() {
        let theme = Theme.color
        let chart = BarChart([.init("a", 10, valueText: "10만"), .init("b", 5, style: theme.negative)], highlight: 0)
        let b = WidgetHarness.render(chart, width: 12, height: 2)
        #expect(b.textLines() == ["a █████ 10만", "b ██▌      5"])
        #expect(b[0, 0].style == theme.accent.bold && b[2, 0].style == theme.barAlt)
        #expect(b[2, 1].style == theme.negative)
    }

    @Test func narrowAreasDropValuesThenLabels() {
        #expect(WidgetHarness.lines(BarChart(rows), width: 17, height: 1) == ["강남구 ███ 31,245"])
        #expect(WidgetHarness.lines(BarChart(rows), width: 12, height: 1) == ["강남구 █████"])
        #expect(WidgetHarness.lines(BarChart(rows), width: 7, height: 1) == ["강… ███"])
        #expect(WidgetHarness.lines(BarChart(rows), width: 5, height: 1) == ["█████"])
    }

    @Test func nanAndNegativeDrawNoBar() {
        #expect(
            WidgetHarness.lines(BarChart([.init("a", .nan), .init("b", -3), .init("c", 4)]), width: 8, height: 3) == [
                "a      –", "b     -3", "c ███  4"
            ])
    }

    @Test func neverDrawsOutsideItsArea() {
        WidgetHarness.checkContainment("BarChart") { text in
            BarChart([.init(text, 3), .init("강남구", 7, valueText: text), .init(text, .nan), .init("b", 1e300)], highlight: 1)
        }
    }
}
