/// Live city data (`Data/citydata.json`, service `citydata`): readings every
/// few minutes, stale after 15 minutes, their age counted in minutes.
public enum CityDataKind: DataKind {
    public typealias Content = CityDataContent
    public static let id = "citydata"
    public static let defaultMaxAge: Double = 15 * 60
    public static let ageUnit = AgeUnit.minutes
    public static var panes: [any Pane] { [CityDataPane()] }

    public static let shape: [String: SnapshotShape] = [
        "hotspots": .array(
            .object([
                "code": .string, "name": .string, "nameEn": .string, "category": .string, "district": .string,
                "level": .string, "populationMin": .whole, "populationMax": .whole, "time": .string,
                "road": .object(["index": .string, "speedKmh": .number, "time": .string]),
                "forecast": .array(
                    .object(["time": .string, "level": .string, "populationMin": .whole, "populationMax": .whole]),
                    max: CityDataContent.maxForecast)
            ]), max: CityDataContent.maxHotspots)
    ]

    /// Bad edits of `Data/citydata.json` (its first hotspot, 강남역) and what each must say.
    public static let refusals: [KindRefusal] = [
        KindRefusal(
            "an unknown congestion level", find: "\"level\": \"붐빔\",\n      \"populationMin\": 36000",
            replace: "\"level\": \"혼잡\",\n      \"populationMin\": 36000", path: "hotspots[0].level",
            message: "\"혼잡\" is not a congestion level: one of \"여유\", \"보통\", \"약간 붐빔\", \"붐빔\""),
        KindRefusal(
            "a population minimum above its maximum", find: "\"populationMin\": 36000,\n      \"populationMax\": 38000",
            replace: "\"populationMin\": 39000,\n      \"populationMax\": 38000", path: "hotspots[0].populationMin",
            message: "populationMin 39000 is more than populationMax 38000"),
        KindRefusal(
            "a forecast out of order",
            find: "{\"time\": \"2025-01-15 11:00\", \"level\": \"약간 붐빔\", \"populationMin\": 28000, \"populationMax\": 30000},\n"
                + "        {\"time\": \"2025-01-15 12:00\", \"level\": \"붐빔\", \"populationMin\": 34000",
            replace: "{\"time\": \"2025-01-15 12:00\", \"level\": \"약간 붐빔\", \"populationMin\": 28000, \"populationMax\": 30000},\n"
                + "        {\"time\": \"2025-01-15 11:00\", \"level\": \"붐빔\", \"populationMin\": 34000",
            path: "hotspots[0].forecast[2].time", message: "is earlier than the forecast before it: forecast times must be in order"),
        KindRefusal(
            "a reading time that does not parse", find: "\"time\": \"2025-01-15 08:50\",\n      \"road\": {\"index\": \"정체\", \"speedKmh\": 13",
            replace: "\"time\": \"2025-01-15 8:50\",\n      \"road\": {\"index\": \"정체\", \"speedKmh\": 13", path: "hotspots[0].time",
            message: "is not a reading time (YYYY-MM-DD HH:MM, Seoul time)"),
        KindRefusal(
            "an unknown road index", find: "\"index\": \"정체\", \"speedKmh\": 13", replace: "\"index\": \"막힘\", \"speedKmh\": 13",
            path: "hotspots[0].road.index", message: "is not a road traffic index")
    ]
}

extension SnapshotKind {
    public static let citydata = SnapshotKind(CityDataKind.self)
}

extension Snapshot {
    public var citydata: CityDataContent? { content(CityDataContent.self) }
}
