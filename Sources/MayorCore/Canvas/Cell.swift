/// One terminal cell: a grapheme cluster and its style.
///
/// A wide character (two columns) is stored in its left cell with `width == 2`;
/// the cell to its right is a *continuation* (`width == 0`, empty symbol) that
/// backends skip.
public struct Cell: Sendable {
    public var symbol: String
    public var style: Style
    /// Columns the symbol takes: 1 or 2, or 0 for a continuation cell.
    public var width: UInt8

    public init(_ symbol: String, style: Style = .plain, width: UInt8 = 1) {
        self.symbol = symbol
        self.style = style
        self.width = width
    }

    public static let blank = Cell(" ")
    public static func blank(_ style: Style) -> Cell { Cell(" ", style: style) }
    public static func continuation(_ style: Style) -> Cell { Cell("", style: style, width: 0) }

    public var isContinuation: Bool { width == 0 }
}

extension Cell: Equatable {
    /// Byte equality of the symbol: what matters is what the terminal receives.
    public static func == (a: Cell, b: Cell) -> Bool {
        a.width == b.width && a.style == b.style && a.symbol.utf8.elementsEqual(b.symbol.utf8)
    }
}
