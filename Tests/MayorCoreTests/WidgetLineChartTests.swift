import Testing

@testable import MayorCore

@Suite struct WidgetLineChartTests {
    @Test func brailleDotsFollowTheValues() {
        // Two points on a 1×1 plot (2×4 dots): bottom-left to top-right.
        let rising = LineChart([.init([0, 1], style: .plain)])
        // Dots (0,3) (0,2) (1,1) (1,0): bits 0x40|0x04|0x10|0x08.
        #expect(WidgetHarness.lines(rising, width: 1, height: 1) == ["\u{285C}"])
    }

    @Test func linesAreContinuousBetweenDistantPoints() {
        let chart = LineChart([.init([0, 1], style: .plain)])
        let lines = WidgetHarness.lines(chart, width: 4, height: 2)
        #expect(lines == ["  ⡠⠊", "⡠⠊"])
        // Every column of the plot holds at least one dot.
        let flat = WidgetHarness.lines(LineChart([.init([5, 5], style: .plain)]), width: 6, height: 1)
        #expect(flat == ["⠒⠒⠒⠒⠒⠒"])  // a flat series sits mid-height
    }

    @Test func axesLabelsAndGutter() {
        let chart = LineChart([.init([1, 5, 2, 8, 3, 9, 4], style: .plain)], xLabels: ["08:00", "13:00", "18:00"])
        #expect(
            WidgetHarness.lines(chart, width: 30, height: 6) == [
                "9┤             ⢀⢄       ⡰⠑⡄",
                " │            ⢠⠊ ⠣⡀    ⡜  ⠈⢢",
                " │   ⢀⠔⢄     ⡰⠁   ⠘⢄ ⢀⠎     ⠑⡄",
                " │  ⡰⠁  ⠑⠢⡀⢀⠜       ⠣⠃       ⠈",
                "1┤⡠⠊      ⠈⠊",
                "  08:00      13:00       18:00"
            ])
    }

    @Test func yLabelsUseTheFormatter() {
        let chart = LineChart([.init([127_242, 1_830_000], style: .plain)], xLabels: ["1월", "12월"])
        let lines = WidgetHarness.lines(chart, width: 20, height: 4)
        #expect(lines[0].hasPrefix("1.83M┤"))
        #expect(lines[2].hasPrefix(" 127K┤"))
        #expect(lines[3] == "      1월       12월")
        let korean = LineChart([.init([127_242, 1_830_000], style: .plain)], yFormat: { NumberFormat.compactKorean($0) })
        #expect(WidgetHarness.lines(korean, width: 24, height: 3)[0].hasPrefix(" 183만┤"))
        // A 7-column gutter would take more than a third of 20 columns: dropped.
        #expect(!WidgetHarness.lines(korean, width: 20, height: 3)[0].contains("┤"))
    }

    @Test func smallAreasDropTheAxes() {
        let chart = LineChart([.init([1, 2, 3], style: .plain)], xLabels: ["a", "b"])
        let lines = WidgetHarness.lines(chart, width: 11, height: 3)
        #expect(!lines.joined().contains("┤") && !lines.joined().contains("a"))
        #expect(lines.allSatisfy { $0.unicodeScalars.allSatisfy { (0x2800...0x28FF).contains($0.value) || $0 == " " } })
    }

    @Test func nanBreaksTheLineAndLaterSeriesColourSharedCells() {
        let gap = WidgetHarness.lines(LineChart([.init([1, .nan, 1], style: .plain)], yRange: 0...2), width: 3, height: 1)
        #expect(gap == ["⠂ ⠐"])
        let a = Style(foreground: .red)
        let b = Style(foreground: .blue)
        let buffer = WidgetHarness.render(LineChart([.init([1, 1], style: a), .init([1, 1], style: b)], yRange: 0...2), width: 2, height: 1)
        #expect(buffer[0, 0].style == b)
    }

    @Test func neverDrawsOutsideItsArea() {
        WidgetHarness.checkContainment("LineChart") { text in
            LineChart(
                [
                    .init(text.unicodeScalars.map { Double($0.value % 31) } + [.nan, 3], style: .plain),
                    .init([1e308, -1e308, 0], style: .plain), .init([], style: .plain)
                ],
                xLabels: [text, text, text], yFormat: { _ in text })
        }
    }
}
