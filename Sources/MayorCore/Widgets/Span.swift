/// Text in one style, the unit of styled text (ratatui's `Span`): a label or
/// a figure in a pane's row, a part of the status line, a frame's badge.
public struct Span: Sendable, Hashable {
    public var text: String
    public var style: Style

    public init(_ text: String, style: Style = .plain) {
        self.text = text
        self.style = style
    }

    /// Columns the text takes when drawn (control characters cleaned to their
    /// one-column stand-ins first, as `Buffer.write` draws them).
    public var width: Int { WidgetText.clean(text).displayWidth }
}

/// One row of styled text: spans, left to right (ratatui's `Line`).
///
/// Measured by display width (Hangul and emoji take two columns, combining
/// marks none), and fitted as one text: `truncated(to:)` follows `TextFit`'s
/// rules, so a figure that does not fit is left out whole (with its label
/// when the row is made of groups), never shown cut, whichever span it is in.
public struct Line: Sendable, Hashable, ExpressibleByArrayLiteral {
    public var spans: [Span]

    public init(_ spans: [Span]) { self.spans = spans }

    public init(arrayLiteral spans: Span...) { self.spans = spans }

    /// A line of one span.
    public init(_ text: String, style: Style = .plain) { self.spans = [Span(text, style: style)] }

    public var isEmpty: Bool { spans.isEmpty }

    public mutating func append(_ span: Span) { spans.append(span) }

    public static func += (line: inout Line, spans: [Span]) { line.spans += spans }

    /// The spans' text, joined.
    public var text: String { spans.map(\.text).joined() }

    /// Columns the line takes when drawn: its spans' widths added up.
    public var width: Int { spans.reduce(0) { $0 + $1.width } }

    /// The spans as drawn: their text cleaned (`WidgetText.clean`).
    public var cleaned: Line { Line(spans.map { Span(WidgetText.clean($0.text), style: $0.style) }) }

    /// The line fitted to `width` columns as one text (`TextFit.truncate`):
    /// whole when it fits; else cut where `TextFit` cuts it, each span keeping
    /// its style, ending in "…" in the style of the last span shown when the
    /// cut is not at the end of a group. Spans are cleaned first.
    public func truncated(to width: Int) -> Line {
        let cleaned = self.cleaned.spans
        guard width > 0 else { return Line([]) }
        let full = cleaned.map(\.text).joined()
        var fitted = TextFit.truncate(full, to: width)
        var ellipsis = false
        if fitted != full, fitted.hasSuffix("…"), !full.utf8.starts(with: fitted.utf8) {
            fitted.removeLast()
            ellipsis = true
        }
        var out: [Span] = []
        var remaining = fitted.utf8.count
        var lastStyle = cleaned.first?.style ?? .plain
        for span in cleaned where remaining > 0 {
            let n = min(remaining, span.text.utf8.count)
            let piece = n == span.text.utf8.count ? span.text : String(decoding: span.text.utf8.prefix(n), as: UTF8.self)
            remaining -= n
            out.append(Span(piece, style: span.style))
            lastStyle = span.style
        }
        if ellipsis { out.append(Span("…", style: lastStyle)) }
        return Line(out)
    }

    /// The longest start of the line at most `width` columns wide, cut
    /// without an ellipsis and never through a wide character (`TextFit.prefix`).
    public func prefix(width: Int) -> Line {
        let cleaned = self.cleaned.spans
        let full = cleaned.map(\.text).joined()
        var remaining = TextFit.prefix(full, width: width).utf8.count
        var out: [Span] = []
        for span in cleaned where remaining > 0 {
            let n = min(remaining, span.text.utf8.count)
            out.append(Span(n == span.text.utf8.count ? span.text : String(decoding: span.text.utf8.prefix(n), as: UTF8.self), style: span.style))
            remaining -= n
        }
        return Line(out)
    }

    /// The spans from the start that fit in `width` columns, each whole: from
    /// the first that does not fit on, none (so no figure is cut).
    public func wholeSpans(fitting width: Int) -> Line {
        var out: [Span] = []
        var used = 0
        for span in spans {
            let w = span.text.displayWidth
            guard used + w <= width else { break }
            out.append(span)
            used += w
        }
        return Line(out)
    }

    /// Draws the spans from column `x` on row `y`, as they are, within `clip`;
    /// returns the column after the last one drawn.
    @discardableResult
    public func draw(x: Int, y: Int, clip: Rect, buffer: inout Buffer) -> Int {
        var x = x
        for span in spans { x = buffer.write(span.text, x: x, y: y, style: span.style, clip: clip) }
        return x
    }
}
