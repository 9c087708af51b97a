/// District pledges (공약) and their indicators (`Data/pledges.json`): yearly
/// reports, stale after about 13 months.
public enum PledgesKind: DataKind {
    public typealias Content = PledgesContent
    public static let id = "pledges"
    public static let defaultMaxAge: Double = 400 * 86400
    public static let ageUnit = AgeUnit.days
    public static var panes: [any Pane] { [PledgesPane()] }

    /// At most this many indicators in all the programmes of a file.
    public static let maxIndicators = 100_000

    public static let shape: [String: SnapshotShape] = [
        "districts": .array(
            .object([
                "name": .string, "nameEn": .string,
                "programs": .array(
                    .object([
                        "title": .string, "status": .string, "publishedRate": .number,
                        "figuresThrough": .string, "indicatorsDerived": .bool,
                        "source": .object(["document": .string, "agency": .string, "dataset": .string, "url": .string, "page": .string]),
                        "budget": .object([
                            "unit": .string, "planned": .number, "executed": .number, "basis": .string, "period": .string,
                            "plannedToDate": .number, "toDatePeriod": .string, "executedRate": .number
                        ]),
                        "indicators": .array(
                            .object([
                                "name": .string, "measure": .string, "unit": .string, "weight": .number, "target": .number,
                                "actual": .number, "basis": .string,
                                "quarterly": .object(["year": .whole, "targets": .array(.number, max: 4), "cumulative": .bool])
                            ]),
                            max: 1_000, total: maxIndicators),
                        "outputs": .array(.object(["name": .string, "unit": .string, "value": .number]), max: 1_000)
                    ]), max: 1_000)
            ]), max: 1_000)
    ]

    public static let refusals: [KindRefusal] = [
        KindRefusal(
            "target as text", find: "\"target\": 1000", replace: "\"target\": \"1000\"",
            path: "districts[0].programs[0].indicators[0].target", message: "expected a number"),
        KindRefusal(
            "unknown status", find: "\"status\": \"이행 후 지속추진\"", replace: "\"status\": \"잘 되고 있음\"",
            path: "districts[0].programs[0].status", message: "is not a pledge status"),
        KindRefusal("duplicate district", find: "\"name\": \"도봉구\"", replace: "\"name\": \"관악구\"", path: "districts[1].name", message: "duplicate district")
    ]
}

extension SnapshotKind {
    public static let pledges = SnapshotKind(PledgesKind.self)
}

extension Snapshot {
    public var pledges: PledgesContent? { content(PledgesContent.self) }
}
