/// 공공와이파이: the AP total as the big figure, usage in the latest month with
/// its change against the calendar month before, daily users over the months,
/// and APs by installation category. A large pane (zoomed) adds daily data by
/// month, APs by group, a table of the months, the budget and the works.
public struct WifiPane: Pane {
    public init() {}
    public let id = "wifi"
    public func title(_ s: Strings) -> String { s.wifiTitle }
    public var minimumSize: Size { Size(width: 24, height: 6) }

    /// A file from `mayor fetch`: the APs' date and source, and the usage
    /// series' own date (carried over from the report), so neither is
    /// taken for the other's; the agency left out when narrow.
    public func provenance(_ wifi: WifiContent, snapshot: Snapshot, strings s: Strings, width: Int) -> String? {
        guard let usage = wifi.usageSource, let usageAsOf = usage.asOf else { return nil }
        let envelope = snapshot.envelope
        let long = "\(s.asOf) \(envelope.asOf.value) · \(s.source): \(envelope.source.agency.value) · \(s.usageAsOf) \(usageAsOf.value)"
        return long.displayWidth <= width ? long : "\(s.asOf) \(envelope.asOf.value) · \(s.usageAsOf) \(usageAsOf.value)"
    }

    public func render(_ wifi: WifiContent, snapshot: Snapshot, context c: PaneContext, in area: Rect, buffer: inout Buffer) {
        if PaneKit.isLarge(area) {
            renderLarge(wifi, context: c, in: area, buffer: &buffer)
            return
        }
        let s = c.strings
        let theme = c.theme
        let split = PaneKit.Split(area, wideFrom: 90, share: (11, 20))
        let rows = Stack.rows(
            split.main,
            [
                .init(min: 2, ideal: 7, priority: 0),  // big figure
                .init(min: 1, priority: 1),  // latest month usage
                .init(min: 5, ideal: 12, flexible: true, max: 16, priority: 3),  // users chart
                split.slot(ideal: wifi.apCategories.count + 1, priority: 2)
            ])
        drawHeadline(wifi, s, theme, figure: rows[0], usage: rows[1], buffer: &buffer)
        drawUsers(wifi, s, theme, in: rows[2], buffer: &buffer)
        drawCategories(wifi, s, theme, in: split.side(orRow: rows[3]), buffer: &buffer)
    }

    /// Two columns: the figures, the users chart and the months table on the
    /// left; the categories, groups, daily data, budget and works on the right.
    func renderLarge(_ wifi: WifiContent, context c: PaneContext, in area: Rect, buffer: inout Buffer) {
        let s = c.strings
        let theme = c.theme
        let (leftArea, rest) = area.splitLeft(area.width * 11 / 20)
        let rightArea = rest.inset(left: 2)
        let months = wifi.byMonth
        let works = wifi.upkeep ?? []
        let left = Stack.rows(
            leftArea,
            [
                .init(min: 2, ideal: 7, priority: 0),
                .init(min: 1, priority: 1),
                .init(min: 1, priority: 5),  // space
                .init(min: 5, ideal: 12, flexible: true, priority: 2),  // users
                .init(min: 1, priority: 5),  // space
                .init(min: 4, ideal: months.count + 2, priority: 3)  // months table
            ])
        drawHeadline(wifi, s, theme, figure: left[0], usage: left[1], buffer: &buffer)
        drawUsers(wifi, s, theme, in: left[3], buffer: &buffer)

        var rightSlots: [Stack.Item] = [
            .init(min: 3, ideal: wifi.apCategories.count + 1, priority: 0),
            .init(min: 1, priority: 6),
            .init(min: 3, ideal: 3, priority: 3),  // by group
            .init(min: 1, priority: 6),
            .init(min: 5, ideal: 8, flexible: true, priority: 4),  // daily data
            .init(min: 1, priority: 6),
            .init(min: wifi.budget == nil ? 0 : 4, priority: 1),  // budget
            .init(min: 1, priority: 6),
            .init(min: works.isEmpty ? 0 : works.count + 1, priority: 2)
        ]
        // A file from `mayor fetch` has APs by district: a chart of its own.
        let districtRows = Self.districtRows(wifi, s, theme)
        if !districtRows.isEmpty {
            rightSlots.append(.init(min: 1, priority: 6))
            rightSlots.append(.init(min: 4, ideal: districtRows.count + 1, priority: 1))
        }
        let right = Stack.rows(rightArea, rightSlots)
        if right.count > 10 {
            let (heading, bars) = PaneKit.titled(right[10], minContent: 2)
            if let heading { PaneKit.heading(s.apsByDistrict, in: heading, buffer: &buffer, theme: theme) }
            buffer.draw(BarChart(districtRows, maxLabelWidth: 14, theme: theme, language: s.language), in: bars)
        }
        let (dataHeading, dataArea) = PaneKit.titled(right[4], minContent: 3)
        if let dataHeading { PaneKit.heading(s.dailyDataByMonth, in: dataHeading, buffer: &buffer, theme: theme) }
        let tb = wifi.byMonth.map { entry -> BarChart.Row in
            let label = PaneKit.month(SafeText(entry.month), s)
            guard let m = entry.value else { return BarChart.Row(label, .nan, valueText: NumberFormat.invalid) }
            return BarChart.Row(label, m.dailyTB, valueText: NumberFormat.decimal(m.dailyTB, places: 0))
        }
        buffer.draw(VerticalBarChart(tb, highlight: tb.count - 1, theme: theme), in: dataArea)

        drawCategories(wifi, s, theme, in: right[0], buffer: &buffer)

        let (groupHeading, groupBars) = PaneKit.titled(right[2], minContent: 1)
        if let groupHeading { PaneKit.heading(s.byGroup, in: groupHeading, buffer: &buffer, theme: theme) }
        buffer.draw(
            BarChart(
                [
                    BarChart.Row(s.fixed, Double(wifi.total(of: .fixed)), style: theme.bar),
                    BarChart.Row(s.mobile, Double(wifi.total(of: .mobile)), style: theme.barAlt)
                ], maxLabelWidth: 14, theme: theme, language: s.language), in: groupBars)

        let (tableHeading, tableArea) = PaneKit.titled(left[5], minContent: 2)
        if let tableHeading { PaneKit.heading(s.byMonthTable, in: tableHeading, buffer: &buffer, theme: theme) }
        let tableRows = months.reversed().map { entry -> Table.Row in
            let label = PaneKit.monthAxis(SafeText(entry.month))
            guard let m = entry.value else { return Table.Row([label, NumberFormat.invalid, NumberFormat.invalid]) }
            return Table.Row([label, NumberFormat.grouped(m.dailyUsers), NumberFormat.decimal(m.dailyTB, places: 0) + " TB"])
        }
        buffer.draw(
            Table(
                columns: [
                    Table.Column(s.month, minWidth: 5, maxWidth: 8),
                    Table.Column(s.dailyUsers, alignment: .right, minWidth: 9, weight: 1),
                    Table.Column(s.dailyData, alignment: .right, minWidth: 6, weight: 1)
                ], rows: tableRows, theme: theme), in: tableArea)

        if let budget = wifi.budget { PaneKit.budget(budget, in: right[6], buffer: &buffer, s, theme: theme) }
        PaneKit.works(works, in: right[8], buffer: &buffer, s, theme: theme)
    }

    /// The districts, most APs first, then the places outside Seoul together.
    static func districtRows(_ wifi: WifiContent, _ s: Strings, _ theme: Theme) -> [BarChart.Row] {
        guard let districts = wifi.districts else { return [] }
        var rows = districts.sorted { $0.count > $1.count || ($0.count == $1.count && $0.name.value < $1.name.value) }.map {
            BarChart.Row($0.name.value, Double($0.count), style: theme.bar)
        }
        let outside = Exact.sum((wifi.outsideSeoul ?? []).map(\.count))
        if outside > 0 { rows.append(BarChart.Row(s.outsideSeoul, Double(outside), style: theme.barAlt)) }
        return rows
    }

    func drawHeadline(_ wifi: WifiContent, _ s: Strings, _ theme: Theme, figure: Rect, usage: Rect, buffer: inout Buffer) {
        let total = NumberFormat.grouped(wifi.apTotal)
        let label =
            "\(s.accessPoints) \(total) · \(s.fixed) \(NumberFormat.grouped(wifi.total(of: .fixed))) · \(s.mobile) \(NumberFormat.grouped(wifi.total(of: .mobile)))"
        buffer.draw(BigFigure(total, label: label, theme: theme), in: figure)

        // The change is against the calendar month before, never just the previous entry.
        guard let (latest, previous) = wifi.latestAndPrevious else { return }
        var parts: Line = [
            Span("\(PaneKit.month(latest.month, s)) \(s.dailyUsers) ", style: theme.muted),
            Span(PaneKit.short(latest.dailyUsers, s), style: theme.figure)
        ]
        if let previous, let change = NumberFormat.signedPercentChange(from: Double(previous.dailyUsers), to: Double(latest.dailyUsers)) {
            let up = latest.dailyUsers >= previous.dailyUsers
            parts.append(Span(" \(up ? "▲" : "▼")\(change) ", style: up ? theme.positive : theme.negative))
            parts.append(Span("(\(s.versus(PaneKit.month(previous.month, s))))", style: theme.muted))
        }
        parts.append(Span("  \(s.dailyData) ", style: theme.muted))
        parts.append(Span("\(NumberFormat.decimal(latest.dailyTB, places: 0))TB", style: theme.figure))
        PaneKit.line(parts, in: usage, buffer: &buffer)
    }

    func drawUsers(_ wifi: WifiContent, _ s: Strings, _ theme: Theme, in area: Rect, buffer: inout Buffer) {
        let (chartHeading, chartArea) = PaneKit.titled(area, minContent: 4)
        if let chartHeading { PaneKit.heading("\(s.dailyUsers) (\(s.byMonth))", in: chartHeading, buffer: &buffer, theme: theme) }
        // One point per calendar month; a missing month is a gap in the line.
        let months = wifi.byMonth
        let users = months.map { $0.value.map { Double($0.dailyUsers) } ?? .nan }
        let xLabels = [months.first, months.last].compactMap { $0.map { PaneKit.monthAxis(SafeText($0.month)) } }
        buffer.draw(
            LineChart(
                [.init(users, style: theme.accent)], xLabels: xLabels,
                yFormat: { s.short($0) }, theme: theme), in: chartArea)
    }

    func drawCategories(_ wifi: WifiContent, _ s: Strings, _ theme: Theme, in area: Rect, buffer: inout Buffer) {
        let (barsHeading, bars) = PaneKit.titled(area, minContent: 2)
        if let barsHeading { PaneKit.heading(s.byCategory, in: barsHeading, buffer: &buffer, theme: theme) }
        let categoryRows = wifi.apCategories.map { category -> BarChart.Row in
            let name = s.dataText(category.name, category.nameEn)
            return BarChart.Row(name.value, Double(category.count), style: category.group == .mobile ? theme.barAlt : theme.bar)
        }
        buffer.draw(BarChart(categoryRows, maxLabelWidth: 14, theme: theme, language: s.language), in: bars)
    }
}
