/// Which characters a terminal can show, and so which the widgets draw with.
///
/// - `unicode`: everything (box drawing, eighth blocks, braille, Hangul).
/// - `tty`: what the Linux console's default font has (a CP437-like set:
///   ASCII, the single and double box lines, `█▄▀▌▐░▒▓`, a few symbols) and
///   what VT-class terminals draw: square boxes, half-block bars and
///   sparklines, line charts in half blocks instead of braille.
/// - `ascii`: printable ASCII only (`+-|` boxes, `#` bars).
public enum GlyphMode: String, CaseIterable, Sendable {
    case unicode, tty, ascii

    /// The mode `mayor live` picks for a terminal type when `--glyphs` is not
    /// given: `tty` on the Linux console (`linux`, `linux-*`, `con*`) and the
    /// VT terminals (`vt52`, `vt100`…`vt5xx`), `unicode` otherwise.
    public static func forTerminal(_ term: String?) -> GlyphMode {
        isConsole(term) || isVT(term) ? .tty : .unicode
    }

    /// The Linux virtual console, whose font has no Hangul.
    public static func isConsole(_ term: String?) -> Bool {
        guard let t = term?.lowercased() else { return false }
        return t == "linux" || t.hasPrefix("linux-") || t.hasPrefix("con80") || t.hasPrefix("con132")
    }

    static func isVT(_ term: String?) -> Bool {
        guard let t = term?.lowercased(), t.hasPrefix("vt"), let d = t.dropFirst(2).first else { return false }
        return d.isNumber
    }
}

/// The glyphs the widgets draw with in one `GlyphMode`, and the last step of
/// every frame in the tty and ascii modes: `fold`, which replaces any glyph
/// the mode cannot show (a "…" from truncation, a "●" in a status, braille, a
/// Hangul name from a data file) by one it can, keeping the cell widths.
public struct GlyphSet: Sendable, Equatable {
    public let mode: GlyphMode
    /// Whether Hangul and other double-width text is kept (tty and ascii:
    /// only when Korean was asked for explicitly; otherwise it folds to "?").
    public let keepsWide: Bool

    public let horizontal: String
    public let vertical: String
    public let topLeft: String
    public let topRight: String
    public let bottomLeft: String
    public let bottomRight: String
    /// Rounded corners where there are any (else the square ones): ╭ ╮ ╰ ╯.
    public let roundedCorners: [String]
    /// The tick on a vertical axis: ┤.
    public let axisTick: String
    /// A whole block: █ or #.
    public let full: String
    /// Partial cells of a bar growing rightwards, the smallest first; the last is `full`.
    public let horizontalSteps: [String]
    /// Partial cells of a column growing upwards, the smallest first; the last is `full`.
    public let verticalSteps: [String]
    /// The empty part of a gauge: ░ or .
    public let track: String
    /// Change arrows: ▲ ▼ (tty and ascii: ^ v).
    public let up: String
    public let down: String

    /// Line charts: dots per cell across and down (braille 2×4, half blocks 1×2).
    public let dotsAcross: Int
    public let dotsDown: Int

    public static let unicode = GlyphSet(mode: .unicode)
    public static let tty = GlyphSet(mode: .tty)
    public static let ascii = GlyphSet(mode: .ascii)

    public init(mode: GlyphMode, keepsWide: Bool? = nil) {
        self.mode = mode
        self.keepsWide = keepsWide ?? (mode == .unicode)
        switch mode {
        case .unicode, .tty:
            (horizontal, vertical, topLeft, topRight, bottomLeft, bottomRight) = ("─", "│", "┌", "┐", "└", "┘")
            axisTick = "┤"
            full = "█"
            track = "░"
        case .ascii:
            (horizontal, vertical, topLeft, topRight, bottomLeft, bottomRight) = ("-", "|", "+", "+", "+", "+")
            axisTick = "+"
            full = "#"
            track = "."
        }
        switch mode {
        case .unicode:
            roundedCorners = ["╭", "╮", "╰", "╯"]
            horizontalSteps = ["▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"]
            verticalSteps = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
            (up, down) = ("▲", "▼")
            (dotsAcross, dotsDown) = (2, 4)
        case .tty:
            roundedCorners = [topLeft, topRight, bottomLeft, bottomRight]
            horizontalSteps = ["▌", "█"]
            verticalSteps = ["▄", "█"]
            (up, down) = ("^", "v")
            (dotsAcross, dotsDown) = (1, 2)
        case .ascii:
            roundedCorners = [topLeft, topRight, bottomLeft, bottomRight]
            horizontalSteps = ["=", "#"]
            verticalSteps = ["_", "#"]
            (up, down) = ("^", "v")
            (dotsAcross, dotsDown) = (1, 2)
        }
    }

    /// The same set keeping (or not) double-width text.
    public func keepingWide(_ keep: Bool) -> GlyphSet { GlyphSet(mode: mode, keepsWide: keep || mode == .unicode) }

    public static func == (a: GlyphSet, b: GlyphSet) -> Bool { a.mode == b.mode && a.keepsWide == b.keepsWide }

    /// `value / maxValue` as a count of steps of `cells` cells (each cell holds
    /// `steps` steps), clamped; zero for NaN, negative or non-positive maxima.
    public static func steps(_ value: Double, of maxValue: Double, cells: Int, per steps: Int) -> Int {
        guard value.isFinite, maxValue.isFinite, maxValue > 0, value > 0, cells > 0, steps > 0 else { return 0 }
        let ratio = min(1, value / maxValue)
        return Int((ratio * Double(cells * steps)).rounded())
    }

    /// The cell for a line chart's dots: `bits` has bit `row * dotsAcross + column`
    /// set for each dot (rows from the top).
    public func dotCell(_ bits: Int) -> String {
        switch mode {
        case .unicode:
            // Braille: dots 1-2-3-7 down the left column, 4-5-6-8 down the right.
            let map: [(Int, UInt32)] = [(0, 0x01), (1, 0x08), (2, 0x02), (3, 0x10), (4, 0x04), (5, 0x20), (6, 0x40), (7, 0x80)]
            var v: UInt32 = 0
            for (bit, dot) in map where bits & (1 << bit) != 0 { v |= dot }
            return String(Character(Unicode.Scalar(0x2800 + v)!))
        case .tty:
            return [" ", "▀", "▄", "█"][bits & 3]
        case .ascii:
            return [" ", "'", ".", ":"][bits & 3]
        }
    }

    // MARK: - Folding a frame

    /// The characters of the Linux console's default font (the CP437 set of
    /// `default8x16`, without the control-range pictures ☺♥•▲▼…, whose
    /// display depends on the console's mode): ASCII and CP437 0x80–0xFF.
    public static let consoleFont: Set<Unicode.Scalar> = {
        var set = Set((0x20...0x7E).compactMap(Unicode.Scalar.init))
        set.formUnion(cp437High.unicodeScalars)
        return set
    }()

    /// CP437 0x80–0xFF in order (0xFF is the no-break space).
    static let cp437High =
        "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u{00A0}"

    /// Single-column stand-ins, by what they stand for.
    static let ttyFallbacks: [Unicode.Scalar: String] = {
        var map: [Unicode.Scalar: String] = [:]
        func add(_ from: String, _ to: String) { for s in from.unicodeScalars { map[s] = to } }
        // A cut text ends in » (not ~, which next to a number would read "about").
        add("…", "»")
        add("●◆◉", "*")
        add("○◇□", "o")
        add("▲△↑", "^")
        add("▼▽↓", "v")
        add("–—−‐‒―", "-")
        add("→▶►", ">")
        add("←◀◄", "<")
        add("×✕", "x")
        add("‘’‚′", "'")
        add("“”„″", "\"")
        add("⚠", "!")
        add("✓✔", "v")
        add("•∙", "·")
        add("「『", "[")
        add("」』", "]")
        add("╭", "┌")
        add("╮", "┐")
        add("╰", "└")
        add("╯", "┘")
        add("━╌┄┈", "─")
        add("┃╎┆┊", "│")
        add("▁▂▃▄", "▄")
        add("▅▆▇█", "█")
        add("▏▎▍▌", "▌")
        add("▋▊▉", "█")
        add("▔", "▀")
        add("▕", "▐")
        return map
    }()

    /// From the console's set down to ASCII.
    static let asciiFallbacks: [Unicode.Scalar: String] = {
        var map: [Unicode.Scalar: String] = [:]
        func add(_ from: String, _ to: String) { for s in from.unicodeScalars { map[s] = to } }
        add("─═", "-")
        add("│║", "|")
        add("┤╡╢╖╕╣╗╝╜╛┐└┴┬├┼╞╟╚╔╩╦╠╬╧╨╤╥╙╘╒╓╫╪┘┌", "+")
        add("█▓■", "#")
        add("▒", ":")
        add("░", ".")
        add("▄", "_")
        add("▀", "\"")
        add("▌▐", "|")
        add("·∙", ".")
        add("≤", "<")
        add("≥", ">")
        add("±", "+")
        add("÷", "/")
        add("≈", "~")
        add("≡", "=")
        add("«", "<")
        add("»", ".")
        add("°", "o")
        add("µ", "u")
        add("\u{00A0}", " ")
        return map
    }()

    /// What `glyph` (a cell `width` columns wide) becomes in this mode: nil
    /// when it can stay, else a string of exactly `width` one-column characters.
    public func fold(_ symbol: String, width: Int) -> String? {
        let scalars = symbol.unicodeScalars
        guard let first = scalars.first else { return nil }
        if first.isASCII && scalars.count == 1 { return nil }
        if width >= 2 { return keepsWide ? nil : String(repeating: "?", count: width) }
        if mode == .unicode { return nil }
        if (0x2800...0x28FF).contains(first.value) { return first.value == 0x2800 ? " " : (mode == .ascii ? "." : "·") }
        var s = first
        if let stand = Self.ttyFallbacks[s] {
            if mode == .tty || stand.unicodeScalars.first!.isASCII { return stand }
            s = stand.unicodeScalars.first!
        } else if scalars.count == 1, Self.consoleFont.contains(s), mode == .tty {
            return nil
        }
        if mode == .ascii {
            if s.isASCII { return String(Character(s)) }
            if let stand = Self.asciiFallbacks[s] { return stand }
            return "?"
        }
        return "?"
    }
}

extension Buffer {
    /// Replaces every glyph `glyphs` cannot show by its stand-in, keeping the
    /// cell widths (a double-width glyph becomes two one-column cells). Does
    /// nothing in the unicode mode with double-width text kept. `rows`: only
    /// those rows (default: all).
    public mutating func fold(to glyphs: GlyphSet, rows: [Int]? = nil) {
        if glyphs.mode == .unicode && glyphs.keepsWide { return }
        for y in rows ?? Array(0..<height) where y >= 0 && y < height {
            var x = 0
            while x < width {
                let cell = self[x, y]
                let w = Int(cell.width)
                defer { x += max(1, w) }
                if cell.glyph.high == 0 && cell.glyph.low < 0x80 { continue }  // ASCII (or a continuation)
                guard w > 0, let stand = glyphs.fold(cell.symbol, width: w) else { continue }
                for (i, ch) in stand.unicodeScalars.enumerated() where x + i < width {
                    set(x: x + i, y: y, symbol: String(Character(ch)), style: cell.style)
                }
            }
        }
    }
}

/// What a frame is drawn with on a given terminal: the glyph set, the
/// language, and a note for the header when the language was changed.
/// `mayor live` and `mayor render --term` decide the same way.
public struct DisplayChoice: Sendable, Equatable {
    public var glyphs: GlyphSet
    public var language: Language
    /// Set when a Korean locale was overridden to English (no Hangul in the font).
    public var notice: String?

    /// - `term`: the terminal type; `glyphs`: `--glyphs` when given;
    ///   `lang`: `--lang` when given; `environment`: for the locale.
    ///
    /// The glyph mode is `glyphs`, else the terminal's (`GlyphMode.forTerminal`).
    /// On the Linux console and in the ascii mode there is no Hangul: a
    /// Korean locale falls back to English with a note in the header, and
    /// Hangul from data files shows as "?", unless `--lang ko` is given.
    public static func resolve(term: String?, glyphs: GlyphMode?, lang: String?, environment: [String: String]) -> DisplayChoice {
        let mode = glyphs ?? GlyphMode.forTerminal(term)
        let noHangul = mode == .ascii || (mode != .unicode && GlyphMode.isConsole(term))
        var language = Strings.language(override: lang, environment: environment)
        let forced = lang.map { Language(rawValue: $0.lowercased()) == .ko } ?? false
        var notice: String?
        if noHangul && !forced && language == .ko {
            language = .en
            notice =
                mode == .ascii
                ? "English: ASCII has no Hangul; --lang ko forces Korean"
                : "English: the console font has no Hangul; --lang ko forces Korean"
        }
        return DisplayChoice(glyphs: GlyphSet(mode: mode, keepsWide: !noHangul || forced), language: language, notice: notice)
    }
}
