/// 실시간 도시데이터 (live city): the hotspots' congestion counts per level as
/// the big figures (붐빔, 약간 붐빔, 보통, 여유, each in its colour), the
/// population and road reading times, the hotspots ranked by congestion (level,
/// estimated population range, road index and speed), and the 12-hour
/// forecast of the first one (the highlighted row) as bars coloured by level.
/// `f` narrows it to an area type (관광특구, 공원, …) or a district. A large
/// pane (zoomed) adds the area type and district columns and the forecast
/// hour by hour. The footer gives the reading time (KST) and the source.
public struct CityDataPane: Pane {
    public init() {}
    public let id = "citydata"
    public func title(_ s: Strings) -> String { s.cityDataTitle }
    public var minimumSize: Size { Size(width: 24, height: 6) }
    public var filtersByDistrict: Bool { true }

    /// The area types, then the districts: what `f` cycles through.
    public func districts(in content: CityDataContent) -> [SafeText] { content.filters }

    public func provenance(_ content: CityDataContent, snapshot: Snapshot, strings: Strings, width: Int) -> String? {
        Self.provenance(content, envelope: snapshot.envelope, strings: strings, width: width)
    }

    public func render(_ content: CityDataContent, snapshot: Snapshot, context c: PaneContext, in area: Rect, buffer: inout Buffer) {
        Self.draw(content, context: c, in: area, buffer: &buffer)
    }

    typealias Level = CityDataContent.Level
    typealias Hotspot = CityDataContent.Hotspot

    // MARK: the parts

    /// The reading time for the footer: `2025-01-15 08:50`, or
    /// `2025-01-15 08:45–08:50` when the hotspots were read at different times.
    static func readingTime(_ content: CityDataContent) -> String? {
        guard let oldest = content.oldestReading, let newest = content.newestReading else { return nil }
        if oldest.time == newest.time { return oldest.time.value }
        let sameDay = oldest.time.value.prefix(10) == newest.time.value.prefix(10)
        return oldest.time.value + "–" + (sameDay ? String(newest.time.value.suffix(5)) : newest.time.value)
    }

    static func provenance(_ content: CityDataContent, envelope: Envelope, strings s: Strings, width: Int) -> String? {
        guard let time = readingTime(content) else { return nil }
        let long = s.readingProvenance(time, envelope.source.agency.value, envelope.source.dataset?.value)
        return long.displayWidth <= width ? long : s.readingProvenanceShort(time)
    }

    static func style(_ level: Level?, _ theme: Theme) -> Style {
        switch level {
        case .busy: return theme.negative.bold
        case .slightlyBusy: return theme.barAlt
        case .normal: return theme.accent
        case .relaxed: return theme.positive
        case nil: return theme.muted
        }
    }

    static func style(_ index: CityDataContent.RoadIndex?, _ theme: Theme) -> Style {
        switch index {
        case .jammed: return theme.negative
        case .slow: return theme.barAlt
        case .smooth: return theme.positive
        case nil: return theme.muted
        }
    }

    static func range(_ lo: Int, _ hi: Int) -> String { "\(NumberFormat.grouped(lo))–\(NumberFormat.grouped(hi))" }

    static func roadText(_ road: CityDataContent.Road?, _ s: Strings) -> String {
        guard let road, let index = road.roadIndex else { return NumberFormat.invalid }
        let places = road.speedKmh == road.speedKmh.rounded() ? 0 : 1
        return "\(s.roadIndex(index)) \(NumberFormat.decimal(road.speedKmh, places: places)) km/h"
    }

    /// The hours of `HH:MM` readings, when on one day; else the whole times.
    static func clock(_ text: SafeText) -> String { text.value.count == 16 ? String(text.value.suffix(5)) : text.value }

    /// The counts per level, busiest first: four big figures in the levels'
    /// colours, or (too narrow for them) one line "붐빔 3 · 약간 붐빔 4 · … (20곳 중)".
    static func drawCounts(_ counts: [Level: Int], total: Int, _ c: PaneContext, in area: Rect, buffer: inout Buffer) {
        let s = c.strings
        let levels = Level.allCases.reversed()
        let tileWidth = (area.width - 3) / 4
        if tileWidth >= 6, area.height >= 2 {
            for (i, level) in levels.enumerated() {
                var theme = c.theme
                theme.figure = style(level, c.theme).bold
                theme.text = style(level, c.theme)
                let tile = Rect(x: area.x + i * (tileWidth + 1), y: area.y, width: tileWidth, height: area.height)
                buffer.draw(BigFigure("\(counts[level] ?? 0)", label: s.congestion(level), theme: theme), in: tile)
            }
            return
        }
        var parts: [Span] = []
        for (i, level) in levels.enumerated() {
            parts.append(Span("\(i == 0 ? "" : " · ")\(s.congestion(level)) ", style: style(level, c.theme)))
            parts.append(Span("\(counts[level] ?? 0)", style: c.theme.figure))
        }
        parts.append(Span(" \(s.ofPlaces(total))", style: c.theme.muted))
        PaneKit.line(Line(parts), in: area.row(0), buffer: &buffer)
    }

    /// "20곳 · 인구 측정 08:50 · 도로 08:55".
    static func summary(_ spots: [Hotspot], _ c: PaneContext) -> Line {
        let s = c.strings
        let theme = c.theme
        var parts: [Span] = [Span(s.places(spots.count), style: theme.figure)]
        let times = Set(spots.map(\.time)).sorted()
        if let first = times.first, let last = times.last {
            let t = first == last ? clock(first) : "\(clock(first))–\(clock(last))"
            parts.append(Span(" · \(s.populationAt(t))", style: theme.muted))
        }
        let roads = Set(spots.compactMap { $0.road?.time }).sorted()
        if let first = roads.first, let last = roads.last {
            let t = first == last ? clock(first) : "\(clock(first))–\(clock(last))"
            parts.append(Span(" · \(s.roadAt(t))", style: theme.muted))
        }
        return Line(parts)
    }

    /// The ranked hotspots: name, level (coloured), population range, road.
    /// Columns are left out whole (road first, then population) rather than
    /// squeezed, so no figure is cut; names are shortened first.
    static func drawTable(_ ranked: [Hotspot], large: Bool, _ c: PaneContext, in area: Rect, buffer: inout Buffer) {
        let s = c.strings
        let theme = c.theme
        guard area.height > 0 else { return }
        let levels = ranked.map { $0.congestion.map(s.congestion) ?? $0.level.value }
        let populations = ranked.map { range($0.populationMin, $0.populationMax) }
        let roads = ranked.map { roadText($0.road, s) }
        let categories = ranked.map { $0.category?.value ?? NumberFormat.invalid }
        let districts = ranked.map { $0.district?.value ?? NumberFormat.invalid }
        func natural(_ title: String, _ cells: [String]) -> Int { cells.reduce(title.displayWidth) { max($0, $1.displayWidth) } }

        // The columns after the name, in order of importance, each whole or not at all.
        var columns: [(column: Table.Column, cells: [String], styles: [Style?])] = [
            (
                Table.Column(s.congestionColumn, minWidth: natural(s.congestionColumn, levels)), levels,
                ranked.map { style($0.congestion, theme) }
            ),
            (
                Table.Column(s.populationEstimate, alignment: .right, minWidth: natural(s.populationEstimate, populations)), populations,
                ranked.map { _ in nil }
            ),
            (Table.Column(s.road, minWidth: natural(s.road, roads)), roads, ranked.map { style($0.road?.roadIndex, theme) })
        ]
        if large {
            columns.append((Table.Column(s.hotspotAreaType, minWidth: natural(s.hotspotAreaType, categories)), categories, ranked.map { _ in theme.muted }))
            columns.append((Table.Column(s.hotspotDistrict, minWidth: natural(s.hotspotDistrict, districts)), districts, ranked.map { _ in theme.muted }))
        }
        let names = ranked.map { s.dataText($0.name, $0.nameEn).value }
        // The name keeps room for its first characters before any column is added.
        let nameMin = min(natural(s.place, names), large ? 16 : 10)
        var room = area.width - nameMin
        var shown: [(column: Table.Column, cells: [String], styles: [Style?])] = []
        for column in columns {
            let need = column.column.minWidth + 1
            guard need <= room else { break }
            room -= need
            shown.append(column)
        }
        // The names fitted here, not by the table: a name with a number in it
        // (홍대입구역(2호선)) is shortened before the number, never to "…" alone.
        let nameWidth = max(nameMin, area.width - shown.reduce(0) { $0 + $1.column.minWidth + 1 })
        let rows = ranked.indices.prefix(max(0, area.height - 1)).map { i in
            Table.Row([fitName(names[i], nameWidth)] + shown.map { $0.cells[i] }, styles: [nil] + shown.map { $0.styles[i] })
        }
        let table = Table(
            columns: [Table.Column(s.place, minWidth: nameMin, weight: 1)] + shown.map(\.column), rows: rows,
            highlight: rows.isEmpty ? nil : 0, theme: theme)
        buffer.draw(table, in: area)
    }

    /// `name` in `width` columns: whole, or cut by display width with "…",
    /// the cut moved back before a number it would split.
    static func fitName(_ name: String, _ width: Int) -> String {
        guard name.displayWidth > width else { return name }
        var out = ""
        var used = 0
        for character in name {
            let w = String(character).displayWidth
            if used + w > width - 1 { break }
            out.append(character)
            used += w
        }
        while let last = out.last, last.isNumber || last == "(" || last == " " || last == "," || last == "." { out.removeLast() }
        return out + "…"
    }

    /// The forecast of `spot` as bars (upper population estimate), coloured by level, under a heading.
    static func drawForecast(_ spot: Hotspot?, _ c: PaneContext, in area: Rect, buffer: inout Buffer) {
        let s = c.strings
        let theme = c.theme
        guard let spot, area.height > 0 else { return }
        let name = s.dataText(spot.name, spot.nameEn).value
        let forecast = spot.forecast ?? []
        let (heading, chart) = PaneKit.titled(area, minContent: 2)
        let headingText = s.forecastHeading(name, hours: forecast.count)
        let fits = headingText.displayWidth <= area.width
        if let heading {
            PaneKit.heading(fits ? headingText : s.forecastHeadingShort(name), in: heading, buffer: &buffer, theme: theme)
        }
        guard !forecast.isEmpty else {
            PaneKit.line([Span(s.noForecast, style: theme.muted)], in: chart.row(0), buffer: &buffer)
            return
        }
        let items = forecast.map { f -> BarChart.Row in
            let hour = clock(f.time).prefix(2)
            return BarChart.Row(String(hour), Double(f.populationMax), style: style(f.congestion, theme))
        }
        let top = forecast.map(\.populationMax).max() ?? 0
        buffer.draw(VerticalBarChart(items, maxValue: Double(max(1, top)), theme: theme), in: chart)
    }

    /// The forecast hour by hour: time, level, population range (the large layout).
    static func drawForecastTable(_ spot: Hotspot?, _ c: PaneContext, in area: Rect, buffer: inout Buffer) {
        let s = c.strings
        guard let forecast = spot?.forecast, !forecast.isEmpty else { return }
        let rows = forecast.prefix(max(0, area.height - 1)).map { f in
            Table.Row(
                [clock(f.time), f.congestion.map(s.congestion) ?? f.level.value, range(f.populationMin, f.populationMax)],
                styles: [nil, style(f.congestion, c.theme), nil])
        }
        let populations = forecast.map { range($0.populationMin, $0.populationMax) }
        let widest = populations.reduce(s.populationEstimate.displayWidth) { max($0, $1.displayWidth) }
        // Shown only when every column fits whole.
        guard 5 + 1 + 16 + 1 + widest <= area.width else { return }
        buffer.draw(
            Table(
                columns: [
                    Table.Column(s.forecastTime, minWidth: 5), Table.Column(s.congestionColumn, minWidth: 4, maxWidth: 16),
                    Table.Column(s.populationEstimate, alignment: .right, minWidth: widest)
                ], rows: rows, theme: c.theme), in: area)
    }

    // MARK: the layouts

    static func draw(_ content: CityDataContent, context c: PaneContext, in area: Rect, buffer: inout Buffer) {
        let spots = content.hotspots(matching: c.district)
        let ranked = content.ranked.filter { spot in spots.contains { $0.code == spot.code } }
        let counts = content.counts(spots)
        guard !ranked.isEmpty else {
            PaneKit.line([Span(c.strings.noData, style: c.theme.muted)], in: area.row(0), buffer: &buffer)
            return
        }
        if PaneKit.isLarge(area) {
            drawLarge(ranked, counts: counts, c, in: area, buffer: &buffer)
            return
        }
        let split = PaneKit.Split(area, wideFrom: 100)
        let rows = Stack.rows(
            split.main,
            [
                .init(min: 2, ideal: area.height >= 20 ? 6 : 4, priority: 0),
                .init(min: 1, priority: 1),
                split.slot(ideal: ranked.count + 1, flexible: false, priority: 2),
                .init(min: 5, ideal: 8, flexible: true, max: 16, priority: 3)
            ])
        drawCounts(counts, total: ranked.count, c, in: rows[0], buffer: &buffer)
        PaneKit.line(summary(ranked, c), in: rows[1], buffer: &buffer)
        drawTable(ranked, large: false, c, in: split.side(orRow: rows[2]), buffer: &buffer)
        drawForecast(ranked.first, c, in: rows[3], buffer: &buffer)
    }

    /// Two columns: the counts, the times and the first hotspot's forecast
    /// (bars and hour by hour) on the left; every hotspot ranked, with its
    /// area type and district, on the right.
    static func drawLarge(_ ranked: [Hotspot], counts: [Level: Int], _ c: PaneContext, in area: Rect, buffer: inout Buffer) {
        let (leftArea, rest) = area.splitLeft(area.width * 2 / 5)
        let rightArea = rest.inset(left: 2)
        let forecastRows = (ranked.first?.forecast?.count ?? 0) + 1
        let left = Stack.rows(
            leftArea,
            [
                .init(min: 2, ideal: 6, priority: 0),
                .init(min: 1, priority: 1),
                .init(min: 1, priority: 6),
                .init(min: 6, ideal: 12, flexible: true, max: 20, priority: 2),
                .init(min: 1, priority: 6),
                .init(min: 3, ideal: forecastRows, priority: 4)
            ])
        drawCounts(counts, total: ranked.count, c, in: left[0], buffer: &buffer)
        PaneKit.line(summary(ranked, c), in: left[1], buffer: &buffer)
        drawForecast(ranked.first, c, in: left[3], buffer: &buffer)
        drawForecastTable(ranked.first, c, in: left[5], buffer: &buffer)
        drawTable(ranked, large: true, c, in: rightArea, buffer: &buffer)
    }
}
