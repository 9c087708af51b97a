/// CCTV: the cameras of the 25 district offices as the big figure (or one
/// district's, when filtered), the age profile with its published ageing
/// rate, one year's programme in the source's tense, and cameras by district;
/// zoomed, the budgets behind them (the programme's and the office's), each
/// figure with its own date.
public struct CCTVPane: Pane {
    public init() {}
    public let id = "cctv"
    public func title(_ s: Strings) -> String { s.cctvTitle }
    public var minimumSize: Size { Size(width: 24, height: 6) }
    public var filtersByDistrict: Bool { true }

    public func districts(in cctv: CCTVContent) -> [SafeText] {
        cctv.districts.map(\.name)
    }

    typealias Part = PaneKit.Part

    /// The ageing rate as published (노후율 17 %), else worked out.
    static func agedRate(_ age: CCTVContent.AgeProfile) -> (ratio: Double, text: String) {
        if let published = age.agedRatePercent {
            return (published / 100, NumberFormat.decimal(published, places: published == published.rounded() ? 0 : 1) + "%")
        }
        let ratio = age.total > 0 ? Double(age.aged8plus) / Double(age.total) : 0
        return (ratio, NumberFormat.percent(ratio))
    }

    static func programmeLine(_ p: CCTVContent.Programme, _ s: Strings, _ theme: Theme) -> Line {
        var head = s.programme(p.year)
        if let stage = p.stage { head += " (\(s.stage(stage.value))\(p.asOf.map { ", " + $0.value } ?? ""))" }
        return [
            Span("\(head) ", style: theme.muted), Span("\(s.newCameras) \(NumberFormat.grouped(p.newCameras))", style: theme.figure),
            Span(" (\(s.sites(p.sites)), \(s.districtCount(p.districts)))", style: theme.muted),
            Span("  \(s.replaced) \(NumberFormat.grouped(p.replaced))", style: theme.figure)
        ]
    }

    public func render(_ cctv: CCTVContent, snapshot: Snapshot, context c: PaneContext, in area: Rect, buffer: inout Buffer) {
        let s = c.strings
        let theme = c.theme
        let total = cctv.totalCameras
        let selected = c.district.flatMap { d in cctv.districts.first { $0.name == d } }
        let figure: String
        let label: String
        if let selected {
            figure = NumberFormat.grouped(selected.cameras)
            let share = total > 0 ? NumberFormat.percent(Double(selected.cameras) / Double(total)) : "–"
            let name = s.dataText(selected.name, selected.nameEn).value
            label = "\(name) CCTV \(figure) · \(s.shareOfSeoul(NumberFormat.grouped(total), share))"
        } else {
            figure = NumberFormat.grouped(total)
            label = "\(s.cameras) \(figure) · \(s.districtCount(cctv.districts.count))"
        }
        let sorted = cctv.districts.sorted { $0.cameras != $1.cameras ? $0.cameras > $1.cameras : $0.code < $1.code }
        let dataset = snapshot.envelope.source.dataset.map { " · \($0.value)" } ?? ""
        let datasetDate = " · " + (cctv.districtsAsOf?.value ?? s.asOfUnknown)
        let big = BigFigure(figure, label: label, theme: theme)

        // The cameras by district, a filtered district kept in view.
        func drawBars(_ area: Rect, _ buffer: inout Buffer) {
            let (heading, bars) = PaneKit.titled(area, minContent: 2)
            if let heading { PaneKit.heading("\(s.byDistrict)\(dataset)\(datasetDate)", in: heading, buffer: &buffer, theme: theme) }
            var barRows = sorted.map { d -> BarChart.Row in
                BarChart.Row(s.dataText(d.name, d.nameEn).value, Double(d.cameras))
            }
            var highlight = selected.flatMap { sel in sorted.firstIndex { $0.name == sel.name } }
            if let h = highlight, h >= bars.height, bars.height > 1 {
                let row = barRows.remove(at: h)
                barRows.insert(row, at: bars.height - 1)
                highlight = bars.height - 1
            }
            buffer.draw(
                BarChart(
                    barRows, maxValue: Double(sorted.first?.cameras ?? 1), highlight: highlight, maxLabelWidth: 12,
                    theme: theme, language: s.language), in: bars)
        }

        let age = cctv.ageProfile
        let rate = Self.agedRate(age)
        let ageLine: Line = [
            Span("\(s.ageing) ", style: theme.muted), Span(NumberFormat.grouped(age.aged8plus), style: theme.figure),
            Span(" / \(NumberFormat.grouped(age.total))", style: theme.muted),
            Span(
                " · \(s.aged8to10) \(NumberFormat.grouped(age.aged8to10)) · \(s.aged10plus) \(NumberFormat.grouped(age.aged10plus)) (\(age.asOf.value))",
                style: theme.muted)
        ]
        let ageGauge = Gauge(rate.ratio, label: s.ageingRate, text: "\(rate.text) (\(s.published))", theme: theme)

        // Zoomed (or large): every section in full, side by side when short of rows.
        if area.height >= 30, area.width >= 90 {
            renderZoomed(cctv, context: c, big: big, ageGauge: ageGauge, drawBars: drawBars, in: area, buffer: &buffer)
            return
        }

        let split = PaneKit.Split(area, wideFrom: 90)
        let rows = Stack.rows(
            split.main,
            [
                .init(min: 2, ideal: 7, priority: 0),
                .init(min: 1, ideal: 2, priority: 1),  // age profile: text and gauge
                .init(min: 1, priority: 2),  // programme
                split.slot(ideal: sorted.count + 1, priority: 3)
            ])
        buffer.draw(big, in: rows[0])
        let ageRows = Stack.rows(rows[1], [.init(min: 1, priority: 0), .init(min: 1, priority: 1)])
        PaneKit.line(ageLine, in: ageRows[0], buffer: &buffer)
        buffer.draw(ageGauge, in: ageRows[1])
        PaneKit.line(Self.programmeLine(cctv.programme, s, theme), in: rows[2], buffer: &buffer)
        drawBars(split.side(orRow: rows[3]), &buffer)
    }

    func renderZoomed(
        _ cctv: CCTVContent, context c: PaneContext, big: BigFigure, ageGauge: Gauge,
        drawBars: @escaping (Rect, inout Buffer) -> Void, in area: Rect, buffer: inout Buffer
    ) {
        let s = c.strings
        let theme = c.theme
        let age = cctv.ageProfile
        let p = cctv.programme

        let bigPart = Part(item: .init(min: 2, ideal: 7, priority: 0)) { $1.draw(big, in: $0) }
        // The age profile: heading, bars by age, the published rate.
        var ageRows = [BarChart.Row(s.aged8to10, Double(age.aged8to10)), BarChart.Row(s.aged10plus, Double(age.aged10plus))]
        if let under8 = age.under8 { ageRows.insert(BarChart.Row(s.under8, under8), at: 0) }
        let ageBars = BarChart(ageRows, maxValue: Double(age.total), maxLabelWidth: 10, theme: theme, language: s.language)
        let ageSource = age.source.map { Line([Span("\(s.source): \($0.value)", style: theme.muted)]) }
        let agePart = Part(item: .init(min: 2, ideal: ageRows.count + 2 + (ageSource == nil ? 0 : 1), priority: 1)) { area, buffer in
            PaneKit.heading("\(s.ageProfile(age.asOf.value)) · \(NumberFormat.grouped(age.total))", in: area.row(0), buffer: &buffer, theme: theme)
            buffer.draw(ageGauge, in: area.row(1))
            buffer.draw(ageBars, in: area.inset(top: 2, bottom: ageSource == nil ? 0 : 1))
            if let ageSource, area.height > ageRows.count + 2 { PaneKit.line(ageSource, in: area.row(area.height - 1), buffer: &buffer) }
        }
        // The programme, in the source's tense, with its budget.
        var heading = s.programme(p.year)
        if let stage = p.stage { heading += " (\(s.stage(stage.value))\(p.asOf.map { ", " + $0.value } ?? ""))" }
        var programme: [Line] = [[Span(heading, style: theme.muted)]]
        programme.append([
            Span("\(s.newCameras) \(NumberFormat.grouped(p.newCameras))", style: theme.figure),
            Span(" · \(s.sites(p.sites)) · \(s.districtCount(p.districts))", style: theme.muted)
        ])
        programme.append([Span("\(s.replaced) \(NumberFormat.grouped(p.replaced))", style: theme.figure), Span(" · \(s.aged10plus)", style: theme.muted)])
        if let budget = p.budgetThousandWon {
            programme.append([
                Span("\(s.budgetAmount) ", style: theme.muted), Span(NumberFormat.grouped(budget), style: theme.figure),
                Span(" \(s.thousandWon)", style: theme.muted)
            ])
        }
        let programmePart = Part(item: .init(min: 1, ideal: programme.count, priority: 2)) { area, buffer in
            for (i, line) in programme.enumerated() where i < area.height {
                if i == 0 {
                    PaneKit.heading(line.text, in: area.row(0), buffer: &buffer, theme: theme)
                } else {
                    PaneKit.line(line, in: area.row(i), buffer: &buffer)
                }
            }
        }
        // The budgets as published: 예산현액, committed and paid rates.
        let budgets = cctv.budgets ?? []
        let budgetDate = budgets.first?.asOf.value ?? ""
        let table = Table(
            columns: [
                Table.Column(s.budgets(budgetDate), minWidth: 10, weight: 1),
                Table.Column(s.budgetAmount, alignment: .right, minWidth: 11, maxWidth: 13),
                Table.Column(s.committed, alignment: .right, minWidth: 6, maxWidth: 9),
                Table.Column(s.paid, alignment: .right, minWidth: 6, maxWidth: 6)
            ],
            rows: budgets.map { b in
                [
                    s.dataText(b.name, b.nameEn).value, NumberFormat.grouped(b.thousandWon),
                    b.committedPercent.map { NumberFormat.decimal($0, places: $0 == $0.rounded() ? 0 : 1) + "%" } ?? "–",
                    b.paidPercent.map { NumberFormat.decimal($0, places: $0 == $0.rounded() ? 0 : 1) + "%" } ?? "–"
                ]
            }, theme: theme)
        let budgetSource = p.source.map { Line([Span("\(s.source): \($0.value)", style: theme.muted)]) }
        let budgetHeight = budgets.isEmpty ? 0 : budgets.count + 1
        let budgetPart = Part(item: .init(min: min(2, budgetHeight), ideal: budgetHeight + (budgetSource == nil ? 0 : 1), priority: 3)) { area, buffer in
            buffer.draw(table, in: area.inset(bottom: area.height > budgetHeight ? 1 : 0))
            if let budgetSource, area.height > budgetHeight { PaneKit.line(budgetSource, in: area.row(area.height - 1), buffer: &buffer) }
        }
        let barsPart = Part(item: .init(min: 3, ideal: cctv.districts.count + 1, priority: 1), draw: drawBars)

        let stacked = [bigPart, agePart, programmePart, budgetPart, barsPart]
        let stackedHeight = stacked.reduce(0) { $0 + $1.item.ideal } + stacked.count - 1
        var parts: [Part] = []
        if stackedHeight <= area.height {
            for (i, part) in stacked.enumerated() {
                if i > 0 { parts.append(PaneKit.gap) }
                parts.append(part)
            }
        } else {
            parts = [
                PaneKit.pair(bigPart, agePart, priority: 0), PaneKit.gap,
                PaneKit.pair(programmePart, budgetPart, priority: 2), PaneKit.gap, barsPart
            ]
        }
        PaneKit.flow(parts, in: area, buffer: &buffer)
    }
}
