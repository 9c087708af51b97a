import MayorCore

/// Counts the bytes a terminal backend like ncurses would send to show the
/// changed cells of a frame: a cursor move (CUP, `ESC [ row ; col H`) when the
/// next changed cell is not where the cursor already is, an SGR sequence when
/// the style differs from the last one sent, the cell's UTF-8 bytes, and one
/// attribute reset at the end of a non-empty update (ncurses' `doupdate`
/// leaves the terminal in the normal rendition).
///
/// An estimate for benchmarks, not an emulation: ncurses may pick shorter
/// cursor motions (e.g. a few literal characters instead of a CUP), so real
/// output is at most about this size. `mayor bench` uses it for "bytes for an
/// unchanged frame" and "bytes for a clock tick"; `Scripts/measure-idle.sh`
/// measures the real bytes through tmux.
public struct TerminalByteCounter: Sendable {
    public private(set) var bytes = 0
    public private(set) var cursorMoves = 0
    public private(set) var styleChanges = 0
    public private(set) var cells = 0

    public init() {}

    /// The bytes to show `changes` (from `Buffer.changes(since:)`) on a screen
    /// whose cursor and rendition are unknown (the start of an update).
    public static func bytes(for changes: [Buffer.Change]) -> Int {
        var counter = TerminalByteCounter()
        counter.add(changes)
        return counter.bytes
    }

    public mutating func add(_ changes: [Buffer.Change]) {
        guard !changes.isEmpty else { return }
        var cursor: (x: Int, y: Int)? = nil
        var style: Style? = nil
        for change in changes {
            if cursor == nil || cursor!.x != change.x || cursor!.y != change.y {
                bytes += Self.cupLength(x: change.x, y: change.y)
                cursorMoves += 1
            }
            if style != change.cell.style {
                bytes += Self.sgrLength(change.cell.style)
                styleChanges += 1
                style = change.cell.style
            }
            let symbolBytes = change.cell.glyph.utf8Count
            bytes += symbolBytes == 0 ? 1 : symbolBytes
            cells += 1
            cursor = (change.x + max(1, Int(change.cell.width)), change.y)
        }
        bytes += 3  // ESC [ m
    }

    /// `ESC [ row ; col H`, 1-based.
    static func cupLength(x: Int, y: Int) -> Int {
        4 + digits(y + 1) + digits(x + 1)
    }

    /// `ESC [ 0 ; attrs ; 38;5;N ; 48;5;N m`, as `TextBackend.sgr` writes it.
    static func sgrLength(_ style: Style) -> Int {
        var length = 3  // ESC [ 0
        if style.attributes.contains(.bold) { length += 2 }
        if style.attributes.contains(.dim) { length += 2 }
        if style.attributes.contains(.underline) { length += 2 }
        if style.attributes.contains(.reverse) { length += 2 }
        if case .indexed(let i) = style.foreground { length += 6 + digits(Int(i)) }
        if case .indexed(let i) = style.background { length += 6 + digits(Int(i)) }
        return length + 1  // m
    }

    static func digits(_ n: Int) -> Int {
        var n = n
        var d = 1
        while n >= 10 {
            n /= 10
            d += 1
        }
        return d
    }
}
