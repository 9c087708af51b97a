/// Neutralises text that came from data, screen or script files before it can
/// reach the cell buffer (and so the terminal).
///
/// - C0 controls (including ESC, BEL, CR, LF and TAB), DEL and C1 controls are
///   replaced by visible stand-ins (the Unicode control pictures, ␛ for ESC),
///   so an escape sequence such as `ESC[2J` or an OSC title sequence shows as
///   harmless text instead of acting on the terminal.
/// - Bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069) and
///   stray zero-width characters (U+200B, U+2060, U+FEFF, …) become `�`.
///   Zero-width joiners and variation selectors inside a grapheme are kept in
///   the text, but such a joined grapheme is drawn and measured as one
///   stand-in scalar (`clusterStandIn`), never whole.
/// - The result is cut to `maxWidth` columns when given.
public enum Sanitizer {
    public static let replacement: Character = "\u{FFFD}"

    /// True when `text` needs no change (the common case, checked cheaply).
    public static func isClean<S: StringProtocol>(_ text: S) -> Bool {
        for scalar in text.unicodeScalars where needsReplacement(scalar) {
            return false
        }
        return true
    }

    public static func clean(_ text: String, maxWidth: Int? = nil) -> String {
        var result: String
        if isClean(text) {
            result = text
        } else {
            var scalars = String.UnicodeScalarView()
            for scalar in text.unicodeScalars {
                if let stand = standIn(for: scalar) {
                    scalars.append(stand)
                } else {
                    scalars.append(scalar)
                }
            }
            result = String(scalars)
        }
        if let maxWidth, result.displayWidth > maxWidth {
            result = TextFit.truncate(result, to: maxWidth)
        }
        return result
    }

    @inline(__always)
    static func needsReplacement(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v >= 0x20 && v < 0x7F { return false }
        return standIn(for: scalar) != nil
    }

    /// The one scalar a grapheme of several scalars is drawn (and measured)
    /// as, when terminals disagree on drawing it whole: emoji ZWJ sequences
    /// (👩‍💻), flags (regional indicator pairs), skin tones, keycaps,
    /// presentation selectors (❤️). ncurses keeps only what fits a cell, a
    /// dangling U+200D made tmux merge cells, and each terminal gives such
    /// sequences its own width: the row shifted and borders moved. The stand-in
    /// is the cluster's first scalar (👩, 🇰, 👍, 1, ❤), whose width the
    /// terminal and `DisplayWidth` agree on. Nil for a single scalar or a base
    /// with ordinary combining marks (e + U+0301), which are drawn whole.
    public static func clusterStandIn(_ character: Character) -> Unicode.Scalar? {
        var scalars = character.unicodeScalars.makeIterator()
        guard let first = scalars.next(), let second = scalars.next() else { return nil }
        var joined = isRegionalIndicator(first) || joinsOrModifies(second) || isRegionalIndicator(second)
        while !joined, let next = scalars.next() {
            joined = joinsOrModifies(next) || isRegionalIndicator(next)
        }
        guard joined else { return nil }
        return standIn(for: first) ?? first
    }

    @inline(__always)
    static func isRegionalIndicator(_ scalar: Unicode.Scalar) -> Bool {
        (0x1F1E6...0x1F1FF).contains(scalar.value)
    }

    /// A scalar that joins or modifies the one before it in an emoji
    /// sequence: zero-width joiner, variation selectors 15 and 16, skin-tone
    /// modifiers, the combining keycap, tag characters.
    @inline(__always)
    public static func joinsOrModifies(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x200D, 0xFE0E, 0xFE0F, 0x1F3FB...0x1F3FF, 0x20E3, 0xE0020...0xE007F: return true
        default: return false
        }
    }

    static func standIn(for scalar: Unicode.Scalar) -> Unicode.Scalar? {
        let v = scalar.value
        switch v {
        case 0x1B:
            return "\u{241B}"  // ␛
        case 0x00..<0x20:
            return Unicode.Scalar(0x2400 + v)  // control pictures ␀…␟
        case 0x7F:
            return "\u{2421}"  // ␡
        case 0x80..<0xA0:
            return "\u{FFFD}"
        case 0x202A...0x202E, 0x2066...0x2069,  // bidi embeddings, overrides, isolates
            0x200B, 0x200E, 0x200F, 0x2028, 0x2029, 0x2060...0x2064, 0x206A...0x206F,
            0xFEFF, 0xFFF9...0xFFFB, 0xE0001, 0xE0020...0xE007F:
            return "\u{FFFD}"
        case 0xD800...0xDFFF:
            return "\u{FFFD}"
        default:
            return nil
        }
    }
}
