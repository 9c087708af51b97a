/// A small JSON syntax scanner used only to say *where* a snapshot is wrong.
///
/// Foundation's JSON decoder does the real decoding, but it reports neither the
/// line and column of a syntax error nor duplicate keys, and it accepts
/// unbounded nesting. This scanner walks the bytes once and reports the first
/// such problem with its position, and can find the position of the value at
/// a JSON path so semantic errors also point at a line and column.
public enum JSONLocator {
    public enum PathElement: Hashable, Sendable {
        case key(String)
        case index(Int)
    }

    public struct Position: Hashable, Sendable {
        public let line: Int
        public let column: Int
    }

    public struct SyntaxProblem: Error, Hashable, Sendable {
        public let position: Position
        public let message: String
        public var code: Problem.Code = .syntax
    }

    /// The first syntax problem in `bytes`, or nil when it is well-formed JSON
    /// within `maxDepth` levels of nesting with no duplicate keys.
    public static func firstProblem<Bytes: Collection>(in bytes: Bytes, maxDepth: Int = 64) -> SyntaxProblem? where Bytes.Element == UInt8 {
        var scanner = Scanner(Array(bytes), maxDepth: maxDepth, targets: [])
        do {
            try scanner.document()
            return nil
        } catch let problem as SyntaxProblem {
            return problem
        } catch {
            return SyntaxProblem(position: scanner.position, message: "\(error)")
        }
    }

    /// Where the value at `path` starts, if the document is well-formed enough to reach it.
    public static func position<Bytes: Collection>(of path: [PathElement], in bytes: Bytes) -> Position? where Bytes.Element == UInt8 {
        positions(of: [path], in: bytes)[path]
    }

    /// Where the values at `paths` start, in one pass that stops once all are
    /// found; a path the document does not reach is absent from the result.
    public static func positions<Bytes: Collection>(of paths: [[PathElement]], in bytes: Bytes) -> [[PathElement]: Position] where Bytes.Element == UInt8 {
        var scanner = Scanner(Array(bytes), maxDepth: 512, targets: paths)
        _ = try? scanner.document()
        return scanner.found
    }

    /// Thrown to stop the scan once every target is found.
    struct AllFound: Error {}

    struct Scanner {
        let bytes: [UInt8]
        let maxDepth: Int
        /// The paths looked for, by their last element (hashing one element
        /// per value, not the whole path), and the lengths they have.
        let targets: [PathElement: [[PathElement]]]
        let targetLengths: UInt64
        var remaining: Int
        var index = 0
        var line = 1
        var lineStart = 0
        var path: [PathElement] = []
        var found: [[PathElement]: Position] = [:]

        init(_ bytes: [UInt8], maxDepth: Int, targets paths: [[PathElement]]) {
            self.bytes = bytes
            self.maxDepth = maxDepth
            var targets: [PathElement: [[PathElement]]] = [:]
            var lengths: UInt64 = 0
            for path in Set(paths) where !path.isEmpty && path.count < 64 {
                targets[path[path.count - 1], default: []].append(path)
                lengths |= 1 << UInt64(path.count)
            }
            self.targets = targets
            targetLengths = lengths
            remaining = targets.values.reduce(0) { $0 + $1.count }
        }

        /// Where the scanner is, cheaply: turned into a line and column only
        /// when a problem is reported (long lines would make that quadratic).
        struct Mark {
            let line: Int
            let lineStart: Int
            let index: Int
        }

        var mark: Mark { Mark(line: line, lineStart: lineStart, index: index) }

        func position(of mark: Mark) -> Position {
            // Columns count characters, not bytes: skip UTF-8 continuation bytes.
            var column = 1
            var i = mark.lineStart
            while i < mark.index && i < bytes.count {
                if bytes[i] & 0xC0 != 0x80 { column += 1 }
                i += 1
            }
            return Position(line: mark.line, column: column)
        }

        var position: Position { position(of: mark) }

        func fail(_ message: String, _ code: Problem.Code = .syntax) -> SyntaxProblem {
            SyntaxProblem(position: position, message: message, code: code)
        }

        mutating func skipSpace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0D: index += 1
                case 0x0A:
                    index += 1
                    line += 1
                    lineStart = index
                default: return
                }
            }
        }

        func describe(_ byte: UInt8) -> String {
            if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
            return "byte 0x" + String(byte, radix: 16, uppercase: true)
        }

        mutating func document() throws {
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
                index = 3
                lineStart = 3
            }
            skipSpace()
            guard index < bytes.count else { throw fail("the file is empty: expected a JSON object") }
            try value(depth: 0)
            skipSpace()
            if index < bytes.count { throw fail("unexpected \(describe(bytes[index])) after the end of the JSON document") }
        }

        mutating func value(depth: Int) throws {
            if remaining > 0, path.count < 64, targetLengths & (1 << UInt64(path.count)) != 0,
                let last = path.last, let candidates = targets[last]
            {
                for target in candidates where found[target] == nil && target == path {
                    found[target] = position
                    remaining -= 1
                    if remaining == 0 { throw AllFound() }
                }
            }
            guard index < bytes.count else { throw fail("unexpected end of file: the file is truncated") }
            switch bytes[index] {
            case UInt8(ascii: "{"): try object(depth: depth + 1)
            case UInt8(ascii: "["): try array(depth: depth + 1)
            case UInt8(ascii: "\""): _ = try string()
            case UInt8(ascii: "t"): try literal("true")
            case UInt8(ascii: "f"): try literal("false")
            case UInt8(ascii: "n"): try literal("null")
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
            default: throw fail("unexpected \(describe(bytes[index])): expected a value")
            }
        }

        mutating func literal(_ word: String) throws {
            for expected in word.utf8 {
                guard index < bytes.count else { throw fail("unexpected end of file: the file is truncated") }
                guard bytes[index] == expected else { throw fail("invalid literal: expected '\(word)'") }
                index += 1
            }
        }

        mutating func number() throws {
            let start = index
            let startMark = mark
            if bytes[index] == UInt8(ascii: "-") { index += 1 }
            func digits(_ s: inout Scanner) -> Int {
                var n = 0
                while s.index < s.bytes.count, s.bytes[s.index] >= 0x30, s.bytes[s.index] <= 0x39 {
                    s.index += 1
                    n += 1
                }
                return n
            }
            let integerStart = index
            let integerDigits = digits(&self)
            guard integerDigits > 0 else { throw fail("invalid number: expected a digit") }
            if integerDigits > 1, bytes[integerStart] == UInt8(ascii: "0") {
                throw SyntaxProblem(
                    position: position(of: startMark),
                    message:
                        "invalid number: a leading zero (write \(String(decoding: bytes[start..<index], as: UTF8.self).drop { $0 == "0" || $0 == "-" }.isEmpty ? "0" : "it without the zero"))"
                )
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                guard digits(&self) > 0 else { throw fail("invalid number: expected a digit after '.'") }
            }
            if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
                guard digits(&self) > 0 else { throw fail("invalid number: expected a digit in the exponent") }
            }
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            if let d = Double(text) {
                // Too large, or so small it would read as 0 though it is not.
                let nonZero = text.prefix { $0 != "e" && $0 != "E" }.contains { $0 >= "1" && $0 <= "9" }
                if !d.isFinite || (d == 0 && nonZero) {
                    throw SyntaxProblem(position: position(of: startMark), message: "number \(text) is out of range", code: .limit)
                }
            }
            // Foundation's JSON reader refuses a bare 0 followed directly by an
            // exponent digit (0e5, 0E1); say so here rather than give no place.
            if index - start >= 3, bytes[start] == UInt8(ascii: "0"), bytes[start + 1] | 0x20 == UInt8(ascii: "e"),
                bytes[start + 2] >= UInt8(ascii: "1"), bytes[start + 2] <= UInt8(ascii: "9")
            {
                throw SyntaxProblem(position: position(of: startMark), message: "number \(text) is not accepted: write 0", code: .invalid)
            }
        }

        /// Reads a string, checking it as `JSONDecoder` would decode it: well-formed
        /// UTF-8, valid escapes, surrogate escapes only in pairs. With `decode`,
        /// returns its content as UTF-8 after unescaping (what keys are
        /// compared by: the same scalars, nothing else); otherwise nil.
        mutating func string(decode: Bool = false) throws -> [UInt8]? {
            index += 1  // opening quote
            let start = index
            var plain = true
            while index < bytes.count {
                let b = bytes[index]
                if b == UInt8(ascii: "\"") {
                    let raw = bytes[start..<index]
                    index += 1
                    guard decode else { return nil }
                    return plain ? Array(raw) : unescape(raw)
                }
                if b == UInt8(ascii: "\\") {
                    plain = false
                    let escapeMark = mark
                    index += 1
                    guard index < bytes.count else { break }
                    let e = bytes[index]
                    if e == UInt8(ascii: "u") {
                        guard let v = hex4(at: index + 1) else {
                            index += 1
                            while index < bytes.count, isHex(bytes[index]) { index += 1 }
                            throw fail("invalid \\u escape in string")
                        }
                        index += 4
                        if v >= 0xD800 && v <= 0xDFFF {
                            // A high surrogate must be followed by an escaped low one.
                            let low =
                                v <= 0xDBFF && index + 2 < bytes.count && bytes[index + 1] == UInt8(ascii: "\\")
                                    && bytes[index + 2] == UInt8(ascii: "u") ? hex4(at: index + 3) : nil
                            guard let low, low >= 0xDC00 && low <= 0xDFFF else {
                                throw SyntaxProblem(
                                    position: position(of: escapeMark),
                                    message:
                                        "lone surrogate \\u\(String(v, radix: 16)) in a string: a surrogate escape must be a high one (\\ud800–\\udbff) followed by a low one (\\udc00–\\udfff)"
                                )
                            }
                            index += 6
                        }
                    } else if !"\"\\/bfnrt".utf8.contains(e) {
                        throw fail("invalid escape '\\\(Character(Unicode.Scalar(e)))' in string")
                    }
                } else if b < 0x20 {
                    throw fail(
                        b == 0x0A ? "unterminated string (a line break inside quotes)" : "control character \(describe(b)) inside a string must be escaped")
                } else if b >= 0x80 {
                    let n = utf8SequenceLength(at: index)
                    guard n > 0 else { throw fail("invalid UTF-8 (\(describe(b))) in a string: the file must be UTF-8") }
                    index += n
                    continue
                }
                index += 1
            }
            throw fail("unexpected end of file inside a string: the file is truncated")
        }

        /// The four hex digits at `i` as a number, or nil.
        func hex4(at i: Int) -> UInt32? {
            guard i + 4 <= bytes.count else { return nil }
            var v: UInt32 = 0
            for k in i..<(i + 4) {
                let h = bytes[k]
                guard isHex(h) else { return nil }
                v = v << 4 | UInt32(h <= 0x39 ? h - 0x30 : (h | 0x20) - 0x61 + 10)
            }
            return v
        }

        /// The length of the well-formed UTF-8 sequence starting at `i` (a byte
        /// of 0x80 or more), or 0 when it is ill-formed (Unicode table 3-7:
        /// no overlong forms, no surrogates, nothing past U+10FFFF).
        func utf8SequenceLength(at i: Int) -> Int {
            let b0 = bytes[i]
            func continuation(_ k: Int, _ lo: UInt8 = 0x80, _ hi: UInt8 = 0xBF) -> Bool {
                i + k < bytes.count && bytes[i + k] >= lo && bytes[i + k] <= hi
            }
            switch b0 {
            case 0xC2...0xDF: return continuation(1) ? 2 : 0
            case 0xE0: return continuation(1, 0xA0) && continuation(2) ? 3 : 0
            case 0xE1...0xEC, 0xEE...0xEF: return continuation(1) && continuation(2) ? 3 : 0
            case 0xED: return continuation(1, 0x80, 0x9F) && continuation(2) ? 3 : 0
            case 0xF0: return continuation(1, 0x90) && continuation(2) && continuation(3) ? 4 : 0
            case 0xF1...0xF3: return continuation(1) && continuation(2) && continuation(3) ? 4 : 0
            case 0xF4: return continuation(1, 0x80, 0x8F) && continuation(2) && continuation(3) ? 4 : 0
            default: return 0
            }
        }

        func isHex(_ b: UInt8) -> Bool {
            (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x66)
        }

        /// The content of a checked string with escapes, as UTF-8: each escape
        /// becomes its scalar (a surrogate pair one scalar), the rest is kept.
        func unescape(_ raw: ArraySlice<UInt8>) -> [UInt8] {
            var out: [UInt8] = []
            out.reserveCapacity(raw.count)
            var i = raw.startIndex
            while i < raw.endIndex {
                let b = raw[i]
                guard b == UInt8(ascii: "\\"), i + 1 < raw.endIndex else {
                    out.append(b)
                    i += 1
                    continue
                }
                let e = raw[i + 1]
                i += 2
                switch e {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "u"):
                    var v = hex4(at: i) ?? 0xFFFD
                    i += 4
                    if v >= 0xD800 && v <= 0xDBFF, let low = hex4(at: i + 2) {
                        v = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00)
                        i += 6
                    }
                    out.append(contentsOf: UTF8.encode(Unicode.Scalar(v) ?? "\u{FFFD}")!)
                default: out.append(e)
                }
            }
            return out
        }

        mutating func object(depth: Int) throws {
            guard depth <= maxDepth else { throw fail("nesting deeper than \(maxDepth) levels", .limit) }
            index += 1
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                index += 1
                return
            }
            var seen = Set<[UInt8]>()
            while true {
                skipSpace()
                guard index < bytes.count else { throw fail("unexpected end of file inside an object: the file is truncated") }
                guard bytes[index] == UInt8(ascii: "\"") else { throw fail("unexpected \(describe(bytes[index])): expected a quoted key") }
                let keyMark = mark
                let key = try string(decode: true) ?? []
                if !seen.insert(key).inserted {
                    throw SyntaxProblem(
                        position: position(of: keyMark), message: "duplicate key \"\(Sanitizer.clean(String(decoding: key, as: UTF8.self), maxWidth: 40))\"",
                        code: .duplicate)
                }
                skipSpace()
                guard index < bytes.count else { throw fail("unexpected end of file after a key: the file is truncated") }
                guard bytes[index] == UInt8(ascii: ":") else { throw fail("unexpected \(describe(bytes[index])): expected ':' after the key") }
                index += 1
                skipSpace()
                path.append(.key(String(decoding: key, as: UTF8.self)))
                try value(depth: depth)
                path.removeLast()
                skipSpace()
                guard index < bytes.count else { throw fail("unexpected end of file inside an object: the file is truncated") }
                if bytes[index] == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                if bytes[index] == UInt8(ascii: "}") {
                    index += 1
                    return
                }
                throw fail("unexpected \(describe(bytes[index])): expected ',' or '}'")
            }
        }

        mutating func array(depth: Int) throws {
            guard depth <= maxDepth else { throw fail("nesting deeper than \(maxDepth) levels", .limit) }
            index += 1
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                index += 1
                return
            }
            var n = 0
            while true {
                skipSpace()
                path.append(.index(n))
                try value(depth: depth)
                path.removeLast()
                n += 1
                skipSpace()
                guard index < bytes.count else { throw fail("unexpected end of file inside an array: the file is truncated") }
                if bytes[index] == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                if bytes[index] == UInt8(ascii: "]") {
                    index += 1
                    return
                }
                throw fail("unexpected \(describe(bytes[index])): expected ',' or ']'")
            }
        }
    }
}
