/// A terminal colour: the terminal's default, one of the 16 basic colours, or
/// an index in the 256-colour palette. Backends with fewer colours map down
/// (see `Color.basic16`).
public enum Color: Hashable, Sendable {
    case `default`
    case indexed(UInt8)

    public static let black = Color.indexed(0)
    public static let red = Color.indexed(1)
    public static let green = Color.indexed(2)
    public static let yellow = Color.indexed(3)
    public static let blue = Color.indexed(4)
    public static let magenta = Color.indexed(5)
    public static let cyan = Color.indexed(6)
    public static let white = Color.indexed(7)
    public static let gray = Color.indexed(8)
    public static let brightRed = Color.indexed(9)
    public static let brightGreen = Color.indexed(10)
    public static let brightYellow = Color.indexed(11)
    public static let brightBlue = Color.indexed(12)
    public static let brightMagenta = Color.indexed(13)
    public static let brightCyan = Color.indexed(14)
    public static let brightWhite = Color.indexed(15)

    /// The nearest of the 16 basic colours, for terminals without 256 colours.
    public var basic16: Color {
        guard case .indexed(let i) = self, i >= 16 else { return self }
        if i >= 232 {  // grey ramp
            let level = Int(i) - 232
            return level < 6 ? .black : level < 14 ? .gray : level < 20 ? .white : .brightWhite
        }
        let n = Int(i) - 16
        let r = n / 36
        let g = (n / 6) % 6
        let b = n % 6
        let bright = max(r, g, b) >= 4
        var bits = 0
        if r >= 2 { bits |= 1 }
        if g >= 2 { bits |= 2 }
        if b >= 2 { bits |= 4 }
        if bits == 0 { return max(r, g, b) >= 1 ? .gray : .black }
        return .indexed(UInt8(bits + (bright ? 8 : 0)))
    }
}

/// How a cell is drawn: colours and attributes.
public struct Style: Hashable, Sendable {
    public var foreground: Color
    public var background: Color
    public var attributes: Attributes

    public struct Attributes: OptionSet, Hashable, Sendable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        public static let bold = Attributes(rawValue: 1 << 0)
        public static let dim = Attributes(rawValue: 1 << 1)
        public static let reverse = Attributes(rawValue: 1 << 2)
        public static let underline = Attributes(rawValue: 1 << 3)
    }

    public init(foreground: Color = .default, background: Color = .default, attributes: Attributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    public static let plain = Style()

    public func fg(_ color: Color) -> Style {
        var s = self
        s.foreground = color
        return s
    }
    public func bg(_ color: Color) -> Style {
        var s = self
        s.background = color
        return s
    }
    public var bold: Style {
        var s = self
        s.attributes.insert(.bold)
        return s
    }
    public var dim: Style {
        var s = self
        s.attributes.insert(.dim)
        return s
    }
    public var reversed: Style {
        var s = self
        s.attributes.insert(.reverse)
        return s
    }
    public var underlined: Style {
        var s = self
        s.attributes.insert(.underline)
        return s
    }
}
