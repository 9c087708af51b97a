/// Daily vehicle volume and average speed per road corridor (count station).
public struct TrafficContent: SnapshotContent, Hashable {
    public static let kind = SnapshotKind.traffic
    /// Far more than a year of days for every TOPIS station; guards memory.
    public static let maxRows = 2_000_000
    public static let maxCorridors = 10_000

    public struct Day: Decodable, Hashable, Sendable {
        public var date: SafeText
        @WholeNumber public var volume: Int
        /// Average speed, when the source measures it (TOPIS VolInfo counts
        /// vehicles only: a file from the feed has none).
        public var speedKmh: Double?
    }

    public struct Corridor: Decodable, Hashable, Sendable {
        public var id: SafeText
        public var name: SafeText
        public var nameEn: SafeText?
        public var district: SafeText?
        public var daily: [Day]
    }

    public var corridors: [Corridor]

    /// The total of one date over the corridors that reported it.
    public struct DayTotal: Sendable, Hashable {
        public var date: SafeText
        /// Day number (days since 1970-01-01) of `date`.
        public var day: Int
        /// Sum of the volumes reported for the date (saturating, `Exact.add`;
        /// the validator refuses a file with a total past 2^53).
        public var volume: Int
        /// How many corridors reported the date.
        public var reporting: Int
        /// Volume-weighted average speed over the corridors that reported it
        /// with a speed; nil when none did.
        public var averageSpeedKmh: Double?
    }

    /// One total per date that any corridor reported, ascending by date:
    /// computed once when the file is decoded (on the loader thread), not per frame.
    public private(set) var dailyTotals: [DayTotal] = []

    /// The day the headline shows: the latest date every corridor reported;
    /// when no date is complete, the latest date (shown with its coverage).
    public private(set) var headline: DayTotal?

    /// The newest date any corridor reported (partial when `reporting` is
    /// less than the number of corridors).
    public var newest: DayTotal? { dailyTotals.last }
    public var newestDate: SafeText? { newest?.date }

    /// The total of the same date 7 days before the headline, when both that
    /// date and the headline are complete (every corridor reported them);
    /// nil otherwise, so no change is shown.
    public private(set) var weekBefore: DayTotal?

    /// Every calendar day from the first date to the newest (at most
    /// `maxChartDays`, the newest ones), with the total when every corridor
    /// reported that day and nil when the day is missing or partial.
    public private(set) var totalsByDay: [(date: SafeText, volume: Int?, speedKmh: Double?)] = []
    public static let maxChartDays = 3660

    /// True when every corridor reported the day.
    public func isComplete(_ total: DayTotal) -> Bool { total.reporting == corridors.count }

    enum CodingKeys: String, CodingKey { case corridors }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(corridors: try container.decode([Corridor].self, forKey: .corridors))
    }

    /// The corridors counted on the headline date, with their volume-weighted
    /// average speed and the busiest of them: also computed once per file.
    public struct LatestDay: Sendable {
        /// Indices into `corridors` of those that reported the headline date, in file order.
        public var corridors: [Int] = []
        /// For each of `corridors`, the index of that date in its `daily`.
        public var dayIndex: [Int] = []
        /// nil when no corridor of that date has a speed.
        public var averageSpeedKmh: Double?
        /// Index into `corridors` of the one with the most volume that day.
        public var busiest: Int?

        /// The reported day of the `i`th corridor listed.
        public func day(_ i: Int, in content: TrafficContent) -> Day {
            content.corridors[corridors[i]].daily[dayIndex[i]]
        }
    }

    /// The figures of the headline date (despite the name, not always the
    /// newest date: see `headline`).
    public private(set) var latestDay = LatestDay()

    init(corridors: [Corridor]) {
        self.corridors = corridors
        dailyTotals = Self.totals(corridors)
        let complete = dailyTotals.last { $0.reporting == corridors.count }
        headline = complete ?? dailyTotals.last
        if let h = complete, let i = Self.index(of: h.day &- 7, in: dailyTotals), dailyTotals[i].reporting == corridors.count {
            weekBefore = dailyTotals[i]
        }
        latestDay = Self.latest(corridors, date: headline?.date)
        totalsByDay = Self.calendar(dailyTotals, corridors: corridors.count)
    }

    /// The volumes of corridor `index` on the `days` calendar days ending
    /// with day number `last`, oldest first: NaN where it reported nothing.
    public func recentVolumes(of index: Int, through last: Int, days: Int) -> [Double] {
        guard days > 0, corridors.indices.contains(index) else { return [] }
        var out = [Double](repeating: .nan, count: days)
        let daily = corridors[index].daily
        var i = daily.count - 1
        while i >= 0 {
            defer { i -= 1 }
            guard let day = CalendarDate.parseDay(daily[i].date.value) else { continue }
            if day > last { continue }
            let slot = days - 1 - (last - day)
            if slot < 0 { break }
            out[slot] = Double(daily[i].volume)
        }
        return out
    }

    /// Index of the total of day number `day` (binary search; totals ascend).
    static func index(of day: Int, in totals: [DayTotal]) -> Int? {
        var lo = 0
        var hi = totals.count
        while lo < hi {
            let mid = lo + (hi - lo) / 2
            if totals[mid].day < day { lo = mid + 1 } else { hi = mid }
        }
        return lo < totals.count && totals[lo].day == day ? lo : nil
    }

    /// Index in `daily` (ascending dates) of `date`, looking at the end first.
    static func index(of date: SafeText, in daily: [Day]) -> Int? {
        if let last = daily.last, last.date == date { return daily.count - 1 }
        var lo = 0
        var hi = daily.count
        while lo < hi {
            let mid = lo + (hi - lo) / 2
            if daily[mid].date.value < date.value { lo = mid + 1 } else { hi = mid }
        }
        return lo < daily.count && daily[lo].date == date ? lo : nil
    }

    static func latest(_ corridors: [Corridor], date: SafeText?) -> LatestDay {
        guard let date else { return LatestDay() }
        var out = LatestDay()
        // Weights in Double: a sum of volumes never overflows here.
        var speedSum = 0.0
        var weightSum = 0.0
        var most = Int.min
        for (i, corridor) in corridors.enumerated() {
            guard let d = index(of: date, in: corridor.daily) else { continue }
            let day = corridor.daily[d]
            out.corridors.append(i)
            out.dayIndex.append(d)
            if let speed = day.speedKmh {
                speedSum += speed * Double(day.volume)
                weightSum += Double(day.volume)
            }
            if day.volume > most {
                most = day.volume
                out.busiest = i
            }
        }
        out.averageSpeedKmh = weightSum > 0 ? speedSum / weightSum : nil
        return out
    }

    static func totals(_ corridors: [Corridor]) -> [DayTotal] {
        var byDate: [SafeText: (volume: Int, reporting: Int, speed: Double, weight: Double)] = [:]
        for corridor in corridors {
            for day in corridor.daily {
                var entry = byDate[day.date, default: (0, 0, 0, 0)]
                // Saturating: a total past 2^53 is refused by `validate`, never shown.
                entry.volume = Exact.add(entry.volume, day.volume)
                entry.reporting += 1
                // Weights in Double: never overflow. Only days with a speed weigh in.
                if let speed = day.speedKmh {
                    entry.speed += speed * Double(day.volume)
                    entry.weight += Double(day.volume)
                }
                byDate[day.date] = entry
            }
        }
        return byDate.keys.sorted().compactMap { date in
            // Dates that do not parse are refused by the validator; leave them out here.
            guard let day = CalendarDate.parseDay(date.value), let entry = byDate[date] else { return nil }
            return DayTotal(
                date: date, day: day, volume: entry.volume, reporting: entry.reporting,
                averageSpeedKmh: entry.weight > 0 ? entry.speed / entry.weight : nil)
        }
    }

    /// One slot per calendar day from the first total to the last (the newest
    /// `maxChartDays`): the total when the day is complete, else nil.
    static func calendar(_ totals: [DayTotal], corridors: Int) -> [(date: SafeText, volume: Int?, speedKmh: Double?)] {
        guard let first = totals.first, let last = totals.last else { return [] }
        let start = max(first.day, last.day - (maxChartDays - 1))
        var out: [(date: SafeText, volume: Int?, speedKmh: Double?)] = []
        out.reserveCapacity(last.day - start + 1)
        var i = index(of: start, in: totals) ?? totals.firstIndex { $0.day >= start } ?? totals.count
        for day in start...last.day {
            if i < totals.count, totals[i].day == day {
                let complete = totals[i].reporting == corridors
                out.append((totals[i].date, complete ? totals[i].volume : nil, complete ? totals[i].averageSpeedKmh : nil))
                i += 1
            } else {
                out.append((SafeText(CalendarSeries.dayString(day)), nil, nil))
            }
        }
        return out
    }

    public static func == (a: TrafficContent, b: TrafficContent) -> Bool { a.corridors == b.corridors }
    public func hash(into hasher: inout Hasher) { hasher.combine(corridors) }

    public func validate(_ v: inout Validator) {
        v.notEmpty(corridors, "corridors")
        v.atMost(corridors, Self.maxCorridors, "corridors")
        v.unique(corridors.map(\.id), { "corridors[\($0)].id" }, what: "corridor id")
        var rows = 0
        for (c, corridor) in corridors.enumerated() {
            let base = "corridors[\(c)]"
            v.nonEmpty(corridor.id, "\(base).id")
            v.nonEmpty(corridor.name, "\(base).name")
            v.notEmpty(corridor.daily, "\(base).daily")
            rows += corridor.daily.count
            var keys: [Int?] = []
            keys.reserveCapacity(corridor.daily.count)
            for (i, day) in corridor.daily.enumerated() {
                keys.append(v.day(day.date, "\(base).daily[\(i)].date"))
                v.count(day.volume, "\(base).daily[\(i)].volume")
                if let speed = day.speedKmh { v.range(speed, 0...200, "\(base).daily[\(i)].speedKmh") }
            }
            v.ascending(keys, { "\(base).daily[\($0)].date" }, what: "date")
        }
        if rows > Self.maxRows { v.fail("corridors", "has \(rows) daily rows; at most \(Self.maxRows) are read") }
        if dailyTotals.contains(where: { !Exact.representable($0.volume) }) { tooLarge(&v) }
    }

    /// Reports the row at which a date's total leaves the exact range (the
    /// totals are saturating, so this is found again here, only when needed).
    func tooLarge(_ v: inout Validator) {
        var byDate: [SafeText: Int] = [:]
        for (c, corridor) in corridors.enumerated() {
            for (i, day) in corridor.daily.enumerated() {
                let total = Exact.add(byDate[day.date, default: 0], day.volume)
                byDate[day.date] = total
                if !Exact.representable(total) {
                    v.fail("corridors[\(c)].daily[\(i)].volume", Exact.tooLarge("the volumes of \(day.date)"))
                    return
                }
            }
        }
    }
}

public typealias TrafficSnapshot = SnapshotDocument<TrafficContent>
