/// Small helpers the panes share: number wording by language, month names,
/// section headings.
enum PaneKit {
    /// The shape most panes share: on a wide area a side part (a table or
    /// bars) takes a right-hand column; otherwise it is the last slot of the
    /// main column's stack.
    struct Split {
        let wide: Bool
        /// The left column when wide, else the whole area.
        let main: Rect
        private let side: Rect

        /// Wide from `wideFrom` columns; the main column then takes `share`
        /// (numerator, denominator) of them.
        init(_ area: Rect, wideFrom: Int, share: (Int, Int) = (1, 2)) {
            wide = area.width >= wideFrom
            if wide {
                let (left, right) = area.splitLeft(area.width * share.0 / share.1)
                main = left
                side = right.inset(left: 2)
            } else {
                main = area
                side = .zero
            }
        }

        /// The stack slot for the side part: nothing when it has its own column.
        func slot(min: Int = 3, ideal: Int, flexible: Bool = true, priority: Int) -> Stack.Item {
            wide ? .init(min: 0, ideal: 0, priority: priority) : .init(min: min, ideal: ideal, flexible: flexible, priority: priority)
        }

        /// Where the side part goes: its column, or the stack row given.
        func side(orRow row: Rect) -> Rect { wide ? side : row }
    }

    /// One part of a pane: its share of the rows and how it draws.
    struct Part {
        var item: Stack.Item
        var draw: (Rect, inout Buffer) -> Void
    }

    /// Parts below this priority are the core: they share the rows as
    /// `Stack` shares them (every minimum first, then ideals). The extras
    /// (zoomed detail, gaps) take what is left, most important first.
    static let extraPriority = 50

    /// Draws `parts` top to bottom in the rows `Stack` gives the core and
    /// what is left gives the extras.
    static func flow(_ parts: [Part], in area: Rect, buffer: inout Buffer) {
        let core = parts.map { $0.item.priority < extraPriority ? $0.item : Stack.Item(min: 0, ideal: 0, priority: $0.item.priority) }
        var sizes = Stack.allocate(area.height, core)
        var room = area.height - sizes.reduce(0, +)
        for i in parts.indices.sorted(by: { (parts[$0].item.priority, $0) < (parts[$1].item.priority, $1) })
        where parts[i].item.priority >= extraPriority && parts[i].item.min <= room {
            sizes[i] = min(parts[i].item.ideal, room)
            room -= sizes[i]
        }
        var y = area.y
        for (part, h) in zip(parts, sizes) where h > 0 {
            part.draw(Rect(x: area.x, y: y, width: area.width, height: h), &buffer)
            y += h
        }
    }

    /// A one-row part of spans (see `line`).
    static func linePart(_ spans: Line, priority: Int) -> Part {
        Part(item: .init(min: 1, priority: priority)) { line(spans, in: $0, buffer: &$1) }
    }

    /// Two parts side by side (a gap of 2 between), as one part as tall as the taller.
    static func pair(_ left: Part, _ right: Part, priority: Int) -> Part {
        let h = max(left.item.ideal, right.item.ideal)
        return Part(item: .init(min: max(left.item.min, right.item.min), ideal: h, priority: priority)) { area, buffer in
            let (l, r) = area.splitLeft(area.width / 2)
            left.draw(l.inset(right: 1), &buffer)
            right.draw(r.inset(left: 1), &buffer)
        }
    }

    /// A blank row, the first part to go.
    static var gap: Part { Part(item: .init(min: 1, priority: 99)) { _, _ in } }

    /// A count in the short form of the UI language: 183만 / 1.83M.
    static func short(_ value: Int, _ s: Strings) -> String { s.short(value) }

    static func short(_ value: Double, _ s: Strings) -> String { s.short(value) }

    /// `2023-09` → `9월` / `Sep`; anything else as written.
    static func month(_ text: SafeText, _ s: Strings) -> String {
        guard let m = CalendarDate.parseMonth(text.value) else { return text.value }
        return s.monthName(m.month)
    }

    /// Columns for a `VerticalBarChart` of a calendar-month series, one per
    /// month (a missing month is an empty column with its label and "–"):
    /// the newest months whose columns are at least 3 cells wide in `width`
    /// (with the chart's one-cell gap), labelled `10월` / `Oct`, or `10` in
    /// Korean when a column is under 4 cells.
    /// `mark` is appended to the value (a `*` for a figure from a second source).
    static func monthColumns(_ months: [(month: String, value: Int?, mark: String)], width: Int, _ s: Strings) -> [BarChart.Row] {
        let fit = max(1, (width + 1) / 4)
        let shown = months.suffix(fit)
        let column = shown.isEmpty ? 0 : min(6, (width + 1) / shown.count - 1)
        // The marks only when every marked value still fits its column.
        let marksFit = shown.allSatisfy { entry in entry.value.map { NumberFormat.grouped($0).displayWidth + entry.mark.displayWidth <= column } ?? true }
        return shown.map { entry in
            let label = CalendarDate.parseMonth(entry.month).map { s.monthName($0.month, narrow: column < 4) } ?? entry.month
            guard let value = entry.value else { return BarChart.Row(label, .nan, valueText: NumberFormat.invalid) }
            return BarChart.Row(label, Double(value), valueText: NumberFormat.grouped(value) + (marksFit ? entry.mark : ""))
        }
    }

    /// `2023-09` → `23.09` (a short axis label).
    static func monthAxis(_ text: SafeText) -> String {
        guard let m = CalendarDate.parseMonth(text.value) else { return text.value }
        return "\(m.year % 100).\(m.month < 10 ? "0" : "")\(m.month)"
    }

    /// `2023-09-30` → `09.30`.
    static func dayAxis(_ text: SafeText) -> String {
        let v = text.value
        guard v.count == 10 else { return v }
        return String(v.dropFirst(5).map { $0 == "-" ? "." : $0 })
    }

    /// Room for the large layouts (a zoomed pane, a big screen slot): these
    /// show more figures instead of stretching the normal ones.
    static func isLarge(_ area: Rect) -> Bool { area.width >= 100 && area.height >= 30 }

    /// A programme budget as published: a heading with its date, the line's
    /// name and amount, then the committed and paid rates as gauges. 4 rows.
    static func budget(_ b: ProgrammeBudget, in area: Rect, buffer: inout Buffer, _ s: Strings, theme: Theme) {
        let rows = Stack.rows(area, [.init(min: 1, priority: 0), .init(min: 1, priority: 1), .init(min: 1, priority: 0), .init(min: 1, priority: 0)])
        heading(s.budget(b.asOf.value), in: rows[0], buffer: &buffer, theme: theme)
        let name = s.dataText(b.programme, b.programmeEn)
        // The amount whole first; the line's name after it, cut with "…" if it must be.
        let x = lineOfWholeParts(
            [
                Span("\(s.budgetAmount) ", style: theme.muted), Span(NumberFormat.grouped(b.amountThousandWon), style: theme.figure),
                Span(" \(s.thousandWon)", style: theme.muted)
            ], in: rows[1], buffer: &buffer)
        if x < rows[1].maxX - 3 {
            line([Span(" · \(name.value)", style: theme.muted)], in: Rect(x: x, y: rows[1].y, width: rows[1].maxX - x, height: rows[1].height), buffer: &buffer)
        }
        // The rates as published (the validator checks them against the amounts).
        for (row, label, part, rate) in [
            (rows[2], s.committed, b.committedThousandWon, b.committedPercent), (rows[3], s.paid, b.paidThousandWon, b.paidPercent)
        ] {
            let ratio = Double(part) / Double(max(1, b.amountThousandWon))
            buffer.draw(Gauge(ratio, label: "\(label) \(NumberFormat.grouped(part))", text: NumberFormat.decimal(rate, places: 1) + "%", theme: theme), in: row)
        }
    }

    /// Works against their plans, one gauge each ("393 / 700"), under a heading with their date.
    static func works(_ items: [WorkProgress], in area: Rect, buffer: inout Buffer, _ s: Strings, theme: Theme) {
        guard let first = items.first, area.height > 1 else { return }
        let dates = Set(items.map(\.asOf.value))
        heading(
            s.works(dates.count == 1 ? first.asOf.value : dates.sorted().joined(separator: ", ")), in: Rect(x: area.x, y: area.y, width: area.width, height: 1),
            buffer: &buffer, theme: theme)
        let labels = items.map { s.dataText($0.name, $0.nameEn).value }
        let labelWidth = labels.map(\.displayWidth).max() ?? 0
        for (i, item) in items.enumerated() where i + 1 < area.height {
            let label = labels[i] + String(repeating: " ", count: labelWidth - labels[i].displayWidth)
            buffer.draw(
                Gauge(item.ratio, label: label, text: "\(NumberFormat.grouped(item.done)) / \(NumberFormat.grouped(item.planned))", theme: theme),
                in: Rect(x: area.x, y: area.y + 1 + i, width: area.width, height: 1))
        }
    }

    /// A one-line heading in the muted style.
    static func heading(_ text: String, in area: Rect, buffer: inout Buffer, theme: Theme) {
        guard area.height > 0 else { return }
        buffer.write(text, x: area.x, y: area.y, maxWidth: area.width, style: theme.muted.bold, clip: area)
    }

    /// Spans on one row, left to right, fitted as one text
    /// (`Line.truncated(to:)`, `TextFit`'s rules): a figure that does not fit
    /// is left out whole, with its label when the row is made of groups
    /// (" · ", two spaces), whichever span it falls in.
    static func line(_ line: Line, in area: Rect, buffer: inout Buffer) {
        guard area.height > 0, area.width > 0 else { return }
        line.truncated(to: area.width).draw(x: area.x, y: area.y, clip: area, buffer: &buffer)
    }

    /// Spans on one row, left to right, each drawn whole or not at all
    /// (from the first that does not fit on): no figure is cut.
    /// Returns the column after the last span drawn.
    @discardableResult
    static func lineOfWholeParts(_ line: Line, in area: Rect, buffer: inout Buffer) -> Int {
        guard area.height > 0 else { return area.x }
        return line.wholeSpans(fitting: area.maxX - area.x).draw(x: area.x, y: area.y, clip: area, buffer: &buffer)
    }

    /// Splits off a heading row from the top when there is room for content under it.
    static func titled(_ area: Rect, minContent: Int) -> (heading: Rect?, content: Rect) {
        guard area.height > minContent else { return (nil, area) }
        let (top, rest) = area.splitTop(1)
        return (top, rest)
    }
}
