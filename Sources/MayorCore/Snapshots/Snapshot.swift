import FoundationEssentials

#if os(Linux)
    /// glibc's `malloc_trim` (in <malloc.h>, which the Glibc module does not export).
    @_silgen_name("malloc_trim")
    private func glibcMallocTrim(_ pad: Int) -> Int32
#endif

/// A loaded, validated snapshot of any kind: its envelope and its content,
/// whose type is the kind's `Content`.
public struct Snapshot: Sendable {
    public let kind: SnapshotKind
    public let envelope: Envelope
    public let content: any SnapshotContent
    /// FNV-1a (64 bits) of the file's bytes as parsed: which version this is
    /// (the headless wall prints it; a publisher can compute it too). Set by
    /// a `DataStore` whose `computesDigests` is on; 0 otherwise.
    public internal(set) var digest: UInt64 = 0

    public init<C: SnapshotContent>(_ document: SnapshotDocument<C>) {
        kind = C.kind
        envelope = document.envelope
        content = document.content
    }

    /// The content as `type`, or nil when it is another kind's.
    public func content<C: SnapshotContent>(_ type: C.Type) -> C? { content as? C }
}

/// Turns the bytes of a snapshot file into a validated `Snapshot`, or the
/// problems that stop it, each naming the file and the place.
public enum SnapshotParser {
    /// Files larger than this are refused before parsing (configurable).
    public static let defaultMaxBytes = 64 * 1024 * 1024
    public static let maxDepth = 32
    /// At most this many problems are reported per file.
    public static let maxProblems = 20

    public static func parse(
        _ kind: SnapshotKind, data: Data, file: String, now: Double,
        maxBytes: Int = defaultMaxBytes
    ) -> Result<Snapshot, ProblemList> {
        parse(kind, data: data, file: file, now: now, maxBytes: maxBytes, fastPath: true)
    }

    /// `fastPath: false` always takes the general path (`JSONLocator`, then
    /// `JSONDecoder`), so tests and the fuzzer can compare the two.
    public static func parse(
        _ kind: SnapshotKind, data: Data, file: String, now: Double,
        maxBytes: Int = defaultMaxBytes, fastPath: Bool
    ) -> Result<Snapshot, ProblemList> {
        let result = parseOnce(kind, data: data, file: file, now: now, maxBytes: maxBytes, fastPath: fastPath)
        // The decoder's temporaries of a large file are freed by now: hand the
        // pages back, so a long-running wall returns to its idle size.
        if data.count >= trimFrom { releaseFreeMemory() }
        return result
    }

    /// FNV-1a, 64 bits.
    public static func fnv1a64(_ data: Data) -> UInt64 {
        data.withUnsafeBytes { bytes in
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in bytes {
                hash ^= UInt64(byte)
                hash &*= 0x100_0000_01b3
            }
            return hash
        }
    }

    /// Files from this size on are followed by `releaseFreeMemory`.
    static let trimFrom = 1 << 20

    /// Returns free heap pages to the system (glibc keeps them otherwise).
    public static func releaseFreeMemory() {
        #if os(Linux)
            _ = glibcMallocTrim(0)
        #endif
    }

    static func parseOnce(
        _ kind: SnapshotKind, data: Data, file: String, now: Double,
        maxBytes: Int, fastPath: Bool
    ) -> Result<Snapshot, ProblemList> {
        if data.count > maxBytes {
            return .failure(ProblemList([Problem(.limit, file: file, message: "file is \(data.count) bytes, more than the limit of \(maxBytes)")]))
        }
        let entry = KindRegistry.entry(kind)
        return parse(entry.type, shape: entry.fileShape, data: data, file: file, now: now, fastPath: fastPath)
    }

    /// The general path for any kind: its fast decoder when it has one and it
    /// takes the file, else the syntax check, the shape pass, `JSONDecoder`;
    /// then the validator.
    static func parse<K: DataKind>(_ type: K.Type, shape: SnapshotShape, data: Data, file: String, now: Double, fastPath: Bool) -> Result<
        Snapshot, ProblemList
    > {
        // Large files of a kind with a fast reader: one pass over the bytes when
        // they hold nothing unusual; anything else (every error included) takes
        // the general path.
        if fastPath, let document = K.fastDecode(data, maxDepth: maxDepth) {
            return validated(document, data, file, now).map(Snapshot.init)
        }
        if let syntax = JSONLocator.firstProblem(in: data, maxDepth: maxDepth) {
            return .failure(
                ProblemList([Problem(syntax.code, file: file, line: syntax.position.line, column: syntax.position.column, message: syntax.message)]))
        }
        // Array limits, types, exact whole numbers and unknown bulk, before
        // JSONDecoder materialises anything (see SnapshotShape).
        let decodable: Data
        switch SnapshotShape.check(shape, data) {
        case .failure(let m):
            return .failure(
                ProblemList([
                    Problem(
                        m.code, file: file, line: m.position.line, column: m.position.column,
                        path: formatJSONPath(m.path), message: m.message)
                ]))
        case .success(let bytes):
            decodable = bytes
        }
        return decode(K.Content.self, decodable, data, file, now).map(Snapshot.init)
    }

    /// Decodes `decodable` (the file, or a copy with unknown bulk blanked out);
    /// problems are located in `data`, the file as it is.
    static func decode<C: SnapshotContent>(_ type: C.Type, _ decodable: Data, _ data: Data, _ file: String, _ now: Double) -> Result<
        SnapshotDocument<C>, ProblemList
    > {
        let document: SnapshotDocument<C>
        do {
            document = try JSONDecoder().decode(SnapshotDocument<C>.self, from: decodable)
        } catch let mismatch as EnvelopeMismatch {
            return .failure(
                ProblemList([locate(Problem(mismatch.code, file: file, path: mismatch.path, message: mismatch.message), [.key(mismatch.path)], data)]))
        } catch let error as DecodingError {
            return .failure(ProblemList([problem(from: error, file: file, data: data)]))
        } catch {
            return .failure(ProblemList([Problem(.unreadable, file: file, message: "could not be read: \(error)")]))
        }
        return validated(document, data, file, now)
    }

    /// The document when the validator finds nothing wrong, else the first problems, located.
    static func validated<C: SnapshotContent>(_ document: SnapshotDocument<C>, _ data: Data, _ file: String, _ now: Double) -> Result<
        SnapshotDocument<C>, ProblemList
    > {
        var v = Validator(file: file)
        v.envelope(document.envelope, now: now)
        document.content.validate(&v)
        if !v.isClean {
            // Report the first few with their line and column; a file with
            // thousands of problems must not cost thousands of scans.
            var shown = locateAll(Array(v.problems.prefix(maxProblems)), data)
            if v.problems.count > maxProblems {
                shown.append(Problem(.more, file: file, message: "and \(v.problems.count - maxProblems) more problems"))
            }
            return .failure(ProblemList(shown))
        }
        return .success(document)
    }

    /// Adds the line and column of each problem's value (or failing that, its
    /// nearest parent), in as few passes over the file as the paths' depths
    /// need: one in the usual case, however many problems there are.
    static func locateAll(_ problems: [Problem], _ data: Data) -> [Problem] {
        locateAll(problems, paths: problems.map { parsePath($0.path ?? "") }, data)
    }

    /// `locateAll` at the paths given (one per problem) rather than the problems' own.
    static func locateAll(_ problems: [Problem], paths: [[JSONLocator.PathElement]], _ data: Data) -> [Problem] {
        var result = problems
        var probes = paths
        var pending = problems.indices.filter { !probes[$0].isEmpty }
        while !pending.isEmpty {
            let found = JSONLocator.positions(of: pending.map { probes[$0] }, in: data)
            var next: [Int] = []
            for i in pending {
                if let position = found[probes[i]] {
                    result[i].line = position.line
                    result[i].column = position.column
                } else {
                    probes[i].removeLast()
                    if !probes[i].isEmpty { next.append(i) }
                }
            }
            pending = next
        }
        return result
    }

    /// Adds the line and column of the value at `path` (or its nearest parent), when found.
    static func locate(_ problem: Problem, _ path: [JSONLocator.PathElement], _ data: Data) -> Problem {
        locateAll([problem], paths: [path], data)[0]
    }

    static func problem(from error: DecodingError, file: String, data: Data) -> Problem {
        func elements(_ path: [any CodingKey]) -> [JSONLocator.PathElement] {
            path.map { key in key.intValue.map { .index($0) } ?? .key(key.stringValue) }
        }
        var path: [JSONLocator.PathElement]
        let message: String
        var code = Problem.Code.type
        switch error {
        case .typeMismatch(let type, let context):
            path = elements(context.codingPath)
            message = "expected \(describe(type)), found \(found(in: context.debugDescription))"
        case .valueNotFound(let type, let context):
            path = elements(context.codingPath)
            message = "expected \(describe(type)), found null"
        case .keyNotFound(let key, let context):
            path = elements(context.codingPath)
            let parent = path
            path.append(.key(key.stringValue))
            let p = Problem(.missingField, file: file, path: formatJSONPath(path), message: "missing required field \"\(key.stringValue)\"")
            return locate(p, parent, data)
        case .dataCorrupted(let context):
            path = elements(context.codingPath)
            let last = path.last.map { formatJSONPath([$0]) } ?? ""
            code = .invalid
            if let range = context.debugDescription.firstRange(of: "invalid String value ") {
                let value = context.debugDescription[range.upperBound...]
                message = "\"\(Sanitizer.clean(String(value), maxWidth: 40))\" is not one of the allowed values"
            } else {
                message = "invalid value\(last.isEmpty ? "" : " for \(last)"): \(context.debugDescription)"
            }
        @unknown default:
            return Problem(.type, file: file, message: "\(error)")
        }
        return locate(Problem(code, file: file, path: formatJSONPath(path), message: message), path, data)
    }

    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type, is Double.Type: return "a number"
        case is String.Type, is SafeText.Type: return "a string"
        case is Bool.Type: return "true or false"
        default:
            let name = "\(type)"
            if name.hasPrefix("Array") { return "an array" }
            if name.hasPrefix("Dictionary") { return "an object" }
            return "an object"
        }
    }

    /// Turns Foundation's "… but found a string instead." into "a string".
    static func found(in debugDescription: String) -> String {
        if let range = debugDescription.firstRange(of: "but found ") {
            var rest = String(debugDescription[range.upperBound...])
            if rest.hasSuffix(" instead.") { rest.removeLast(" instead.".count) }
            if rest.hasPrefix("number") { return "a non-integer or out-of-range number" }
            return rest
        }
        if debugDescription.contains("does not fit") || debugDescription.contains("not representable") {
            return "a number out of range"
        }
        return "something else (\(debugDescription))"
    }

    /// Parses `a.b[2].c` back into path elements.
    static func parsePath(_ text: String) -> [JSONLocator.PathElement] {
        var out: [JSONLocator.PathElement] = []
        for part in text.split(separator: ".") {
            var s = Substring(part)
            if let bracket = s.firstIndex(of: "[") {
                let key = s[..<bracket]
                if !key.isEmpty { out.append(.key(String(key))) }
                s = s[bracket...]
                while s.hasPrefix("["), let close = s.firstIndex(of: "]") {
                    if let n = Int(s[s.index(after: s.startIndex)..<close]) { out.append(.index(n)) }
                    s = s[s.index(after: close)...]
                }
            } else {
                out.append(.key(String(s)))
            }
        }
        return out
    }
}

/// One or more problems, as an error.
public struct ProblemList: Error, Sendable, CustomStringConvertible {
    public let problems: [Problem]
    public init(_ problems: [Problem]) { self.problems = problems }
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
