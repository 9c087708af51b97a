/// Prints a buffer as text: plain characters only, or with ANSI SGR colour
/// codes. Used by `mayor render` and the golden-frame tests; the live
/// terminal goes through ncurses instead.
public enum TextBackend {
    /// Rows of plain text, no escape sequences, trailing spaces trimmed, each
    /// at most `buffer.width` columns wide.
    public static func plain(_ buffer: Buffer) -> String {
        buffer.textLines().joined(separator: "\n") + "\n"
    }

    /// The same rows with SGR codes for colours and attributes; every row
    /// ends with a reset.
    public static func ansi(_ buffer: Buffer) -> String {
        var out = ""
        for y in 0..<buffer.height {
            var current: Style? = nil
            for x in 0..<buffer.width {
                let cell = buffer[x, y]
                if cell.isContinuation { continue }
                if cell.style != current {
                    out += sgr(cell.style)
                    current = cell.style
                }
                out += cell.symbol
            }
            out += "\u{1B}[0m\n"
        }
        return out
    }

    static func sgr(_ style: Style) -> String {
        var codes = ["0"]
        if style.attributes.contains(.bold) { codes.append("1") }
        if style.attributes.contains(.dim) { codes.append("2") }
        if style.attributes.contains(.underline) { codes.append("4") }
        if style.attributes.contains(.reverse) { codes.append("7") }
        if case .indexed(let i) = style.foreground { codes.append("38;5;\(i)") }
        if case .indexed(let i) = style.background { codes.append("48;5;\(i)") }
        return "\u{1B}[" + codes.joined(separator: ";") + "m"
    }
}
