/// Lines of styled text, top to bottom, optionally wrapped to the width:
///
///     서울시 공공 와이파이 이용자가 지난달보다
///     12% 늘었습니다.
///
/// A line break ("\n") in a text starts a new row. With `wrap`, text wraps at
/// spaces by display width; a word longer than the width is broken between
/// characters, never through a wide character. Without `wrap`, each line is
/// truncated with "…".
///
/// Degrades: rows that do not fit are left out; when text was left out, the
/// last row shown ends with "…".
public struct Paragraph: Widget, Sendable {
    public struct Line: Sendable, Hashable {
        public var text: String
        public var style: Style
        public init(_ text: String, style: Style = .plain) {
            self.text = text
            self.style = style
        }
    }

    public var lines: [Line]
    public var wrap: Bool
    public var alignment: WidgetAlignment

    public init(_ lines: [Line], wrap: Bool = true, alignment: WidgetAlignment = .left) {
        self.lines = lines
        self.wrap = wrap
        self.alignment = alignment
    }

    public init(_ text: String, style: Style = .plain, wrap: Bool = true, alignment: WidgetAlignment = .left) {
        self.init([Line(text, style: style)], wrap: wrap, alignment: alignment)
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        guard !area.isEmpty else { return }
        var rows: [(text: String, style: Style)] = []
        var truncated = false
        outer: for line in lines {
            for part in Self.hardLines(line.text) {
                for row in wrap ? Self.wrap(part, width: area.width) : [TextFit.truncate(part, to: area.width)] {
                    guard rows.count < area.height else {
                        truncated = true
                        break outer
                    }
                    rows.append((row, line.style))
                }
            }
        }
        if truncated, let last = rows.last {
            rows[rows.count - 1].text = TextFit.prefix(last.text, width: area.width - 1) + "…"
        }
        for (i, row) in rows.enumerated() {
            let x = WidgetText.start(area.x, room: area.width, width: row.text.displayWidth, alignment)
            buffer.write(row.text, x: x, y: area.y + i, style: row.style, clip: area)
        }
    }

    /// `text` split at line breaks, each part cleaned for display.
    static func hardLines(_ text: String) -> [String] {
        text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }.map { WidgetText.clean(String($0)) }
    }

    /// Greedy word wrap of one line to `width` columns (the text is cleaned
    /// first, so a line break in it shows as ␊). Runs of spaces collapse.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        let text = WidgetText.clean(text)
        if text.displayWidth <= width { return [text] }
        var rows: [String] = []
        var row = ""
        var rowWidth = 0
        for word in text.split(separator: " ") {
            var word = Substring(word)
            var w = word.displayWidth
            if rowWidth > 0 {
                if rowWidth + 1 + w <= width {
                    row += " " + word
                    rowWidth += 1 + w
                    continue
                }
                rows.append(row)
                row = ""
                rowWidth = 0
            }
            // Hard-break a word wider than the row.
            while w > width {
                var piece = ""
                var pw = 0
                var rest = word.startIndex
                for character in word {
                    let cw = DisplayWidth.of(character)
                    if pw + cw > width && pw > 0 { break }
                    piece.append(character)
                    pw += cw
                    rest = word.index(after: rest)
                }
                rows.append(piece)
                word = word[rest...]
                w -= pw
            }
            row = String(word)
            rowWidth = w
        }
        if rowWidth > 0 || rows.isEmpty { rows.append(row) }
        return rows
    }
}

/// Another name for `Paragraph`, for panes that show plain lines of text.
public typealias TextLines = Paragraph
