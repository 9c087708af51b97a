/// Metaverse Seoul (`Data/metaverse.json`): reports, stale after about two months.
public enum MetaverseKind: DataKind {
    public typealias Content = MetaverseContent
    public static let id = "metaverse"
    public static let defaultMaxAge: Double = 62 * 86400
    public static let ageUnit = AgeUnit.days
    public static var panes: [any Pane] { [MetaversePane()] }

    static let month = SnapshotShape.object(["month": .string, "visits": .whole, "source": .string, "partial": .bool])
    public static let shape: [String: SnapshotShape] = [
        "launched": .string,
        "period": .object(["from": .string, "to": .string, "visits": .whole, "installs": .whole]),
        "goal": .object(["year": .whole, "visits": .whole]),
        "monthlyVisits": .array(month, max: 1_200),
        "dailyAverage": .array(month, max: 1_200),
        "spaceShare": .array(.object(["space": .string, "spaceEn": .string, "percent": .number]), max: 1_000),
        "cumulative": .array(.object(["date": .string, "visits": .whole, "source": .string]), max: 100_000),
        "additionalSources": .array(
            .object([
                "id": .string, "document": .string, "agency": .string, "asOf": .string,
                "label": .string, "labelEn": .string
            ]), max: 100),
        "budget": ProgrammeBudget.shape
    ]
}

extension SnapshotKind {
    public static let metaverse = SnapshotKind(MetaverseKind.self)
}

extension Snapshot {
    public var metaverse: MetaverseContent? { content(MetaverseContent.self) }
}
