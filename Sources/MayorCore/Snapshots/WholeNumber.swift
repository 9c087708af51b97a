/// An integer field read from JSON as a number, so a fraction or an
/// out-of-range value is reported at its own path ("expected a whole number,
/// found 676.44") instead of Foundation's pathless "not valid JSON".
@propertyWrapper
public struct WholeNumber: Decodable, Hashable, Sendable {
    public var wrappedValue: Int

    public init(wrappedValue: Int) { self.wrappedValue = wrappedValue }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let value = try container.decode(Double.self)
        guard value.isFinite, value == value.rounded(), abs(value) <= 9_007_199_254_740_992 else {
            throw DecodingError.typeMismatch(Int.self, DecodingError.Context(
                codingPath: decoder.codingPath,
                debugDescription: "Expected to decode Int but found a non-integer or out-of-range number \(value) instead."))
        }
        wrappedValue = Int(value)
    }
}
