/// District pledges (공약): programmes with weighted indicators.
///
/// This is a fixed contract (other systems write the file): see Data/README.md.
/// An indicator's achievement is min(actual / target, 1); a programme's is the
/// weight-averaged achievement Σ w·a / Σ w (equal weights when none is given).
public struct PledgesContent: SnapshotContent, Hashable {
    public static let kind = SnapshotKind.pledges

    /// Status words used by Korean local governments for pledge progress.
    public static let statuses: [String] = ["완료", "이행 후 계속추진", "이행 후 지속추진", "정상추진", "일부추진", "보류", "폐기"]

    public struct Indicator: Decodable, Hashable, Sendable {
        public var name: SafeText
        public var unit: SafeText
        public var weight: Double?
        public var target: Double?
        public var actual: Double?

        /// min(actual / target, 1), or nil when it cannot be computed (no or
        /// non-positive target, no actual): never divided by zero.
        public var achievement: Double? {
            guard let target, let actual, target.isFinite, actual.isFinite, target > 0, actual >= 0 else { return nil }
            return min(actual / target, 1)
        }
    }

    public struct Budget: Decodable, Hashable, Sendable {
        public var unit: SafeText?
        public var planned: Double?
        public var executed: Double?

        /// executed / planned (nil when either is missing or planned is 0).
        public var executionRatio: Double? {
            guard let planned, let executed, planned > 0, planned.isFinite, executed.isFinite else { return nil }
            return executed / planned
        }
    }

    public struct Program: Decodable, Hashable, Sendable {
        public var title: SafeText
        public var status: SafeText
        public var indicators: [Indicator]
        public var budget: Budget?
        public var publishedRate: Double?

        /// Σ w·a / Σ w over the indicators, 0…1; nil if any indicator cannot be
        /// computed, weights are mixed, or there are none.
        public var achievement: Double? {
            guard !indicators.isEmpty else { return nil }
            let weighted = indicators.filter { $0.weight != nil }.count
            guard weighted == 0 || weighted == indicators.count else { return nil }
            // Weights relative to the largest: Σ w of weights near the largest
            // double would overflow to infinity (and the mean to 0 or NaN).
            var largest = 0.0
            for indicator in indicators {
                let w = indicator.weight ?? 1
                guard w.isFinite, w > 0 else { return nil }
                largest = max(largest, w)
            }
            var sumW = 0.0, sumWA = 0.0
            for indicator in indicators {
                guard let a = indicator.achievement else { return nil }
                let w = (indicator.weight ?? 1) / largest
                sumW += w
                sumWA += w * a
            }
            return sumW > 0 ? sumWA / sumW : nil
        }
    }

    public struct District: Decodable, Hashable, Sendable {
        public var name: SafeText
        public var nameEn: SafeText?
        public var programs: [Program]

        /// The mean of the programmes' achievements (nil if any is missing).
        public var achievement: Double? {
            let values = programs.compactMap(\.achievement)
            guard !values.isEmpty, values.count == programs.count else { return nil }
            return values.reduce(0, +) / Double(values.count)
        }
    }

    public var districts: [District]

    public func validate(_ v: inout Validator) {
        v.notEmpty(districts, "districts")
        v.atMost(districts, 1000, "districts")
        v.unique(districts.map(\.name), { "districts[\($0)].name" }, what: "district")
        for (d, district) in districts.enumerated() {
            let dp = "districts[\(d)]"
            v.nonEmpty(district.name, "\(dp).name")
            v.notEmpty(district.programs, "\(dp).programs")
            v.atMost(district.programs, 1000, "\(dp).programs")
            for (p, program) in district.programs.enumerated() {
                let pp = "\(dp).programs[\(p)]"
                v.nonEmpty(program.title, "\(pp).title")
                if !Self.statuses.contains(program.status.value) {
                    v.fail("\(pp).status", "\"\(program.status)\" is not a pledge status (one of \(Self.statuses.joined(separator: ", ")))")
                }
                if let rate = program.publishedRate { v.range(rate, 0...100, "\(pp).publishedRate") }
                if let budget = program.budget {
                    if let planned = budget.planned { v.nonNegative(planned, "\(pp).budget.planned") }
                    if let executed = budget.executed { v.nonNegative(executed, "\(pp).budget.executed") }
                }
                v.notEmpty(program.indicators, "\(pp).indicators")
                v.atMost(program.indicators, 1000, "\(pp).indicators")
                let weighted = program.indicators.filter { $0.weight != nil }.count
                if weighted > 0 && weighted < program.indicators.count {
                    v.fail("\(pp).indicators", "\(weighted) of \(program.indicators.count) indicators have a weight: give every indicator a weight or none")
                }
                for (i, indicator) in program.indicators.enumerated() {
                    let ip = "\(pp).indicators[\(i)]"
                    v.nonEmpty(indicator.name, "\(ip).name")
                    if let w = indicator.weight, v.finite(w, "\(ip).weight"), w <= 0 {
                        v.fail("\(ip).weight", "must be positive (found \(w))")
                    }
                    if let target = indicator.target {
                        if v.finite(target, "\(ip).target"), target <= 0 {
                            v.fail("\(ip).target", "is \(target): an achievement needs a positive target")
                        }
                    } else {
                        v.fail("\(ip).target", "is missing: an achievement needs a positive target")
                    }
                    if let actual = indicator.actual {
                        v.nonNegative(actual, "\(ip).actual")
                    } else {
                        v.fail("\(ip).actual", "is missing")
                    }
                }
            }
        }
    }
}

public typealias PledgesSnapshot = SnapshotDocument<PledgesContent>
