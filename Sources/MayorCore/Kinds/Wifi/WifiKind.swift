import FoundationEssentials

/// Seoul public Wi-Fi (`Data/wifi.json`): reports, stale after about two months.
public enum WifiKind: DataKind {
    public typealias Content = WifiContent
    public static let id = "wifi"
    public static let defaultMaxAge: Double = 62 * 86400
    public static let ageUnit = AgeUnit.days
    public static var panes: [any Pane] { [WifiPane()] }

    public static let shape: [String: SnapshotShape] = [
        "apTotal": .whole,
        "apCategories": .array(.object(["id": .string, "name": .string, "nameEn": .string, "group": .string, "count": .whole]), max: 1_000),
        "monthly": .array(.object(["month": .string, "dailyUsers": .whole, "dailyTB": .number]), max: 1_200),
        "budget": ProgrammeBudget.shape,
        "upkeep": .array(.object(["name": .string, "nameEn": .string, "planned": .whole, "done": .whole, "asOf": .string, "source": .string]), max: 100),
        // From `mayor fetch` (TbPublicWifiInfo); optional.
        "districts": .array(.object(["name": .string, "count": .whole]), max: 1_000),
        "outsideSeoul": .array(.object(["name": .string, "count": .whole]), max: 1_000),
        "indoor": .whole, "outdoor": .whole, "inOutUnknown": .whole,
        "usageSource": .object(["document": .string, "agency": .string, "asOf": .string])
    ]

    public static let refusals: [KindRefusal] = [
        KindRefusal(
            "total that is not the categories' sum", find: "\"apTotal\": 31245", replace: "\"apTotal\": 31246", path: "apTotal",
            message: "categories add up to 31245"),
        KindRefusal(
            "negative count", find: "\"count\": 3694", replace: "\"count\": -3694", path: "apCategories[0].count", message: "must not be negative"),
        KindRefusal(
            "unknown group", find: "\"group\": \"fixed\"", replace: "\"group\": \"flying\"", path: "apCategories[0].group",
            message: "not one of the allowed values"),
        KindRefusal(
            "repeated month", find: "\"month\": \"2023-02\"", replace: "\"month\": \"2023-01\"", path: "monthly[1].month",
            message: "repeats the previous month")
    ]
}

extension SnapshotKind {
    public static let wifi = SnapshotKind(WifiKind.self)
}

extension Snapshot {
    public var wifi: WifiContent? { content(WifiContent.self) }
}
