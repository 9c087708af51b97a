/// Text helpers shared by the widgets. Everything a widget measures goes
/// through `clean` first, so the width it computes is the width `Buffer.write`
/// draws (control characters become one-column stand-ins there).
enum WidgetText {
    /// `text` as the buffer will show it.
    @inline(__always)
    static func clean(_ text: String) -> String { Sanitizer.clean(text) }

    /// Cleaned and truncated with an ellipsis to at most `width` columns.
    static func fit(_ text: String, _ width: Int) -> String {
        width <= 0 ? "" : TextFit.truncate(clean(text), to: width)
    }

    /// Column where text of `width` starts when aligned in `room` columns from `x`.
    @inline(__always)
    static func start(_ x: Int, room: Int, width: Int, _ alignment: WidgetAlignment) -> Int {
        switch alignment {
        case .left: return x
        case .center: return x + max(0, (room - width) / 2)
        case .right: return x + max(0, room - width)
        }
    }
}

/// Where `value` falls between `lo` and `hi`, clamped to 0…1, without
/// overflowing for huge finite values; 0.5 when the range is empty or the
/// value is not a number.
@inline(__always)
func widgetNormalize(_ value: Double, _ lo: Double, _ hi: Double) -> Double {
    let span = hi / 2 - lo / 2
    guard span > 0, span.isFinite else { return 0.5 }
    let t = (value / 2 - lo / 2) / span
    return t.isNaN ? 0.5 : min(1, max(0, t))
}

extension Buffer {
    /// Fills the part of `rect` inside `clip` (and the buffer).
    @inline(__always)
    mutating func widgetFill(_ rect: Rect, clip: Rect, symbol: String = " ", style: Style) {
        let r = rect.intersection(clip)
        if !r.isEmpty { fill(r, symbol: symbol, style: style) }
    }

    /// Restyles the part of `rect` inside `clip`.
    @inline(__always)
    mutating func widgetStyle(_ style: Style, in rect: Rect, clip: Rect) {
        let r = rect.intersection(clip)
        if !r.isEmpty { setStyle(style, in: r) }
    }

    /// Draws a horizontal bar of `steps` steps from (x, y), each cell holding
    /// `glyphs.horizontalSteps.count` of them: whole cells as █ (or #), the
    /// remainder as a partial block (▏…▉; ▌ in the tty and = in the ascii set).
    mutating func widgetHorizontalBar(x: Int, y: Int, steps: Int, glyphs: GlyphSet, style: Style, clip: Rect) {
        guard steps > 0 else { return }
        let per = glyphs.horizontalSteps.count
        widgetFill(Rect(x: x, y: y, width: steps / per, height: 1), clip: clip, symbol: glyphs.full, style: style)
        let rest = steps % per
        if rest > 0 { set(x: x + steps / per, y: y, symbol: glyphs.horizontalSteps[rest - 1], style: style, clip: clip) }
    }
}
