/// Text that came from a data, screen or script file, already neutralised by
/// `Sanitizer` (no control characters, escape sequences, bidi overrides or
/// stray zero-width characters; at most `SafeText.maxWidth` columns).
/// Models hold `SafeText`, never raw `String`, so nothing from a file can reach
/// the screen unsanitised.
public struct SafeText: Hashable, Sendable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    public static let maxWidth = 160

    public let value: String

    public init(_ raw: String) {
        value = Sanitizer.clean(raw, maxWidth: SafeText.maxWidth)
    }

    public init(stringLiteral raw: String) { self.init(raw) }

    /// The same as `init(String(decoding: bytes, as: UTF8.self))`, cheaply,
    /// when every byte is printable ASCII (nothing for `Sanitizer` to replace,
    /// one column each) and they fit in `maxWidth`; nil otherwise.
    init?(printableASCII bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count <= SafeText.maxWidth else { return nil }
        for byte in bytes where byte < 0x20 || byte >= 0x7F { return nil }
        value = String(decoding: bytes, as: UTF8.self)
    }

    public var description: String { value }
    public var isEmpty: Bool { value.isEmpty }
    public var isBlank: Bool { value.allSatisfy { $0 == " " } }

    public static func < (a: SafeText, b: SafeText) -> Bool { a.value < b.value }
}

extension SafeText: Decodable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        self.init(try container.decode(String.self))
    }
}
