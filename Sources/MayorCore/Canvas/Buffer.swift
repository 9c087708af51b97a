/// An in-memory grid of cells: everything on screen is drawn here first.
/// Widgets draw into a rectangle of it; a backend copies it to a terminal
/// (only the cells that changed since the last frame) or prints it as text.
///
/// Every write takes a clip rectangle and never writes a character outside it
/// (nor outside the buffer), so a widget cannot draw outside the area it was
/// given. The one exception keeps the grid whole: overwriting half of a wide
/// character that straddles the clip edge blanks its other half. Writers that
/// clip never leave such a character, so neighbouring panes are not touched.
public struct Buffer: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: fill, count: self.width * self.height)
    }

    public var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    @inline(__always)
    func index(_ x: Int, _ y: Int) -> Int { y * width + x }

    /// The cell at (x, y); a blank cell outside the buffer.
    public subscript(x: Int, y: Int) -> Cell {
        guard x >= 0, x < width, y >= 0, y < height else { return .blank }
        return cells[index(x, y)]
    }

    /// Resets every cell to `fill`.
    public mutating func clear(_ fill: Cell = .blank) {
        for i in cells.indices { cells[i] = fill }
    }

    /// Places one cell, repairing any wide character it overlaps so the grid
    /// never holds half a wide character. `cell.width` must be 1 or 2; a wide
    /// cell is only placed when both of its columns are inside `clip`.
    @inline(__always)
    mutating func place(_ cell: Cell, x: Int, y: Int, clip: Rect) {
        let i = index(x, y)
        // Overwriting the right half of a wide character: blank its left half.
        if cells[i].isContinuation, x > 0 {
            cells[i - 1] = Cell.blank(cells[i - 1].style)
        }
        // Overwriting the left half of a wide character with something else: blank the right half.
        if cells[i].width == 2, x + 1 < width, !(cell.width == 2) {
            cells[i + 1] = Cell.blank(cells[i + 1].style)
        }
        cells[i] = cell
        if cell.width == 2 {
            let j = i + 1
            if cells[j].width == 2, x + 2 < width {
                cells[j + 1] = Cell.blank(cells[j + 1].style)
            }
            cells[j] = .continuation(cell.style)
        }
    }

    /// Sets one cell at (x, y) if it lies inside the clip and the buffer.
    public mutating func set(x: Int, y: Int, symbol raw: String, style: Style, clip: Rect? = nil) {
        let bounds = clip.map { $0.intersection(area) } ?? area
        guard bounds.contains(x: x, y: y), let (glyph, w) = Self.cellGlyph(raw) else { return }
        _ = put(glyph, width: w, at: x, y: y, style: style, bounds: bounds)
    }

    /// Changes only the style of the cells in `rect`.
    public mutating func setStyle(_ style: Style, in rect: Rect) {
        let r = rect.intersection(area)
        guard !r.isEmpty else { return }
        for y in r.y..<r.maxY {
            for x in r.x..<r.maxX { cells[index(x, y)].style = style }
        }
    }

    /// The first grapheme of `raw`, with a control character replaced by its
    /// stand-in and a joined emoji cluster by its first scalar
    /// (`Sanitizer.clusterStandIn`), and its width (1 or 2): what a single
    /// cell may hold. Nil for an empty string or a zero-width grapheme.
    static func cellGlyph<S: StringProtocol>(_ raw: S) -> (Glyph, Int)? {
        guard let first = raw.first else { return nil }
        return cellGlyph(first)
    }

    @inline(__always)
    static func cellGlyph(_ character: Character) -> (Glyph, Int)? {
        var scalars = character.unicodeScalars.makeIterator()
        guard let scalar = scalars.next() else { return nil }
        if let stand = Sanitizer.standIn(for: scalar) {
            return (Glyph(stand), max(1, min(2, DisplayWidth.of(stand))))
        }
        let w: Int
        let glyph: Glyph
        if scalars.next() == nil {
            w = DisplayWidth.of(scalar)
            glyph = Glyph(scalar)
        } else if let stand = Sanitizer.clusterStandIn(character) {
            // A joined emoji cluster: its stand-in, so the terminal draws
            // exactly the width the buffer accounts (never a dangling joiner).
            w = DisplayWidth.of(stand)
            glyph = Glyph(stand)
        } else {
            w = DisplayWidth.of(character)
            glyph = Glyph(character: character)
        }
        return w == 0 ? nil : (glyph, min(2, w))
    }

    /// Fills `rect` (clipped to the buffer) with `symbol` (its first grapheme) in `style`.
    public mutating func fill(_ rect: Rect, symbol raw: String = " ", style: Style = .plain) {
        let r = rect.intersection(area)
        guard !r.isEmpty, let (glyph, w) = Self.cellGlyph(raw) else { return }
        if w == 1 {
            let cell = Cell(glyph: glyph, style: style)
            // Only the columns at the edges can cut a wide character in two.
            for y in r.y..<r.maxY {
                place(cell, x: r.x, y: y, clip: r)
                if r.width > 1 {
                    let start = index(r.x + 1, y)
                    let count = r.width - 2
                    if count > 0 {
                        cells.withUnsafeMutableBufferPointer { p in
                            (p.baseAddress! + start).update(repeating: cell, count: count)
                        }
                    }
                    place(cell, x: r.maxX - 1, y: y, clip: r)
                }
            }
        } else {
            for y in r.y..<r.maxY {
                var x = r.x
                while x < r.maxX {
                    _ = put(glyph, width: w, at: x, y: y, style: style, bounds: r)
                    x += w
                }
            }
        }
    }

    /// Writes `text` on one row from column `x`, clipped to `clip` (and the
    /// buffer). Wide characters take two cells; one that would straddle the
    /// clip's right edge is replaced by a space. Control characters are shown
    /// as visible stand-ins, never passed through. Returns the column after the
    /// last cell written.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, style: Style = .plain, clip: Rect? = nil) -> Int {
        let bounds = clip.map { $0.intersection(area) } ?? area
        guard y >= bounds.y, y < bounds.maxY else { return x }
        var col = x
        // Fast path: printable ASCII.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            for byte in text.utf8 {
                if col >= bounds.maxX { break }
                if col >= bounds.x {
                    place(Cell(glyph: Glyph(ascii: byte), style: style), x: col, y: y, clip: bounds)
                }
                col += 1
            }
            return col
        }
        if text.unicodeScalars.allSatisfy({ DisplayWidth.standsAlone($0.value) }) {
            // Every scalar is a grapheme of its own (Korean, box drawing, …).
            for scalar in text.unicodeScalars {
                if col >= bounds.maxX { break }
                let w = DisplayWidth.of(scalar)
                if w == 0 { continue }
                let (next, done) = put(Glyph(scalar), width: w, at: col, y: y, style: style, bounds: bounds)
                col = next
                if done { break }
            }
            return col
        }
        for character in text {
            if col >= bounds.maxX { break }
            guard let (glyph, w) = Self.cellGlyph(character) else { continue }
            let (next, done) = put(glyph, width: w, at: col, y: y, style: style, bounds: bounds)
            col = next
            if done { break }
        }
        return col
    }

    /// Places a glyph of width `w` (1 or 2) at column `col` of row `y` inside
    /// `bounds`: a wide one straddling the right edge becomes a space, one
    /// whose left half is cut off shows a space in its right half. Returns the
    /// next column, and whether the row is finished (the right edge was met).
    @inline(__always)
    private mutating func put(_ glyph: Glyph, width w: Int, at col: Int, y: Int, style: Style, bounds: Rect) -> (Int, Bool) {
        if col >= bounds.x {
            if w == 2 && col + 1 >= bounds.maxX {
                place(Cell.blank(style), x: col, y: y, clip: bounds)
                return (col + 1, true)
            }
            place(Cell(glyph: glyph, style: style, width: UInt8(w)), x: col, y: y, clip: bounds)
        } else if w == 2 && col + 1 == bounds.x {
            // Left half cut off by the clip: show a space in the visible half.
            place(Cell.blank(style), x: bounds.x, y: y, clip: bounds)
        }
        return (col + w, false)
    }

    /// Writes `text` truncated with an ellipsis to fit `width` columns.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, maxWidth: Int, style: Style = .plain, clip: Rect? = nil) -> Int {
        write(TextFit.truncate(text, to: maxWidth), x: x, y: y, style: style, clip: clip)
    }

    // MARK: - Output

    /// The rows as plain text (continuation cells skipped), trailing spaces trimmed.
    public func textLines(trimTrailing: Bool = true) -> [String] {
        var lines: [String] = []
        lines.reserveCapacity(height)
        for y in 0..<height {
            var line = ""
            for x in 0..<width {
                let cell = cells[index(x, y)]
                if !cell.isContinuation { line += cell.symbol }
            }
            if trimTrailing {
                while line.last == " " { line.removeLast() }
            }
            lines.append(line)
        }
        return lines
    }

    /// All rows joined by newlines.
    public var text: String { textLines().joined(separator: "\n") }

    /// A cell that changed between two frames of the same size.
    public struct Change: Equatable, Sendable {
        public let x: Int
        public let y: Int
        public let cell: Cell

        public init(x: Int, y: Int, cell: Cell) {
            self.x = x
            self.y = y
            self.cell = cell
        }
    }

    /// The cells of `self` that differ from `previous` (all cells when the
    /// sizes differ). Continuation cells are never reported on their own: a
    /// changed wide character is reported by its left cell.
    public func changes(since previous: Buffer?) -> [Change] {
        var out: [Change] = []
        guard let previous, previous.width == width, previous.height == height else {
            for y in 0..<height {
                for x in 0..<width where !cells[index(x, y)].isContinuation {
                    out.append(Change(x: x, y: y, cell: cells[index(x, y)]))
                }
            }
            return out
        }
        cells.withUnsafeBufferPointer { now in
            previous.cells.withUnsafeBufferPointer { before in
                for i in 0..<now.count where now[i] != before[i] {
                    var j = i
                    if now[j].isContinuation {
                        // Report the wide character that owns this half instead.
                        guard j % width > 0 else { continue }
                        j -= 1
                        if let last = out.last, last.y * width + last.x == j { continue }
                    }
                    out.append(Change(x: j % width, y: j / width, cell: now[j]))
                }
            }
        }
        return out
    }
}
