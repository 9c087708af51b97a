import MayorCore

/// How many colours the session draws with.
public enum ColorMode: String, Hashable, Sendable {
    /// No colour at all (`NO_COLOR`, or a monochrome terminal): attributes only.
    case none
    /// 8 or 16 colours: 256-colour indices are mapped down with `Color.basic16`.
    case basic16
    /// The full 256-colour palette.
    case palette256
}

/// Maps a core `Color` to an ncurses colour number (-1: the terminal's default).
public struct ColorMapper: Sendable, Equatable {
    public let mode: ColorMode
    /// Colours the terminal has (ncurses `COLORS`).
    public let colors: Int
    /// Whether `use_default_colors` succeeded, so -1 means "the terminal's default".
    public let hasDefaultColors: Bool

    public init(mode: ColorMode, colors: Int, hasDefaultColors: Bool) {
        self.mode = mode
        self.colors = colors
        self.hasDefaultColors = hasDefaultColors
    }

    /// The ncurses colour for a foreground (`isForeground`) or background.
    public func number(for color: Color, isForeground: Bool) -> Int16 {
        switch color {
        case .default:
            if hasDefaultColors { return -1 }
            return isForeground ? 7 : 0
        case .indexed(let i):
            switch mode {
            case .palette256, .none:
                return Int16(i)
            case .basic16:
                guard case .indexed(let b) = color.basic16 else { return hasDefaultColors ? -1 : (isForeground ? 7 : 0) }
                if colors >= 16 || b < 8 { return Int16(b) }
                // 8-colour terminals: bright colours fall back to their base
                // colour. Grey (bright black) becomes white as a foreground so
                // muted text stays visible, and black as a background so text
                // on it stays readable.
                if b == 8 { return isForeground ? 7 : 0 }
                return Int16(b - 8)
            }
        }
    }

    /// Whether a foreground needs the dim attribute to stay apart: on 8-colour
    /// terminals every grey (238, 240, 245, bright black) becomes white, the
    /// colour of the data, so borders, tracks and muted text are drawn dim.
    public func dimsForeground(_ color: Color) -> Bool {
        guard mode == .basic16, colors < 16, case .indexed = color else { return false }
        return color.basic16 == .gray
    }
}

/// ncurses colour pairs, allocated lazily per (foreground, background) and
/// cached. Pair 0 is the terminal's default pair. When the terminal runs out
/// of pairs, the nearest pair already allocated is reused (same background
/// first, then same foreground), or pair 0: drawing never fails for lack of pairs.
public struct ColorPairs {
    public struct Key: Hashable, Sendable {
        public let foreground: Int16
        public let background: Int16
        public init(foreground: Int16, background: Int16) {
            self.foreground = foreground
            self.background = background
        }
    }

    /// Pairs usable: pair numbers run from 1 to `limit - 1`.
    public let limit: Int
    private let defaultPair: Key
    private let initPair: (Int16, Int16, Int16) -> Bool
    private var cache: [Key: Int16] = [:]
    private var allocated: [(Key, Int16)] = []
    private var next: Int = 1

    /// - Parameters:
    ///   - limit: ncurses `COLOR_PAIRS` (capped at 32767, the largest pair a `short` holds).
    ///   - defaultPair: the colours of pair 0 (-1/-1 after `use_default_colors`).
    ///   - initPair: `init_pair`; returns false on failure.
    public init(
        limit: Int, defaultPair: Key = Key(foreground: -1, background: -1),
        initPair: @escaping (Int16, Int16, Int16) -> Bool
    ) {
        self.limit = max(1, min(limit, Int(Int16.max)))
        self.defaultPair = defaultPair
        self.initPair = initPair
        cache[defaultPair] = 0
    }

    /// Pairs allocated so far (not counting pair 0).
    public var count: Int { allocated.count }

    /// The pair for these ncurses colours, allocating one if needed.
    public mutating func pair(foreground: Int16, background: Int16) -> Int16 {
        let key = Key(foreground: foreground, background: background)
        if let p = cache[key] { return p }
        if next < limit, initPair(Int16(next), foreground, background) {
            let p = Int16(next)
            next += 1
            cache[key] = p
            allocated.append((key, p))
            return p
        }
        // Exhausted (or init_pair refused): reuse the nearest existing pair.
        let p = nearest(to: key)
        cache[key] = p
        return p
    }

    private func nearest(to key: Key) -> Int16 {
        var best: Int16 = 0
        var bestScore = score(defaultPair, key)
        for (k, p) in allocated {
            let s = score(k, key)
            if s > bestScore {
                best = p
                bestScore = s
            }
        }
        return best
    }

    /// Background matters most (filled areas, highlights), then foreground.
    private func score(_ a: Key, _ b: Key) -> Int {
        (a.background == b.background ? 2 : 0) + (a.foreground == b.foreground ? 1 : 0)
    }
}
