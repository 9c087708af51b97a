/// Metaverse Seoul: visits against the goal, installs, daily averages and
/// usage share by space.
public struct MetaverseContent: SnapshotContent, Hashable {
    public static let kind = SnapshotKind.metaverse

    public struct Period: Decodable, Hashable, Sendable {
        public var from: SafeText
        public var to: SafeText
        @WholeNumber public var visits: Int
        @WholeNumber public var installs: Int
    }

    public struct Goal: Decodable, Hashable, Sendable {
        @WholeNumber public var year: Int
        @WholeNumber public var visits: Int
    }

    public struct MonthValue: Decodable, Hashable, Sendable {
        public var month: SafeText
        @WholeNumber public var visits: Int
        /// The `id` of an entry of `additionalSources` when the figure comes
        /// from there; nil when it comes from the file's own `source`.
        public var source: SafeText?
        /// True when the figure covers part of the month only (the opening month).
        public var partial: Bool?
    }

    /// A source other than the file's own, for the figures that name its `id`.
    public struct FigureSource: Decodable, Hashable, Sendable {
        public var id: SafeText
        public var document: SafeText
        public var agency: SafeText
        /// The date its figures describe.
        public var asOf: SafeText
        /// A short name for the wall (Korean, English).
        public var label: SafeText
        public var labelEn: SafeText?
    }

    public struct Share: Decodable, Hashable, Sendable {
        public var space: SafeText
        public var spaceEn: SafeText?
        public var percent: Double
    }

    public struct Cumulative: Decodable, Hashable, Sendable {
        public var date: SafeText
        @WholeNumber public var visits: Int
        /// As `MonthValue.source`.
        public var source: SafeText?
    }

    public var launched: SafeText
    public var period: Period
    public var goal: Goal
    public var monthlyVisits: [MonthValue]
    public var dailyAverage: [MonthValue]
    public var spaceShare: [Share]
    public var cumulative: [Cumulative]?
    /// Sources of some figures other than the file's own `source`.
    public var additionalSources: [FigureSource]?
    /// The programme's budget and execution, with its own date and source (optional).
    public var budget: ProgrammeBudget?

    /// The additional source a figure names, if any.
    public func figureSource(_ id: SafeText?) -> FigureSource? {
        guard let id else { return nil }
        return additionalSources?.first { $0.id == id }
    }

    /// Daily averages, one slot per calendar month from the first to the last
    /// (a month with no published average is nil: an empty slot, not closed up).
    public var dailyAverageByMonth: [(month: String, value: MonthValue?)] {
        CalendarSeries.months(dailyAverage.map { ($0.month, $0) })
    }

    /// Monthly visits, one slot per calendar month.
    public var monthlyVisitsByMonth: [(month: String, value: MonthValue?)] {
        CalendarSeries.months(monthlyVisits.map { ($0.month, $0) })
    }

    /// Share of the goal reached by the period's visits, 0…1 (nil without a goal).
    public var goalRatio: Double? {
        goal.visits > 0 ? min(1, Double(period.visits) / Double(goal.visits)) : nil
    }

    public func validate(_ v: inout Validator) {
        let launchDay = v.day(launched, "launched")
        let from = v.day(period.from, "period.from")
        let to = v.day(period.to, "period.to")
        if let from, let to, to < from { v.fail("period.to", "is before period.from") }
        if let launchDay, let from, from < launchDay { v.fail("period.from", "is before the launch date \(launched)") }
        v.count(period.visits, "period.visits")
        v.count(period.installs, "period.installs")
        if goal.visits <= 0 { v.fail("goal.visits", "must be a positive number of visits") }
        if !(2000...2100).contains(goal.year) { v.fail("goal.year", "\(goal.year) is not a plausible year") }
        for (name, list) in [("monthlyVisits", monthlyVisits), ("dailyAverage", dailyAverage)] {
            var keys: [Int?] = []
            for (i, m) in list.enumerated() {
                keys.append(v.month(m.month, "\(name)[\(i)].month"))
                v.count(m.visits, "\(name)[\(i)].visits")
            }
            v.ascending(keys, { "\(name)[\($0)].month" }, what: "month")
        }
        v.notEmpty(dailyAverage, "dailyAverage")
        v.atMost(dailyAverage, 1200, "dailyAverage")
        v.atMost(monthlyVisits, 1200, "monthlyVisits")
        v.atMost(spaceShare, 1000, "spaceShare")
        v.atMost(cumulative ?? [], 100_000, "cumulative")
        var shareSum = 0.0
        for (i, s) in spaceShare.enumerated() {
            v.nonEmpty(s.space, "spaceShare[\(i)].space")
            v.range(s.percent, 0...100, "spaceShare[\(i)].percent")
            if s.percent.isFinite { shareSum += s.percent }
        }
        if shareSum > 100.5 { v.fail("spaceShare", "percentages add up to \(shareSum), more than 100") }
        v.unique(spaceShare.map(\.space), { "spaceShare[\($0)].space" }, what: "space")
        var keys: [Int?] = []
        for (i, c) in (cumulative ?? []).enumerated() {
            keys.append(v.day(c.date, "cumulative[\(i)].date"))
            v.count(c.visits, "cumulative[\(i)].visits")
        }
        v.ascending(keys, { "cumulative[\($0)].date" }, what: "date")

        let extra = additionalSources ?? []
        v.atMost(extra, 100, "additionalSources")
        v.unique(extra.map(\.id), { "additionalSources[\($0)].id" }, what: "source id")
        for (i, source) in extra.enumerated() {
            v.nonEmpty(source.id, "additionalSources[\(i)].id")
            v.nonEmpty(source.agency, "additionalSources[\(i)].agency")
            v.nonEmpty(source.label, "additionalSources[\(i)].label")
            _ = v.day(source.asOf, "additionalSources[\(i)].asOf")
        }
        let ids = Set(extra.map(\.id))
        func known(_ id: SafeText?, _ path: String) {
            if let id, !ids.contains(id) { v.fail(path, "names source \"\(id)\", which additionalSources does not list") }
        }
        for (name, list) in [("monthlyVisits", monthlyVisits), ("dailyAverage", dailyAverage)] {
            for (i, m) in list.enumerated() { known(m.source, "\(name)[\(i)].source") }
        }
        for (i, c) in (cumulative ?? []).enumerated() { known(c.source, "cumulative[\(i)].source") }
        budget?.validate(&v, "budget")
    }
}

public typealias MetaverseSnapshot = SnapshotDocument<MetaverseContent>
