/// A horizontal bar chart, one row per item:
///
///     강남구  ██████████████████  31,245
///     Mapo-gu ████████▊           15,102
///     종로구  ██▉                5,020.5
///     +2 more
///
/// Labels are padded by display width (Korean labels line up) in a column as
/// wide as the widest label, capped at `maxLabelWidth`, and truncated with "…".
/// Bars use eighth blocks ▏▎▍▌▋▊▉█ for precision and scale to `maxValue`
/// (default: the largest value). Values are right-aligned in their own column:
/// the row's `valueText`, else the value with thousands separators.
///
/// Degrades: shows the first rows that fit (the caller sorts) and, with room
/// for at least two rows, a "+K more" (외 K개) line in place of the last; when the bar
/// would get fewer than 3 cells it drops the value column, then narrows the
/// labels to half the width, then drops them when that leaves under 3 columns. Negative and NaN values draw no bar.
public struct BarChart: Widget, Sendable {
    public struct Row: Sendable, Hashable {
        public var label: String
        public var value: Double
        public var valueText: String?
        public var style: Style?

        public init(_ label: String, _ value: Double, valueText: String? = nil, style: Style? = nil) {
            self.label = label
            self.value = value
            self.valueText = valueText
            self.style = style
        }
    }

    public var rows: [Row]
    public var maxValue: Double?
    public var highlight: Int?
    public var maxLabelWidth: Int
    public var theme: Theme
    /// The language of the "+K more" line.
    public var language: Language

    public init(_ rows: [Row], maxValue: Double? = nil, highlight: Int? = nil, maxLabelWidth: Int = 16, theme: Theme = .color, language: Language = .en) {
        self.language = language
        self.rows = rows
        self.maxValue = maxValue
        self.highlight = highlight
        self.maxLabelWidth = maxLabelWidth
        self.theme = theme
    }

    /// The text shown for a value when the row has no `valueText`.
    static func defaultText(_ value: Double) -> String {
        guard value.isFinite else { return NumberFormat.invalid }
        return value == value.rounded() ? NumberFormat.grouped(value) : NumberFormat.groupedDecimal(value, places: 1)
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        guard !area.isEmpty, !rows.isEmpty else { return }
        let overflow = rows.count > area.height && area.height >= 2
        let visible = overflow ? area.height - 1 : min(rows.count, area.height)
        let shown = rows.prefix(visible)
        let labels = shown.map { WidgetText.clean($0.label) }
        let values = shown.map { WidgetText.clean($0.valueText ?? Self.defaultText($0.value)) }
        let top = maxValue ?? rows.lazy.map(\.value).filter(\.isFinite).max() ?? 0

        // Columns: label, gap, bar, gap, value.
        var labelWidth = min(max(0, maxLabelWidth), labels.map(\.displayWidth).max() ?? 0)
        var valueWidth = values.map(\.displayWidth).max() ?? 0
        func barWidth() -> Int {
            area.width - labelWidth - (labelWidth > 0 ? 1 : 0) - valueWidth - (valueWidth > 0 ? 1 : 0)
        }
        if barWidth() < 3 { valueWidth = 0 }
        if barWidth() < 3 {
            // Narrow the labels to half the row; drop them if fewer than 3 columns remain.
            let narrowed = min(labelWidth, (area.width - 1) / 2)
            labelWidth = narrowed >= min(3, labelWidth) ? narrowed : 0
        }
        let barW = max(0, barWidth())
        let barX = area.x + labelWidth + (labelWidth > 0 ? 1 : 0)

        for (i, row) in shown.enumerated() {
            let y = area.y + i
            let highlighted = i == highlight
            if labelWidth > 0 {
                let cell = Rect(x: area.x, y: y, width: labelWidth, height: 1).intersection(area)
                let style = highlighted ? theme.accent.bold : theme.text
                buffer.write(TextFit.truncate(labels[i], to: labelWidth), x: area.x, y: y, style: style, clip: cell)
            }
            let barStyle = row.style ?? (highlighted ? theme.barAlt : theme.bar)
            let glyphs = theme.glyphs
            let steps = GlyphSet.steps(row.value, of: top, cells: barW, per: glyphs.horizontalSteps.count)
            buffer.widgetHorizontalBar(x: barX, y: y, steps: steps, glyphs: glyphs, style: barStyle, clip: area)
            if valueWidth > 0 {
                let w = values[i].displayWidth
                buffer.write(values[i], x: area.maxX - w, y: y, style: highlighted ? theme.text.bold : theme.text, clip: area)
            }
        }
        if overflow {
            let more = Strings(language).more(rows.count - visible)
            buffer.write(TextFit.truncate(more, to: area.width), x: area.x, y: area.y + visible, style: theme.muted, clip: area)
        }
    }
}
