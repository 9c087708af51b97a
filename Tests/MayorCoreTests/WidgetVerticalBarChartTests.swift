import Testing

@testable import MayorCore

@Suite struct WidgetVerticalBarChartTests {
    let items: [VerticalBarChart.Item] = [.init("강남구", 812), .init("마포", 540), .init("종로구", 310)]

    @Test func barsValuesAndLabels() {
        #expect(
            WidgetHarness.lines(VerticalBarChart(items, barWidth: 4), width: 20, height: 7) == [
                "812",
                "████ 540",
                "████ ▃▃▃▃",
                "████ ████ 310",
                "████ ████ ▇▇▇▇",
                "████ ████ ████",
                "강…  마포 종…"
            ])
    }

    @Test func labelsNeverSplitAWideCharacterAtTheColumnEdge() {
        let b = WidgetHarness.render(VerticalBarChart(items, barWidth: 3, gap: 0), width: 9, height: 2)
        #expect(b.textLines() == ["███▅▅▅▃▃▃", "강…마…종…"])
        let one = WidgetHarness.lines(VerticalBarChart(items, barWidth: 1), width: 5, height: 2)
        #expect(one[1] == "… … …")
    }

    @Test func valuesFallBackToCompactOrDisappear() {
        let big: [VerticalBarChart.Item] = [.init("a", 1_234_567), .init("b", 600_000)]
        #expect(WidgetHarness.lines(VerticalBarChart(big, barWidth: 5), width: 11, height: 5)[0] == "1.23M")
        #expect(WidgetHarness.lines(VerticalBarChart(big, barWidth: 2), width: 5, height: 5)[0] == "")
    }

    @Test func smallAreasDropValuesThenLabels() {
        #expect(WidgetHarness.lines(VerticalBarChart(items, barWidth: 2), width: 8, height: 3) == ["██ ▃▃", "██ ██ ▆▆", "…  …  …"])
        #expect(WidgetHarness.lines(VerticalBarChart(items, barWidth: 2), width: 8, height: 1) == ["██ ▅▅ ▃▃"])
        // Too many items for the width: the first ones that fit.
        #expect(WidgetHarness.lines(VerticalBarChart(items), width: 3, height: 1) == ["█ ▅"])
    }

    @Test func neverDrawsOutsideItsArea() {
        WidgetHarness.checkContainment("VerticalBarChart") { text in
            VerticalBarChart([.init(text, 3), .init("강남구", 7, valueText: text), .init(text, .nan), .init(text, -1)], highlight: 1)
        }
        WidgetHarness.checkContainment("VerticalBarChart wide") { text in
            VerticalBarChart([.init(text, 3), .init(text, 5)], barWidth: 1000, gap: 3)
        }
    }
}
