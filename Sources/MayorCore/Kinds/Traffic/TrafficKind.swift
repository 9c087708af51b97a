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
