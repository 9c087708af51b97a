import FoundationEssentials

/// What the loader reads from each kind of snapshot file, as a tree of JSON
/// shapes, and a byte-level pass that checks a file against it before
/// `JSONDecoder` builds anything.
///
/// `JSONDecoder` materialises the whole document (about 24 bytes and more per
/// value, whether the model reads it or not) before decoding a field, and reads
/// every number through a `Double`. So this pass, run after `JSONLocator` has
/// found the syntax well-formed:
/// - bounds every array the model reads (`notes` included) and some totals
///   (an array shape's `total`: all its arrays in one file), refusing the first one over its
///   limit with its place, before it is decoded;
/// - skips the values of unknown keys ("allowed everywhere and ignored",
///   Data/README.md) without decoding them: when they are bulky, the decoder
///   is given a copy of the file in which they are blanked out;
/// - refuses a value of the wrong JSON type where the model reads one, so a
///   huge object where an array is expected is never materialised;
/// - decides whole numbers on the token's text: `9007199254740993` (more than
///   2^53) or `1.0000000000000001` are refused exactly, never rounded.
/// Problems carry the JSON path and the line and column of the value.
public final class SnapshotShape: Sendable {
    public enum Node: Sendable {
        case object([String: SnapshotShape])
        /// Elements, at most `max` of them; `total` counts the elements of every
        /// array of this shape in the file against one limit.
        case array(SnapshotShape, max: Int, total: Int?)
        /// A whole number within ±2^53, decided on its text.
        case whole
        case number
        case string
        case bool
    }

    public let node: Node
    init(_ node: Node) { self.node = node }

    public static func object(_ fields: [String: SnapshotShape]) -> SnapshotShape { SnapshotShape(.object(fields)) }
    public static func array(_ element: SnapshotShape, max: Int, total: Int? = nil) -> SnapshotShape { SnapshotShape(.array(element, max: max, total: total)) }
    public static let whole = SnapshotShape(.whole)
    public static let number = SnapshotShape(.number)
    public static let string = SnapshotShape(.string)
    public static let bool = SnapshotShape(.bool)

    // MARK: the limits

    /// At most this many `notes` in a file's envelope.
    public static let maxNotes = 1_000
    /// At most this many keys in any one object (unknown ones included).
    public static let maxKeys = 10_000
    /// Unknown values are blanked out (the file copied) when they add up to this many bytes.
    public static let blankFrom = 64 * 1024

    // MARK: the schemas (Data/README.md)

    static let envelope: [String: SnapshotShape] = [
        "kind": .string, "schemaVersion": .whole, "asOf": .string,
        "source": .object(["document": .string, "agency": .string, "dataset": .string, "url": .string, "page": .string]),
        "sample": .bool, "maxAgeDays": .number, "notes": .array(.string, max: maxNotes),
        "fetch": .object(["fetchedAt": .string]), "provenance": .object(["fetchedAt": .string])
    ]

    /// A whole file: the envelope's fields and `content` (a kind's).
    static func file(_ content: [String: SnapshotShape]) -> SnapshotShape {
        .object(envelope.merging(content) { a, _ in a })
    }

    /// The shape of a whole file of `kind`: the envelope's fields and the kind's.
    public static func of(_ kind: SnapshotKind) -> SnapshotShape { KindRegistry.entry(kind).fileShape }

    // MARK: the pass

    public struct Mismatch: Error, Sendable {
        public let path: [JSONLocator.PathElement]
        public let position: JSONLocator.Position
        public let message: String
        public let code: Problem.Code
    }

    /// Checks `data` (well-formed JSON, as `JSONLocator` found it) against the
    /// shape of `kind`: the bytes for the decoder (`data` itself, or a copy with
    /// bulky unknown values blanked out), or the first mismatch.
    public static func check(_ kind: SnapshotKind, _ data: Data, blankFrom: Int = blankFrom) -> Result<Data, Mismatch> {
        check(of(kind), data, blankFrom: blankFrom)
    }

    /// `check` against `shape` (a whole file's, as `file` makes it).
    public static func check(_ shape: SnapshotShape, _ data: Data, blankFrom: Int = blankFrom) -> Result<Data, Mismatch> {
        let outcome: Result<[Range<Int>], Mismatch> = data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return .success([]) }
            var walker = Walker(base: base, count: raw.count)
            do {
                walker.skipSpace()
                if walker.index + 3 <= walker.count, base[walker.index] == 0xEF, base[walker.index + 1] == 0xBB, base[walker.index + 2] == 0xBF {
                    walker.index += 3
                    walker.lineStart = walker.index
                    walker.skipSpace()
                }
                try walker.value(shape)
                return .success(walker.blanks)
            } catch let mismatch as Mismatch {
                return .failure(mismatch)
            } catch {
                return .success([])
            }
        }
        switch outcome {
        case .failure(let mismatch): return .failure(mismatch)
        case .success(let blanks):
            guard !blanks.isEmpty, blanks.reduce(0, { $0 + $1.count }) >= blankFrom else { return .success(data) }
            var copy = data
            copy.withUnsafeMutableBytes { raw in
                let bytes = raw.assumingMemoryBound(to: UInt8.self)
                for range in blanks {
                    // `0` and spaces: the same length, so nothing else moves.
                    bytes[range.lowerBound] = UInt8(ascii: "0")
                    for i in (range.lowerBound + 1)..<range.upperBound where bytes[i] != 0x0A { bytes[i] = 0x20 }
                }
            }
            return .success(copy)
        }
    }

    /// Walks well-formed JSON bytes along a shape.
    struct Walker {
        let base: UnsafePointer<UInt8>
        let count: Int
        var index = 0
        var line = 1
        var lineStart = 0
        var path: [JSONLocator.PathElement] = []
        /// Byte ranges of unknown values worth blanking out.
        var blanks: [Range<Int>] = []
        /// Elements counted against each array shape's `total`.
        var totals: [ObjectIdentifier: Int] = [:]

        init(base: UnsafePointer<UInt8>, count: Int) {
            self.base = base
            self.count = count
        }

        @inline(__always) var byte: UInt8 { index < count ? base[index] : 0 }

        mutating func skipSpace() {
            while index < count {
                switch base[index] {
                case 0x20, 0x09, 0x0D: index += 1
                case 0x0A:
                    index += 1
                    line += 1
                    lineStart = index
                default: return
                }
            }
        }

        /// Line and column (in characters) of `at` on the current line.
        func position(_ at: Int, line: Int, lineStart: Int) -> JSONLocator.Position {
            var column = 1
            var i = lineStart
            while i < at && i < count {
                if base[i] & 0xC0 != 0x80 { column += 1 }
                i += 1
            }
            return JSONLocator.Position(line: line, column: column)
        }

        func mismatch(_ code: Problem.Code, _ message: String, at start: (index: Int, line: Int, lineStart: Int)) -> Mismatch {
            Mismatch(path: path, position: position(start.index, line: start.line, lineStart: start.lineStart), message: message, code: code)
        }

        func found(_ c: UInt8) -> String {
            switch c {
            case UInt8(ascii: "{"): return "an object"
            case UInt8(ascii: "["): return "an array"
            case UInt8(ascii: "\""): return "a string"
            case UInt8(ascii: "t"), UInt8(ascii: "f"): return "true or false"
            case UInt8(ascii: "n"): return "null"
            default: return "a number"
            }
        }

        /// The value at `index`, checked against `shape`.
        mutating func value(_ shape: SnapshotShape) throws {
            let start = (index: index, line: line, lineStart: lineStart)
            let c = byte
            if c == UInt8(ascii: "n") {
                index += 4
                return
            }  // null: the decoder says whether it may be
            switch shape.node {
            case .object(let fields):
                guard c == UInt8(ascii: "{") else { throw mismatch(.type, "expected an object, found \(found(c))", at: start) }
                try object(fields, start: start)
            case .array(let element, let max, let total):
                guard c == UInt8(ascii: "[") else { throw mismatch(.type, "expected an array, found \(found(c))", at: start) }
                try array(element, max: max, total: total.map { (ObjectIdentifier(shape), $0) }, start: start)
            case .string:
                guard c == UInt8(ascii: "\"") else { throw mismatch(.type, "expected a string, found \(found(c))", at: start) }
                skipString()
            case .bool:
                guard c == UInt8(ascii: "t") || c == UInt8(ascii: "f") else { throw mismatch(.type, "expected true or false, found \(found(c))", at: start) }
                index += c == UInt8(ascii: "t") ? 4 : 5
            case .number, .whole:
                guard c == UInt8(ascii: "-") || (c >= 0x30 && c <= 0x39) else { throw mismatch(.type, "expected a number, found \(found(c))", at: start) }
                let text = skipNumber()
                if case .whole = shape.node, let problem = Self.wholeProblem(text) {
                    throw mismatch(.type, problem, at: start)
                }
            }
        }

        mutating func object(_ fields: [String: SnapshotShape]?, start: (index: Int, line: Int, lineStart: Int)) throws {
            index += 1
            skipSpace()
            if byte == UInt8(ascii: "}") {
                index += 1
                return
            }
            var keys = 0
            while true {
                skipSpace()
                keys += 1
                if keys > SnapshotShape.maxKeys {
                    throw mismatch(.limit, "has more than \(SnapshotShape.maxKeys) keys; at most \(SnapshotShape.maxKeys) are read", at: start)
                }
                let key = readKey()
                skipSpace()
                index += 1  // ':'
                skipSpace()
                if let fields, let field = fields[key] {
                    path.append(.key(key))
                    try value(field)
                    path.removeLast()
                } else {
                    let from = index
                    let bulky = skipValue()
                    if bulky { blanks.append(from..<index) }
                }
                skipSpace()
                let c = byte
                index += 1
                if c == UInt8(ascii: "}") { return }
            }
        }

        mutating func array(
            _ element: SnapshotShape, max: Int, total: (ObjectIdentifier, Int)?,
            start: (index: Int, line: Int, lineStart: Int)
        ) throws {
            index += 1
            skipSpace()
            if byte == UInt8(ascii: "]") {
                index += 1
                return
            }
            var n = 0
            while true {
                skipSpace()
                if n == max { throw mismatch(.limit, "has more than \(max) entries; at most \(max) are read", at: start) }
                if let (id, limit) = total {
                    let sum = totals[id, default: 0] + 1
                    if sum > limit { throw mismatch(.limit, "is beyond the limit of \(limit) entries in all such lists of the file", at: start) }
                    totals[id] = sum
                }
                path.append(.index(n))
                try value(element)
                path.removeLast()
                n += 1
                skipSpace()
                let c = byte
                index += 1
                if c == UInt8(ascii: "]") { return }
            }
        }

        /// A key, unescaped only when it has escapes (the known keys are plain ASCII).
        mutating func readKey() -> String {
            let start = index + 1
            let escaped = skipString()
            let raw = UnsafeBufferPointer(start: base + start, count: index - 1 - start)
            guard escaped else { return String(decoding: raw, as: UTF8.self) }
            // Through the JSON decoder itself, so the key is the one it will see.
            let quoted = Data(UnsafeBufferPointer(start: base + start - 1, count: index - start + 1))
            return (try? JSONDecoder().decode(String.self, from: quoted)) ?? ""
        }

        /// Skips a string; true when it has escapes.
        @discardableResult
        mutating func skipString() -> Bool {
            index += 1
            var escaped = false
            while index < count {
                let c = base[index]
                if c == UInt8(ascii: "\"") {
                    index += 1
                    return escaped
                }
                if c == UInt8(ascii: "\\") {
                    escaped = true
                    index += 2
                } else {
                    index += 1
                }
            }
            return escaped
        }

        /// Skips a number, returning its text.
        mutating func skipNumber() -> UnsafeBufferPointer<UInt8> {
            let start = index
            while index < count {
                switch base[index] {
                case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
                    UInt8(ascii: "e"), UInt8(ascii: "E"):
                    index += 1
                default: return UnsafeBufferPointer(start: base + start, count: index - start)
                }
            }
            return UnsafeBufferPointer(start: base + start, count: index - start)
        }

        /// Skips any value the model does not read; true when it is worth
        /// blanking out (an object, an array, or a long string).
        mutating func skipValue() -> Bool {
            let c = byte
            switch c {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                var depth = 0
                while index < count {
                    let b = base[index]
                    switch b {
                    case UInt8(ascii: "{"), UInt8(ascii: "["):
                        depth += 1
                        index += 1
                    case UInt8(ascii: "}"), UInt8(ascii: "]"):
                        depth -= 1
                        index += 1
                        if depth == 0 { return true }
                    case UInt8(ascii: "\""): skipString()
                    case 0x0A:
                        index += 1
                        line += 1
                        lineStart = index
                    default: index += 1
                    }
                }
                return true
            case UInt8(ascii: "\""):
                let from = index
                skipString()
                return index - from > 64
            default:
                while index < count {
                    switch base[index] {
                    case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x09, 0x0D, 0x0A: return false
                    default: index += 1
                    }
                }
                return false
            }
        }

        /// Why the number `text` is not a whole number within ±2^53, or nil when it is.
        /// Decided on the digits: `text` is well-formed JSON (RFC 8259).
        static func wholeProblem(_ text: UnsafeBufferPointer<UInt8>) -> String? {
            var i = 0
            if i < text.count, text[i] == UInt8(ascii: "-") { i += 1 }
            var digits: [UInt8] = []  // significant digits, leading zeros dropped
            var exponent = 0  // value = digits × 10^exponent
            while i < text.count, text[i] >= 0x30, text[i] <= 0x39 {
                if !(digits.isEmpty && text[i] == 0x30) { digits.append(text[i]) }
                i += 1
            }
            if i < text.count, text[i] == UInt8(ascii: ".") {
                i += 1
                while i < text.count, text[i] >= 0x30, text[i] <= 0x39 {
                    if !(digits.isEmpty && text[i] == 0x30) { digits.append(text[i]) }
                    exponent -= 1
                    i += 1
                }
            }
            if i < text.count, text[i] | 0x20 == UInt8(ascii: "e") {
                i += 1
                var negative = false
                if i < text.count, text[i] == UInt8(ascii: "+") || text[i] == UInt8(ascii: "-") {
                    negative = text[i] == UInt8(ascii: "-")
                    i += 1
                }
                var e = 0
                while i < text.count, text[i] >= 0x30, text[i] <= 0x39 {
                    if e < 100_000_000 { e = e * 10 + Int(text[i] - 0x30) }
                    i += 1
                }
                exponent += negative ? -e : e
            }
            let spelled = String(decoding: text, as: UTF8.self)
            guard !digits.isEmpty else { return nil }  // zero
            while digits.last == 0x30 {
                digits.removeLast()
                exponent += 1
            }
            if exponent < 0 { return "expected a number, found a non-integer or out-of-range number \(spelled)" }
            let length = digits.count + exponent
            let limit = Array("9007199254740992".utf8)
            let tooLarge = "expected a whole number of at most 9007199254740992 (2^53), found \(spelled): a count that large cannot be read exactly"
            if length > limit.count { return tooLarge }
            if length < limit.count { return nil }
            let padded = digits + [UInt8](repeating: 0x30, count: exponent)
            return padded.lexicographicallyPrecedes(limit) || padded == limit ? nil : tooLarge
        }
    }
}
