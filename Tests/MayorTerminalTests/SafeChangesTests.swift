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
