/// A titled box around a pane:
///
///     ┌─ 제목 Title ───────── SAMPLE ─ STALE 3d ─┐
///     │                                          │
///     └──────────────────── 서울시 · 2024-09-01 ─┘
///
/// The title sits on the top border, up to two badges (e.g. "SAMPLE",
/// "STALE 3d", each in its own style) are right-aligned on it, and a footer
/// (source, as-of) is right-aligned on the bottom border. The border uses
/// `theme.focusedBorder` when `focused`. The inside is left untouched: draw the
/// content into `inner(area)`.
///
/// Degrades: as the width shrinks it drops badges first (the last one first),
/// then the footer, then truncates the title with "…". Below 2×2 it draws
/// nothing and `inner` returns the whole area, so the content keeps the room.
public struct Frame: Widget, Sendable {
    public var title: String
    /// Up to two shown, each a span in its own style.
    public var badges: [Span]
    public var footer: String?
    public var focused: Bool
    public var rounded: Bool
    public var theme: Theme

    public init(
        title: String = "", badges: [Span] = [], footer: String? = nil,
        focused: Bool = false, rounded: Bool = false, theme: Theme = .color
    ) {
        self.title = title
        self.badges = badges
        self.footer = footer
        self.focused = focused
        self.rounded = rounded
        self.theme = theme
    }

    /// The content area: `area` minus the border, or all of `area` when it is
    /// too small for a border to be drawn.
    public func inner(_ area: Rect) -> Rect {
        guard area.width >= 2, area.height >= 2 else { return area }
        return area.inset(by: 1)
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        guard area.width >= 2, area.height >= 2 else { return }
        let style = focused ? theme.focusedBorder : theme.border
        let (x0, y0, x1, y1) = (area.x, area.y, area.maxX - 1, area.maxY - 1)
        let interior = area.width - 2

        // Border, in the theme's glyphs (─│┌┐└┘, or +-| in ASCII).
        let g = theme.glyphs
        let corners = rounded ? g.roundedCorners : [g.topLeft, g.topRight, g.bottomLeft, g.bottomRight]
        buffer.widgetFill(Rect(x: x0 + 1, y: y0, width: interior, height: 1), clip: area, symbol: g.horizontal, style: style)
        buffer.widgetFill(Rect(x: x0 + 1, y: y1, width: interior, height: 1), clip: area, symbol: g.horizontal, style: style)
        buffer.widgetFill(Rect(x: x0, y: y0 + 1, width: 1, height: area.height - 2), clip: area, symbol: g.vertical, style: style)
        buffer.widgetFill(Rect(x: x1, y: y0 + 1, width: 1, height: area.height - 2), clip: area, symbol: g.vertical, style: style)
        buffer.set(x: x0, y: y0, symbol: corners[0], style: style, clip: area)
        buffer.set(x: x1, y: y0, symbol: corners[1], style: style, clip: area)
        buffer.set(x: x0, y: y1, symbol: corners[2], style: style, clip: area)
        buffer.set(x: x1, y: y1, symbol: corners[3], style: style, clip: area)
        guard interior > 0 else { return }

        // Title: "─ title " after the corner; needs tw + 3 columns in full.
        let text = WidgetText.clean(title)
        let tw = text.displayWidth
        let titleFits = tw == 0 || tw + 3 <= interior
        if tw > 0 {
            if titleFits {
                buffer.set(x: x0 + 2, y: y0, symbol: " ", style: style, clip: area)
                buffer.write(text, x: x0 + 3, y: y0, style: theme.title, clip: area)
                buffer.set(x: x0 + 3 + tw, y: y0, symbol: " ", style: style, clip: area)
            } else if interior >= 3 {
                // No leading "─": " titl… " fills the border between the corners.
                let cut = TextFit.truncate(text, to: interior - 2)
                buffer.set(x: x0 + 1, y: y0, symbol: " ", style: style, clip: area)
                let end = buffer.write(cut, x: x0 + 2, y: y0, style: theme.title, clip: area)
                buffer.set(x: end, y: y0, symbol: " ", style: style, clip: area)
            } else {
                buffer.write(TextFit.truncate(text, to: interior), x: x0 + 1, y: y0, style: theme.title, clip: area)
            }
        }

        // Badges: " TEXT " each, separated by "─", one "─" before the corner.
        var used = tw > 0 ? tw + 3 : 0
        var shown: [Span] = []
        for badge in badges.prefix(2) {
            let t = WidgetText.clean(badge.text)
            let need = t.displayWidth + 3
            guard need > 3 else { continue }
            guard titleFits, used + need + 1 <= interior else { break }
            shown.append(Span(t, style: badge.style))
            used += need
        }
        var x = x1 - 1
        for badge in shown.reversed() {
            let w = badge.text.displayWidth + 2
            x -= w
            buffer.write(" " + badge.text + " ", x: x, y: y0, style: badge.style, clip: area)
            x -= 1
        }

        // Footer: " text " right-aligned, one "─" before the corner; only when
        // the title is whole and at least a few columns of it can show.
        if let footer, titleFits {
            let f = WidgetText.clean(footer)
            let fw = f.displayWidth
            let room = interior - 4
            if fw > 0, room >= min(fw, 3) {
                let shownFooter = TextFit.truncate(f, to: room)
                let w = shownFooter.displayWidth
                let start = x1 - 2 - w
                buffer.set(x: start - 1, y: y1, symbol: " ", style: style, clip: area)
                buffer.write(shownFooter, x: start, y: y1, style: theme.muted, clip: area)
                buffer.set(x: start + w, y: y1, symbol: " ", style: style, clip: area)
            }
        }
    }
}
