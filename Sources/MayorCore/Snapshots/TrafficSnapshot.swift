/// Daily vehicle volume and average speed per road corridor (count station).
public struct TrafficContent: SnapshotContent, Hashable {
    public static let kind = SnapshotKind.traffic
    /// Far more than a year of days for every TOPIS station; guards memory.
    public static let maxRows = 2_000_000

    public struct Day: Decodable, Hashable, Sendable {
        public var date: SafeText
        @WholeNumber public var volume: Int
        public var speedKmh: Double
    }

    public struct Corridor: Decodable, Hashable, Sendable {
        public var id: SafeText
        public var name: SafeText
        public var nameEn: SafeText?
        public var district: SafeText?
        public var daily: [Day]
    }

    public var corridors: [Corridor]

    /// Sum over corridors of the volume on each date, ascending by date:
    /// computed once when the file is decoded (on the loader thread), not per frame.
    public private(set) var dailyTotals: [(date: SafeText, volume: Int)] = []

    enum CodingKeys: String, CodingKey { case corridors }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(corridors: try container.decode([Corridor].self, forKey: .corridors))
    }

    /// The corridors counted on the latest date, with their volume-weighted
    /// average speed and the busiest of them: also computed once per file.
    public struct LatestDay: Sendable {
        /// Indices into `corridors` of those whose last day is the latest date, in file order.
        public var corridors: [Int] = []
        public var averageSpeedKmh: Double = 0
        /// Index into `corridors` of the one with the most volume that day.
        public var busiest: Int?
    }

    public private(set) var latestDay = LatestDay()

    init(corridors: [Corridor]) {
        self.corridors = corridors
        dailyTotals = Self.totals(corridors)
        latestDay = Self.latest(corridors, date: dailyTotals.last?.date)
    }

    static func latest(_ corridors: [Corridor], date: SafeText?) -> LatestDay {
        guard let date else { return LatestDay() }
        var out = LatestDay()
        var speedSum = 0.0, volumeSum = 0, most = Int.min
        for (i, corridor) in corridors.enumerated() {
            guard let day = corridor.daily.last, day.date == date else { continue }
            out.corridors.append(i)
            speedSum += day.speedKmh * Double(day.volume)
            volumeSum += day.volume
            if day.volume > most {
                most = day.volume
                out.busiest = i
            }
        }
        out.averageSpeedKmh = volumeSum > 0 ? speedSum / Double(volumeSum) : 0
        return out
    }

    static func totals(_ corridors: [Corridor]) -> [(date: SafeText, volume: Int)] {
        var byDate: [SafeText: Int] = [:]
        for corridor in corridors {
            for day in corridor.daily { byDate[day.date, default: 0] += day.volume }
        }
        return byDate.keys.sorted().map { ($0, byDate[$0]!) }
    }

    public static func == (a: TrafficContent, b: TrafficContent) -> Bool { a.corridors == b.corridors }
    public func hash(into hasher: inout Hasher) { hasher.combine(corridors) }

    public func validate(_ v: inout Validator) {
        v.notEmpty(corridors, "corridors")
        v.atMost(corridors, 10_000, "corridors")
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
                v.range(day.speedKmh, 0...200, "\(base).daily[\(i)].speedKmh")
            }
            v.ascending(keys, { "\(base).daily[\($0)].date" }, what: "date")
        }
        if rows > Self.maxRows { v.fail("corridors", "has \(rows) daily rows; at most \(Self.maxRows) are read") }
    }
}

public typealias TrafficSnapshot = SnapshotDocument<TrafficContent>
