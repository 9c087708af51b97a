/// 교통: total daily volume of the latest day as the big figure (with the change
/// against the same weekday a week before), the busiest corridor, volume and
/// speed by corridor with a 30-day trend, and the total over time.
public struct TrafficPane: Pane {
    public init() {}
    public let id = "traffic"
    public let kind = SnapshotKind.traffic
    public func title(_ s: Strings) -> String { s.trafficTitle }
    public var minimumSize: Size { Size(width: 24, height: 6) }

    public func render(_ snapshot: Snapshot, context c: PaneContext, in area: Rect, buffer: inout Buffer) {
        guard let traffic = snapshot.traffic else { return }
        let s = c.strings, theme = c.theme
        // Worked out once per file (a large one has thousands of corridors).
        guard let headline = traffic.headline else { return }
        let complete = traffic.isComplete(headline)
        let summary = traffic.latestDay  // the corridors of the headline date
        let avgSpeed = summary.averageSpeedKmh
        let busiest = summary.busiest.map { traffic.corridors[$0] }
        let corridorCount = traffic.corridors.count

        // "all corridors" only when every corridor reported the day; else its coverage.
        let scope = complete ? s.allCorridors : s.coverage(headline.reporting, of: corridorCount)
        let label = "\(s.dailyVolume) (\(scope)) \(NumberFormat.grouped(headline.volume))\(s.language == .ko ? "대" : "") · \(headline.date.value)"
        // Against the same date 7 days before, only when both days are complete.
        let change = traffic.weekBefore.flatMap { week in
            BigFigure.Change(from: Double(week.volume), to: Double(headline.volume), caption: s.weekBefore(PaneKit.dayAxis(week.date)))
        }
        // A newer date that not every corridor has reported yet: said, not totalled.
        let partial = traffic.newest.flatMap { $0.day > headline.day ? $0 : nil }

        let split = PaneKit.Split(area, wideFrom: 100)
        let rows = Stack.rows(split.main, [
            .init(min: 2, ideal: 8, priority: 0),
            .init(min: partial == nil ? 0 : 1, priority: 1),
            .init(min: 1, priority: 1),
            split.slot(ideal: traffic.corridors.count + 1, priority: 2),
            .init(min: 4, ideal: 10, flexible: true, max: 16, priority: 3),
        ])
        buffer.draw(BigFigure(NumberFormat.grouped(headline.volume), label: label, change: change, theme: theme), in: rows[0])
        if let partial {
            PaneKit.line([(s.partialDay(partial.date.value, partial.reporting, of: corridorCount), theme.warning)], in: rows[1], buffer: &buffer)
        }

        var parts: [(String, Style)] = [("\(s.averageSpeed) ", theme.muted), ("\(NumberFormat.decimal(avgSpeed, places: 1)) km/h", theme.figure)]
        if let busiest, let b = summary.busiest, let i = summary.corridors.firstIndex(of: b) {
            let day = summary.day(i, in: traffic)
            let name = s.language == .en ? (busiest.nameEn ?? busiest.name) : busiest.name
            parts += [("  \(s.busiest) ", theme.muted), (name.value, theme.accent), (" \(NumberFormat.grouped(day.volume))", theme.figure)]
        }
        PaneKit.line(parts, in: rows[2], buffer: &buffer)

        // Corridors: table of the headline day with a 30-day volume trend.
        let tableArea = split.side(orRow: rows[3])
        let trendWidth = tableArea.width >= 60 ? 30 : tableArea.width >= 44 ? 14 : 0
        let (tableRect, trendRect) = tableArea.splitLeft(tableArea.width - (trendWidth > 0 ? trendWidth + 1 : 0))
        // Only the rows that fit (a header row, then one per corridor): formatting
        // every corridor of a large file each frame cost tens of milliseconds.
        let shown = summary.corridors.prefix(max(0, tableRect.height - 1))
        let corridorRows = shown.indices.map { i -> Table.Row in
            let corridor = traffic.corridors[summary.corridors[i]], day = summary.day(i, in: traffic)
            let name = s.language == .en ? (corridor.nameEn ?? corridor.name) : corridor.name
            return Table.Row([name.value, NumberFormat.grouped(day.volume), NumberFormat.decimal(day.speedKmh, places: 1)])
        }
        let highlight = summary.busiest.flatMap { b in shown.firstIndex(of: b) }
        let table = Table(columns: [
            Table.Column(s.corridors, minWidth: 6, weight: 1),
            Table.Column(s.dailyVolume, alignment: .right, minWidth: 7, maxWidth: 10),
            Table.Column("km/h", alignment: .right, minWidth: 4, maxWidth: 6),
        ], rows: corridorRows, highlight: highlight, theme: theme)
        buffer.draw(table, in: tableRect)
        if trendWidth > 0, tableArea.height > 1 {
            buffer.write(s.language == .ko ? "30일 추이" : "30-day trend", x: trendRect.x + 1, y: trendRect.y, maxWidth: trendWidth, style: theme.muted.bold, clip: trendRect)
            // The 30 calendar days to the headline date: a day not reported is a blank column.
            for (i, index) in summary.corridors.prefix(max(0, trendRect.height - 1)).enumerated() {
                let values = traffic.recentVolumes(of: index, through: headline.day, days: 30)
                buffer.draw(Sparkline(values, style: theme.bar), in: Rect(x: trendRect.x + 1, y: trendRect.y + 1 + i, width: trendWidth, height: 1))
            }
        }

        // One point per calendar day; a missing or partial day is a gap in the line.
        let (chartHeading, chartArea) = PaneKit.titled(rows[4], minContent: 3)
        if let chartHeading { PaneKit.heading("\(s.dailyVolume) (\(s.allCorridors))", in: chartHeading, buffer: &buffer, theme: theme) }
        let days = traffic.totalsByDay
        let xLabels = [days.first, days.last].compactMap { $0.map { PaneKit.dayAxis($0.date) } }
        let language = s.language
        buffer.draw(LineChart([.init(days.map { $0.volume.map(Double.init) ?? .nan }, style: theme.accent)], xLabels: xLabels,
                              yFormat: { language == .ko ? NumberFormat.compactKorean($0) : NumberFormat.compact($0) }, theme: theme), in: chartArea)
    }
}
