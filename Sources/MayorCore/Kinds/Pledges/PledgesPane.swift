/// 공약 이행: one district's figure as the big figure, labelled as what it is
/// (the published rate, a rate weighted with the source's weights, or an
/// unweighted mean of indicators), with its own date and source, status,
/// budget (its denominator named), quarterly targets, the indicator table,
/// and every district's figure at the bottom. Zoomed with no district
/// chosen, every district in detail.
public struct PledgesPane: Pane {
    public init() {}
    public let id = "pledges"
    public func title(_ s: Strings) -> String { s.pledgesTitle }
    public var minimumSize: Size { Size(width: 24, height: 6) }
    public var filtersByDistrict: Bool { true }
    /// Pledges are by district: `f` cycles through their districts when no district pane has the focus.
    public var leadsDistrictFilter: Bool { true }

    public func districts(in pledges: PledgesContent) -> [SafeText] {
        pledges.districts.map(\.name)
    }

    typealias District = PledgesContent.District
    typealias Program = PledgesContent.Program
    typealias Rate = PledgesContent.Rate

    typealias Part = PaneKit.Part

    static func flow(_ parts: [Part], in area: Rect, buffer: inout Buffer) { PaneKit.flow(parts, in: area, buffer: &buffer) }

    static func line(_ parts: Line, priority: Int) -> Part { PaneKit.linePart(parts, priority: priority) }

    // MARK: labels

    /// What a rate is, in words: 공표 이행률 / 가중 산출 (가중치 …) / 지표 N개 단순평균.
    static func rateLabel(_ rate: Rate, _ program: Program?, _ s: Strings) -> String {
        switch rate.kind {
        case .published: return s.publishedRate
        case .weighted: return s.weightedRate(program?.indicators.compactMap(\.weight) ?? [])
        case .unweightedMean: return program.map { s.meanRate($0.indicators.count) } ?? s.meanRate(0)
        }
    }

    /// A short mark for the comparison rows: 공표 / 가중 / 평균.
    static func rateMark(_ rate: Rate, _ s: Strings) -> String {
        switch rate.kind {
        case .published: return s.published
        case .weighted: return s.weightedShort
        case .unweightedMean: return s.meanShort
        }
    }

    static func percentText(_ rate: Rate?) -> String {
        rate.map { NumberFormat.percent($0.value) } ?? "–"
    }

    static func amount(_ value: Double) -> String {
        value == value.rounded() ? NumberFormat.grouped(value) : NumberFormat.groupedDecimal(value, places: 1)
    }

    // MARK: lines

    /// Its own date and source: "2021-06 기준 · 출처: 금천구 (홍보디지털과) · document".
    static func provenance(_ program: Program, context c: PaneContext) -> Line {
        let s = c.strings
        let theme = c.theme
        var parts: Line = []
        if let through = program.figuresThrough { parts.append(Span(s.figuresThrough(through.value), style: theme.muted)) }
        if let source = program.source {
            parts.append(Span((parts.isEmpty ? "" : " · ") + "\(s.source): \(source.agency.value)", style: theme.muted))
        }
        return parts
    }

    static func document(_ program: Program, context c: PaneContext) -> Line? {
        guard let source = program.source else { return nil }
        var text = source.document.value
        if let page = source.page { text += " · " + page.value }
        return [Span(text, style: c.theme.muted)]
    }

    /// The computed rate when it is not the headline: marked as derived, with
    /// the published rate beside it when they differ by more than 0.5 points.
    static func derivedLine(_ program: Program, context c: PaneContext) -> Line? {
        let s = c.strings
        let theme = c.theme
        guard program.headline?.kind == .published, let computed = program.computedRate else { return nil }
        var parts: Line = [Span("\(s.derived) ", style: theme.muted)]
        if program.computedDiffersFromPublished, let published = program.publishedRate {
            parts.append(Span("(\(s.published) \(NumberFormat.decimal(published, places: 1))%) ", style: theme.muted))
        }
        parts += [Span("\(rateLabel(computed, program, s)) ", style: theme.muted), Span(NumberFormat.percent(computed.value), style: theme.text)]
        if program.indicatorsDerived == true { parts.append(Span("  \(s.indicatorsDerived)", style: theme.muted)) }
        return parts
    }

    static func statusLine(_ program: Program, context c: PaneContext) -> Line {
        let s = c.strings
        let theme = c.theme
        var parts: Line = [Span("\(s.status) ", style: theme.muted), Span(program.status.value, style: theme.accent)]
        if program.headline?.kind != .published { parts.append(Span("  \(s.noPublishedRate)", style: theme.muted)) }
        return parts
    }

    /// "예산 집행 12,974 / 2022–2024 계획 12,979 백만원  2022–2026 계획 18,300":
    /// each amount says what it is; a rate only when the source publishes one.
    static func budgetLine(_ budget: PledgesContent.Budget, context c: PaneContext) -> Line? {
        let s = c.strings
        let theme = c.theme
        guard let planned = budget.planned else { return nil }
        let unit = budget.unit?.value ?? s.millionWon
        let basis = budget.isSecured ? s.secured : s.plan
        let whole = [budget.period?.value, basis].compactMap { $0 }.joined(separator: " ")
        var parts: Line = [Span("\(s.budget) ", style: theme.muted)]
        if let executed = budget.executed {
            let toDate = budget.plannedToDate ?? planned
            let toDateLabel = budget.plannedToDate == nil ? whole : [budget.toDatePeriod?.value, basis].compactMap { $0 }.joined(separator: " ")
            parts += [
                Span("\(s.spent) ", style: theme.muted), Span(amount(executed), style: theme.figure),
                Span(" / \(toDateLabel) ", style: theme.muted), Span(amount(toDate), style: theme.figure), Span(" \(unit)", style: theme.muted)
            ]
            if budget.plannedToDate != nil {
                parts += [Span("  \(whole) ", style: theme.muted), Span(amount(planned), style: theme.figure)]
            }
        } else {
            parts += [
                Span("\(whole) ", style: theme.muted), Span(amount(planned), style: theme.figure),
                Span(" \(unit)  \(s.spendingNotPublished)", style: theme.muted)
            ]
        }
        if let rate = budget.executedRate {
            parts += [Span("  \(s.published) ", style: theme.muted), Span(NumberFormat.decimal(rate, places: 1) + "%", style: theme.figure)]
        }
        return parts
    }

    /// Against the published quarterly targets: cumulative indicators' actuals
    /// at the figures' date set against the target of that quarter.
    static func quarterLine(_ program: Program, context c: PaneContext) -> Line? {
        let s = c.strings
        let theme = c.theme
        guard let through = program.figuresThrough.flatMap({ CalendarDate.parseMonth(String($0.value.prefix(7))) }) else { return nil }
        let q = (through.month - 1) / 3
        var behind = false
        var items: [String] = []
        for i in program.indicators {
            guard let quarterly = i.quarterly, quarterly.cumulative == true, quarterly.year == through.year,
                quarterly.targets.indices.contains(q), let target = quarterly.targets[q], let actual = i.actual
            else { continue }
            if actual < target { behind = true }
            items.append("\((i.measure ?? i.name).value) \(amount(actual)) / \(amount(target))")
        }
        guard !items.isEmpty else { return nil }
        let period = s.quarter(through.year, q + 1)
        return [
            Span(behind ? s.behindTarget(period) : s.onTarget(period), style: behind ? theme.warning : theme.accent),
            Span(" (\(s.actual) / \(s.target)): " + items.joined(separator: " · "), style: theme.muted)
        ]
    }

    static func outputsLine(_ program: Program, context c: PaneContext) -> Line? {
        guard let outputs = program.outputs, !outputs.isEmpty else { return nil }
        let text = outputs.map { "\($0.name.value) \(amount($0.value))\($0.unit.value)" }.joined(separator: " · ")
        return [Span("\(c.strings.outputs): ", style: c.theme.muted), Span(text, style: c.theme.text)]
    }

    func indicatorTable(_ program: Program, _ s: Strings, _ theme: Theme) -> Table {
        let weighted = program.isWeighted
        let title = program.indicatorsDerived == true ? "\(s.indicator) (\(s.derived))" : s.indicator
        var columns = [Table.Column(title, minWidth: 8, weight: 1)]
        if weighted { columns.append(Table.Column(s.weight, alignment: .right, minWidth: 3, maxWidth: 6)) }
        columns += [
            Table.Column(s.target, alignment: .right, minWidth: 4, maxWidth: 8),
            Table.Column(s.actual, alignment: .right, minWidth: 4, maxWidth: 8),
            Table.Column("%", alignment: .right, minWidth: 5, maxWidth: 6)
        ]
        let rows = program.indicators.map { i -> Table.Row in
            var cells = [i.name.value]
            if weighted { cells.append(i.weight.map { NumberFormat.decimal($0, places: 0) } ?? "–") }
            cells += [
                i.target.map(Self.amount) ?? "–",
                i.actual.map(Self.amount) ?? "–",
                i.achievement.map { NumberFormat.decimal($0 * 100, places: 1) } ?? "–"
            ]
            return Table.Row(cells)
        }
        return Table(columns: columns, rows: rows, theme: theme)
    }

    /// The published quarterly targets, one row per indicator that has them.
    func quarterlyTable(_ program: Program, _ s: Strings, _ theme: Theme) -> (Table, Int)? {
        let rows = program.indicators.filter { $0.quarterly != nil }
        guard let year = rows.first?.quarterly?.year else { return nil }
        var columns = [Table.Column(s.quarterlyTargets(year), minWidth: 8, weight: 1)]
        for q in 1...4 { columns.append(Table.Column(s.quarterColumn(q), alignment: .right, minWidth: 4, maxWidth: 6)) }
        let through = program.figuresThrough?.value ?? ""
        columns.append(Table.Column("\(s.actual) \(through)", alignment: .right, minWidth: 6, maxWidth: 14))
        let tableRows = rows.map { i -> Table.Row in
            let targets = (0..<4).map { k -> String in
                guard let q = i.quarterly, q.targets.indices.contains(k), let t = q.targets[k] else { return "–" }
                return Self.amount(t)
            }
            return Table.Row([(i.measure ?? i.name).value] + targets + [i.actual.map(Self.amount) ?? "–"])
        }
        return (Table(columns: columns, rows: tableRows, theme: theme), rows.count + 1)
    }

    /// Derived indicators' basis, one line each.
    static func basisLines(_ program: Program, context c: PaneContext) -> [Line] {
        guard program.indicatorsDerived == true else { return [] }
        return program.indicators.compactMap { i in
            i.basis.map { [Span("\(c.strings.basis) · \(i.name.value): ", style: c.theme.muted), Span($0.value, style: c.theme.muted)] }
        }
    }

    /// A programme's lines under its heading, most important first;
    /// `rank` orders the parts of several districts (lower is kept longer).
    func detailParts(_ district: District, _ program: Program, context c: PaneContext, rank: Int) -> [Part] {
        let s = c.strings
        let theme = c.theme
        func p(_ base: Int) -> Int { base * 10 + rank }
        var parts: [Part] = []
        parts.append(Self.line(Self.provenance(program, context: c), priority: p(1)))
        if let derived = Self.derivedLine(program, context: c) { parts.append(Self.line(derived, priority: p(2))) }
        parts.append(Self.line(Self.statusLine(program, context: c), priority: p(4)))
        if let budget = program.budget, let line = Self.budgetLine(budget, context: c) { parts.append(Self.line(line, priority: p(4))) }
        if let quarter = Self.quarterLine(program, context: c) { parts.append(Self.line(quarter, priority: p(3))) }
        let table = indicatorTable(program, s, theme)
        let n = program.indicators.count
        parts.append(Part(item: .init(min: n + 1, priority: p(2))) { $1.draw(table, in: $0) })
        for basis in Self.basisLines(program, context: c) { parts.append(Self.line(basis, priority: p(6))) }
        if let (quarterly, height) = quarterlyTable(program, s, theme) {
            parts.append(Part(item: .init(min: height, priority: p(7))) { $1.draw(quarterly, in: $0) })
        }
        if let outputs = Self.outputsLine(program, context: c) { parts.append(Self.line(outputs, priority: p(7))) }
        if let document = Self.document(program, context: c) { parts.append(Self.line(document, priority: p(8))) }
        return parts
    }

    /// Every district's figure, one gauge each, marked with what it is.
    func comparison(_ pledges: PledgesContent, selected: SafeText?, context c: PaneContext, heading: Bool, priority: Int) -> Part {
        let s = c.strings
        let theme = c.theme
        let count = pledges.districts.count + (heading ? 1 : 0)
        return Part(item: .init(min: min(2, count), ideal: count, priority: priority)) { area, buffer in
            var area = area
            if heading, area.height > pledges.districts.count {
                PaneKit.heading(s.districtRates, in: area.row(0), buffer: &buffer, theme: theme)
                area = area.inset(top: 1)
            }
            let names = pledges.districts.map { $0.displayName(s.language) }
            let nameWidth = min(14, names.map(\.displayWidth).max() ?? 6)
            for (i, d) in pledges.districts.enumerated() where i < area.height {
                let row = area.row(i)
                let style = d.name == selected ? theme.accent.bold : theme.text
                buffer.write(TextFit.pad(names[i], to: nameWidth), x: row.x, y: row.y, style: style, clip: row)
                let rate = d.headline
                let mark = rate.map { " " + Self.rateMark($0, s) } ?? ""
                buffer.draw(Gauge(rate?.value ?? 0, text: Self.percentText(rate) + mark, theme: theme), in: row.inset(left: nameWidth + 1))
            }
        }
    }

    func bigFigure(_ district: District, _ program: Program, context c: PaneContext, prefix: String = "") -> (BigFigure, Rate?) {
        let s = c.strings
        let rate = district.programs.count == 1 ? program.headline : district.headline
        let figure = Self.percentText(rate)
        let what = rate.map { Self.rateLabel($0, district.programs.count == 1 ? program : nil, s) } ?? s.noPublishedRate
        let label = prefix + "\(district.displayName(s.language)) · \(program.title.value) · \(what) \(figure)"
        return (BigFigure(figure, label: label, theme: c.theme), rate)
    }

    /// A programme's heading row: district and title, its figure as a gauge
    /// marked with what it is.
    static func titleRow(_ district: District, _ program: Program, context c: PaneContext, in area: Rect, buffer: inout Buffer) {
        let s = c.strings
        let theme = c.theme
        let title = "\(district.displayName(s.language)) · \(program.title.value)"
        let nameWidth = min(area.width / 2, title.displayWidth + 1)
        buffer.write(title, x: area.x, y: area.y, maxWidth: nameWidth, style: theme.title, clip: area)
        let rate = program.headline
        let text = Self.percentText(rate) + (rate.map { " " + Self.rateMark($0, s) } ?? "")
        buffer.draw(Gauge(rate?.value ?? 0, text: text, theme: theme), in: area.inset(left: nameWidth + 1))
    }

    /// Another district's programme under a gap (an extra: it takes rows
    /// left over): at least its heading and its date and source, then as many
    /// of its lines as fit, most important first, each whole.
    func blockPart(_ district: District, _ program: Program, context c: PaneContext, priority: Int) -> Part {
        let details = detailParts(district, program, context: c, rank: 0)
        let full = details.reduce(0) { $0 + $1.item.ideal }
        return Part(item: .init(min: 3, ideal: full + 2, priority: max(priority, PaneKit.extraPriority))) { area, buffer in
            Self.titleRow(district, program, context: c, in: area.row(1), buffer: &buffer)
            Self.flow(details, in: area.inset(top: 2), buffer: &buffer)
        }
    }

    /// Zoomed, no district chosen: the first district's figure, every
    /// district's figure, then every programme in detail.
    func renderAll(_ pledges: PledgesContent, context c: PaneContext, in area: Rect, buffer: inout Buffer) {
        let first = pledges.districts[0]
        var parts: [Part] = []
        if let program = first.programs.first {
            let (big, _) = bigFigure(first, program, context: c)
            parts.append(Part(item: .init(min: 2, ideal: 7, priority: 5)) { $1.draw(big, in: $0.inset(bottom: $0.height > 6 ? 1 : 0)) })
        }
        parts.append(comparison(pledges, selected: nil, context: c, heading: true, priority: 0))
        for (d, district) in pledges.districts.enumerated() {
            for program in district.programs {
                parts.append(Part(item: .init(min: 1, priority: 90)) { _, _ in })  // a gap, the first to go
                parts.append(
                    Part(item: .init(min: 1, priority: d)) { area, buffer in
                        Self.titleRow(district, program, context: c, in: area, buffer: &buffer)
                    })
                parts += detailParts(district, program, context: c, rank: d)
            }
        }
        Self.flow(parts, in: area, buffer: &buffer)
    }

    /// Each district's own date and source: the chosen district's, else the
    /// range of dates and every agency.
    public func provenance(_ pledges: PledgesContent, snapshot: Snapshot, context c: PaneContext, width: Int) -> String? {
        let s = c.strings
        if let d = c.district, let district = pledges.districts.first(where: { $0.name == d }), let program = district.programs.first {
            let through = program.figuresThrough?.value ?? snapshot.envelope.asOf.value
            let agency = program.source?.agency.value ?? district.name.value
            return "\(s.figuresThrough(through)) · \(s.source): \(agency)"
        }
        let dates = pledges.districts.flatMap { $0.programs.compactMap { $0.figuresThrough?.value } }.sorted()
        guard let lo = dates.first, let hi = dates.last, lo != hi else { return nil }
        let range = s.districtRange(lo, hi)
        return "\(s.asOf) \(range) · \(s.source): \(snapshot.envelope.source.agency.value)"
    }

    public func render(_ pledges: PledgesContent, snapshot: Snapshot, context c: PaneContext, in area: Rect, buffer: inout Buffer) {
        guard let first = pledges.districts.first else { return }
        let s = c.strings
        let theme = c.theme
        // Tall enough (a zoomed pane): every district in detail.
        let needed = pledges.districts.reduce(8 + pledges.districts.count + 1) { sum, d in
            sum + d.programs.reduce(0) { $0 + 6 + $1.indicators.count }
        }
        if c.district == nil, pledges.districts.count > 1, area.height >= needed, area.width >= 60 {
            renderAll(pledges, context: c, in: area, buffer: &buffer)
            return
        }
        let match = c.district.flatMap { d in pledges.districts.first { $0.name == d } }
        let district = match ?? first
        guard let program = district.programs.first else { return }
        let missing = c.district != nil && match == nil ? "\(c.district!.value): \(s.noData) — " : ""
        let (big, rate) = bigFigure(district, program, context: c, prefix: missing)
        var parts: [Part] = [
            Part(item: .init(min: 2, ideal: 7, priority: 0)) { $1.draw(big, in: $0) },
            Part(item: .init(min: 1, priority: 1)) { area, buffer in
                let label = rate.map { Self.rateLabel($0, program, s) } ?? s.noPublishedRate
                buffer.draw(Gauge(rate?.value ?? 0, label: label, text: Self.percentText(rate), theme: theme), in: area)
            }
        ]
        parts += detailParts(district, program, context: c, rank: 0)
        if pledges.districts.count > 1 {
            parts.append(comparison(pledges, selected: district.name, context: c, heading: false, priority: 55))
            // Room to spare (zoomed): the other districts in detail too.
            for (d, other) in pledges.districts.enumerated() where other.name != district.name {
                for p in other.programs { parts.append(blockPart(other, p, context: c, priority: 85 + d)) }
            }
        }
        Self.flow(parts, in: area, buffer: &buffer)
    }
}
