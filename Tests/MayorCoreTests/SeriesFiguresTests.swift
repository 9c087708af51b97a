import FoundationEssentials
import Testing

@testable import MayorCore

/// The time-series panes (traffic, Wi-Fi, metaverse) show true figures when
/// days or months are missing or a day is only partly reported: headlines
/// from complete days, changes against the same date a week (or the calendar
/// month) before, and missing periods drawn as visible empty slots.
@Suite struct SeriesFiguresTests {
    // MARK: crafted data

    /// The bundled traffic file without the daily rows of `dates`, for the
    /// corridors in `corridors` (every corridor when nil). Each daily row is on
    /// its own line in the bundled file; the last row of a corridor loses its comma.
    static func traffic(dropping dates: Set<String>, corridors: Set<String>? = nil) -> String {
        let text = String(decoding: readBundled(.traffic), as: UTF8.self)
        var out: [Substring] = []
        var corridor = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if let r = line.firstRange(of: "\"id\": \"") {
                corridor = String(line[r.upperBound...].prefix { $0 != "\"" })
            }
            if let r = line.firstRange(of: "{\"date\": \""), corridors?.contains(corridor) ?? true {
                let date = String(line[r.upperBound...].prefix(10))
                if dates.contains(date) { continue }
            }
            if line.drop(while: { $0 == " " }).hasPrefix("]"), let last = out.last, last.hasSuffix("},") {
                out[out.count - 1] = last.dropLast()
            }
            out.append(line)
        }
        return out.joined(separator: "\n")
    }

    static func snapshot(_ kind: SnapshotKind, _ json: String) -> Snapshot {
        switch parse(kind, json) {
        case .success(let s): return s
        case .failure(let list): fatalError("crafted \(kind) file refused: \(list)")
        }
    }

    /// The pane drawn alone (as `mayor render --pane`) as plain text lines.
    static func render(_ snapshot: Snapshot, pane id: String, width: Int = 100, height: Int = 30, language: Language = .en) -> [String] {
        let pane = PaneRegistry.pane(id)!
        var buffer = Buffer(width: width, height: height)
        var state = KindState()
        state.snapshot = snapshot
        let context = PaneContext(strings: Strings(language), theme: .monochrome, now: testNow)
        PaneRenderer.render(pane, state: state, freshness: .fresh, context: context, in: buffer.area, buffer: &buffer)
        return TextBackend.plain(buffer).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    static let allButLast: Set<String> = ["A-01", "A-13", "A-20", "D-42", "D-43", "F-01", "F-03"]

    // MARK: issue 10 item 5: a partial latest day

    @Test func trafficHeadlineNeverCallsAPartialDayAllCorridors() {
        // 7 of the 8 corridors have not reported 2023-09-30.
        let s = Self.snapshot(.traffic, Self.traffic(dropping: ["2023-09-30"], corridors: Self.allButLast))
        let t = s.traffic!
        // The headline is the latest day every corridor reported, with its date.
        #expect(t.headline?.date.value == "2023-09-29")
        #expect(t.headline?.reporting == 8)
        let complete29 = t.corridors.reduce(0) { $0 + $1.daily.first { $0.date.value == "2023-09-29" }!.volume }
        #expect(t.headline?.volume == complete29)
        // The newest date is named as partial, with its coverage.
        #expect(t.newestDate?.value == "2023-09-30")
        #expect(t.newest?.reporting == 1)

        let text = Self.render(s, pane: "traffic").joined(separator: "\n")
        #expect(!text.contains("150,282"), "the partial day's sum must not be the headline:\n\(text)")
        #expect(!text.contains("−82.3%"), "no change computed from a partial day:\n\(text)")
        #expect(text.contains(NumberFormat.grouped(complete29)), "\(text)")
        #expect(text.contains("2023-09-29"), "\(text)")
        #expect(text.contains("1 of 8 corridors"), "the partial newest day is labelled with its coverage:\n\(text)")
    }

    @Test func trafficWithNoCompleteDayLabelsItsCoverage() {
        // Two corridors whose dates never overlap: no day is complete.
        let json = """
            {"kind": "traffic", "schemaVersion": 1, "asOf": "2023-09-30", "sample": true,
             "source": {"document": "t", "agency": "t"},
             "corridors": [
              {"id": "A", "name": "a", "daily": [{"date": "2023-09-29", "volume": 100, "speedKmh": 30}]},
              {"id": "B", "name": "b", "daily": [{"date": "2023-09-30", "volume": 70, "speedKmh": 30}]}]}
            """
        let s = Self.snapshot(.traffic, json)
        let text = Self.render(s, pane: "traffic").joined(separator: "\n")
        #expect(!text.contains("all corridors) 70"), "\(text)")
        #expect(text.contains("1 of 2 corridors"), "\(text)")
    }

    @Test func trafficWithoutSpeedsLoadsAndShowsNoSpeed() {
        // A file from the TOPIS feed: volumes only (VolInfo measures no speed), on
        // both the fast path and the general one; a corridor with speeds beside one
        // without weighs only the former into the average.
        let json = """
            {"kind": "traffic", "schemaVersion": 1, "asOf": "2023-09-30",
             "source": {"document": "t", "agency": "t"},
             "corridors": [
              {"id": "A-01", "name": "성산로(금화터널)", "daily": [{"date": "2023-09-30", "volume": 41234}]},
              {"id": "A-02", "name": "사직로(사직터널)", "daily": [{"date": "2023-09-30", "volume": 30000}]}]}
            """
        for fast in [true, false] {
            let parsed = SnapshotParser.parse(.traffic, data: Data(json.utf8), file: "traffic.json", now: testNow, fastPath: fast)
            guard case .success(let s) = parsed, let traffic = s.traffic else {
                Issue.record("fastPath \(fast): \(parsed)")
                continue
            }
            #expect(traffic.corridors[0].daily[0].speedKmh == nil)
            #expect(traffic.headline?.volume == 71234)
            #expect(traffic.headline?.averageSpeedKmh == nil)
            #expect(traffic.latestDay.averageSpeedKmh == nil)
            let text = Self.render(s, pane: "traffic").joined(separator: "\n")
            #expect(text.contains("71,234"), "\(text)")
            #expect(!text.contains("0.0 km/h"), "no made-up speed:\n\(text)")
        }
        let mixed = json.replacingOccurrences(of: #""volume": 30000}"#, with: #""volume": 30000, "speedKmh": 42.5}"#)
        let s = Self.snapshot(.traffic, mixed)
        #expect(s.traffic!.headline?.averageSpeedKmh == 42.5)
    }

    // MARK: issue 10 item 6: changes by date, not by position

    @Test func trafficWeekChangeComparesTheSameDateAWeekBefore() {
        // 2023-09-26 and 09-27 missing everywhere: the 8th entry back is 09-21, not 09-23.
        let s = Self.snapshot(.traffic, Self.traffic(dropping: ["2023-09-26", "2023-09-27"]))
        let text = Self.render(s, pane: "traffic").joined(separator: "\n")
        #expect(text.contains("−8.9%"), "\(text)")
        #expect(!text.contains("−17.4%"), "\(text)")
        #expect(s.traffic!.weekBefore?.date.value == "2023-09-23")
    }

    @Test func trafficWeekChangeIsLeftOutWhenThatDateIsMissingOrPartial() {
        let missing = Self.snapshot(.traffic, Self.traffic(dropping: ["2023-09-23"]))
        #expect(missing.traffic!.weekBefore == nil)
        #expect(!Self.render(missing, pane: "traffic").joined().contains("week before"))
        let partial = Self.snapshot(.traffic, Self.traffic(dropping: ["2023-09-23"], corridors: ["F-05"]))
        #expect(partial.traffic!.weekBefore == nil)
        #expect(!Self.render(partial, pane: "traffic").joined().contains("week before"))
    }

    @Test func wifiMonthChangeComparesThePreviousCalendarMonth() {
        // No August: September is not compared with July.
        let json = bundledText(
            .wifi,
            replacing: """
                    {
                      "month": "2023-08",
                      "dailyUsers": 1630000,
                      "dailyTB": 70
                    },

                """, with: "")
        let text = Self.render(Self.snapshot(.wifi, json), pane: "wifi").joined(separator: "\n")
        #expect(!text.contains("vs Jul"), "\(text)")
        #expect(!text.contains("▲"), "\(text)")
        // With August present the change is against August.
        let bundled = Self.render(Self.snapshot(.wifi, String(decoding: readBundled(.wifi), as: UTF8.self)), pane: "wifi").joined()
        #expect(bundled.contains("vs Aug"))
    }

    // MARK: issue 10 item 7: gaps are visible slots

    @Test func metaverseMissingMonthIsAnEmptySlotWithItsLabel() {
        let s = Self.snapshot(.metaverse, String(decoding: readBundled(.metaverse), as: UTF8.self))
        let lines = Self.render(s, pane: "metaverse", width: 80, height: 24)
        let labels = lines.first { $0.contains("Sep") && $0.contains("Nov") }
        #expect(labels != nil, "\(lines.joined(separator: "\n"))")
        if let labels {
            let words = labels.split(whereSeparator: { $0 == " " || $0 == "│" }).map(String.init)
            let sep = words.firstIndex(of: "Sep")
            let nov = words.firstIndex(of: "Nov")
            #expect(sep != nil && nov != nil && words[sep! + 1] == "Oct" && nov! == sep! + 2, "\(words)")
        }
    }

    @Test func trafficTotalsChartLeavesMissingDaysEmpty() {
        let s = Self.snapshot(.traffic, Self.traffic(dropping: ["2023-09-26", "2023-09-27"]))
        let series = s.traffic!.totalsByDay
        // One slot per calendar day, first to last; the missing ones are empty.
        #expect(series.count == 90)
        #expect(series.filter { $0.volume == nil }.map(\.date.value) == ["2023-09-26", "2023-09-27"])
    }

    @Test func wifiMissingMonthIsAnEmptySlot() {
        let json = bundledText(
            .wifi,
            replacing: """
                    {
                      "month": "2023-05",
                      "dailyUsers": 1430000,
                      "dailyTB": 65
                    },

                """, with: "")
        let months = Self.snapshot(.wifi, json).wifi!.byMonth
        #expect(months.count == 9)
        #expect(months.filter { $0.value == nil }.map(\.month) == ["2023-05"])
    }
}

/// Budgets, works and per-figure sources of the Wi-Fi and metaverse panes
/// (issue 14 items 4 and 9): each figure with its own source and date.
@Suite struct SeriesProvenanceTests {
    static func zoomed(_ id: String, _ language: Language, width: Int = 140, height: Int = 42) -> String {
        let kind: SnapshotKind = id == "wifi" ? .wifi : .metaverse
        let s = SeriesFiguresTests.snapshot(kind, String(decoding: readBundled(kind), as: UTF8.self))
        return SeriesFiguresTests.render(s, pane: id, width: width, height: height, language: language).joined(separator: "\n")
    }

    @Test func wifiZoomedShowsBudgetAndWorksWithTheirDate() {
        for language in [Language.ko, .en] {
            let text = Self.zoomed("wifi", language)
            for figure in ["10,188,042", "8,026,963", "78.8%", "6,206,647", "60.9%", "393 / 700", "92 / 500"] {
                #expect(text.contains(figure), "\(language): \(figure) missing\n\(text)")
            }
            #expect(text.contains(language == .ko ? "예산 집행 (2023-09-30 기준)" : "budget execution (as of 2023-09-30)"), "\(text)")
            #expect(text.contains(language == .ko ? "설치·교체 (2023-09-30 기준)" : "installation and replacement (as of 2023-09-30)"), "\(text)")
        }
    }

    @Test func metaverseZoomedShowsBudgetAndTheCumulativeSeries() {
        let text = Self.zoomed("metaverse", .ko)
        for figure in ["2,813,953", "2,387,000", "84.8%", "1,240,000", "44.1%", "127,242", "226,187*", "13,097*", "8,212*"] {
            #expect(text.contains(figure), "\(figure) missing\n\(text)")
        }
    }

    @Test func metaverseFiguresNameTheirOwnSourceAndDate() {
        let text = Self.zoomed("metaverse", .ko, width: 80, height: 24)
        // The 2024-01-31 figures are not the policy office's: the footer names each source with its date.
        #expect(!text.contains("기준 2024-01-31 · 출처: 서울특별시 디지털정책관"), "\(text)")
        #expect(text.contains("기준 2023-09-30 서울특별시 디지털정책관 · *2024-01-31 서울시 보도자료"), "\(text)")
        // The goal position is dated: it is not the year's result.
        #expect(text.contains("2023 목표 20만 · 2023-09-30 기준"), "\(text)")
        // Press figures carry the mark explained in the heading.
        #expect(text.contains("226,187*") && text.contains("965*") && text.contains("(*: 서울시 보도자료)"), "\(text)")
        #expect(!text.contains("644*"), "a seed 002 figure is not marked as press\n\(text)")
    }

    @Test func aBudgetRateThatDoesNotMatchItsAmountsIsRefused() {
        let json = bundledText(.wifi, replacing: "\"committedPercent\": 78.8", with: "\"committedPercent\": 87.8")
        let found = problems(.wifi, json)
        #expect(found.contains { $0.path == "budget.committedPercent" && $0.message.contains("the amounts give 78.79") && $0.line != nil }, "\(found)")
        let paid = bundledText(.wifi, replacing: "\"paidThousandWon\": 6206647", with: "\"paidThousandWon\": 9206647")
        #expect(problems(.wifi, paid).contains { $0.path == "budget.paidThousandWon" }, "\(problems(.wifi, paid))")
        let done = bundledText(.wifi, replacing: "\"done\": 393", with: "\"done\": 793")
        #expect(problems(.wifi, done).contains { $0.path == "upkeep[0].done" && $0.message == "is more than planned" })
    }

    @Test func aFigureNamingAnUnknownSourceIsRefused() {
        let json = bundledText(.metaverse, replacing: "\"source\": \"press\"", with: "\"source\": \"pres\"")
        let found = problems(.metaverse, json)
        #expect(found.contains { $0.path == "monthlyVisits[0].source" && $0.message.contains("\"pres\"") && $0.line != nil }, "\(found)")
    }
}

/// The chart widgets draw a missing value as an empty slot that keeps its label.
@Suite struct SeriesGapWidgetTests {
    @Test func verticalBarChartKeepsTheLabelOfAMissingValue() {
        let items = [BarChart.Row("Sep", 644), BarChart.Row("Oct", .nan, valueText: NumberFormat.invalid), BarChart.Row("Nov", 749)]
        let lines = WidgetHarness.lines(VerticalBarChart(items, barWidth: 3, theme: .monochrome), width: 11, height: 6)
        #expect(lines.last == "Sep Oct Nov", "\(lines)")
        // The middle column has no bar, only "–" on its bottom row.
        let middle = lines.dropLast().map { String(Array($0.padding(toLength: 11, withPad: " ", startingAt: 0))[4..<7]) }
        #expect(middle.dropLast().allSatisfy { $0 == "   " } && middle.last == " – ", "\(middle)")
    }

    @Test func lineChartBreaksAtAMissingValue() {
        let lines = WidgetHarness.lines(LineChart([.init([1, 1, .nan, .nan, 1, 1], style: .plain)], theme: .monochrome), width: 6, height: 2)
        // Six points over 12 dot columns (x = 0, 2, 4, 7, 9, 11): the two
        // missing points leave cells 2 and 3 empty; both ends are drawn.
        let cells = lines.map { Array($0.padding(toLength: 6, withPad: " ", startingAt: 0)) }
        #expect(cells.allSatisfy { $0[2] == " " && $0[3] == " " }, "\(lines)")
        #expect(cells.contains { $0[0] != " " } && cells.contains { $0[5] != " " }, "\(lines)")
    }
}

/// The traffic sample says which of its stations the reference lists (issue 14 item 8).
@Suite struct TrafficSampleStationTests {
    @Test func onlyTheStationsTheReferenceListsAreCalledTOPISStations() {
        let text = String(decoding: readBundled(.traffic), as: UTF8.self)
        // The old note called every named corridor a real TOPIS station.
        #expect(!text.contains("are real TOPIS count stations"))
        // The ones the reference's SpotInfo list has, and the ones it does not.
        #expect(text.contains("A-01 성산로(금화터널), A-13 세종대로(서울역), A-20 남산1호터널, D-42 테헤란로(선릉역) and F-01 올림픽대로 are TOPIS count stations"))
        #expect(text.contains("D-43 강남대로(신사역), F-03 내부순환로 and F-05 동부간선도로 are not in that list: only their names are modelled on real roads"))
        #expect(text.contains("Every district value is the sample's own label, from no source."))
    }
}
