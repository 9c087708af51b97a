/// A table: a header row in `theme.header`, then rows of text (the caller
/// formats numbers; columns give the alignment), one space between columns:
///
///     구          승차      하차
///     강남구    31,245    30,118
///     Mapo-gu    9,870     9,902
///
/// Column widths come from display widths, so Korean text lines up: every
/// column boundary is at the same screen column on every row. Each column is
/// as wide as its widest cell or title, capped at `maxWidth`; columns with a
/// `weight` share any spare width in proportion. Cells are truncated with "…"
/// by display width (never splitting a wide character). `highlight` marks a
/// row; `Row.styles` styles single cells.
///
/// Degrades: when the columns do not fit, the widest column that is still
/// above its `minWidth` shrinks first, one step at a time; when all are at
/// their minimum, the last column is squeezed if it keeps at least 3 cells,
/// else dropped (and so on leftwards). Rows that do not fit are not shown; the
/// header is shown only with room for at least one data row too.
public struct Table: Widget, Sendable {
    public struct Column: Sendable, Hashable {
        public var title: String
        public var alignment: WidgetAlignment
        public var minWidth: Int
        public var maxWidth: Int?
        public var weight: Int

        public init(
            _ title: String, alignment: WidgetAlignment = .left, minWidth: Int = 3,
            maxWidth: Int? = nil, weight: Int = 0
        ) {
            self.title = title
            self.alignment = alignment
            self.minWidth = minWidth
            self.maxWidth = maxWidth
            self.weight = weight
        }
    }

    public struct Row: Sendable, Hashable {
        public var cells: [String]
        /// Per-cell styles (by column); nil or missing entries use the row's style.
        public var styles: [Style?]
        public var style: Style?

        public init(_ cells: [String], styles: [Style?] = [], style: Style? = nil) {
            self.cells = cells
            self.styles = styles
            self.style = style
        }
    }

    public var columns: [Column]
    public var rows: [Row]
    public var highlight: Int?
    public var showHeader: Bool
    public var theme: Theme

    public init(columns: [Column], rows: [Row], highlight: Int? = nil, showHeader: Bool = true, theme: Theme = .color) {
        self.columns = columns
        self.rows = rows
        self.highlight = highlight
        self.showHeader = showHeader
        self.theme = theme
    }

    public init(columns: [Column], rows: [[String]], highlight: Int? = nil, showHeader: Bool = true, theme: Theme = .color) {
        self.init(columns: columns, rows: rows.map { Row($0) }, highlight: highlight, showHeader: showHeader, theme: theme)
    }

    /// The width of each shown column for a table `width` columns wide; fewer
    /// entries than `columns` when trailing columns were dropped.
    public func columnWidths(for width: Int) -> [Int] {
        columnWidths(
            for: width,
            natural: naturalWidths(
                titles: columns.map { WidgetText.clean($0.title) },
                cells: rows.map { $0.cells.map(WidgetText.clean) }))
    }

    private func naturalWidths(titles: [String], cells: [[String]]) -> [Int] {
        columns.indices.map { i in
            var w = titles[i].displayWidth
            for row in cells where i < row.count { w = max(w, row[i].displayWidth) }
            if let cap = columns[i].maxWidth { w = min(w, max(1, cap)) }
            return max(1, w)
        }
    }

    private func columnWidths(for width: Int, natural: [Int]) -> [Int] {
        var n = columns.count
        while n > 0 {
            var widths = Array(natural.prefix(n))
            let floors = (0..<n).map { min(max(1, columns[$0].minWidth), natural[$0]) }
            var over = widths.reduce(n - 1, +) - width
            while over > 0 {
                // The widest column still above its floor (the rightmost on a tie)
                // shrinks down to the next widest flexible one, or its floor.
                var i = -1
                var next = 0
                for j in widths.indices where widths[j] > floors[j] {
                    if i < 0 || widths[j] >= widths[i] {
                        if i >= 0 { next = max(next, widths[i]) }
                        i = j
                    } else {
                        next = max(next, widths[j])
                    }
                }
                guard i >= 0 else { break }
                let step = max(1, min(over, widths[i] - max(floors[i], next)))
                widths[i] -= step
                over -= step
            }
            if over <= 0 {
                grow(&widths, by: -over)
                return widths
            }
            let squeezed = widths[n - 1] - over
            if squeezed >= min(3, natural[n - 1]) {
                widths[n - 1] = squeezed
                return widths
            }
            if n == 1 { return width > 0 ? [width] : [] }
            n -= 1
        }
        return []
    }

    /// Shares `extra` columns among the weighted columns, within their maximum.
    private func grow(_ widths: inout [Int], by extra: Int) {
        let weights = widths.indices.map { max(0, columns[$0].weight) }
        let total = weights.reduce(0, +)
        guard extra > 0, total > 0 else { return }
        var left = extra
        for i in widths.indices where weights[i] > 0 {
            var add = extra * weights[i] / total
            if let cap = columns[i].maxWidth { add = max(0, min(add, cap - widths[i])) }
            widths[i] += add
            left -= add
        }
        // The remainder of the division goes to the first weighted column with room.
        for i in widths.indices where weights[i] > 0 && left > 0 {
            let room = columns[i].maxWidth.map { max(0, $0 - widths[i]) } ?? left
            let add = min(left, room)
            widths[i] += add
            left -= add
        }
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        guard !area.isEmpty, !columns.isEmpty else { return }
        let titles = columns.map { WidgetText.clean($0.title) }
        let header = showHeader && (area.height >= 2 || rows.isEmpty)
        let visibleRows = rows.prefix(area.height - (header ? 1 : 0))
        // Widths from all rows, not just the visible ones, so they stay put between pages.
        let widths = columnWidths(for: area.width, natural: naturalWidths(titles: titles, cells: rows.map { $0.cells.map(WidgetText.clean) }))
        var xs: [Int] = []
        var x = area.x
        for w in widths {
            xs.append(x)
            x += w + 1
        }

        func drawRow(_ texts: (Int) -> String, y: Int, style: Style, cellStyle: (Int) -> Style?) {
            for (i, w) in widths.enumerated() {
                let cell = Rect(x: xs[i], y: y, width: w, height: 1).intersection(area)
                let text = TextFit.truncate(texts(i), to: w)
                let start = WidgetText.start(xs[i], room: w, width: text.displayWidth, columns[i].alignment)
                buffer.write(text, x: start, y: y, style: cellStyle(i) ?? style, clip: cell)
            }
        }

        var y = area.y
        if header {
            buffer.widgetFill(area.row(0), clip: area, style: theme.header)
            drawRow({ titles[$0] }, y: y, style: theme.header, cellStyle: { _ in nil })
            y += 1
        }
        for (r, row) in visibleRows.enumerated() {
            let highlighted = r == highlight
            let style = highlighted ? theme.accent.reversed : (row.style ?? theme.text)
            if highlighted { buffer.widgetFill(Rect(x: area.x, y: y, width: area.width, height: 1), clip: area, style: style) }
            drawRow(
                { $0 < row.cells.count ? WidgetText.clean(row.cells[$0]) : "" }, y: y, style: style,
                cellStyle: { highlighted || $0 >= row.styles.count ? nil : row.styles[$0] })
            y += 1
        }
    }
}
