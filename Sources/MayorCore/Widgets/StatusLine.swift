/// One status row with left, centre and right parts, each a `Line` of
/// spans, on a background style:
///
///     서울시 디지털 시장실     교통 · 3/7               14:05 LIVE
///
/// The centre is centred on the row when it can be, else placed between the
/// left and right parts; one space separates the parts.
///
/// Degrades: when the parts do not fit, the centre is truncated with "…"
/// first (and dropped below 3 columns), then the left; the right part stays
/// whole unless it alone is wider than the row.
public struct StatusLine: Widget, Sendable {
    public var left: Line
    public var center: Line
    public var right: Line
    public var background: Style

    public init(left: Line = [], center: Line = [], right: Line = [], background: Style = .plain) {
        self.left = left
        self.center = center
        self.right = right
        self.background = background
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        buffer.widgetFill(row, clip: area, style: background)
        let (l, c, r) = (Self.clean(left), Self.clean(center), Self.clean(right))
        let width = row.width
        let rw = min(Self.width(r), width)
        let rest = width - rw - (rw > 0 ? 1 : 0)  // room for left and centre
        let lw = min(Self.width(l), max(0, rest))
        var cw = Self.width(c)
        let centreRoom = rest - lw - (lw > 0 ? 1 : 0)
        if cw > centreRoom { cw = centreRoom >= 3 ? centreRoom : 0 }

        Self.draw(r, width: rw, x: row.maxX - rw, y: row.y, clip: area, buffer: &buffer)
        Self.draw(l, width: lw, x: row.x, y: row.y, clip: area, buffer: &buffer)
        if cw > 0 {
            let lo = row.x + lw + (lw > 0 ? 1 : 0)
            let hi = row.x + rest - cw
            let x = min(max(row.x + (width - cw) / 2, lo), hi)
            Self.draw(c, width: cw, x: x, y: row.y, clip: area, buffer: &buffer)
        }
    }

    private static func clean(_ line: Line) -> Line {
        Line(line.cleaned.spans.filter { !$0.text.isEmpty })
    }

    private static func width(_ line: Line) -> Int { line.width }

    /// Draws `line` from `x` within `width` columns, the span crossing the
    /// limit truncated with "…" and the rest left out.
    private static func draw(_ line: Line, width: Int, x: Int, y: Int, clip: Rect, buffer: inout Buffer) {
        guard width > 0 else { return }
        let limit = Rect(x: x, y: y, width: width, height: 1).intersection(clip)
        let cut = Self.width(line) > width
        var col = x
        var left = width
        for segment in line.spans where left > 0 {
            let w = segment.text.displayWidth
            if cut && w >= left {
                // More follows that cannot show: end with "…" in this segment's
                // style (TextFit's rule: a figure is left out whole, never cut).
                buffer.write(TextFit.truncate(segment.text + " …", to: left), x: col, y: y, style: segment.style, clip: limit)
                return
            }
            buffer.write(segment.text, x: col, y: y, style: segment.style, clip: limit)
            col += w
            left -= w
        }
    }
}
