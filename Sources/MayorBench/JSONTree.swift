import MayorCore

/// A JSON document as a tree whose scalars keep their exact text (a string
/// with its quotes and escapes, a number as written), so a file can be taken
/// apart and written again without changing a value. Only for the benchmark's
/// inputs, which are the bundled (valid) files: the reader is strict and small,
/// not the loader's.
indirect enum JSONTree: Equatable {
    case object([(key: String, value: JSONTree)])
    case array([JSONTree])
    /// A string, number, true, false or null, as written.
    case scalar(String)

    static func == (a: JSONTree, b: JSONTree) -> Bool {
        switch (a, b) {
        case (.scalar(let x), .scalar(let y)): return x == y
        case (.array(let x), .array(let y)): return x == y
        case (.object(let x), .object(let y)): return x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    /// The field `key` of an object.
    subscript(key: String) -> JSONTree? {
        guard case .object(let fields) = self else { return nil }
        return fields.first { $0.key == key }?.value
    }

    /// A string's text when it has no escapes (dates, months, ids), else nil.
    var plainString: String? {
        guard case .scalar(let raw) = self, raw.utf8.count >= 2, raw.hasPrefix("\""), !raw.contains("\\") else { return nil }
        return String(raw.dropFirst().dropLast())
    }

    var isNumber: Bool {
        guard case .scalar(let raw) = self, let first = raw.utf8.first else { return false }
        return first == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first)
    }

    // MARK: reading

    struct SyntaxError: Error, CustomStringConvertible {
        let description: String
    }

    static func parse(_ bytes: some Collection<UInt8>) throws -> JSONTree {
        var reader = Reader(bytes: Array(bytes))
        let tree = try reader.value(depth: 0)
        reader.skipSpace()
        guard reader.index == reader.bytes.count else { throw reader.error("text after the document") }
        return tree
    }

    private struct Reader {
        let bytes: [UInt8]
        var index = 0

        func error(_ what: String) -> SyntaxError { SyntaxError(description: "\(what) at byte \(index)") }

        mutating func skipSpace() {
            while index < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) { index += 1 }
        }

        mutating func value(depth: Int) throws -> JSONTree {
            guard depth < 64 else { throw error("nesting too deep") }
            skipSpace()
            guard index < bytes.count else { throw error("end of text") }
            switch bytes[index] {
            case UInt8(ascii: "{"):
                index += 1
                var fields: [(key: String, value: JSONTree)] = []
                skipSpace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                    index += 1
                    return .object(fields)
                }
                while true {
                    skipSpace()
                    guard case .scalar(let raw) = try string() else { throw error("a key") }
                    skipSpace()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("':' expected") }
                    index += 1
                    fields.append((String(raw.dropFirst().dropLast()), try value(depth: depth + 1)))
                    skipSpace()
                    guard index < bytes.count else { throw error("end of text") }
                    index += 1
                    if bytes[index - 1] == UInt8(ascii: "}") { return .object(fields) }
                    guard bytes[index - 1] == UInt8(ascii: ",") else { throw error("',' or '}' expected") }
                }
            case UInt8(ascii: "["):
                index += 1
                var elements: [JSONTree] = []
                skipSpace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                    index += 1
                    return .array(elements)
                }
                while true {
                    elements.append(try value(depth: depth + 1))
                    skipSpace()
                    guard index < bytes.count else { throw error("end of text") }
                    index += 1
                    if bytes[index - 1] == UInt8(ascii: "]") { return .array(elements) }
                    guard bytes[index - 1] == UInt8(ascii: ",") else { throw error("',' or ']' expected") }
                }
            case UInt8(ascii: "\""):
                return try string()
            default:
                let start = index
                while index < bytes.count, !(",]} \n\r\t".utf8.contains(bytes[index])) { index += 1 }
                guard index > start else { throw error("a value") }
                return .scalar(String(decoding: bytes[start..<index], as: UTF8.self))
            }
        }

        mutating func string() throws -> JSONTree {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error("'\"' expected") }
            let start = index
            index += 1
            while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
            }
            guard index < bytes.count else { throw error("unterminated string") }
            index += 1
            return .scalar(String(decoding: bytes[start..<index], as: UTF8.self))
        }
    }

    // MARK: writing

    /// The document as text: an array's elements one a line (as the bundled
    /// files and hand-written series are laid out), an object's fields on one line.
    func write(into out: inout [UInt8]) {
        switch self {
        case .scalar(let raw): out += raw.utf8
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (i, element) in elements.enumerated() {
                out += (i == 0 ? "\n  " : ",\n  ").utf8
                element.write(into: &out)
            }
            out += (elements.isEmpty ? "]" : "\n]").utf8
        case .object(let fields):
            out.append(UInt8(ascii: "{"))
            for (i, field) in fields.enumerated() {
                if i > 0 { out += ", ".utf8 }
                out.append(UInt8(ascii: "\""))
                out += field.key.utf8
                out += "\": ".utf8
                field.value.write(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    var text: [UInt8] {
        var out: [UInt8] = []
        write(into: &out)
        return out
    }
}
