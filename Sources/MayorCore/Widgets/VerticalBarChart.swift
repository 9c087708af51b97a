/// A vertical bar chart: one column per item, bars rising from the bottom
/// with ▁…█ eighths on top, the value above each bar and the label under it:
///
///     812
///     ████ 540
///     ████ ▃▃▃▃
///     ████ ████ 310
///     ████ ████ ▇▇▇▇
///     ████ ████ ████
///     강…  마포 종…
///
/// Columns are `barWidth` cells wide (default: as wide as fits, at most 6)
/// with `gap` cells between them. Labels are truncated to the column width by
/// display width (a wide character never straddles a column edge) and
/// centred; values use the item's `valueText`, else the number with thousands
/// separators, falling back to the compact form (`12.3K`) when that is too
/// wide, and are left out when neither fits.
///
/// A missing value (NaN) is a gap: its column keeps its label and draws no
/// bar (the value text, e.g. "–", sits on the bottom row), so a missing month
/// is seen as missing rather than closed up.
///
/// Degrades: drops the value row below 4 rows, the label row below 2; with
/// more items than fit at one cell each it shows the first ones.
public struct VerticalBarChart: Widget, Sendable {
    public typealias Item = BarChart.Row

    public var items: [Item]
    public var maxValue: Double?
    public var barWidth: Int?
    public var gap: Int
    public var highlight: Int?
    public var theme: Theme

    public init(
        _ items: [Item], maxValue: Double? = nil, barWidth: Int? = nil, gap: Int = 1,
        highlight: Int? = nil, theme: Theme = .color
    ) {
        self.items = items
        self.maxValue = maxValue
        self.barWidth = barWidth
        self.gap = gap
        self.highlight = highlight
        self.theme = theme
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        guard !area.isEmpty, !items.isEmpty else { return }
        let gap = max(0, min(self.gap, 4))
        let auto = (area.width + gap) / items.count - gap
        let colW = max(1, min(barWidth ?? min(6, auto), area.width))
        let count = min(items.count, max(1, (area.width + gap) / (colW + gap)))
        let showLabels = area.height >= 2
        let showValues = area.height >= 4
        let plotH = area.height - (showLabels ? 1 : 0)
        let barRows = plotH - (showValues ? 1 : 0)
        let top = maxValue ?? items.lazy.map(\.value).filter(\.isFinite).max() ?? 0

        for (i, item) in items.prefix(count).enumerated() {
            let x = area.x + i * (colW + gap)
            let highlighted = i == highlight
            let style = item.style ?? (highlighted ? theme.barAlt : theme.bar)
            let glyphs = theme.glyphs
            let per = glyphs.verticalSteps.count
            let steps = GlyphSet.steps(item.value, of: top, cells: barRows, per: per)
            let full = steps / per
            let rest = steps % per
            let bottom = area.y + plotH - 1
            buffer.widgetFill(Rect(x: x, y: bottom - full + 1, width: colW, height: full), clip: area, symbol: glyphs.full, style: style)
            if rest > 0 {
                buffer.widgetFill(
                    Rect(x: x, y: bottom - full, width: colW, height: 1), clip: area,
                    symbol: glyphs.verticalSteps[rest - 1], style: style)
            }
            if showValues {
                let text = valueText(item, width: colW)
                let w = text.displayWidth
                let y = bottom - full - (rest > 0 ? 1 : 0)
                if w > 0, y >= area.y {
                    buffer.write(text, x: x + (colW - w) / 2, y: y, style: highlighted ? theme.text.bold : theme.muted, clip: area)
                }
            }
            if showLabels {
                let label = WidgetText.fit(item.label, colW)
                let cell = Rect(x: x, y: area.maxY - 1, width: colW, height: 1).intersection(area)
                buffer.write(
                    label, x: x + (colW - label.displayWidth) / 2, y: area.maxY - 1,
                    style: highlighted ? theme.accent.bold : theme.text, clip: cell)
            }
        }
    }

    /// The value text that fits `width` columns, or "" when none does.
    private func valueText(_ item: Item, width: Int) -> String {
        if let custom = item.valueText {
            let t = WidgetText.clean(custom)
            return t.displayWidth <= width ? t : ""
        }
        let full = BarChart.defaultText(item.value)
        if full.displayWidth <= width { return full }
        let short = NumberFormat.compact(item.value)
        return short.displayWidth <= width ? short : ""
    }
}
