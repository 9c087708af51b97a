/// CCTV cameras: per-district totals, the age profile and this year's programme.
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

        public var aged8plus: Int { Exact.add(aged8to10, aged10plus) }
    }

    public struct Programme: Decodable, Hashable, Sendable {
        @WholeNumber public var year: Int
        @WholeNumber public var newCameras: Int
        @WholeNumber public var sites: Int
        @WholeNumber public var districts: Int
        @WholeNumber public var replaced: Int
    }

    public var districtScope: SafeText
    public var districts: [District]
    public var ageProfile: AgeProfile
    public var programme: Programme

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
        if !(0...25).contains(programme.districts) { v.fail("programme.districts", "must be between 0 and 25 (Seoul has 25 districts)") }
    }
}

public typealias CCTVSnapshot = SnapshotDocument<CCTVContent>
