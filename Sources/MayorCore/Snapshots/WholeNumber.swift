/// An integer field read from JSON as a number, so a fraction or an
/// out-of-range value is reported at its own path ("expected a whole number,
/// found 676.44") instead of Foundation's pathless "not valid JSON".
///
/// Exactness is decided on the token's text before any conversion, by
/// `SnapshotShape` (a count above 2^53 such as `9007199254740993` would
/// otherwise round to `9007199254740992` on its way through a `Double`); the
/// check here is the second line, for values that reach the decoder anyway.
@propertyWrapper
public struct WholeNumber: Decodable, Hashable, Sendable {
    public var wrappedValue: Int

    public init(wrappedValue: Int) { self.wrappedValue = wrappedValue }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let value = try container.decode(Double.self)
        guard value.isFinite, value == value.rounded(), abs(value) <= Double(Exact.maxCount) else {
            throw DecodingError.typeMismatch(
                Int.self,
                DecodingError.Context(
                    codingPath: decoder.codingPath,
                    debugDescription: "Expected to decode Int but found a non-integer or out-of-range number \(value) instead."))
        }
        wrappedValue = Int(value)
    }
}

/// Arithmetic on figures from data files that never traps.
///
/// Every count in a file is at most `maxCount` (2^53, the largest range in
/// which a `Double` holds every whole number, so a chart or a percentage
/// computed from it is exact). Sums are saturating: one that leaves
/// ±`maxCount` is a problem the validator reports at the row that pushed it
/// over, so such a figure is never shown.
public enum Exact {
    /// 2^53 = 9,007,199,254,740,992.
    public static let maxCount = 9_007_199_254_740_992

    /// `a + b`, or `Int.max` / `Int.min` where it would overflow.
    @inline(__always)
    public static func add(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? (b > 0 ? Int.max : Int.min) : sum
    }

    /// The saturating sum of `values`.
    public static func sum<S: Sequence>(_ values: S) -> Int where S.Element == Int {
        var total = 0
        for v in values { total = add(total, v) }
        return total
    }

    /// Whether `value` is within ±`maxCount`: a figure that can be shown exactly.
    @inline(__always)
    public static func representable(_ value: Int) -> Bool { value >= -maxCount && value <= maxCount }

    /// The message for a sum that left the exact range.
    static func tooLarge(_ what: String) -> String {
        "\(what) add up to more than 9,007,199,254,740,992 (2^53): a total that large cannot be shown exactly"
    }
}
