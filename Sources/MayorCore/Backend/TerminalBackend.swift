/// What the live loop draws on and reads from: a terminal, or something that
/// stands in for one (`TestBackend` records in memory; a headless wall needs
/// no screen at all). Like ratatui's `Backend`: the loop (`LiveLoop`) decides
/// what to send, the backend only sends it.
///
/// A frame is sent as `clear()` (full repaints only), `draw(_:)` with the
/// cells that changed since the frame before, then `flush(cursor:)`. A frame
/// whose only change is a clock digit or two may go by `drawTick(_:)`
/// instead, which writes and shows those cells at once. A frame with no
/// changed cell sends nothing.
///
/// Backends are used from the thread that runs the loop only.
public protocol TerminalBackend: AnyObject {
    /// The size frames are drawn at now, in cells.
    var size: Size { get }

    /// Why the loop must stop before drawing again (a quit signal arrived,
    /// the terminal is gone), or nil to go on.
    var stopReason: LiveLoop.ExitReason? { get }

    /// Starts a full repaint: the whole screen is blanked; the `draw` that
    /// follows carries every cell of the frame.
    func clear()

    /// Writes `changes` (cells of a frame of the current `size`, wide glyphs
    /// by their left cell). Nothing need be visible before `flush`.
    func draw(_ changes: [Buffer.Change])

    /// Makes what `clear` and `draw` wrote visible, in one write, and leaves
    /// the cursor in `cursor` (hidden, where the terminal can hide it).
    func flush(cursor: CellPosition)

    /// Writes and shows a clock tick: a few one-column ASCII cells of one
    /// style on one row, the only change since the last frame. Returns false
    /// when this backend cannot take the short path now; the loop then sends
    /// the same cells by `draw` and `flush`.
    func drawTick(_ span: TickSpan) -> Bool

    /// Blocks until input arrives or `timeoutMilliseconds` passes (nil: no
    /// deadline), then says what happened.
    func nextEvent(timeoutMilliseconds: Int?) -> BackendEvent
}

/// A cell on the screen: column `x`, row `y`, from the top left.
public struct CellPosition: Hashable, Sendable {
    public var x: Int
    public var y: Int

    public init(x: Int, y: Int) {
        self.x = x
        self.y = y
    }
}

/// What waiting on a backend gave.
public enum BackendEvent: Hashable, Sendable {
    /// A key was pressed.
    case key(KeyEvent)
    /// The terminal reported its size (also a size that did not change: a
    /// tmux client attaching re-sends it).
    case resize(Size)
    /// The wait ran out with no input.
    case timeout
    /// What the screen shows is no longer known (the program was resumed
    /// after Ctrl-Z): the next frame repaints every cell.
    case repaint
    /// The loop must end: a quit signal (`.signal`) or the terminal went away
    /// (`.terminalLost`).
    case stop(LiveLoop.ExitReason)
}

/// The cells a clock tick changed, when they may go by the short path: all
/// changes on one row (not the bottom one), within 8 columns, and every cell
/// from the first change to the last a printable ASCII character of one style.
public struct TickSpan: Equatable, Sendable {
    /// The row and the first column written.
    public let row: Int
    public let from: Int
    /// The cells from `from` on, one column each (unchanged ones between
    /// changed ones included).
    public let cells: [Cell]
    public let style: Style
    /// The size of the frame the cells belong to.
    public let frame: Size

    /// The last column written.
    public var to: Int { from + cells.count - 1 }

    /// The cells of `buffer` in `changes` as a tick span, or nil when they
    /// are anything more than a clock tick.
    public init?(_ changes: [Buffer.Change], in buffer: Buffer) {
        guard let first = changes.first, changes.count <= 8 else { return nil }
        let row = first.y
        guard row >= 0, row < buffer.height - 1 else { return nil }
        var from = first.x
        var to = first.x
        for change in changes {
            guard change.y == row else { return nil }
            from = min(from, change.x)
            to = max(to, change.x)
        }
        guard from >= 0, to - from < 8, to < buffer.width - 1 else { return nil }
        let style = buffer[from, row].style
        var cells: [Cell] = []
        cells.reserveCapacity(to - from + 1)
        for x in from...to {
            let cell = buffer[x, row]
            guard cell.width == 1, cell.style == style, cell.glyph.utf8Count == 1 else { return nil }
            let byte = cell.glyph.utf8[0]
            guard byte >= 0x20 && byte < 0x7F else { return nil }
            cells.append(cell)
        }
        self.row = row
        self.from = from
        self.cells = cells
        self.style = style
        self.frame = Size(width: buffer.width, height: buffer.height)
    }

    /// The bytes the cells show (one ASCII byte each).
    public var text: [UInt8] { cells.map { $0.glyph.utf8[0] } }
}
