/// A programme's budget and its execution as a source publishes them
/// (예산현액, 원인행위, 지출액 in 천원), with its own as-of date and where in
/// the source it is: a figure on the wall names its source and date even
/// when the rest of its file has another.
public struct ProgrammeBudget: Decodable, Hashable, Sendable {
    /// The budget line's name as published (사업명).
    public var programme: SafeText
    public var programmeEn: SafeText?
    /// The date the figures describe (`YYYY-MM-DD`).
    public var asOf: SafeText
    /// Where in the file's source they are (section and table).
    public var source: SafeText
    /// Budget available (예산현액), in thousand won.
    @WholeNumber public var amountThousandWon: Int
    /// Committed (원인행위), in thousand won.
    @WholeNumber public var committedThousandWon: Int
    /// Paid out (지출액), in thousand won.
    @WholeNumber public var paidThousandWon: Int
    /// The rates as published (percent of `amountThousandWon`).
    public var committedPercent: Double
    public var paidPercent: Double

    /// Checks the counts and that each published rate is the published
    /// amounts' ratio to within its rounding (0.05 points).
    func validate(_ v: inout Validator, _ path: String) {
        v.nonEmpty(programme, "\(path).programme")
        v.nonEmpty(source, "\(path).source")
        _ = v.day(asOf, "\(path).asOf")
        v.count(amountThousandWon, "\(path).amountThousandWon")
        v.count(committedThousandWon, "\(path).committedThousandWon")
        v.count(paidThousandWon, "\(path).paidThousandWon")
        v.range(committedPercent, 0...100, "\(path).committedPercent")
        v.range(paidPercent, 0...100, "\(path).paidPercent")
        guard amountThousandWon > 0 else {
            v.fail("\(path).amountThousandWon", "must be positive: the rates are shares of it")
            return
        }
        if committedThousandWon > amountThousandWon { v.fail("\(path).committedThousandWon", "is more than amountThousandWon") }
        if paidThousandWon > committedThousandWon { v.fail("\(path).paidThousandWon", "is more than committedThousandWon") }
        for (name, part, rate) in [("committedPercent", committedThousandWon, committedPercent), ("paidPercent", paidThousandWon, paidPercent)]
        where rate.isFinite {
            let computed = Double(part) / Double(amountThousandWon) * 100
            if abs(computed - rate) > 0.05 {
                v.fail("\(path).\(name)", "is \(rate) but the amounts give \(NumberFormat.decimal(computed, places: 2))")
            }
        }
    }
}

/// A count of work done against what is planned (APs replaced of those to
/// replace), with its own as-of date and place in the source.
public struct WorkProgress: Decodable, Hashable, Sendable {
    public var name: SafeText
    public var nameEn: SafeText?
    @WholeNumber public var planned: Int
    @WholeNumber public var done: Int
    public var asOf: SafeText
    public var source: SafeText

    /// Share done, 0…1.
    public var ratio: Double { planned > 0 ? min(1, Double(done) / Double(planned)) : 0 }

    func validate(_ v: inout Validator, _ path: String) {
        v.nonEmpty(name, "\(path).name")
        v.nonEmpty(source, "\(path).source")
        _ = v.day(asOf, "\(path).asOf")
        v.count(done, "\(path).done")
        if planned <= 0 { v.fail("\(path).planned", "must be positive: done is shown as a share of it") }
        if done > planned { v.fail("\(path).done", "is more than planned") }
    }
}

extension ProgrammeBudget {
    /// The fields it reads, for a kind's `SnapshotShape`.
    static let shape = SnapshotShape.object([
        "programme": .string, "programmeEn": .string, "asOf": .string, "source": .string,
        "amountThousandWon": .whole, "committedThousandWon": .whole, "paidThousandWon": .whole,
        "committedPercent": .number, "paidPercent": .number
    ])
}
