/// One terminal cell: a grapheme cluster and its style.
///
/// A wide character (two columns) is stored in its left cell with `width == 2`;
/// the cell to its right is a *continuation* (`width == 0`, empty symbol) that
/// backends skip.
///
/// A cell is a plain value of 24 bytes with no reference inside (the symbol is
/// held as inline UTF-8, see `Glyph`): filling, copying and comparing frames
/// costs no allocation and no reference counting.
public struct Cell: Sendable, Equatable {
    public var glyph: Glyph
    public var style: Style
    /// Columns the symbol takes: 1 or 2, or 0 for a continuation cell.
    public var width: UInt8

    public init(_ symbol: String, style: Style = .plain, width: UInt8 = 1) {
        self.init(glyph: Glyph(symbol), style: style, width: width)
    }

    @inline(__always)
    public init(glyph: Glyph, style: Style = .plain, width: UInt8 = 1) {
        self.glyph = glyph
        self.style = style
        self.width = width
    }

    /// The grapheme this cell shows ("" for a continuation cell).
    public var symbol: String {
        get { glyph.string }
        set { glyph = Glyph(newValue) }
    }

    public static let blank = Cell(glyph: .space)
    @inline(__always)
    public static func blank(_ style: Style) -> Cell { Cell(glyph: .space, style: style) }
    @inline(__always)
    public static func continuation(_ style: Style) -> Cell { Cell(glyph: .empty, style: style, width: 0) }

    public var isContinuation: Bool { width == 0 }
}

/// One grapheme cluster as up to 16 bytes of UTF-8 held inline, zero-padded
/// (UTF-8 of sanitised text never contains a zero byte). Equality is byte
/// equality: what matters is what the terminal receives. A cluster longer than
/// 16 bytes (a long emoji ZWJ sequence) keeps its leading whole scalars.
public struct Glyph: Hashable, Sendable {
    @usableFromInline var low: UInt64
    @usableFromInline var high: UInt64

    @inline(__always)
    init(low: UInt64, high: UInt64) {
        self.low = low
        self.high = high
    }

    public static let empty = Glyph(low: 0, high: 0)
    public static let space = Glyph(ascii: 0x20)

    /// A printable ASCII byte.
    @inline(__always)
    public init(ascii byte: UInt8) {
        low = UInt64(byte)
        high = 0
    }

    /// One scalar.
    @inline(__always)
    public init(_ scalar: Unicode.Scalar) {
        let v = scalar.value
        if v < 0x80 {
            low = UInt64(v)
        } else if v < 0x800 {
            low = UInt64(0xC0 | (v >> 6)) | UInt64(0x80 | (v & 0x3F)) << 8
        } else if v < 0x1_0000 {
            low = UInt64(0xE0 | (v >> 12)) | UInt64(0x80 | ((v >> 6) & 0x3F)) << 8 | UInt64(0x80 | (v & 0x3F)) << 16
        } else {
            low =
                UInt64(0xF0 | (v >> 18)) | UInt64(0x80 | ((v >> 12) & 0x3F)) << 8
                | UInt64(0x80 | ((v >> 6) & 0x3F)) << 16 | UInt64(0x80 | (v & 0x3F)) << 24
        }
        high = 0
    }

    /// The first grapheme cluster of `text` ("" gives the empty glyph).
    public init<S: StringProtocol>(_ text: S) {
        guard let first = text.first else {
            self = .empty
            return
        }
        self.init(character: first)
    }

    public init(character: Character) {
        let scalars = character.unicodeScalars
        if scalars.count == 1, let only = scalars.first {
            self.init(only)
            return
        }
        // Whole scalars while they fit; a cut cluster does not end in a joiner
        // (which would join the next cell's character on the terminal).
        var kept: [Unicode.Scalar] = []
        var used = 0
        for scalar in scalars {
            let n = UTF8.width(scalar)
            if used + n > 16 { break }
            kept.append(scalar)
            used += n
        }
        if kept.count < scalars.count {
            while let last = kept.last, last.value == 0x200D || last.properties.isVariationSelector { kept.removeLast() }
        }
        var low: UInt64 = 0
        var high: UInt64 = 0
        used = 0
        for scalar in kept {
            for byte in UTF8.encode(scalar)! {
                if used < 8 { low |= UInt64(byte) << (8 * used) } else { high |= UInt64(byte) << (8 * (used - 8)) }
                used += 1
            }
        }
        self.init(low: low, high: high)
    }

    /// Bytes of UTF-8 held.
    public var utf8Count: Int {
        high == 0 ? (71 - low.leadingZeroBitCount) / 8 : 8 + (71 - high.leadingZeroBitCount) / 8
    }

    public var isEmpty: Bool { low == 0 }

    /// The UTF-8 bytes.
    public var utf8: [UInt8] { withUTF8 { Array($0) } }

    /// Calls `body` with the UTF-8 bytes, without allocating.
    public func withUTF8<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        var words = (low.littleEndian, high.littleEndian)
        let count = utf8Count
        return try withUnsafeBytes(of: &words) { try body(UnsafeRawBufferPointer(rebasing: $0.prefix(count))) }
    }

    public var string: String {
        if high == 0 && low < 0x80 { return low == 0 ? "" : String(UnicodeScalar(UInt8(low))) }
        return withUTF8 { String(decoding: $0, as: UTF8.self) }
    }
}

extension Glyph: CustomStringConvertible {
    public var description: String { string }
}

extension UTF8 {
    fileprivate static func width(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        return v < 0x80 ? 1 : v < 0x800 ? 2 : v < 0x1_0000 ? 3 : 4
    }
}
