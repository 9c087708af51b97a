/// 교통: the total daily volume of the latest day every corridor reported as
/// the big figure (with the change against the same date a week before, when
/// that day is complete too), a newer partial day named with its coverage,
/// the busiest corridor, volume and speed by corridor with a 30-day trend,
/// and the total over the calendar days. A large pane (zoomed) adds the
/// volume-weighted speed over time, volume bars by corridor and a table of
/// the recent days with their coverage.
public struct TrafficPane: Pane {
    public init() {}
    public let id = "traffic"
    public func title(_ s: Strings) -> String { s.trafficTitle }
    public var minimumSize: Size { Size(width: 24, height: 6) }

    public func render(_ traffic: TrafficContent, snapshot: Snapshot, context c: PaneContext, in area: Rect, buffer: inout Buffer) {
        guard let headline = traffic.headline else { return }
        // A newer date that not every corridor has reported yet: said, not totalled.
        let partial = traffic.newest.flatMap { $0.day > headline.day ? $0 : nil }
        if PaneKit.isLarge(area) {
            renderLarge(traffic, headline: headline, partial: partial, context: c, in: area, buffer: &buffer)
            return
        }
        let split = PaneKit.Split(area, wideFrom: 100)
        let rows = Stack.rows(
            split.main,
            [
                .init(min: 2, ideal: 8, priority: 0),
                .init(min: partial == nil ? 0 : 1, priority: 1),
                .init(min: 1, priority: 1),
                split.slot(ideal: traffic.corridors.count + 1, priority: 2),
                .init(min: 4, ideal: 10, flexible: true, max: 16, priority: 3)
            ])
        drawHeadline(traffic, headline, partial, c, figure: rows[0], partialRow: rows[1], line: rows[2], buffer: &buffer)
        drawCorridors(traffic, headline, c, in: split.side(orRow: rows[3]), buffer: &buffer)
        drawTotals(traffic, c, in: rows[4], buffer: &buffer)
    }

    /// Two columns: the figures, the totals and the speed over time on the
    /// left; the corridors, their volumes and the recent days on the right.
    func renderLarge(
        _ traffic: TrafficContent, headline: TrafficContent.DayTotal, partial: TrafficContent.DayTotal?,
        context c: PaneContext, in area: Rect, buffer: inout Buffer
    ) {
        let s = c.strings
        let theme = c.theme
        let (leftArea, rest) = area.splitLeft(area.width / 2)
        let rightArea = rest.inset(left: 2)
        let left = Stack.rows(
            leftArea,
            [
                .init(min: 2, ideal: 8, priority: 0),
                .init(min: partial == nil ? 0 : 1, priority: 1),
                .init(min: 1, priority: 1),
                .init(min: 1, priority: 6),
                .init(min: 5, ideal: 12, flexible: true, priority: 2),
                .init(min: 1, priority: 6),
                .init(min: 5, ideal: 10, flexible: true, priority: 3)
            ])
        drawHeadline(traffic, headline, partial, c, figure: left[0], partialRow: left[1], line: left[2], buffer: &buffer)
        drawTotals(traffic, c, in: left[4], buffer: &buffer)

        // Volume-weighted average speed of the complete days (derived; gaps where a day is missing or partial).
        let (speedHeading, speedArea) = PaneKit.titled(left[6], minContent: 3)
        if let speedHeading { PaneKit.heading(s.weightedSpeed, in: speedHeading, buffer: &buffer, theme: theme) }
        let days = traffic.totalsByDay
        let xLabels = [days.first, days.last].compactMap { $0.map { PaneKit.dayAxis($0.date) } }
        buffer.draw(
            LineChart(
                [.init(days.map { $0.speedKmh ?? .nan }, style: theme.accent)], xLabels: xLabels,
                yFormat: { NumberFormat.decimal($0, places: 0) + " km/h" }, theme: theme), in: speedArea)

        let summary = traffic.latestDay
        let right = Stack.rows(
            rightArea,
            [
                .init(min: 3, ideal: summary.corridors.count + 1, priority: 0),
                .init(min: 1, priority: 6),
                .init(min: 3, ideal: summary.corridors.count + 1, priority: 2),
                .init(min: 1, priority: 6),
                .init(min: 4, ideal: 16, flexible: true, priority: 1)
            ])
        drawCorridors(traffic, headline, c, in: right[0], buffer: &buffer)

        let (barsHeading, barsArea) = PaneKit.titled(right[2], minContent: 2)
        if let barsHeading { PaneKit.heading(s.corridorVolumes(headline.date.value), in: barsHeading, buffer: &buffer, theme: theme) }
        let bars = summary.corridors.indices.prefix(max(0, barsArea.height)).map { i -> BarChart.Row in
            let corridor = traffic.corridors[summary.corridors[i]]
            let name = s.dataText(corridor.name, corridor.nameEn)
            return BarChart.Row(name.value, Double(summary.day(i, in: traffic).volume))
        }
        buffer.draw(
            BarChart(bars, highlight: summary.busiest.flatMap { summary.corridors.firstIndex(of: $0) }, maxLabelWidth: 20, theme: theme, language: s.language),
            in: barsArea)

        // The recent calendar days, newest first: a partial day shows its
        // coverage and no total; a day nobody reported shows 0 and no total.
        let (daysHeading, daysArea) = PaneKit.titled(right[4], minContent: 2)
        if let daysHeading { PaneKit.heading(s.recentDays, in: daysHeading, buffer: &buffer, theme: theme) }
        let count = traffic.corridors.count
        let totals = traffic.dailyTotals
        let newest = traffic.newest?.day ?? headline.day
        let first = totals.first?.day ?? newest
        let shownDays = max(0, min(daysArea.height - 1, newest - first + 1))
        let recent = (0..<shownDays).map { back -> Table.Row in
            let dayNumber = newest - back
            guard let i = TrafficContent.index(of: dayNumber, in: totals) else {
                return Table.Row([CalendarSeries.dayString(dayNumber), "0/\(count)", NumberFormat.invalid, NumberFormat.invalid], style: theme.warning)
            }
            let day = totals[i]
            let complete = day.reporting == count
            return Table.Row(
                [
                    day.date.value, "\(day.reporting)/\(count)",
                    complete ? NumberFormat.grouped(day.volume) : s.partial,
                    complete ? day.averageSpeedKmh.map { NumberFormat.decimal($0, places: 1) } ?? NumberFormat.invalid : NumberFormat.invalid
                ],
                style: complete ? nil : theme.warning)
        }
        buffer.draw(
            Table(
                columns: [
                    Table.Column(s.date, minWidth: 10, maxWidth: 12),
                    Table.Column(s.reported, alignment: .right, minWidth: 5, maxWidth: 10),
                    Table.Column(s.total, alignment: .right, minWidth: 9, maxWidth: 12),
                    Table.Column("km/h", alignment: .right, minWidth: 5, maxWidth: 6)
                ], rows: recent, theme: theme), in: daysArea)
    }

    func drawHeadline(
        _ traffic: TrafficContent, _ headline: TrafficContent.DayTotal, _ partial: TrafficContent.DayTotal?,
        _ c: PaneContext, figure: Rect, partialRow: Rect, line: Rect, buffer: inout Buffer
    ) {
        let s = c.strings
        let theme = c.theme
        let corridorCount = traffic.corridors.count
        // "all corridors" only when every corridor reported the day; else its coverage.
        let scope = traffic.isComplete(headline) ? s.allCorridors : s.coverage(headline.reporting, of: corridorCount)
        // The date before the scope and the number: on a narrow pane the parts
        // left out are the last ones, and the big digits show the number anyway.
        let label = "\(s.dailyVolume) \(headline.date.value) (\(scope)) \(NumberFormat.grouped(headline.volume))\(s.volumeUnit)"
        // Against the same date 7 days before, only when both days are complete.
        let change = traffic.weekBefore.flatMap { week in
            BigFigure.Change(from: Double(week.volume), to: Double(headline.volume), caption: s.weekBefore(PaneKit.dayAxis(week.date)))
        }
        buffer.draw(BigFigure(NumberFormat.grouped(headline.volume), label: label, change: change, theme: theme), in: figure)
        if let partial {
            PaneKit.line([Span(s.partialDay(partial.date.value, partial.reporting, of: corridorCount), style: theme.warning)], in: partialRow, buffer: &buffer)
        }

        // Worked out once per file (a large one has thousands of corridors).
        let summary = traffic.latestDay  // the corridors of the headline date
        // No speed part when the corridors measure none (the TOPIS feed counts vehicles only).
        var parts: Line = []
        if let speed = summary.averageSpeedKmh {
            parts = [Span("\(s.averageSpeed) ", style: theme.muted), Span("\(NumberFormat.decimal(speed, places: 1)) km/h", style: theme.figure)]
        }
        if let b = summary.busiest, let i = summary.corridors.firstIndex(of: b) {
            let busiest = traffic.corridors[b]
            let day = summary.day(i, in: traffic)
            let name = s.dataText(busiest.name, busiest.nameEn)
            parts += [
                Span(parts.isEmpty ? "\(s.busiest) " : "  \(s.busiest) ", style: theme.muted), Span(name.value, style: theme.accent),
                Span(" \(NumberFormat.grouped(day.volume))", style: theme.figure)
            ]
        }
        PaneKit.line(parts, in: line, buffer: &buffer)
    }

    /// Table of the headline day by corridor, with a 30-day volume trend.
    func drawCorridors(_ traffic: TrafficContent, _ headline: TrafficContent.DayTotal, _ c: PaneContext, in tableArea: Rect, buffer: inout Buffer) {
        let s = c.strings
        let theme = c.theme
        let summary = traffic.latestDay
        let trendWidth = tableArea.width >= 60 ? 30 : tableArea.width >= 44 ? 14 : 0
        let (tableRect, trendRect) = tableArea.splitLeft(tableArea.width - (trendWidth > 0 ? trendWidth + 1 : 0))
        // Only the rows that fit (a header row, then one per corridor): formatting
        // every corridor of a large file each frame cost tens of milliseconds.
        let shown = summary.corridors.prefix(max(0, tableRect.height - 1))
        let corridorRows = shown.indices.map { i -> Table.Row in
            let corridor = traffic.corridors[summary.corridors[i]]
            let day = summary.day(i, in: traffic)
            let name = s.dataText(corridor.name, corridor.nameEn)
            return Table.Row([name.value, NumberFormat.grouped(day.volume), day.speedKmh.map { NumberFormat.decimal($0, places: 1) } ?? NumberFormat.invalid])
        }
        let highlight = summary.busiest.flatMap { b in shown.firstIndex(of: b) }
        let table = Table(
            columns: [
                Table.Column(s.corridors, minWidth: 6, weight: 1),
                Table.Column(s.dailyVolume, alignment: .right, minWidth: 7, maxWidth: 10),
                Table.Column("km/h", alignment: .right, minWidth: 4, maxWidth: 6)
            ], rows: corridorRows, highlight: highlight, theme: theme)
        buffer.draw(table, in: tableRect)
        if trendWidth > 0, tableArea.height > 1 {
            buffer.write(s.trend30Days, x: trendRect.x + 1, y: trendRect.y, maxWidth: trendWidth, style: theme.muted.bold, clip: trendRect)
            // The 30 calendar days to the headline date: a day not reported is a blank column.
            for (i, index) in summary.corridors.prefix(max(0, trendRect.height - 1)).enumerated() {
                let values = traffic.recentVolumes(of: index, through: headline.day, days: 30)
                buffer.draw(
                    Sparkline(values, style: theme.bar, glyphs: theme.glyphs),
                    in: Rect(x: trendRect.x + 1, y: trendRect.y + 1 + i, width: trendWidth, height: 1))
            }
        }
    }

    /// The total of every complete day, one point per calendar day: a missing or partial day is a gap in the line.
    func drawTotals(_ traffic: TrafficContent, _ c: PaneContext, in area: Rect, buffer: inout Buffer) {
        let s = c.strings
        let theme = c.theme
        let (chartHeading, chartArea) = PaneKit.titled(area, minContent: 3)
        if let chartHeading { PaneKit.heading("\(s.dailyVolume) (\(s.allCorridors))", in: chartHeading, buffer: &buffer, theme: theme) }
        let days = traffic.totalsByDay
        let xLabels = [days.first, days.last].compactMap { $0.map { PaneKit.dayAxis($0.date) } }
        buffer.draw(
            LineChart(
                [.init(days.map { $0.volume.map(Double.init) ?? .nan }, style: theme.accent)], xLabels: xLabels,
                yFormat: { s.short($0) }, theme: theme), in: chartArea)
    }
}
