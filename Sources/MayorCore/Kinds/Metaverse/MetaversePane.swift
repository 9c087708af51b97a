/// 메타버스 서울: visits as the big figure, the goal gauge with its date,
/// installs and the later cumulative total, daily-average visits by calendar
/// month, use by space. Figures from a second source (`additionalSources`)
/// carry a `*` explained in the footer, which names each source with its own
/// date. A large pane (zoomed) adds monthly visits, the cumulative series,
/// the budget and the sources in full.
public struct MetaversePane: Pane {
    public init() {}
    public let id = "metaverse"
    public func title(_ s: Strings) -> String { s.metaverseTitle }
    public var minimumSize: Size { Size(width: 24, height: 6) }

    /// "as of 2023-09-30 AGENCY · *2024-01-31 LABEL": each source with its
    /// own date; shorter forms (labels, then agencies left out) when narrow,
    /// so no date is ever cut.
    public func provenance(_ m: MetaverseContent, snapshot: Snapshot, strings s: Strings, width: Int) -> String? {
        guard let extra = m.additionalSources, !extra.isEmpty else { return nil }
        let agency = snapshot.envelope.source.agency.value
        func text(names: Bool) -> String {
            var out = "\(s.asOf) \(m.period.to.value)\(names ? " " + agency : "")"
            for source in extra { out += " · *\(source.asOf.value)\(names ? " " + label(source, s) : "")" }
            return out
        }
        let long = text(names: true)
        return long.displayWidth <= width ? long : text(names: false)
    }

    func label(_ source: MetaverseContent.FigureSource, _ s: Strings) -> String {
        s.dataText(source.label, source.labelEn).value
    }

    /// `*` after a figure from another source than the file's own.
    func mark(_ source: SafeText?, _ m: MetaverseContent) -> String {
        m.figureSource(source) == nil ? "" : "*"
    }

    public func render(_ m: MetaverseContent, snapshot: Snapshot, context c: PaneContext, in area: Rect, buffer: inout Buffer) {
        if PaneKit.isLarge(area) {
            renderLarge(m, snapshot.envelope, context: c, in: area, buffer: &buffer)
            return
        }
        let s = c.strings
        let theme = c.theme
        let split = PaneKit.Split(area, wideFrom: 90, share: (11, 20))
        let rows = Stack.rows(
            split.main,
            [
                .init(min: 2, ideal: 7, priority: 0),
                .init(min: 1, priority: 1),  // goal gauge
                .init(min: 1, priority: 2),  // installs, later total
                .init(min: 5, ideal: 10, flexible: true, max: 14, priority: 3),  // daily average by month
                split.slot(ideal: m.spaceShare.count + 1, flexible: false, priority: 4)
            ])
        drawHeadline(m, s, theme, figure: rows[0], goal: rows[1], line: rows[2], buffer: &buffer)
        drawDailyAverage(m, s, theme, in: rows[3], buffer: &buffer)
        drawShares(m, s, theme, in: split.side(orRow: rows[4]), buffer: &buffer)
    }

    /// Two columns: figures and daily averages on the left; use by space,
    /// monthly visits, the cumulative series, the budget and the sources on the right.
    func renderLarge(_ m: MetaverseContent, _ envelope: Envelope, context c: PaneContext, in area: Rect, buffer: inout Buffer) {
        let s = c.strings
        let theme = c.theme
        let (leftArea, rest) = area.splitLeft(area.width * 11 / 20)
        let rightArea = rest.inset(left: 2)
        let cumulative = cumulativeRows(m, s)
        let sources = sourceLines(m, envelope, s, theme)
        let left = Stack.rows(
            leftArea,
            [
                .init(min: 2, ideal: 7, priority: 0),
                .init(min: 1, priority: 1),
                .init(min: 1, priority: 2),
                .init(min: 1, priority: 6),
                .init(min: 5, ideal: 12, flexible: true, priority: 3),
                .init(min: 1, priority: 6),
                .init(min: 3, ideal: cumulative.count + 2, priority: 4)
            ])
        drawHeadline(m, s, theme, figure: left[0], goal: left[1], line: left[2], buffer: &buffer)
        drawDailyAverage(m, s, theme, in: left[4], buffer: &buffer)

        let (cumHeading, cumArea) = PaneKit.titled(left[6], minContent: 2)
        if let cumHeading { PaneKit.heading(s.cumulativeVisits, in: cumHeading, buffer: &buffer, theme: theme) }
        buffer.draw(
            Table(
                columns: [
                    Table.Column(s.date, minWidth: 10, maxWidth: 24),
                    Table.Column(s.visits, alignment: .right, minWidth: 8, maxWidth: 10),
                    Table.Column(s.sources, minWidth: 6, weight: 1)
                ], rows: cumulative, theme: theme), in: cumArea)

        let sourcesHeight = sources.reduce(0) { $0 + Paragraph.wrap($1.text, width: rightArea.width).count }
        let right = Stack.rows(
            rightArea,
            [
                .init(min: 3, ideal: m.spaceShare.count + 1, priority: 0),
                .init(min: 1, priority: 6),
                .init(min: 5, ideal: 10, flexible: true, priority: 3),  // monthly visits
                .init(min: 1, priority: 6),
                .init(min: m.budget == nil ? 0 : 4, priority: 1),
                .init(min: 1, priority: 6),
                .init(min: 2, ideal: sourcesHeight + 1, priority: 2)
            ])
        drawShares(m, s, theme, in: right[0], buffer: &buffer)

        let (visitsHeading, visitsArea) = PaneKit.titled(right[2], minContent: 3)
        if let visitsHeading {
            let marked = m.monthlyVisits.contains { m.figureSource($0.source) != nil }
            let source = m.monthlyVisits.lazy.compactMap { m.figureSource($0.source) }.first
            PaneKit.heading(
                s.monthlyVisits + (marked ? " (\(s.markedSource(source.map { label($0, s) } ?? "")))" : ""), in: visitsHeading, buffer: &buffer, theme: theme)
        }
        // A month the source marks partial (the opening month) says so in its label.
        let visits = m.monthlyVisitsByMonth.map { entry -> BarChart.Row in
            let name = PaneKit.month(SafeText(entry.month), s)
            guard let v = entry.value else { return BarChart.Row(name, .nan, valueText: NumberFormat.invalid) }
            return BarChart.Row(
                v.partial == true ? "\(name)(\(s.partial))" : name, Double(v.visits), valueText: NumberFormat.grouped(v.visits) + mark(v.source, m))
        }
        let widest = visits.map { max($0.label.displayWidth, ($0.valueText ?? "").displayWidth) }.max() ?? 0
        let room = visits.isEmpty ? 0 : (visitsArea.width + 1) / visits.count - 1
        buffer.draw(VerticalBarChart(visits, barWidth: max(1, min(room, max(6, widest))), theme: theme), in: visitsArea)

        if let budget = m.budget { PaneKit.budget(budget, in: right[4], buffer: &buffer, s, theme: theme) }

        let (sourcesHeading, sourcesArea) = PaneKit.titled(right[6], minContent: 1)
        if let sourcesHeading { PaneKit.heading(s.sources, in: sourcesHeading, buffer: &buffer, theme: theme) }
        // Only sources that fit whole: a source's date is never cut.
        var y = sourcesArea.y
        for line in sources {
            let rows = Paragraph.wrap(line.text, width: sourcesArea.width)
            guard y + rows.count <= sourcesArea.maxY else { break }
            buffer.draw(Paragraph([line], wrap: true), in: Rect(x: sourcesArea.x, y: y, width: sourcesArea.width, height: rows.count))
            y += rows.count
        }
    }

    func drawHeadline(_ m: MetaverseContent, _ s: Strings, _ theme: Theme, figure: Rect, goal: Rect, line: Rect, buffer: inout Buffer) {
        let visits = NumberFormat.grouped(m.period.visits)
        let label = "\(s.visits) \(visits) · \(PaneKit.dayAxis(m.period.from))–\(PaneKit.dayAxis(m.period.to)) \(m.period.to.value.prefix(4))"
        buffer.draw(BigFigure(visits, label: label, theme: theme), in: figure)

        // The goal's position on the period's last day, dated: not a final result.
        if let ratio = m.goalRatio {
            let goalLabel = "\(s.goal(m.goal.year)) \(PaneKit.short(m.goal.visits, s)) · \(s.goalAsOf(m.period.to.value))"
            let percent = NumberFormat.percent(ratio)
            if goalLabel.displayWidth + percent.displayWidth + 6 <= goal.width {
                buffer.draw(Gauge(ratio, label: goalLabel, text: percent, theme: theme), in: goal)
            } else {
                // Narrow: the figure, then as much of its label as fits in whole parts.
                PaneKit.lineOfWholeParts(
                    [
                        Span(percent, style: theme.figure), Span(" (\(s.goalAsOf(PaneKit.dayAxis(m.period.to))))", style: theme.muted),
                        Span(" \(s.goal(m.goal.year)) \(PaneKit.short(m.goal.visits, s))", style: theme.muted)
                    ], in: goal, buffer: &buffer)
            }
        }
        var parts: Line = [Span("\(s.installs) ", style: theme.muted), Span(NumberFormat.grouped(m.period.installs), style: theme.figure)]
        if let later = m.cumulative?.last {
            parts += [
                Span("  \(later.date.value) \(s.cumulativeShort) ", style: theme.muted),
                Span(NumberFormat.grouped(later.visits) + mark(later.source, m), style: theme.figure)
            ]
        }
        PaneKit.line(parts, in: line, buffer: &buffer)
    }

    func drawDailyAverage(_ m: MetaverseContent, _ s: Strings, _ theme: Theme, in area: Rect, buffer: inout Buffer) {
        let (barsHeading, barsArea) = PaneKit.titled(area, minContent: 3)
        let months = m.dailyAverageByMonth
        // One column per calendar month: a month with no published figure is an empty slot with its label.
        let items = PaneKit.monthColumns(months.map { ($0.month, $0.value?.visits, $0.value.map { mark($0.source, m) } ?? "") }, width: barsArea.width, s)
        if let barsHeading {
            // The legend of the mark, when the columns had room for it.
            let source = months.lazy.compactMap { m.figureSource($0.value?.source) }.first
            let marked = items.contains { $0.valueText?.hasSuffix("*") == true }
            PaneKit.heading(
                s.dailyAverageVisits + (marked ? source.map { " (\(s.markedSource(label($0, s))))" } ?? "" : ""), in: barsHeading, buffer: &buffer, theme: theme
            )
        }
        buffer.draw(VerticalBarChart(items, highlight: items.count - 1, theme: theme), in: barsArea)
    }

    func drawShares(_ m: MetaverseContent, _ s: Strings, _ theme: Theme, in area: Rect, buffer: inout Buffer) {
        let (shareHeading, shareBars) = PaneKit.titled(area, minContent: 2)
        if let shareHeading { PaneKit.heading(s.shareBySpace, in: shareHeading, buffer: &buffer, theme: theme) }
        let shares = m.spaceShare.map { share -> BarChart.Row in
            let name = s.dataText(share.space, share.spaceEn)
            return BarChart.Row(name.value, share.percent, valueText: NumberFormat.decimal(share.percent, places: 0) + "%")
        }
        buffer.draw(BarChart(shares, maxValue: 100, maxLabelWidth: 14, theme: theme, language: s.language), in: shareBars)
    }

    /// The cumulative series: the period's visits since launch, then each later total, with its source.
    func cumulativeRows(_ m: MetaverseContent, _ s: Strings) -> [Table.Row] {
        var rows = [Table.Row(["\(m.period.from.value)–\(m.period.to.value)", NumberFormat.grouped(m.period.visits), "\(s.sinceLaunch)"])]
        for c in m.cumulative ?? [] {
            let source = m.figureSource(c.source).map { "*" + label($0, s) } ?? ""
            rows.append(Table.Row(["–\(c.date.value)", NumberFormat.grouped(c.visits) + mark(c.source, m), source]))
        }
        return rows
    }

    /// Each source with its date and the figures it gives.
    func sourceLines(_ m: MetaverseContent, _ envelope: Envelope, _ s: Strings, _ theme: Theme) -> [Line] {
        var lines = [Line("\(envelope.source.document.value) · \(s.goalAsOf(m.period.to.value))", style: theme.text)]
        for source in m.additionalSources ?? [] {
            lines.append(
                Line("*\(label(source, s)): \(source.document.value) · \(source.agency.value) · \(s.goalAsOf(source.asOf.value))", style: theme.muted)
            )
        }
        return lines
    }
}
