/// CCTV: the cameras of the 25 district offices as the big figure (or one
/// district's, when filtered), the age profile, this year's programme, and
/// cameras by district.
public struct CCTVPane: Pane {
    public init() {}
    public let id = "cctv"
    public let kind = SnapshotKind.cctv
    public func title(_ s: Strings) -> String { s.cctvTitle }
    public var minimumSize: Size { Size(width: 24, height: 6) }
    public var filtersByDistrict: Bool { true }

    public func districts(in snapshot: Snapshot) -> [SafeText] {
        snapshot.cctv?.districts.map(\.name) ?? []
    }

    public func render(_ snapshot: Snapshot, context c: PaneContext, in area: Rect, buffer: inout Buffer) {
        guard let cctv = snapshot.cctv else { return }
        let s = c.strings, theme = c.theme
        let total = cctv.totalCameras
        let selected = c.district.flatMap { d in cctv.districts.first { $0.name == d } }
        let figure: String
        let label: String
        if let selected {
            figure = NumberFormat.grouped(selected.cameras)
            let share = total > 0 ? NumberFormat.percent(Double(selected.cameras) / Double(total)) : "–"
            label = "\(selected.name.value) CCTV \(figure) · \(s.language == .ko ? "서울" : "of Seoul's") \(NumberFormat.grouped(total)) \(s.language == .ko ? "중" : "") \(share)"
        } else {
            figure = NumberFormat.grouped(total)
            label = "\(s.cameras) \(figure) · \(s.districtCount(cctv.districts.count))"
        }
        let sorted = cctv.districts.sorted { $0.cameras != $1.cameras ? $0.cameras > $1.cameras : $0.code < $1.code }
        let split = PaneKit.Split(area, wideFrom: 90)
        let rows = Stack.rows(split.main, [
            .init(min: 2, ideal: 7, priority: 0),
            .init(min: 1, ideal: 2, priority: 1),        // age profile: text and gauge
            .init(min: 1, priority: 2),                  // programme
            split.slot(ideal: sorted.count + 1, priority: 3),
        ])
        buffer.draw(BigFigure(figure, label: label, theme: theme), in: rows[0])

        let age = cctv.ageProfile
        let agedRatio = age.total > 0 ? Double(age.aged8plus) / Double(age.total) : 0
        let ageRows = Stack.rows(rows[1], [.init(min: 1, priority: 0), .init(min: 1, priority: 1)])
        PaneKit.line([
            ("\(s.ageing) ", theme.muted), (NumberFormat.grouped(age.aged8plus), theme.figure),
            (" / \(NumberFormat.grouped(age.total)) · \(s.aged8to10) \(NumberFormat.grouped(age.aged8to10)) · \(s.aged10plus) \(NumberFormat.grouped(age.aged10plus)) (\(age.asOf.value))", theme.muted),
        ], in: ageRows[0], buffer: &buffer)
        buffer.draw(Gauge(agedRatio, label: s.ageing, text: NumberFormat.percent(agedRatio), theme: theme), in: ageRows[1])

        let p = cctv.programme
        PaneKit.line([
            ("\(s.programme(p.year)) ", theme.muted), ("\(s.newCameras) \(NumberFormat.grouped(p.newCameras))", theme.figure),
            (" (\(s.sites(p.sites)), \(s.districtCount(p.districts))) · ", theme.muted),
            ("\(s.replaced) \(NumberFormat.grouped(p.replaced))", theme.figure),
        ], in: rows[2], buffer: &buffer)

        let barsArea = split.side(orRow: rows[3])
        let (heading, bars) = PaneKit.titled(barsArea, minContent: 2)
        let dataset = snapshot.envelope.source.dataset.map { " · \($0.value)" } ?? ""
        if let heading { PaneKit.heading("\(s.byDistrict)\(dataset)", in: heading, buffer: &buffer, theme: theme) }
        var barRows = sorted.map { d -> BarChart.Row in
            BarChart.Row(s.language == .en ? (d.nameEn ?? d.name).value : d.name.value, Double(d.cameras))
        }
        var highlight = selected.flatMap { sel in sorted.firstIndex { $0.name == sel.name } }
        // Keep a filtered district in view even when the list is cut short.
        if let h = highlight, h >= bars.height, bars.height > 1 {
            let row = barRows.remove(at: h)
            barRows.insert(row, at: bars.height - 1)
            highlight = bars.height - 1
        }
        buffer.draw(BarChart(barRows, maxValue: Double(sorted.first?.cameras ?? 1), highlight: highlight, maxLabelWidth: 12, theme: theme), in: bars)
    }
}
