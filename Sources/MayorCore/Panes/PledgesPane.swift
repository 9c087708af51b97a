/// 공약 이행: one district's weighted achievement as the big figure with its
/// gauge, status and budget, the indicator table (weight, target, actual, %),
/// and every district's achievement at the bottom.
public struct PledgesPane: Pane {
    public init() {}
    public let id = "pledges"
    public let kind = SnapshotKind.pledges
    public func title(_ s: Strings) -> String { s.pledgesTitle }
    public var minimumSize: Size { Size(width: 24, height: 6) }
    public var filtersByDistrict: Bool { true }

    public func districts(in snapshot: Snapshot) -> [SafeText] {
        snapshot.pledges?.districts.map(\.name) ?? []
    }

    func renderAll(_ pledges: PledgesContent, context c: PaneContext, in area: Rect, buffer: inout Buffer) {
        let s = c.strings, theme = c.theme
        let first = pledges.districts[0]
        let figure = first.achievement.map { NumberFormat.percent($0) } ?? "–"
        let (top, rest) = area.splitTop(8)
        buffer.draw(BigFigure(figure, label: "\(first.name.value) · \(first.programs.first?.title.value ?? "") · \(s.achievement) \(figure)", theme: theme), in: top.inset(bottom: 1))
        var y = rest.y
        for district in pledges.districts {
            for program in district.programs {
                let block = Rect(x: rest.x, y: y, width: rest.width, height: min(rest.maxY - y, Self.blockHeight(program)))
                guard block.height > 0 else { return }
                renderBlock(district, program, context: c, in: block, buffer: &buffer)
                y += block.height
            }
        }
    }

    /// One programme: name and gauge, status and budget, the indicator table.
    func renderBlock(_ district: PledgesContent.District, _ program: PledgesContent.Program, context c: PaneContext, in area: Rect, buffer: inout Buffer) {
        let s = c.strings, theme = c.theme
        let achievement = program.achievement
        let nameWidth = min(area.width / 3, "\(district.name.value) · \(program.title.value)".displayWidth + 1)
        let line0 = area.row(0)
        buffer.write("\(district.name.value) · \(program.title.value)", x: line0.x, y: line0.y, maxWidth: nameWidth, style: theme.title, clip: line0)
        buffer.draw(Gauge(achievement ?? 0, text: Self.percentText(achievement), theme: theme), in: line0.inset(left: nameWidth + 1))
        var parts: [(String, Style)] = [("\(s.status) ", theme.muted), (program.status.value, theme.accent)]
        if let published = program.publishedRate {
            parts += [("  \(s.published) ", theme.muted), (NumberFormat.decimal(published, places: 1) + "%", theme.figure)]
        }
        if let budget = program.budget, let planned = budget.planned {
            let unit = budget.unit?.value ?? s.millionWon
            let executed = budget.executed.map { NumberFormat.grouped($0) } ?? "–"
            parts += [("  \(s.budget) ", theme.muted), ("\(executed) / \(NumberFormat.grouped(planned)) \(unit)", theme.figure)]
            if let ratio = budget.executionRatio { parts.append((" (\(NumberFormat.percent(ratio)))", theme.muted)) }
        }
        PaneKit.line(parts, in: area.row(1), buffer: &buffer)
        let table = area.inset(top: 2, bottom: 1)
        buffer.draw(indicatorTable(program, s, theme), in: table)
    }

    func indicatorTable(_ program: PledgesContent.Program, _ s: Strings, _ theme: Theme) -> Table {
        let weighted = program.indicators.contains { $0.weight != nil }
        var columns = [Table.Column(s.indicator, minWidth: 8, weight: 1)]
        if weighted { columns.append(Table.Column(s.weight, alignment: .right, minWidth: 3, maxWidth: 4)) }
        columns += [
            Table.Column(s.target, alignment: .right, minWidth: 4, maxWidth: 8),
            Table.Column(s.actual, alignment: .right, minWidth: 4, maxWidth: 8),
            Table.Column("%", alignment: .right, minWidth: 5, maxWidth: 6),
        ]
        let rows = program.indicators.map { i -> Table.Row in
            var cells = [i.name.value]
            if weighted { cells.append(i.weight.map { NumberFormat.decimal($0, places: 0) } ?? "–") }
            cells += [
                i.target.map { NumberFormat.groupedDecimal($0, places: $0 == $0.rounded() ? 0 : 1) } ?? "–",
                i.actual.map { NumberFormat.groupedDecimal($0, places: $0 == $0.rounded() ? 0 : 1) } ?? "–",
                i.achievement.map { NumberFormat.decimal($0 * 100, places: 1) } ?? "–",
            ]
            return Table.Row(cells)
        }
        return Table(columns: columns, rows: rows, theme: theme)
    }

    static func percentText(_ ratio: Double?) -> String {
        ratio.map { NumberFormat.percent($0) } ?? "–"
    }

    /// Rows one programme's block takes in the all-districts view: name and
    /// gauge, status and budget, the table's header and rows, a gap.
    static func blockHeight(_ program: PledgesContent.Program) -> Int {
        3 + program.indicators.count + 1
    }

    public func render(_ snapshot: Snapshot, context c: PaneContext, in area: Rect, buffer: inout Buffer) {
        guard let pledges = snapshot.pledges, let first = pledges.districts.first else { return }
        // Tall enough (a zoomed pane): every district in detail under the big figure.
        let allHeight = pledges.districts.reduce(0) { $0 + $1.programs.reduce(0) { $0 + Self.blockHeight($1) } }
        if c.district == nil, pledges.districts.count > 1, area.height >= 8 + allHeight, area.width >= 60 {
            renderAll(pledges, context: c, in: area, buffer: &buffer)
            return
        }
        let s = c.strings, theme = c.theme
        let match = c.district.flatMap { d in pledges.districts.first { $0.name == d } }
        let district = match ?? first
        guard let program = district.programs.first else { return }
        let achievement = program.achievement
        let figure = achievement.map { NumberFormat.percent($0) } ?? "–"
        var label = "\(district.name.value) · \(program.title.value) · \(s.achievement) \(figure)"
        if c.district != nil && match == nil, let d = c.district {
            label = "\(d.value): \(s.noData) — " + label
        }

        let rows = Stack.rows(area, [
            .init(min: 2, ideal: 7, priority: 0),                                         // figure
            .init(min: 1, priority: 1),                                                   // gauge
            .init(min: 1, priority: 3),                                                   // status, published rate
            .init(min: program.budget == nil ? 0 : 1, priority: 4),                       // budget
            .init(min: 3, ideal: program.indicators.count + 1, flexible: true, priority: 2), // indicators
            .init(min: pledges.districts.count > 1 ? 2 : 0, ideal: pledges.districts.count + 1, priority: 5),
        ])
        buffer.draw(BigFigure(figure, label: label, theme: theme), in: rows[0])
        buffer.draw(Gauge(achievement ?? 0, label: s.achievement, text: figure, theme: theme), in: rows[1])

        var statusParts: [(String, Style)] = [("\(s.status) ", theme.muted), (program.status.value, theme.accent)]
        if let published = program.publishedRate {
            statusParts += [("  \(s.published) ", theme.muted), (NumberFormat.decimal(published, places: 1) + "%", theme.figure)]
        }
        PaneKit.line(statusParts, in: rows[2], buffer: &buffer)

        if let budget = program.budget, let planned = budget.planned {
            let unit = budget.unit?.value ?? s.millionWon
            if let ratio = budget.executionRatio, let executed = budget.executed {
                buffer.draw(Gauge(ratio, label: s.budget, text: "\(NumberFormat.grouped(executed)) / \(NumberFormat.grouped(planned)) \(unit) (\(NumberFormat.percent(ratio)))", theme: theme), in: rows[3])
            } else {
                PaneKit.line([("\(s.budget) ", theme.muted), ("– / \(NumberFormat.grouped(planned)) \(unit)", theme.figure)], in: rows[3], buffer: &buffer)
            }
        }

        buffer.draw(indicatorTable(program, s, theme), in: rows[4])

        // Every district, one gauge each.
        let summary = rows[5]
        if summary.height > 0 {
            let nameWidth = min(10, pledges.districts.map { $0.name.value.displayWidth }.max() ?? 6)
            for (i, d) in pledges.districts.enumerated() where i < summary.height {
                let row = summary.row(i)
                let style = d.name == district.name ? theme.accent.bold : theme.text
                buffer.write(TextFit.pad(d.name.value, to: nameWidth), x: row.x, y: row.y, style: style, clip: row)
                let ratio = d.achievement
                buffer.draw(Gauge(ratio ?? 0, text: Self.percentText(ratio), theme: theme), in: row.inset(left: nameWidth + 1))
            }
        }
    }
}
