/// A line chart drawn in braille (each cell holds 2×4 dots, U+2800 + dot
/// bits), one or more series, each in its own style:
///
///     9┤             ⢀⢄       ⡰⠑⡄
///      │            ⢠⠊ ⠣⡀    ⡜  ⠈⢢
///      │   ⢀⠔⢄     ⡰⠁   ⠘⢄ ⢀⠎     ⠑⡄
///      │  ⡰⠁  ⠑⠢⡀⢀⠜       ⠣⠃       ⠈
///     1┤⡠⠊      ⠈⠊
///       08:00      13:00       18:00
///
/// Points are spread evenly across the plot width and joined by straight
/// lines, so the line is continuous even with fewer points than dot columns;
/// a NaN or ∞ breaks the line. The y scale is `yRange`, else the finite
/// minimum and maximum of all series. The y-axis labels (maximum at the top,
/// minimum at the bottom) use `yFormat`, by default `NumberFormat.compact`;
/// the x-axis row shows `xLabels`: the first at the left, the last at the
/// right, a middle one (when given three) in the centre.
///
/// Degrades: drops the x-axis row below 4 rows, the y axis below 12 columns
/// (or when it would take more than a third of the width), and a middle or
/// last x label that would collide with another. Where series overlap, the
/// later series' style colours the shared cell.
///
/// With the tty or ascii glyphs (`theme.glyphs`) a cell holds 1×2 dots drawn
/// as half blocks `▀▄█` (or `'.:`) instead of braille, and the axis is `│┤`
/// (or `|+`).
public struct LineChart: Widget, Sendable {
    public struct Series: Sendable {
        public var values: [Double]
        public var style: Style
        public init(_ values: [Double], style: Style) {
            self.values = values
            self.style = style
        }
    }

    public var series: [Series]
    public var yRange: ClosedRange<Double>?
    public var xLabels: [String]
    public var yFormat: @Sendable (Double) -> String
    public var theme: Theme

    public init(
        _ series: [Series], yRange: ClosedRange<Double>? = nil, xLabels: [String] = [],
        yFormat: @escaping @Sendable (Double) -> String = { NumberFormat.compact($0) }, theme: Theme = .color
    ) {
        self.series = series
        self.yRange = yRange
        self.xLabels = xLabels
        self.yFormat = yFormat
        self.theme = theme
    }

    /// Cells by dot bits (bit `row * across + column`), for each glyph mode.
    static let dotCells: [GlyphMode: [String]] = Dictionary(
        uniqueKeysWithValues: GlyphMode.allCases.map { mode in
            let g = GlyphSet(mode: mode)
            return (mode, (0..<(1 << (g.dotsAcross * g.dotsDown))).map(g.dotCell))
        })

    public func render(in area: Rect, buffer: inout Buffer) {
        guard !area.isEmpty else { return }
        var lo = yRange?.lowerBound ?? .infinity
        var hi = yRange?.upperBound ?? -.infinity
        if yRange == nil {
            for s in series {
                for v in s.values where v.isFinite {
                    lo = min(lo, v)
                    hi = max(hi, v)
                }
            }
        }
        let hasData = lo.isFinite && hi.isFinite

        // Axes.
        let showX = area.height >= 4 && !xLabels.isEmpty
        let plotRows = area.height - (showX ? 1 : 0)
        var gutter = 0
        var topLabel = ""
        var bottomLabel = ""
        if hasData, area.width >= 12, plotRows >= 2 {
            topLabel = WidgetText.clean(yFormat(hi))
            bottomLabel = WidgetText.clean(yFormat(lo))
            let w = max(topLabel.displayWidth, bottomLabel.displayWidth) + 1
            if w * 3 <= area.width { gutter = w }
        }
        let plot = Rect(x: area.x + gutter, y: area.y, width: area.width - gutter, height: plotRows)
        if gutter > 0 {
            let axis = theme.muted
            buffer.widgetFill(
                Rect(x: plot.x - 1, y: plot.y, width: 1, height: plot.height), clip: area,
                symbol: theme.glyphs.vertical, style: axis)
            for (label, y) in [(topLabel, plot.y), (bottomLabel, plot.maxY - 1)] {
                buffer.write(label, x: plot.x - 1 - label.displayWidth, y: y, style: axis, clip: area)
                buffer.set(x: plot.x - 1, y: y, symbol: theme.glyphs.axisTick, style: axis, clip: area)
            }
        }
        if showX { drawXLabels(in: Rect(x: plot.x, y: area.maxY - 1, width: plot.width, height: 1), area: area, buffer: &buffer) }
        guard hasData, !plot.isEmpty else { return }

        // Dots: one bit grid for the plot plus the index of the series owning each cell.
        let (across, down) = (theme.glyphs.dotsAcross, theme.glyphs.dotsDown)
        let cells = Self.dotCells[theme.glyphs.mode]!
        let dotsW = plot.width * across
        let dotsH = plot.height * down
        var bits = [UInt8](repeating: 0, count: plot.width * plot.height)
        var owner = [Int](repeating: -1, count: bits.count)
        for (index, s) in series.enumerated() where !s.values.isEmpty {
            let n = s.values.count
            func point(_ i: Int) -> (Int, Int)? {
                let v = s.values[i]
                guard v.isFinite else { return nil }
                let x = n == 1 ? dotsW / 2 : Int((Double(i) * Double(dotsW - 1) / Double(n - 1)).rounded())
                let y = dotsH - 1 - Int((widgetNormalize(v, lo, hi) * Double(dotsH - 1)).rounded())
                return (x, y)
            }
            func dot(_ x: Int, _ y: Int) {
                let cell = (y / down) * plot.width + x / across
                bits[cell] |= UInt8(1 << ((y % down) * across + x % across))
                owner[cell] = index
            }
            var previous = point(0)
            if let p = previous { dot(p.0, p.1) }
            for i in 1..<max(1, n) {
                let current = point(i)
                if let a = previous, let b = current { line(a, b, dot) } else if let b = current { dot(b.0, b.1) }
                previous = current
            }
        }
        for row in 0..<plot.height {
            for col in 0..<plot.width {
                let i = row * plot.width + col
                guard bits[i] != 0 else { continue }
                buffer.set(
                    x: plot.x + col, y: plot.y + row, symbol: cells[Int(bits[i])],
                    style: series[owner[i]].style, clip: area)
            }
        }
    }

    /// Bresenham's line from `a` to `b`, both ends included.
    private func line(_ a: (Int, Int), _ b: (Int, Int), _ dot: (Int, Int) -> Void) {
        var (x, y) = a
        let dx = abs(b.0 - x)
        let dy = -abs(b.1 - y)
        let sx = x < b.0 ? 1 : -1
        let sy = y < b.1 ? 1 : -1
        var err = dx + dy
        while true {
            dot(x, y)
            if x == b.0 && y == b.1 { return }
            let e2 = 2 * err
            if e2 >= dy {
                err += dy
                x += sx
            }
            if e2 <= dx {
                err += dx
                y += sy
            }
        }
    }

    private func drawXLabels(in row: Rect, area: Rect, buffer: inout Buffer) {
        let labels = xLabels.prefix(3).map { WidgetText.fit($0, row.width) }
        guard let first = labels.first else { return }
        let style = theme.muted
        let firstEnd = buffer.write(first, x: row.x, y: row.y, style: style, clip: area)
        var rightStart = row.maxX
        if labels.count >= 2, let last = labels.last {
            let w = last.displayWidth
            if row.maxX - w > firstEnd {
                rightStart = row.maxX - w
                buffer.write(last, x: rightStart, y: row.y, style: style, clip: area)
            }
        }
        if labels.count == 3 {
            let middle = labels[1]
            let x = row.x + (row.width - middle.displayWidth) / 2
            if x > firstEnd, x + middle.displayWidth < rightStart {
                buffer.write(middle, x: x, y: row.y, style: style, clip: area)
            }
        }
    }
}
