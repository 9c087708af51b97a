/// Seoul public Wi-Fi: access points by category and daily usage by month.
public struct WifiContent: SnapshotContent, Hashable {
    public static let kind = SnapshotKind.wifi

    public struct Category: Decodable, Hashable, Sendable {
        public var id: SafeText
        public var name: SafeText
        public var nameEn: SafeText?
        public var group: Group
        @WholeNumber public var count: Int
    }

    public enum Group: String, Decodable, Hashable, Sendable { case fixed, mobile }

    public struct Month: Decodable, Hashable, Sendable {
        public var month: SafeText
        @WholeNumber public var dailyUsers: Int
        public var dailyTB: Double
    }

    @WholeNumber public var apTotal: Int
    public var apCategories: [Category]
    public var monthly: [Month]
    /// The programme's budget and execution, with its own date and source (optional).
    public var budget: ProgrammeBudget?
    /// Installation and replacement works against their plans (optional).
    public var upkeep: [WorkProgress]?

    /// A count of APs under a name (a district, a place outside Seoul).
    public struct Place: Decodable, Hashable, Sendable {
        public var name: SafeText
        @WholeNumber public var count: Int
    }

    /// Where the usage series (`monthly`), budget and works were published,
    /// when it is not the file's own source (a file from `mayor fetch`
    /// carries them over from the report).
    public struct UsageSource: Decodable, Hashable, Sendable {
        public var document: SafeText?
        public var agency: SafeText?
        public var asOf: SafeText?
    }

    /// APs by district (optional; `mayor fetch` writes the 25 districts).
    public var districts: [Place]?
    /// APs listed under a district outside Seoul's 25 (optional), counted apart.
    public var outsideSeoul: [Place]?
    /// APs indoors, outdoors, and neither (optional).
    public var indoor: Int?
    public var outdoor: Int?
    public var inOutUnknown: Int?
    public var usageSource: UsageSource?

    /// One slot per calendar month from the first to the last (a missing month is nil).
    public var byMonth: [(month: String, value: Month?)] {
        CalendarSeries.months(monthly.map { ($0.month, $0) })
    }

    /// The latest month's entry and that of the calendar month before it
    /// (nil when that month is missing: no change is shown then).
    public var latestAndPrevious: (latest: Month, previous: Month?)? {
        monthly.last.map { ($0, CalendarSeries.previous(monthly, month: \.month)) }
    }

    public func total(of group: Group) -> Int {
        Exact.sum(apCategories.lazy.filter { $0.group == group }.map(\.count))
    }

    public func validate(_ v: inout Validator) {
        v.count(apTotal, "apTotal")
        v.notEmpty(apCategories, "apCategories")
        v.atMost(apCategories, 1000, "apCategories")
        v.atMost(monthly, 1200, "monthly")
        for (i, c) in apCategories.enumerated() {
            v.nonEmpty(c.name, "apCategories[\(i)].name")
            v.count(c.count, "apCategories[\(i)].count")
        }
        v.unique(apCategories.map(\.id), { "apCategories[\($0)].id" }, what: "category id")
        let sum = Exact.sum(apCategories.lazy.map { max(0, $0.count) })
        if !Exact.representable(sum) {
            v.fail("apCategories", Exact.tooLarge("the categories' counts"))
        } else if !apCategories.isEmpty, sum != apTotal {
            v.fail("apTotal", "is \(apTotal) but the categories add up to \(sum)")
        }
        v.notEmpty(monthly, "monthly")
        var keys: [Int?] = []
        for (i, m) in monthly.enumerated() {
            keys.append(v.month(m.month, "monthly[\(i)].month"))
            v.count(m.dailyUsers, "monthly[\(i)].dailyUsers")
            v.nonNegative(m.dailyTB, "monthly[\(i)].dailyTB")
        }
        v.ascending(keys, { "monthly[\($0)].month" }, what: "month")
        if let districts {
            v.atMost(districts, 1000, "districts")
            v.atMost(outsideSeoul ?? [], 1000, "outsideSeoul")
            for (i, d) in districts.enumerated() {
                v.nonEmpty(d.name, "districts[\(i)].name")
                v.count(d.count, "districts[\(i)].count")
            }
            for (i, d) in (outsideSeoul ?? []).enumerated() { v.count(d.count, "outsideSeoul[\(i)].count") }
            v.unique(districts.map(\.name), { "districts[\($0)].name" }, what: "district")
            let sum = Exact.sum(districts.lazy.map { max(0, $0.count) }) + Exact.sum((outsideSeoul ?? []).lazy.map { max(0, $0.count) })
            if Exact.representable(sum), sum != apTotal {
                v.fail("districts", "add up to \(sum) with outsideSeoul, but apTotal is \(apTotal)")
            }
        }
        for (value, name) in [(indoor, "indoor"), (outdoor, "outdoor"), (inOutUnknown, "inOutUnknown")] {
            if let value { v.count(value, name) }
        }
        if let indoor, let outdoor, indoor >= 0, outdoor >= 0, (inOutUnknown ?? 0) >= 0 {
            let sum = indoor + outdoor + (inOutUnknown ?? 0)
            if sum != apTotal { v.fail("indoor", "indoor, outdoor and inOutUnknown add up to \(sum), but apTotal is \(apTotal)") }
        }
        budget?.validate(&v, "budget")
        v.atMost(upkeep ?? [], 100, "upkeep")
        for (i, work) in (upkeep ?? []).enumerated() { work.validate(&v, "upkeep[\(i)]") }
    }
}

public typealias WifiSnapshot = SnapshotDocument<WifiContent>
