import MayorCore
import Testing

@testable import MayorTerminal

/// What the terminal edge hands to ncurses: never the bottom-right cell (see
/// `TerminalSession.safeChanges`; end to end:
/// `LiveDashboardTests.bottomRowIsExactWithoutAutoMarginControl`).
@Suite struct SafeChangesTests {
    let muted = Style(foreground: .indexed(245))

    @Test func theBottomRightCellIsNeverDrawn() {
        var buffer = Buffer(width: 10, height: 3)
        buffer.write("q 종료", x: 2, y: 2, style: muted)  // 료 at columns 6-7
        buffer.set(x: 9, y: 2, symbol: "…", style: muted)
        buffer.set(x: 9, y: 1, symbol: "┘", style: muted)
        let safe = TerminalSession.safeChanges(buffer.changes(since: nil), width: 10, height: 3)
        #expect(!safe.contains { $0.x == 9 && $0.y == 2 }, "bottom-right cell drawn")
        #expect(safe.contains { $0.x == 9 && $0.y == 1 && $0.cell.symbol == "┘" }, "the last column of other rows is drawn")
        #expect(safe.contains { $0.x == 6 && $0.y == 2 && $0.cell.symbol == "료" && $0.cell.width == 2 })
    }

    @Test func aWideGlyphEndingInTheBottomRightCellBecomesABlank() {
        var buffer = Buffer(width: 10, height: 2)
        buffer.write("종료", x: 6, y: 1, style: muted)  // 종 at 6-7, 료 at 8-9
        buffer.write("종료", x: 6, y: 0, style: muted)
        let safe = TerminalSession.safeChanges(buffer.changes(since: nil), width: 10, height: 2)
        let corner = safe.first { $0.x == 8 && $0.y == 1 }
        #expect(corner?.cell == .blank(muted))
        #expect(safe.contains { $0.x == 8 && $0.y == 0 && $0.cell.symbol == "료" }, "the same glyph on another row stays")
        #expect(safe.allSatisfy { !($0.y == 1 && $0.x + Int(max(1, $0.cell.width)) > 9) })
    }

    /// ncurses' insert trick re-inserts the cell before the corner: on the
    /// bottom row no wide glyph may take it either.
    @Test func aWideGlyphInTheCellBeforeTheCornerBecomesABlank() {
        var buffer = Buffer(width: 10, height: 2)
        buffer.write("종료", x: 5, y: 1, style: muted)  // 종 at 5-6, 료 at 7-8
        let safe = TerminalSession.safeChanges(buffer.changes(since: nil), width: 10, height: 2)
        #expect(safe.first { $0.x == 7 && $0.y == 1 }?.cell == .blank(muted))
        #expect(safe.contains { $0.x == 5 && $0.y == 1 && $0.cell.symbol == "종" })
    }

    @Test func cellsOutsideTheScreenAreDropped() {
        let buffer = Buffer(width: 12, height: 4)
        let safe = TerminalSession.safeChanges(buffer.changes(since: nil), width: 10, height: 3)
        #expect(safe.allSatisfy { $0.x < 10 && $0.y < 3 })
        #expect(safe.count == 10 * 3 - 1)
    }
}

/// A resize notice clears the screen only when the size really changed
/// (end to end: `LiveDashboardTests.aSigwinchWithoutASizeChangeSendsNoFrame`).
@Suite struct ResizeDecisionTests {
    @Test func onlyARealChangeOfSizeRedrawsEverything() {
        let size = Size(width: 160, height: 48)
        #expect(!TerminalSession.resizeNeedsFullRedraw(lastPresented: size, now: size))
        #expect(TerminalSession.resizeNeedsFullRedraw(lastPresented: size, now: Size(width: 120, height: 48)))
        #expect(TerminalSession.resizeNeedsFullRedraw(lastPresented: size, now: Size(width: 160, height: 40)))
        #expect(TerminalSession.resizeNeedsFullRedraw(lastPresented: nil, now: size))
    }
}

/// Which frames the clock-tick path writes itself (end to end:
/// `LiveDashboardTests.idleClockTicksCostFewBytesAndStayRight`).
@Suite struct TickSpanTests {
    let header = Style(foreground: .indexed(15), background: .indexed(24), attributes: [.bold])

    func frame(_ clock: String) -> Buffer {
        var buffer = Buffer(width: 40, height: 5)
        buffer.fill(Rect(x: 0, y: 0, width: 40, height: 1), style: header)
        buffer.write(" Title", x: 0, y: 0, style: header)
        buffer.write(clock, x: 20, y: 0, style: header)
        buffer.write("body 31,245", x: 1, y: 2)
        return buffer
    }

    @Test func oneDigitOfTheClockIsATick() {
        let a = frame("12:00:08")
        let b = frame("12:00:09")
        let span = TerminalSession.tickSpan(b.changes(since: a), in: b)
        #expect(span?.row == 0 && span?.from == 27 && span?.to == 27 && span?.style == header)
        let c = frame("12:00:10")
        let two = TerminalSession.tickSpan(c.changes(since: b), in: c)
        #expect(two?.from == 26 && two?.to == 27)
    }

    @Test func anythingElseIsDrawnByNcurses() {
        let a = frame("12:00:08")
        var body = frame("12:00:09")
        body.write("body 31,246", x: 1, y: 2)  // a second row changed
        #expect(TerminalSession.tickSpan(body.changes(since: a), in: body) == nil)
        var wide = frame("12:00:08")
        wide.write("관", x: 30, y: 0, style: header)  // not ASCII
        #expect(TerminalSession.tickSpan(wide.changes(since: a), in: wide) == nil)
        var styled = frame("12:00:08")
        styled.write("1", x: 26, y: 0, style: header)
        styled.write("9", x: 27, y: 0, style: Style(foreground: .indexed(1)))  // two styles in the span
        #expect(TerminalSession.tickSpan(styled.changes(since: a), in: styled) == nil)
        var far = frame("12:00:08")
        far.write("x", x: 2, y: 0, style: header)
        far.write("y", x: 30, y: 0, style: header)  // more than 8 columns apart
        #expect(TerminalSession.tickSpan(far.changes(since: a), in: far) == nil)
        var bottom = frame("12:00:08")
        bottom.write("z", x: 3, y: 4)  // the bottom row
        #expect(TerminalSession.tickSpan(bottom.changes(since: a), in: bottom) == nil)
    }
}
