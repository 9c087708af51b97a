/// CCTV cameras by district (`Data/cctv.json`): yearly figures, stale after about 13 months.
public enum CCTVKind: DataKind {
    public typealias Content = CCTVContent
    public static let id = "cctv"
    public static let defaultMaxAge: Double = 400 * 86400
    public static let ageUnit = AgeUnit.days
    public static var panes: [any Pane] { [CCTVPane()] }

    public static let shape: [String: SnapshotShape] = [
        "districtScope": .string, "districtsAsOf": .string,
        "districts": .array(.object(["code": .string, "name": .string, "nameEn": .string, "cameras": .whole]), max: 1_000),
        "ageProfile": .object([
            "asOf": .string, "scope": .string, "total": .whole, "aged8to10": .whole, "aged10plus": .whole,
            "under8": .number, "agedRatePercent": .number, "source": .string
        ]),
        "programme": .object([
            "year": .whole, "newCameras": .whole, "sites": .whole, "districts": .whole, "replaced": .whole,
            "budgetThousandWon": .number, "stage": .string, "asOf": .string, "source": .string
        ]),
        "budgets": .array(
            .object([
                "name": .string, "nameEn": .string, "thousandWon": .number, "committedPercent": .number,
                "paidPercent": .number, "asOf": .string
            ]), max: 100)
    ]

    public static func contractBreach(in content: CCTVContent) -> String? {
        Exact.representable(content.totalCameras) ? nil : "accepted a camera total past 2^53"
    }

    public static let refusals: [KindRefusal] = [
        KindRefusal(
            "aged cameras more than the total", find: "\"aged10plus\": 5896", replace: "\"aged10plus\": 95896", path: "ageProfile",
            message: "more than total"),
        KindRefusal(
            "more districts than Seoul has", find: "\"districts\": 24", replace: "\"districts\": 26", path: "programme.districts",
            message: "between 0 and 25"),
        KindRefusal("duplicate district", find: "\"name\": \"중구\"", replace: "\"name\": \"종로구\"", path: "districts[1].name", message: "duplicate district")
    ]
}

extension SnapshotKind {
    public static let cctv = SnapshotKind(CCTVKind.self)
}

extension Snapshot {
    public var cctv: CCTVContent? { content(CCTVContent.self) }
}
