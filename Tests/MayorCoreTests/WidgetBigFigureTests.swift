import Testing

@testable import MayorCore

@Suite struct WidgetBigFigureTests {
    @Test func fiveRowFontWithLabelAndChange() {
        let tile = BigFigure("31,245", label: "지하철 승차", change: .init(from: 100, to: 112.3, caption: "vs Aug"), alignment: .left)
        #expect(
            WidgetHarness.lines(tile, width: 40, height: 7) == [
                "지하철 승차",
                "▀▀▀▀█  ▀█      ▀▀▀▀█ █   █ █▀▀▀▀",
                "    █   █          █ █   █ █",
                " ▀▀▀█   █      █▀▀▀▀ ▀▀▀▀█ ▀▀▀▀█",
                "    █   █    ▄ █         █     █",
                "▄▄▄▄█  ▄█▄  ▄▀ █▄▄▄▄     █ ▄▄▄▄█",
                "▲ +12.3% vs Aug"
            ])
    }

    @Test func changeLineStylesFollowWhetherUpIsGood() {
        let theme = Theme.color
        var b = WidgetHarness.render(BigFigure("12", change: .init(from: 100, to: 90, caption: "vs Aug"), alignment: .left), width: 20, height: 6)
        #expect(b.textLines()[5] == "▼ −10.0% vs Aug")
        #expect(b[0, 5].style == theme.negative && b[11, 5].style == theme.muted)
        b = WidgetHarness.render(BigFigure("12", change: .init(from: 100, to: 90, upIsGood: false), alignment: .left), width: 20, height: 6)
        #expect(b[0, 5].style == theme.positive)
    }

    @Test func fallsBackToTheThreeRowFontWhenFiveDoNotFit() {
        let tile = BigFigure("55.7%", label: "가동률", change: .init(from: 100, to: 96, caption: "vs Aug"), alignment: .left)
        #expect(
            WidgetHarness.lines(tile, width: 30, height: 5) == [
                "가동률",
                "█▀▀ █▀▀   ▀▀█ ▀ █",
                "▀▀█ ▀▀█     █ ▄▀",
                "▀▀▀ ▀▀▀ ▀   ▀ ▀ ▀",
                "▼ −4.0% vs Aug"
            ])
        // Too narrow for the five-row font (25 columns), wide enough for the three-row one.
        #expect(WidgetHarness.lines(BigFigure("55.7%", alignment: .left), width: 25, height: 5)[0] == "█▀▀▀▀ █▀▀▀▀   ▀▀▀▀█ ██  █")
        let narrow = WidgetHarness.lines(BigFigure("55.7%", alignment: .left), width: 24, height: 5)
        #expect(narrow[1] == "█▀▀ █▀▀   ▀▀█ ▀ █")
    }

    @Test func hangulUnitsAreDrawnAsTextAfterTheDigits() {
        let lines = WidgetHarness.lines(BigFigure("183만", label: "이용자", alignment: .left), width: 30, height: 6)
        #expect(
            lines == [
                "이용자",
                " ▀█   █▀▀▀█ ▀▀▀▀█",
                "  █   █   █     █",
                "  █   █▀▀▀█  ▀▀▀█",
                "  █   █   █     █",
                " ▄█▄  █▄▄▄█ ▄▄▄▄█ 만"
            ])
    }

    @Test func dropsChangeThenLabelBeforeGivingUpTheBigFont() {
        let tile = BigFigure("42", label: "민원", change: .init("+3", direction: .up), alignment: .left)
        #expect(WidgetHarness.lines(tile, width: 20, height: 7)[1] == "█   █ ▀▀▀▀█")  // 5 rows + label + change
        #expect(WidgetHarness.lines(tile, width: 20, height: 6)[1] == "█ █ ▀▀█")  // 3 rows keep both lines
        #expect(WidgetHarness.lines(tile, width: 20, height: 4) == ["민원", "█ █ ▀▀█", "▀▀█ █▀▀", "  ▀ ▀▀▀"])
        #expect(WidgetHarness.lines(tile, width: 20, height: 3) == ["█ █ ▀▀█", "▀▀█ █▀▀", "  ▀ ▀▀▀"])
        // No font fits: bold text, with label and change when there is room.
        let b = WidgetHarness.render(tile, width: 6, height: 3)
        #expect(b.textLines() == ["민원", "42", "▲ +3"])
        #expect(b[0, 1].style.attributes.contains(.bold))
        // A figure that does not fit is left out whole, never shown cut ("1,234…").
        #expect(WidgetHarness.lines(BigFigure("1,234,567"), width: 6, height: 1) == ["…"])
    }

    @Test func centredByDefault() {
        let lines = WidgetHarness.lines(BigFigure("7", label: "A"), width: 11, height: 7)
        #expect(lines[0] == "     A")
        #expect(lines[1] == "   ▀▀▀▀█")
        #expect(lines[6] == "")  // block of 6 rows centred in 7: top-aligned remainder
    }

    @Test func changeFromZeroIsNil() {
        #expect(BigFigure.Change(from: 0, to: 5) == nil)
        #expect(BigFigure.Change(from: 10, to: 10)?.direction == .flat)
    }

    @Test func neverDrawsOutsideItsArea() {
        WidgetHarness.checkContainment("BigFigure") { text in
            BigFigure(text, label: text, change: .init(text, direction: .down, caption: text))
        }
        WidgetHarness.checkContainment("BigFigure digits") { text in
            BigFigure("-1,234.5%+KMBT 만" + text, label: "", alignment: .left)
        }
    }
}
