/// Lines of styled text (`Line`s of `Span`s), top to bottom, optionally
/// wrapped to the width:
///
///     서울시 공공 와이파이 이용자가 지난달보다
///     12% 늘었습니다.
///
/// A line break ("\n") in a text starts a new row. With `wrap`, text wraps at
/// spaces by display width; a word longer than the width is broken between
/// characters, never through a wide character. Without `wrap`, each line is
/// truncated with "…" (`Line.truncated(to:)`: a figure is never cut). A
/// line of several spans wraps the same way, each character in its span's style.
///
/// Degrades: rows that do not fit are left out; when text was left out, the
/// last row shown ends with "…".
public struct Paragraph: Widget, Sendable {
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
        var rows: [Line] = []
        var truncated = false
        outer: for line in lines {
            for part in Self.hardLines(line) {
                for row in wrap ? Self.wrap(part, width: area.width) : [part.truncated(to: area.width)] {
                    guard rows.count < area.height else {
                        truncated = true
                        break outer
                    }
                    rows.append(row)
                }
            }
        }
        if truncated, let last = rows.last {
            var cut = last.prefix(width: area.width - 1)
            cut.append(Span("…", style: last.spans.last?.style ?? .plain))
            rows[rows.count - 1] = cut
        }
        for (i, row) in rows.enumerated() {
            let x = WidgetText.start(area.x, room: area.width, width: row.width, alignment)
            row.draw(x: x, y: area.y + i, clip: area, buffer: &buffer)
        }
    }

    /// `line` split at line breaks, each part's spans cleaned for display.
    static func hardLines(_ line: Line) -> [Line] {
        var out: [Line] = [Line([])]
        for span in line.spans {
            let parts = span.text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
            for (i, part) in parts.enumerated() {
                if i > 0 { out.append(Line([])) }
                out[out.count - 1].append(Span(WidgetText.clean(String(part)), style: span.style))
            }
        }
        return out
    }

    /// Word wrap of a line of spans (see `wrap(_:width:)`): the rows of its
    /// text, each character keeping its span's style (a space the wrap keeps
    /// takes the style of the space it stands for).
    static func wrap(_ line: Line, width: Int) -> [Line] {
        let styles = Set(line.spans.map(\.style))
        if styles.count <= 1 {
            let style = line.spans.first?.style ?? .plain
            return wrap(line.text, width: width).map { Line($0, style: style) }
        }
        // The source's characters with their styles; the rows keep their order
        // and only drop or collapse spaces.
        var source: [(Character, Style)] = []
        for span in line.spans { for c in WidgetText.clean(span.text) { source.append((c, span.style)) } }
        var next = 0
        return wrap(line.text, width: width).map { row in
            var spans: [Span] = []
            for c in row {
                if c != " " { while next < source.count, source[next].0 != c { next += 1 } }
                let style = next < source.count ? source[next].1 : (spans.last?.style ?? .plain)
                if c == " " {
                    while next < source.count, source[next].0 == " " { next += 1 }
                } else {
                    next += 1
                }
                if let last = spans.last, last.style == style {
                    spans[spans.count - 1].text.append(c)
                } else {
                    spans.append(Span(String(c), style: style))
                }
            }
            return Line(spans)
        }
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
