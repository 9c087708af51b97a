/// A horizontal gauge: an optional label, then a bar filled to `ratio` with █
/// and a left-eighth block (▏…▉) over a ░ track, and the percentage, either
/// centred on the bar or after it:
///
///     가동률 ███████████▌░░░░░░░░░ 55.7%
///
/// `ratio` is clamped to 0…1; NaN shows an empty bar and "–". The text is
/// `text` when given, else `NumberFormat.percent(ratio, places: 1)`. A centred
/// text over the filled part is drawn in reverse, so it stays readable. In an
/// area taller than one row the bar fills every row and the text sits on the
/// middle one.
///
/// Degrades: drops the label when the bar would get fewer than 4 cells, moves
/// the text onto the bar when it does not fit after it, and drops the text
/// when it is wider than the bar.
public struct Gauge: Widget, Sendable {
    public enum TextPlacement: Sendable, Hashable { case center, after }

    public var ratio: Double
    public var label: String?
    public var text: String?
    public var placement: TextPlacement
    public var theme: Theme

    public init(
        _ ratio: Double, label: String? = nil, text: String? = nil,
        placement: TextPlacement = .after, theme: Theme = .color
    ) {
        self.ratio = ratio
        self.label = label
        self.text = text
        self.placement = placement
        self.theme = theme
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        guard !area.isEmpty else { return }
        let clamped = ratio.isNaN ? 0 : min(1, max(0, ratio))
        let caption = WidgetText.clean(text ?? (ratio.isNaN ? NumberFormat.invalid : NumberFormat.percent(clamped, places: 1)))
        let captionW = caption.displayWidth
        let middle = area.y + area.height / 2

        var bar = area
        if let label {
            let l = WidgetText.clean(label)
            let lw = l.displayWidth
            if lw > 0, area.width - lw - 1 >= 4 {
                buffer.write(l, x: area.x, y: middle, style: theme.text, clip: area)
                bar = area.inset(left: lw + 1)
            }
        }
        var place = placement
        if place == .after {
            if bar.width - captionW - 1 >= 4 {
                buffer.write(caption, x: bar.maxX - captionW, y: middle, style: theme.text, clip: area)
                bar = bar.inset(right: captionW + 1)
            } else {
                place = .center
            }
        }

        let glyphs = theme.glyphs
        let per = glyphs.horizontalSteps.count
        buffer.widgetFill(bar, clip: area, symbol: glyphs.track, style: theme.gaugeEmpty)
        let steps = Int((clamped * Double(bar.width * per)).rounded())
        for y in bar.y..<bar.maxY {
            buffer.widgetHorizontalBar(x: bar.x, y: y, steps: steps, glyphs: glyphs, style: theme.gaugeFilled, clip: area)
        }
        if place == .center, captionW > 0, captionW <= bar.width {
            let x = bar.x + (bar.width - captionW) / 2
            buffer.write(caption, x: x, y: middle, style: theme.text.bold, clip: area)
            // The part of the text over whole filled cells: reversed fill colour.
            let filled = Rect(x: x, y: middle, width: min(captionW, max(0, bar.x + steps / per - x)), height: 1)
            buffer.widgetStyle(theme.gaugeFilled.reversed.bold, in: filled, clip: area)
        }
    }
}
