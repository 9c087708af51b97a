/// 공공와이파이: the AP total as the big figure, usage in the latest month with
/// its change, daily users over the months, and APs by installation category.
public struct WifiPane: Pane {
    public init() {}
    public let id = "wifi"
    public let kind = SnapshotKind.wifi
    public func title(_ s: Strings) -> String { s.wifiTitle }
    public var minimumSize: Size { Size(width: 24, height: 6) }

    public func render(_ snapshot: Snapshot, context c: PaneContext, in area: Rect, buffer: inout Buffer) {
        guard let wifi = snapshot.wifi else { return }
        let s = c.strings, theme = c.theme
        let total = NumberFormat.grouped(wifi.apTotal)
        let label = "\(s.accessPoints) \(total) · \(s.fixed) \(NumberFormat.grouped(wifi.total(of: .fixed))) · \(s.mobile) \(NumberFormat.grouped(wifi.total(of: .mobile)))"

        // The change is against the calendar month before, never just the previous entry.
        let latest = wifi.latestAndPrevious?.latest
        let previous = wifi.latestAndPrevious?.previous
        let split = PaneKit.Split(area, wideFrom: 90, share: (11, 20))
        let rows = Stack.rows(split.main, [
            .init(min: 2, ideal: 7, priority: 0),                       // big figure
            .init(min: 1, priority: 1),                                 // latest month usage
            .init(min: 5, ideal: 12, flexible: true, max: 16, priority: 3), // users chart
            split.slot(ideal: wifi.apCategories.count + 1, priority: 2),
        ])
        buffer.draw(BigFigure(total, label: label, theme: theme), in: rows[0])

        if let latest {
            var parts: [(String, Style)] = [
                ("\(PaneKit.month(latest.month, s)) \(s.dailyUsers) ", theme.muted),
                (PaneKit.short(latest.dailyUsers, s), theme.figure),
            ]
            if let previous, let change = NumberFormat.signedPercentChange(from: Double(previous.dailyUsers), to: Double(latest.dailyUsers)) {
                let up = latest.dailyUsers >= previous.dailyUsers
                parts.append((" \(up ? "▲" : "▼")\(change) ", up ? theme.positive : theme.negative))
                parts.append(("(\(s.versus(PaneKit.month(previous.month, s))))", theme.muted))
            }
            parts.append(("  \(s.dailyData) ", theme.muted))
            parts.append(("\(NumberFormat.decimal(latest.dailyTB, places: 0))TB", theme.figure))
            PaneKit.line(parts, in: rows[1], buffer: &buffer)
        }

        let (chartHeading, chartArea) = PaneKit.titled(rows[2], minContent: 4)
        if let chartHeading { PaneKit.heading("\(s.dailyUsers) (\(s.language == .ko ? "월별" : "by month"))", in: chartHeading, buffer: &buffer, theme: theme) }
        // One point per calendar month; a missing month is a gap in the line.
        let months = wifi.byMonth
        let users = months.map { $0.value.map { Double($0.dailyUsers) } ?? .nan }
        let xLabels = [months.first, months.last].compactMap { $0.map { PaneKit.monthAxis(SafeText($0.month)) } }
        let language = s.language
        buffer.draw(LineChart([.init(users, style: theme.accent)], xLabels: xLabels,
                              yFormat: { language == .ko ? NumberFormat.compactKorean($0) : NumberFormat.compact($0) }, theme: theme), in: chartArea)

        let barsArea = split.side(orRow: rows[3])
        let (barsHeading, bars) = PaneKit.titled(barsArea, minContent: 2)
        if let barsHeading { PaneKit.heading(s.byCategory, in: barsHeading, buffer: &buffer, theme: theme) }
        let categoryRows = wifi.apCategories.map { category -> BarChart.Row in
            let name = s.language == .en ? (category.nameEn ?? category.name) : category.name
            return BarChart.Row(name.value, Double(category.count), style: category.group == .mobile ? theme.barAlt : theme.bar)
        }
        buffer.draw(BarChart(categoryRows, maxLabelWidth: 14, theme: theme), in: bars)
    }
}
