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

    /// A count in the short form of the UI language: 183만 / 1.83M.
    static func short(_ value: Int, _ s: Strings) -> String {
        s.language == .ko ? NumberFormat.compactKorean(value) : NumberFormat.compact(value)
    }

    static func short(_ value: Double, _ s: Strings) -> String {
        s.language == .ko ? NumberFormat.compactKorean(value) : NumberFormat.compact(value)
    }

    static let monthsEn = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `2023-09` → `9월` / `Sep`; anything else as written.
    static func month(_ text: SafeText, _ s: Strings) -> String {
        guard let m = CalendarDate.parseMonth(text.value) else { return text.value }
        return s.language == .ko ? "\(m.month)월" : monthsEn[m.month - 1]
    }

    /// Columns for a `VerticalBarChart` of a calendar-month series, one per
    /// month (a missing month is an empty column with its label and "–"):
    /// the newest months whose columns are at least 3 cells wide in `width`
    /// (with the chart's one-cell gap), labelled `10월` / `Oct`, or `10` in
    /// Korean when a column is under 4 cells.
    static func monthColumns(_ months: [(month: String, value: Int?)], width: Int, _ s: Strings) -> [BarChart.Row] {
        let fit = max(1, (width + 1) / 4)
        let shown = months.suffix(fit)
        let column = shown.isEmpty ? 0 : min(6, (width + 1) / shown.count - 1)
        return shown.map { entry in
            var label = month(SafeText(entry.month), s)
            if s.language == .ko, column < 4, let m = CalendarDate.parseMonth(entry.month) { label = "\(m.month)" }
            return BarChart.Row(label, entry.value.map(Double.init) ?? .nan, valueText: entry.value == nil ? NumberFormat.invalid : nil)
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

    /// A one-line heading in the muted style.
    static func heading(_ text: String, in area: Rect, buffer: inout Buffer, theme: Theme) {
        guard area.height > 0 else { return }
        buffer.write(text, x: area.x, y: area.y, maxWidth: area.width, style: theme.muted.bold, clip: area)
    }

    /// Segments (text, style) on one row, left to right. The row is fitted
    /// as one text (`TextFit.truncate`), so a figure that does not fit is
    /// left out whole, with its label when the row is made of groups
    /// (" · ", two spaces), whichever segment it falls in.
    static func line(_ parts: [(String, Style)], in area: Rect, buffer: inout Buffer) {
        guard area.height > 0, area.width > 0 else { return }
        let cleaned = parts.map { (WidgetText.clean($0.0), $0.1) }
        let full = cleaned.map(\.0).joined()
        var fitted = TextFit.truncate(full, to: area.width)
        var ellipsis = false
        if fitted != full, fitted.hasSuffix("…"), !full.utf8.starts(with: fitted.utf8) {
            fitted.removeLast()
            ellipsis = true
        }
        var remaining = fitted.utf8.count
        var x = area.x
        var lastStyle = cleaned.first?.1 ?? .plain
        for (text, style) in cleaned where remaining > 0 {
            let n = min(remaining, text.utf8.count)
            let piece = n == text.utf8.count ? text : String(decoding: text.utf8.prefix(n), as: UTF8.self)
            remaining -= n
            x = buffer.write(piece, x: x, y: area.y, style: style, clip: area)
            lastStyle = style
        }
        if ellipsis { buffer.write("…", x: x, y: area.y, style: lastStyle, clip: area) }
    }

    /// Splits off a heading row from the top when there is room for content under it.
    static func titled(_ area: Rect, minContent: Int) -> (heading: Rect?, content: Rect) {
        guard area.height > minContent else { return (nil, area) }
        let (top, rest) = area.splitTop(1)
        return (top, rest)
    }
}
