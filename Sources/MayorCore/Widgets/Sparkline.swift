/// A sparkline: one column per value, drawn with the lower eighths ▁▂▃▄▅▆▇█
/// (`▁▂▄▆█▇▅`). In an area taller than one row the columns stack, giving
/// `height × 8` levels. With the tty glyphs (`▄█`) or ASCII (`_#`) a cell
/// holds two levels instead of eight.
///
/// The scale is `range` when given (values outside it are clamped), else the
/// minimum and maximum of the values shown; the minimum draws as ▁, so a value
/// is never invisible. A flat series draws at half height.
///
/// Degrades: with more values than columns it shows the newest `width`
/// values; NaN and ±∞ draw as blank columns (a gap in the data). Columns
/// after the last value are left untouched.
public struct Sparkline: Widget, Sendable {
    public var values: [Double]
    public var range: ClosedRange<Double>?
    public var style: Style
    public var glyphs: GlyphSet

    public init(
        _ values: [Double], range: ClosedRange<Double>? = nil, style: Style = Theme.color.bar,
        glyphs: GlyphSet = .unicode
    ) {
        self.values = values
        self.range = range
        self.style = style
        self.glyphs = glyphs
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        guard !area.isEmpty, !values.isEmpty else { return }
        let shown = values.suffix(area.width)
        var lo = range?.lowerBound ?? .infinity
        var hi = range?.upperBound ?? -.infinity
        if range == nil {
            for v in shown where v.isFinite {
                lo = min(lo, v)
                hi = max(hi, v)
            }
        }
        buffer.widgetFill(Rect(x: area.x, y: area.y, width: shown.count, height: area.height), clip: area, style: style)
        guard lo.isFinite, hi.isFinite else { return }
        let per = glyphs.verticalSteps.count
        let levels = area.height * per
        var x = area.x
        for v in shown {
            defer { x += 1 }
            guard v.isFinite else { continue }
            let norm = widgetNormalize(v, lo, hi)
            let level = 1 + Int((norm * Double(levels - 1)).rounded())
            // Bottom row up: full cells, then the partial top.
            var rest = level
            var y = area.maxY - 1
            while rest > 0 && y >= area.y {
                buffer.set(x: x, y: y, symbol: glyphs.verticalSteps[min(per, rest) - 1], style: style, clip: area)
                rest -= per
                y -= 1
            }
        }
    }
}
