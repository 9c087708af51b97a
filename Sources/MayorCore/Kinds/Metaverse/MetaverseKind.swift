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

    public static let refusals: [KindRefusal] = [
        KindRefusal(
            "period ending before it starts", find: "\"to\": \"2023-09-30\"", replace: "\"to\": \"2023-01-01\"", path: "period.to",
            message: "before period.from"),
        KindRefusal("goal of no visits", find: "\"visits\": 200000", replace: "\"visits\": 0", path: "goal.visits", message: "positive number of visits"),
        KindRefusal(
            "share over 100%", find: "\"percent\": 15", replace: "\"percent\": 150", path: "spaceShare[0].percent", message: "between 0.0 and 100.0")
    ]
}

extension SnapshotKind {
    public static let metaverse = SnapshotKind(MetaverseKind.self)
}

extension Snapshot {
    public var metaverse: MetaverseContent? { content(MetaverseContent.self) }
}
