/// 메타버스 서울: visits as the big figure, the goal gauge, installs and the
/// latest cumulative total, daily-average visits by month, use by space.
public struct MetaversePane: Pane {
    public init() {}
    public let id = "metaverse"
    public let kind = SnapshotKind.metaverse
    public func title(_ s: Strings) -> String { s.metaverseTitle }
    public var minimumSize: Size { Size(width: 24, height: 6) }

    public func render(_ snapshot: Snapshot, context c: PaneContext, in area: Rect, buffer: inout Buffer) {
        guard let m = snapshot.metaverse else { return }
        let s = c.strings, theme = c.theme
        let visits = NumberFormat.grouped(m.period.visits)
        let label = "\(s.visits) \(visits) · \(PaneKit.dayAxis(m.period.from))–\(PaneKit.dayAxis(m.period.to)) \(m.period.to.value.prefix(4))"
        let split = PaneKit.Split(area, wideFrom: 90, share: (11, 20))
        let rows = Stack.rows(split.main, [
            .init(min: 2, ideal: 7, priority: 0),
            .init(min: 1, priority: 1),                                   // goal gauge
            .init(min: 1, priority: 2),                                   // installs, later total
            .init(min: 5, ideal: 10, flexible: true, max: 14, priority: 3), // daily average by month
            split.slot(ideal: m.spaceShare.count + 1, flexible: false, priority: 4),
        ])
        buffer.draw(BigFigure(visits, label: label, theme: theme), in: rows[0])

        if let ratio = m.goalRatio {
            let goalLabel = "\(s.goal(m.goal.year)) \(PaneKit.short(m.goal.visits, s))"
            buffer.draw(Gauge(ratio, label: goalLabel, text: NumberFormat.percent(ratio), theme: theme), in: rows[1])
        }
        var parts: [(String, Style)] = [("\(s.installs) ", theme.muted), (NumberFormat.grouped(m.period.installs), theme.figure)]
        if let later = m.cumulative?.last {
            parts += [("  \(later.date.value) \(s.language == .ko ? "누적" : "total") ", theme.muted), (NumberFormat.grouped(later.visits), theme.figure)]
        }
        PaneKit.line(parts, in: rows[2], buffer: &buffer)

        let (barsHeading, barsArea) = PaneKit.titled(rows[3], minContent: 3)
        if let barsHeading { PaneKit.heading(s.dailyAverageVisits, in: barsHeading, buffer: &buffer, theme: theme) }
        // One column per calendar month: a month with no published figure is an empty slot with its label.
        let items = PaneKit.monthColumns(m.dailyAverageByMonth, width: barsArea.width, s)
        buffer.draw(VerticalBarChart(items, highlight: items.count - 1, theme: theme), in: barsArea)

        let shareArea = split.side(orRow: rows[4])
        let (shareHeading, shareBars) = PaneKit.titled(shareArea, minContent: 2)
        if let shareHeading { PaneKit.heading(s.shareBySpace, in: shareHeading, buffer: &buffer, theme: theme) }
        let shares = m.spaceShare.map { share -> BarChart.Row in
            let name = s.language == .en ? (share.spaceEn ?? share.space) : share.space
            return BarChart.Row(name.value, share.percent, valueText: NumberFormat.decimal(share.percent, places: 0) + "%")
        }
        buffer.draw(BarChart(shares, maxValue: 100, maxLabelWidth: 14, theme: theme), in: shareBars)
    }
}
