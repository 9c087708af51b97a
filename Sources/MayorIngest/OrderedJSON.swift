import Foundation

/// A JSON value that keeps its keys in order and its numbers as written, so
/// a file edited by a command keeps the layout of what it did not change.
indirect enum OrderedJSON: Equatable {
    case object([(String, OrderedJSON)])
    case array([OrderedJSON])
    case string(String)
    /// The number's text as written.
    case number(String)
    case bool(Bool)
    case null

    static func == (a: OrderedJSON, b: OrderedJSON) -> Bool {
        switch (a, b) {
        case (.object(let x), .object(let y)): return x.map(\.0) == y.map(\.0) && x.map(\.1) == y.map(\.1)
        case (.array(let x), .array(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.number(let x), .number(let y)): return x == y
        case (.bool(let x), .bool(let y)): return x == y
        case (.null, .null): return true
        default: return false
        }
    }

    subscript(key: String) -> OrderedJSON? {
        get {
            guard case .object(let pairs) = self else { return nil }
            return pairs.first { $0.0 == key }?.1
        }
        set {
            guard case .object(var pairs) = self else { return }
            if let i = pairs.firstIndex(where: { $0.0 == key }) {
                if let newValue { pairs[i].1 = newValue } else { pairs.remove(at: i) }
            } else if let newValue {
                pairs.append((key, newValue))
            }
            self = .object(pairs)
        }
    }

    /// Sets `key`, placing a new key right after `after` when that key is there.
    mutating func set(_ key: String, _ value: OrderedJSON, after: String) {
        guard case .object(var pairs) = self else { return }
        if let i = pairs.firstIndex(where: { $0.0 == key }) {
            pairs[i].1 = value
        } else if let j = pairs.firstIndex(where: { $0.0 == after }) {
            pairs.insert((key, value), at: j + 1)
        } else {
            pairs.append((key, value))
        }
        self = .object(pairs)
    }

    // MARK: reading (the file was checked by the snapshot parser first)

    struct Malformed: Error {
        var offset: Int
    }

    static func parse(_ data: Data) throws -> OrderedJSON {
        var p = Parser(bytes: [UInt8](data))
        let value = try p.value()
        p.skipSpace()
        guard p.i == p.bytes.count else { throw Malformed(offset: p.i) }
        return value
    }

    struct Parser {
        let bytes: [UInt8]
        var i = 0

        mutating func skipSpace() {
            while i < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[i]) { i += 1 }
        }

        mutating func value() throws -> OrderedJSON {
            skipSpace()
            guard i < bytes.count else { throw Malformed(offset: i) }
            switch bytes[i] {
            case UInt8(ascii: "{"):
                i += 1
                var pairs: [(String, OrderedJSON)] = []
                skipSpace()
                if i < bytes.count, bytes[i] == UInt8(ascii: "}") {
                    i += 1
                    return .object(pairs)
                }
                while true {
                    skipSpace()
                    guard case .string(let key) = try value() else { throw Malformed(offset: i) }
                    skipSpace()
                    guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw Malformed(offset: i) }
                    i += 1
                    pairs.append((key, try value()))
                    skipSpace()
                    guard i < bytes.count else { throw Malformed(offset: i) }
                    if bytes[i] == UInt8(ascii: ",") {
                        i += 1
                        continue
                    }
                    guard bytes[i] == UInt8(ascii: "}") else { throw Malformed(offset: i) }
                    i += 1
                    return .object(pairs)
                }
            case UInt8(ascii: "["):
                i += 1
                var items: [OrderedJSON] = []
                skipSpace()
                if i < bytes.count, bytes[i] == UInt8(ascii: "]") {
                    i += 1
                    return .array(items)
                }
                while true {
                    items.append(try value())
                    skipSpace()
                    guard i < bytes.count else { throw Malformed(offset: i) }
                    if bytes[i] == UInt8(ascii: ",") {
                        i += 1
                        continue
                    }
                    guard bytes[i] == UInt8(ascii: "]") else { throw Malformed(offset: i) }
                    i += 1
                    return .array(items)
                }
            case UInt8(ascii: "\""):
                // The string's bytes through its closing quote, decoded by JSONSerialization.
                let start = i
                i += 1
                while i < bytes.count, bytes[i] != UInt8(ascii: "\"") { i += bytes[i] == UInt8(ascii: "\\") ? 2 : 1 }
                guard i < bytes.count else { throw Malformed(offset: start) }
                i += 1
                let literal = Data(bytes[start..<i])
                guard let s = try? JSONSerialization.jsonObject(with: literal, options: [.fragmentsAllowed]) as? String else { throw Malformed(offset: start) }
                return .string(s)
            case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
                for (word, v) in [("true", OrderedJSON.bool(true)), ("false", .bool(false)), ("null", .null)] where bytes[i...].starts(with: word.utf8) {
                    i += word.utf8.count
                    return v
                }
                throw Malformed(offset: i)
            default:
                let start = i
                while i < bytes.count, "+-0123456789.eE".utf8.contains(bytes[i]) { i += 1 }
                guard i > start else { throw Malformed(offset: i) }
                return .number(String(decoding: bytes[start..<i], as: UTF8.self))
            }
        }
    }

    // MARK: writing (two-space indent, as the bundled files)

    func text(indent: Int = 0) -> String {
        let pad = String(repeating: "  ", count: indent + 1)
        let close = String(repeating: "  ", count: indent)
        switch self {
        case .object(let pairs):
            if pairs.isEmpty { return "{}" }
            return "{\n" + pairs.map { "\(pad)\(JSONText.string($0.0)): \($0.1.text(indent: indent + 1))" }.joined(separator: ",\n") + "\n\(close)}"
        case .array(let items):
            if items.isEmpty { return "[]" }
            return "[\n" + items.map { pad + $0.text(indent: indent + 1) }.joined(separator: ",\n") + "\n\(close)]"
        case .string(let s): return JSONText.string(s)
        case .number(let n): return n
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        }
    }
}
