/// Live city data (서울시 실시간 도시데이터, service `citydata`): for each
/// hotspot, the congestion level, the estimated population range at its
/// reading time, a forecast by the hour, and the road traffic around it.
public struct CityDataContent: SnapshotContent, Hashable {
    public static let kind = SnapshotKind.citydata

    /// The four congestion steps of the feed, quietest first.
    public enum Level: Int, CaseIterable, Comparable, Sendable {
        case relaxed, normal, slightlyBusy, busy

        /// The feed's word: 여유, 보통, 약간 붐빔, 붐빔.
        public var word: String {
            switch self {
            case .relaxed: return "여유"
            case .normal: return "보통"
            case .slightlyBusy: return "약간 붐빔"
            case .busy: return "붐빔"
            }
        }

        public init?(_ text: SafeText) {
            guard let level = Level.allCases.first(where: { $0.word == text.value }) else { return nil }
            self = level
        }

        public static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }

        /// "여유, 보통, 약간 붐빔, 붐빔", for messages.
        static var allowed: String { allCases.map { "\"\($0.word)\"" }.joined(separator: ", ") }
    }

    /// The road traffic index around a hotspot: 원활, 서행, 정체.
    public enum RoadIndex: Int, CaseIterable, Sendable {
        case smooth, slow, jammed

        public var word: String {
            switch self {
            case .smooth: return "원활"
            case .slow: return "서행"
            case .jammed: return "정체"
            }
        }

        public init?(_ text: SafeText) {
            guard let index = RoadIndex.allCases.first(where: { $0.word == text.value }) else { return nil }
            self = index
        }

        static var allowed: String { allCases.map { "\"\($0.word)\"" }.joined(separator: ", ") }
    }

    /// One hour of a hotspot's forecast (FCST_PPLTN).
    public struct Forecast: Decodable, Hashable, Sendable {
        /// `YYYY-MM-DD HH:MM`, Seoul time, as the feed writes it.
        public var time: SafeText
        public var level: SafeText
        @WholeNumber public var populationMin: Int
        @WholeNumber public var populationMax: Int

        public var congestion: Level? { Level(level) }
    }

    /// The average road traffic around a hotspot (AVG_ROAD_DATA).
    public struct Road: Decodable, Hashable, Sendable {
        public var index: SafeText
        public var speedKmh: Double
        /// `YYYY-MM-DD HH:MM`, Seoul time (the road reading has its own time).
        public var time: SafeText?

        public var roadIndex: RoadIndex? { RoadIndex(index) }
    }

    public struct Hotspot: Decodable, Hashable, Sendable {
        /// The feed's area code, e.g. `POI014`.
        public var code: SafeText
        /// The feed's area name, e.g. `강남역`.
        public var name: SafeText
        public var nameEn: SafeText?
        /// The area type of Seoul's list of places (관광특구, 공원, …); optional.
        public var category: SafeText?
        /// The district the place lies in; optional.
        public var district: SafeText?
        public var level: SafeText
        @WholeNumber public var populationMin: Int
        @WholeNumber public var populationMax: Int
        /// The population reading's time (PPLTN_TIME): `YYYY-MM-DD HH:MM`, Seoul time.
        public var time: SafeText
        public var road: Road?
        public var forecast: [Forecast]?

        public var congestion: Level? { Level(level) }
        public var readingInstant: Double? { CityDataContent.instant(time) }
    }

    public var hotspots: [Hotspot]

    /// At most this many hotspots (Seoul lists about 121) and forecast hours per hotspot.
    public static let maxHotspots = 1_000
    public static let maxForecast = 48

    /// `YYYY-MM-DD HH:MM` (the feed's form, Seoul time, no offset) as seconds since the epoch.
    public static func instant(_ text: SafeText) -> Double? {
        let v = text.value
        guard v.utf8.count == 16, v.utf8[v.utf8.index(v.utf8.startIndex, offsetBy: 10)] == UInt8(ascii: " ") else { return nil }
        return CalendarDate.parseInstant(String(v.prefix(10)) + "T" + String(v.suffix(5)) + "+09:00")
    }

    /// Hotspots most crowded first: by level, then by the upper population
    /// estimate, then by code (an unknown level never passes validation).
    public var ranked: [Hotspot] {
        hotspots.sorted { a, b in
            let (la, lb) = (a.congestion?.rawValue ?? -1, b.congestion?.rawValue ?? -1)
            if la != lb { return la > lb }
            if a.populationMax != b.populationMax { return a.populationMax > b.populationMax }
            return a.code < b.code
        }
    }

    /// How many hotspots are at each level.
    public func counts(_ spots: [Hotspot]) -> [Level: Int] {
        var out: [Level: Int] = [:]
        for spot in spots { if let level = spot.congestion { out[level, default: 0] += 1 } }
        return out
    }

    /// The area types, then the districts, in order of first appearance: what `f` cycles through.
    public var filters: [SafeText] {
        var seen = Set<SafeText>()
        var out: [SafeText] = []
        for value in hotspots.compactMap(\.category) + hotspots.compactMap(\.district).sorted() where seen.insert(value).inserted {
            out.append(value)
        }
        return out
    }

    /// The hotspots of an area type or a district (all of them when `filter` is nil).
    public func hotspots(matching filter: SafeText?) -> [Hotspot] {
        guard let filter else { return hotspots }
        return hotspots.filter { $0.category == filter || $0.district == filter }
    }

    /// The newest population reading of the hotspots (for the header).
    public var newestReading: Hotspot? { hotspots.max { ($0.readingInstant ?? 0) < ($1.readingInstant ?? 0) } }
    /// The oldest.
    public var oldestReading: Hotspot? { hotspots.min { ($0.readingInstant ?? 0) < ($1.readingInstant ?? 0) } }

    public func validate(_ v: inout Validator) {
        v.notEmpty(hotspots, "hotspots")
        v.atMost(hotspots, Self.maxHotspots, "hotspots")
        v.unique(hotspots.map(\.code), { "hotspots[\($0)].code" }, what: "area code")
        for (i, h) in hotspots.enumerated() {
            let at = "hotspots[\(i)]"
            v.nonEmpty(h.code, "\(at).code")
            v.nonEmpty(h.name, "\(at).name")
            level(h.level, "\(at).level", &v)
            population(h.populationMin, h.populationMax, at, &v)
            time(h.time, "\(at).time", &v)
            if let road = h.road {
                if road.roadIndex == nil {
                    v.fail("\(at).road.index", "\"\(road.index)\" is not a road traffic index: one of \(RoadIndex.allowed)")
                }
                v.range(road.speedKmh, 0...300, "\(at).road.speedKmh")
                if let t = road.time { time(t, "\(at).road.time", &v) }
            }
            guard let forecast = h.forecast else { continue }
            v.atMost(forecast, Self.maxForecast, "\(at).forecast")
            var previous: Double? = nil
            for (j, f) in forecast.enumerated() {
                let fat = "\(at).forecast[\(j)]"
                level(f.level, "\(fat).level", &v)
                population(f.populationMin, f.populationMax, fat, &v)
                guard let t = time(f.time, "\(fat).time", &v) else { continue }
                if let previous, t <= previous {
                    v.fail(
                        "\(fat).time",
                        t == previous
                            ? "repeats the previous forecast hour" : "\"\(f.time)\" is earlier than the forecast before it: forecast times must be in order")
                }
                previous = t
            }
        }
    }

    private func level(_ text: SafeText, _ path: String, _ v: inout Validator) {
        if Level(text) == nil { v.fail(path, "\"\(text)\" is not a congestion level: one of \(Level.allowed)") }
    }

    private func population(_ lo: Int, _ hi: Int, _ at: String, _ v: inout Validator) {
        v.count(lo, "\(at).populationMin")
        v.count(hi, "\(at).populationMax")
        if lo > hi { v.fail("\(at).populationMin", "populationMin \(lo) is more than populationMax \(hi)") }
    }

    @discardableResult
    private func time(_ text: SafeText, _ path: String, _ v: inout Validator) -> Double? {
        guard let t = Self.instant(text) else {
            v.fail(path, "\"\(text)\" is not a reading time (YYYY-MM-DD HH:MM, Seoul time)")
            return nil
        }
        return t
    }
}

public typealias CityDataSnapshot = SnapshotDocument<CityDataContent>
