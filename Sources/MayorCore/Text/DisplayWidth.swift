/// Display width of text in terminal columns, following Unicode East Asian Width:
/// Wide and Fullwidth characters (Hangul syllables, CJK, fullwidth forms, most
/// emoji) take two columns, combining and other zero-width characters take none,
/// everything else (including box drawing, block elements and braille) takes one.
/// Ambiguous-width characters are treated as narrow, as terminals do outside
/// CJK legacy locales.
public enum DisplayWidth {
    /// Columns taken by one Unicode scalar standing on its own: 0, 1 or 2.
    /// Control characters report 0 here; the sanitizer removes them before
    /// anything reaches the screen.
    @inline(__always)
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x300 {
            // ASCII and Latin-1: the fast path.
            if v >= 0x20 && v < 0x7F { return 1 }
            if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
            return 1
        }
        if v >= 0xAC00 && v <= 0xD7A3 { return 2 }  // Hangul syllables: most of what is drawn
        if isWide(v) { return 2 }
        // Box drawing, blocks, geometric shapes, arrows and braille: one column,
        // without the general-category lookup (they fill every frame).
        if v >= 0x2190 && v <= 0x28FF { return 1 }
        if isZeroWidth(v) { return 0 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: return 1
        }
    }

    /// Columns taken by one grapheme cluster (what a single cell shows).
    /// A joined emoji cluster (ZWJ sequence, flag, skin tone, keycap,
    /// presentation selector) is drawn as its stand-in scalar
    /// (`Sanitizer.clusterStandIn`) and takes that scalar's width; otherwise
    /// the width of a cluster is that of its first scalar that has a width.
    public static func of(_ character: Character) -> Int {
        if let stand = Sanitizer.clusterStandIn(character) { return of(stand) }
        var width = 0
        var first = true
        for scalar in character.unicodeScalars {
            if first {
                width = of(scalar)
                first = false
            } else if width == 0 {
                width = of(scalar)
            }
        }
        return width
    }

    /// Columns taken by a whole string.
    public static func of<S: StringProtocol>(_ text: S) -> Int {
        var total = 0
        // Fast path for pure ASCII printable text.
        var allASCII = true
        for byte in text.utf8 {
            if byte >= 0x20 && byte < 0x7F {
                total += 1
            } else {
                allASCII = false
                break
            }
        }
        if allASCII { return total }
        total = 0
        // Text whose scalars each stand alone (Hangul syllables, CJK, Latin,
        // punctuation, box drawing, braille): no grapheme breaking needed.
        var simple = true
        for scalar in text.unicodeScalars {
            if !standsAlone(scalar.value) {
                simple = false
                break
            }
            total += of(scalar)
        }
        if simple { return total }
        total = 0
        for character in text { total += of(character) }
        return total
    }

    /// True for a scalar that is always a grapheme cluster on its own and
    /// never joins its neighbours: printable, not a combining mark, joiner,
    /// variation selector, conjoining jamo, regional indicator or emoji
    /// modifier. Text made only of these can be handled scalar by scalar.
    @inline(__always)
    public static func standsAlone(_ v: UInt32) -> Bool {
        if v < 0x300 { return (v >= 0x20 && v < 0x7F) || v >= 0xA0 }
        if v >= 0xAC00 { return v <= 0xD7A3 || (v >= 0xFF01 && v <= 0xFF9D) || (v >= 0xFFE0 && v <= 0xFFEE) }
        switch v {
        case 0x2010...0x2027, 0x2030...0x205F, 0x2070...0x20CF, 0x2100...0x2BFF,
            0x2E80...0x3029, 0x3030...0x3098, 0x309B...0x4DBF, 0x4E00...0x9FFF:
            return true
        default:
            return false
        }
    }

    static func isZeroWidth(_ v: UInt32) -> Bool {
        switch v {
        case 0x0300...0x036F,  // combining diacritical marks
            0x0483...0x0489, 0x0591...0x05BD, 0x0610...0x061A, 0x064B...0x065F,
            0x0E31, 0x0E34...0x0E3A, 0x0E47...0x0E4E,
            0x1160...0x11FF,  // Hangul Jamo medial vowels and final consonants
            0x1AB0...0x1AFF, 0x1DC0...0x1DFF,
            0x200B...0x200F,  // zero width space, joiners, direction marks
            0x2028...0x202E, 0x2060...0x206F,
            0x20D0...0x20FF,  // combining marks for symbols
            0x302A...0x302D, 0x3099...0x309A,
            0xD7B0...0xD7FF,  // Hangul Jamo Extended-B (medial, final)
            0xFE00...0xFE0F,  // variation selectors
            0xFE20...0xFE2F, 0xFEFF,
            0xE0000...0xE0FFF:
            return true
        default:
            return false
        }
    }

    static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F,  // Hangul Jamo initial consonants
            0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0, 0x23F3,
            0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F, 0x2693,
            0x26A1, 0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE,
            0x26D4, 0x26EA, 0x26F2...0x26F3, 0x26F5, 0x26FA, 0x26FD, 0x2705,
            0x270A...0x270B, 0x2728, 0x274C, 0x274E, 0x2753...0x2755, 0x2757,
            0x2795...0x2797, 0x27B0, 0x27BF, 0x2B1B...0x2B1C, 0x2B50, 0x2B55,
            0x2E80...0x303E,  // CJK radicals, symbols and punctuation
            0x3041...0x33FF,  // kana, bopomofo, Hangul compatibility jamo, CJK compat
            0x3400...0x4DBF,  // CJK extension A
            0x4DC0...0x4DFF,  // Yijing hexagrams (wide in glibc)
            0x4E00...0x9FFF,  // CJK unified ideographs
            0xA000...0xA4CF,  // Yi
            0xA960...0xA97F,  // Hangul Jamo Extended-A
            0xAC00...0xD7A3,  // Hangul syllables
            0xF900...0xFAFF,  // CJK compatibility ideographs
            0xFE10...0xFE19, 0xFE30...0xFE6F,
            0xFF00...0xFF60, 0xFFE0...0xFFE6,  // fullwidth forms
            0x16FE0...0x16FE4, 0x17000...0x18CFF, 0x1B000...0x1B2FF,
            0x1F1E6...0x1F1FF,  // regional indicators (flags)
            0x1F004, 0x1F0CF, 0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F251,
            0x1F300...0x1F320, 0x1F32D...0x1F335, 0x1F337...0x1F37C,
            0x1F37E...0x1F393, 0x1F3A0...0x1F3CA, 0x1F3CF...0x1F3D3,
            0x1F3E0...0x1F3F0, 0x1F3F4, 0x1F3F8...0x1F43E, 0x1F440,
            0x1F442...0x1F4FC, 0x1F4FF...0x1F53D, 0x1F54B...0x1F54E,
            0x1F550...0x1F567, 0x1F57A, 0x1F595...0x1F596, 0x1F5A4,
            0x1F5FB...0x1F64F, 0x1F680...0x1F6C5, 0x1F6CC, 0x1F6D0...0x1F6D2,
            0x1F6D5...0x1F6D7, 0x1F6DC...0x1F6DF, 0x1F6EB...0x1F6EC,
            0x1F6F4...0x1F6FC, 0x1F7E0...0x1F7EB, 0x1F7F0,
            0x1F90C...0x1F93A, 0x1F93C...0x1F945, 0x1F947...0x1F9FF,
            0x1FA70...0x1FAFF,
            0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}

extension StringProtocol {
    /// Width of this text in terminal columns (see `DisplayWidth`).
    public var displayWidth: Int { DisplayWidth.of(self) }
}

public enum TextFit {
    /// Truncates `text` (sanitised first) to at most `width` columns. When it has to cut, it ends
    /// with `ellipsis` (one column) and never splits a wide character: a wide
    /// character that would straddle the limit is dropped whole.
    public static func truncate(_ raw: String, to width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        // Measure what will be drawn: control characters become 1-column stand-ins.
        let text = Sanitizer.isClean(raw) ? raw : Sanitizer.clean(raw)
        let full = text.displayWidth
        if full <= width { return text }
        let ellipsisWidth = ellipsis.displayWidth
        let budget = width - ellipsisWidth
        if budget < 0 { return "" }
        let kept = prefix(text, width: budget)
        let rest = text.utf8.dropFirst(kept.utf8.count)
        // A cut through plain words is shown with the ellipsis; a cut through
        // a figure leaves the figure out whole, with its label when the text
        // is made of groups (" · ", two spaces, " — "): those groups end where
        // one ends, with no ellipsis (nothing in them was cut).
        if rest.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) || kept.utf8.last.map({ $0 >= 0x30 && $0 <= 0x39 }) == true {
            if let group = lastWholeGroup(text, width: width) { return group }
        }
        return keepFiguresWhole(kept, of: text) + ellipsis
    }

    /// Separators between the groups (label and figure) of a line.
    static let groupSeparators = [" · ", "  ", " — "]

    /// The longest run of whole groups from the start of `text` that fits in
    /// `width`, trimmed; nil when none fits or what fits is under half the
    /// width (a lone label: the text is then cut word by word instead).
    static func lastWholeGroup(_ text: String, width: Int) -> String? {
        var best: String?
        for separator in groupSeparators {
            var search = text.startIndex
            while let r = text.range(of: separator, range: search..<text.endIndex) {
                let head = String(text[..<r.lowerBound]).trimmingTrailingSpaces
                if !head.isEmpty, head.displayWidth <= width, head.displayWidth * 2 >= width, head.utf8.count > (best?.utf8.count ?? 0) { best = head }
                if head.displayWidth > width { break }
                search = r.upperBound
            }
        }
        return best
    }

    /// A number is never shown cut: `kept`, a prefix of `text` about to be
    /// followed by an ellipsis, loses the word (a run without spaces) the cut
    /// falls inside when that word has a digit, then trailing spaces, then
    /// any last word that ends in a digit (which would read as a cut number
    /// before the ellipsis), with a joiner left dangling ("16,239 /"). "10년
    /// 이상 5,8" becomes "10년 이상"; "(20" goes whole. Text without digits
    /// is cut where it is.
    static func keepFiguresWhole(_ kept: String, of text: String) -> String {
        guard
            kept.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 })
                || text.utf8.dropFirst(kept.utf8.count).prefix(while: { $0 != 0x20 }).contains(where: { $0 >= 0x30 && $0 <= 0x39 })
        else {
            return kept
        }
        var chars = Array(kept)
        let rest = text.utf8.count > kept.utf8.count ? Array(String(decoding: text.utf8.dropFirst(kept.utf8.count), as: UTF8.self)) : []
        // 1. The word the cut falls inside, when it has a digit.
        if let last = chars.last, !last.isWhitespace, let next = rest.first, !next.isWhitespace {
            let start = chars.lastIndex(where: \.isWhitespace).map { $0 + 1 } ?? 0
            let tail = rest.prefix { !$0.isWhitespace }
            if chars[start...].contains(where: isDigit) || tail.contains(where: isDigit) {
                chars.removeSubrange(start...)
            }
        }
        // 2. Spaces, and a last word ending in a digit (or in a digit and a separator).
        while true {
            while chars.last?.isWhitespace == true { chars.removeLast() }
            guard let last = chars.last else { break }
            let start = chars.lastIndex(where: \.isWhitespace).map { $0 + 1 } ?? 0
            let endsInFigure = isDigit(last) || ((last == "," || last == ".") && chars.count > 1 && isDigit(chars[chars.count - 2]))
            // A dangling joiner ("16,239 /", "x ·") belongs to the figure left out.
            let joiner = chars[start...].allSatisfy { "/·:(—–-+,".contains($0) }
            guard endsInFigure || (joiner && start > 0) else { break }
            chars.removeSubrange(start...)
        }
        return String(chars)
    }

    @inline(__always)
    static func isDigit(_ c: Character) -> Bool { c.isASCII && c.isNumber }

    /// The longest prefix of `text` at most `width` columns wide, cut without
    /// an ellipsis and never through a wide character.
    public static func prefix(_ text: String, width: Int) -> String {
        guard width > 0 else { return "" }
        if text.displayWidth <= width { return text }
        var out = ""
        var used = 0
        for character in text {
            let w = DisplayWidth.of(character)
            if used + w > width { break }
            out.append(character)
            used += w
        }
        return out
    }

    /// Pads (or truncates) `text` to exactly `width` columns.
    public static func pad(_ text: String, to width: Int, alignRight: Bool = false) -> String {
        let fitted = truncate(text, to: width)
        let gap = max(0, width - fitted.displayWidth)
        let spaces = String(repeating: " ", count: gap)
        return alignRight ? spaces + fitted : fitted + spaces
    }
}

extension String {
    /// Without trailing spaces.
    var trimmingTrailingSpaces: String {
        var chars = Substring(self)
        while chars.last?.isWhitespace == true { chars.removeLast() }
        return String(chars)
    }
}
