/// CCTV cameras: per-district totals, the age profile, one year's programme
/// and the budgets behind it, each with its own date.
public struct CCTVContent: SnapshotContent, Hashable {
    public static let kind = SnapshotKind.cctv

    public struct District: Decodable, Hashable, Sendable {
        public var code: SafeText
        public var name: SafeText
        public var nameEn: SafeText?
        @WholeNumber public var cameras: Int
    }

    public struct AgeProfile: Decodable, Hashable, Sendable {
        public var asOf: SafeText
        public var scope: SafeText
        @WholeNumber public var total: Int
        @WholeNumber public var aged8to10: Int
        @WholeNumber public var aged10plus: Int
        /// Under 8 years, when the source gives it.
        public var under8: Double?
        /// The ageing rate (노후율, percent) as the source publishes it.
        public var agedRatePercent: Double?
        /// The document the profile comes from, for display.
        public var source: SafeText?

        public var aged8plus: Int { Exact.add(aged8to10, aged10plus) }
    }

    public struct Programme: Decodable, Hashable, Sendable {
        @WholeNumber public var year: Int
        @WholeNumber public var newCameras: Int
        @WholeNumber public var sites: Int
        @WholeNumber public var districts: Int
        @WholeNumber public var replaced: Int
        public var budgetThousandWon: Double?
        /// The source's word for how far it is: 추진중 (under way), 교체예정 (planned), 완료 (done).
        public var stage: SafeText?
        /// The date the programme's figures are as of.
        public var asOf: SafeText?
        /// The document the programme and the budgets come from, for display.
        public var source: SafeText?
    }

    /// A budget line as published: 예산현액 and the committed (원인행위) and
    /// paid (지출) rates.
    public struct Budget: Decodable, Hashable, Sendable {
        public var name: SafeText
        public var nameEn: SafeText?
        public var thousandWon: Double
        public var committedPercent: Double?
        public var paidPercent: Double?
        public var asOf: SafeText
    }

    public var districtScope: SafeText
    /// The date the per-district totals are as of; nil when no source gives one.
    public var districtsAsOf: SafeText?
    public var districts: [District]
    public var ageProfile: AgeProfile
    public var programme: Programme
    public var budgets: [Budget]?

    public var totalCameras: Int { Exact.sum(districts.lazy.map { max(0, $0.cameras) }) }

    public func validate(_ v: inout Validator) {
        v.nonEmpty(districtScope, "districtScope")
        v.notEmpty(districts, "districts")
        v.atMost(districts, 1000, "districts")
        v.unique(districts.map(\.name), { "districts[\($0)].name" }, what: "district")
        v.unique(districts.map(\.code), { "districts[\($0)].code" }, what: "district code")
        for (i, d) in districts.enumerated() {
            v.nonEmpty(d.name, "districts[\(i)].name")
            v.count(d.cameras, "districts[\(i)].cameras")
        }
        if !Exact.representable(totalCameras) { v.fail("districts", Exact.tooLarge("the districts' cameras")) }
        v.day(ageProfile.asOf, "ageProfile.asOf")
        v.count(ageProfile.total, "ageProfile.total")
        v.count(ageProfile.aged8to10, "ageProfile.aged8to10")
        v.count(ageProfile.aged10plus, "ageProfile.aged10plus")
        if ageProfile.aged8plus > ageProfile.total {
            v.fail("ageProfile", "aged8to10 + aged10plus (\(ageProfile.aged8plus)) is more than total (\(ageProfile.total))")
        }
        if !(2000...2100).contains(programme.year) { v.fail("programme.year", "\(programme.year) is not a plausible year") }
        v.count(programme.newCameras, "programme.newCameras")
        v.count(programme.sites, "programme.sites")
        v.count(programme.replaced, "programme.replaced")
        if let b = programme.budgetThousandWon { v.nonNegative(b, "programme.budgetThousandWon") }
        if let rate = ageProfile.agedRatePercent { v.range(rate, 0...100, "ageProfile.agedRatePercent") }
        if let under8 = ageProfile.under8 { v.nonNegative(under8, "ageProfile.under8") }
        if let day = programme.asOf { _ = v.day(day, "programme.asOf") }
        if let day = districtsAsOf { _ = v.day(day, "districtsAsOf") }
        if let budgets {
            v.atMost(budgets, 100, "budgets")
            for (i, b) in budgets.enumerated() {
                v.nonEmpty(b.name, "budgets[\(i)].name")
                v.nonNegative(b.thousandWon, "budgets[\(i)].thousandWon")
                if let r = b.committedPercent { v.range(r, 0...100, "budgets[\(i)].committedPercent") }
                if let r = b.paidPercent { v.range(r, 0...100, "budgets[\(i)].paidPercent") }
                _ = v.day(b.asOf, "budgets[\(i)].asOf")
            }
        }
        if !(0...25).contains(programme.districts) { v.fail("programme.districts", "must be between 0 and 25 (Seoul has 25 districts)") }
    }
}

public typealias CCTVSnapshot = SnapshotDocument<CCTVContent>
