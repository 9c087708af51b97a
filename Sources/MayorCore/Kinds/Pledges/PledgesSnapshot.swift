/// District pledges (공약): programmes with their indicators.
///
/// This is a fixed contract (other systems write the file): see Data/README.md.
/// An indicator's achievement is min(actual / target, 1); a programme's
/// computed rate is Σ w·a / Σ w with the published weights, or the
/// unweighted mean when none are given. A programme's headline is its
/// published rate when the source has one, else the computed rate, always
/// with what it is (`Rate.Kind`).
public struct PledgesContent: SnapshotContent, Hashable {
    public static let kind = SnapshotKind.pledges

    /// Status words used by Korean local governments for pledge progress.
    public static let statuses: [String] = ["완료", "이행 후 계속추진", "이행 후 지속추진", "정상추진", "일부추진", "보류", "폐기"]

    public struct Indicator: Decodable, Hashable, Sendable {
        public var name: SafeText
        /// The measure's short name (인프라조성률), when the source gives one.
        public var measure: SafeText?
        public var unit: SafeText
        public var weight: Double?
        public var target: Double?
        public var actual: Double?
        /// How a derived indicator's target and actual were worked out.
        public var basis: SafeText?
        /// Published quarterly targets for one year.
        public var quarterly: Quarterly?

        /// min(actual / target, 1), or nil when it cannot be computed (no or
        /// non-positive target, no actual): never divided by zero.
        public var achievement: Double? {
            guard let target, let actual, target.isFinite, actual.isFinite, target > 0, actual >= 0 else { return nil }
            return min(actual / target, 1)
        }
    }

    /// Published targets for the four quarters of one year (nil: none set).
    public struct Quarterly: Decodable, Hashable, Sendable {
        @WholeNumber public var year: Int
        public var targets: [Double?]
        /// True when the targets are cumulative levels (a rate to date), so an
        /// actual to date can be set against the quarter's target.
        public var cumulative: Bool?
    }

    /// Bases of `Budget.planned`: the plan, or the money secured (확보액).
    public static let budgetBases = ["plan", "secured"]

    public struct Budget: Decodable, Hashable, Sendable {
        public var unit: SafeText?
        /// The whole plan (or the money secured) for `period`.
        public var planned: Double?
        /// `plan` or `secured`: what `planned` is.
        public var basis: SafeText?
        public var period: SafeText?
        /// The part of `planned` falling due up to the figures' date.
        public var plannedToDate: Double?
        public var toDatePeriod: SafeText?
        /// Spent to the figures' date.
        public var executed: Double?
        /// An execution rate the source publishes (percent); none is computed.
        public var executedRate: Double?

        public var isSecured: Bool { basis?.value == "secured" }
    }

    /// A rate on the wall and what it is.
    public struct Rate: Hashable, Sendable {
        public enum Kind: Hashable, Sendable {
            /// As the source publishes it.
            case published
            /// Computed here with the source's weights.
            case weighted
            /// Computed here: the plain mean of the indicators' achievements.
            case unweightedMean
        }
        /// 0…1.
        public var value: Double
        public var kind: Kind
    }

    public struct Program: Decodable, Hashable, Sendable {
        public var title: SafeText
        public var status: SafeText
        public var indicators: [Indicator]
        public var budget: Budget?
        public var publishedRate: Double?
        /// The month (or day) the source's figures run to.
        public var figuresThrough: SafeText?
        /// The programme's own source document.
        public var source: Provenance?
        /// True when the indicators are derived here from the document's
        /// figures, not published as indicators (shown as 참고 / derived).
        public var indicatorsDerived: Bool?
        public var outputs: [Output]?

        public struct Output: Decodable, Hashable, Sendable {
            public var name: SafeText
            public var unit: SafeText
            public var value: Double
        }

        public var isWeighted: Bool { !indicators.isEmpty && indicators.allSatisfy { $0.weight != nil } }

        /// The rate computed from the indicators, with what it is.
        public var computedRate: Rate? {
            achievement.map { Rate(value: $0, kind: isWeighted ? .weighted : .unweightedMean) }
        }

        /// The published rate when there is one, else the computed rate.
        public var headline: Rate? {
            if let publishedRate, publishedRate.isFinite { return Rate(value: publishedRate / 100, kind: .published) }
            return computedRate
        }

        /// True when a computed rate is shown that is more than 0.5 points
        /// from the published one (so the published one must show beside it).
        public var computedDiffersFromPublished: Bool {
            guard let publishedRate, let computed = achievement else { return false }
            return abs(computed * 100 - publishedRate) > 0.5
        }

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
            var sumW = 0.0
            var sumWA = 0.0
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

        /// The mean of the programmes' computed achievements (nil if any is missing).
        public var achievement: Double? {
            let values = programs.compactMap(\.achievement)
            guard !values.isEmpty, values.count == programs.count else { return nil }
            return values.reduce(0, +) / Double(values.count)
        }

        /// The district's figure: its one programme's headline, or the plain
        /// mean of several programmes' headlines (nil if any is missing).
        public var headline: Rate? {
            if programs.count == 1 { return programs[0].headline }
            let values = programs.compactMap(\.headline)
            guard !values.isEmpty, values.count == programs.count else { return nil }
            return Rate(value: values.map(\.value).reduce(0, +) / Double(values.count), kind: .unweightedMean)
        }

        /// The name in the UI's language: `nameEn` in English when given.
        public func displayName(_ language: Language) -> String {
            Strings(language).dataText(name, nameEn).value
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
                    if let toDate = budget.plannedToDate { v.nonNegative(toDate, "\(pp).budget.plannedToDate") }
                    if let executed = budget.executed { v.nonNegative(executed, "\(pp).budget.executed") }
                    if let rate = budget.executedRate { v.range(rate, 0...100, "\(pp).budget.executedRate") }
                    if let basis = budget.basis, !Self.budgetBases.contains(basis.value) {
                        v.fail("\(pp).budget.basis", "\"\(basis)\" is not a budget basis (one of \(Self.budgetBases.joined(separator: ", ")))")
                    }
                }
                if let through = program.figuresThrough, CalendarDate.parseMonth(through.value) == nil, CalendarDate.parseInstant(through.value) == nil {
                    v.fail("\(pp).figuresThrough", "\"\(through)\" is not a month (YYYY-MM) or a day")
                }
                if let outputs = program.outputs {
                    v.atMost(outputs, 1000, "\(pp).outputs")
                    for (o, output) in outputs.enumerated() { v.nonNegative(output.value, "\(pp).outputs[\(o)].value") }
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
                    if let q = indicator.quarterly {
                        if q.targets.count != 4 { v.fail("\(ip).quarterly.targets", "has \(q.targets.count) entries: give the four quarters (null for none)") }
                        if !(2000...2100).contains(q.year) { v.fail("\(ip).quarterly.year", "\(q.year) is not a plausible year") }
                        for (k, t) in q.targets.enumerated() { if let t { v.nonNegative(t, "\(ip).quarterly.targets[\(k)]") } }
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
