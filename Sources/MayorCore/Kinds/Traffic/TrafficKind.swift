import FoundationEssentials

/// Daily traffic by corridor (`Data/traffic.json`): stale after two days; large
/// files are read by `TrafficFastPath`.
public enum TrafficKind: DataKind {
    public typealias Content = TrafficContent
    public static let id = "traffic"
    public static let defaultMaxAge: Double = 2 * 86400
    public static let ageUnit = AgeUnit.days
    public static var panes: [any Pane] { [TrafficPane()] }

    public static let shape: [String: SnapshotShape] = [
        "corridors": .array(
            .object([
                "id": .string, "name": .string, "nameEn": .string, "district": .string,
                "daily": .array(
                    .object(["date": .string, "volume": .whole, "speedKmh": .number]),
                    max: TrafficContent.maxRows, total: TrafficContent.maxRows)
            ]), max: TrafficContent.maxCorridors)
    ]

    public static let refusals: [KindRefusal] = [
        KindRefusal(
            "impossible speed", find: "\"speedKmh\": 32.0", replace: "\"speedKmh\": 900", path: "corridors[0].daily[0].speedKmh",
            message: "between 0.0 and 200.0"),
        KindRefusal(
            "negative volume", find: "\"volume\": 67644", replace: "\"volume\": -1", path: "corridors[0].daily[0].volume",
            message: "must not be negative"),
        KindRefusal(
            "fractional volume", find: "\"volume\": 67644", replace: "\"volume\": 676.44", path: "corridors[0].daily[0].volume",
            message: "expected a number"),
        KindRefusal(
            "days out of order", find: "\"date\": \"2023-07-04\"", replace: "\"date\": \"2023-07-01\"", path: "corridors[0].daily[1].date",
            message: "ascending order")
    ]

    public static func contractBreach(in content: TrafficContent) -> String? {
        content.dailyTotals.contains { !Exact.representable($0.volume) } ? "accepted a daily total past 2^53" : nil
    }

    public static func fastDecode(_ data: Data, maxDepth: Int) -> SnapshotDocument<TrafficContent>? {
        TrafficFastPath.decode(data, maxDepth: maxDepth)
    }
}

extension SnapshotKind {
    public static let traffic = SnapshotKind(TrafficKind.self)
}

extension Snapshot {
    public var traffic: TrafficContent? { content(TrafficContent.self) }
}
