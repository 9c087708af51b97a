import CYaml

/// A place in a YAML text, 1-based (libyaml counts columns in characters).
public struct YAMLMark: Hashable, Sendable {
    public var line: Int
    public var column: Int
}

/// A YAML node as screen files need it: scalars as text (no implicit types:
/// numbers are read where a number is expected), sequences and mappings in
/// their order, each with its place.
struct YAMLNode {
    struct Scalar {
        let string: String
        /// Written without quotes or a block indicator.
        let isPlain: Bool
    }

    let content: YAMLContent
    let place: YAMLMark

    /// Optional to read like the places of problems (`node?.mark?.line`).
    var mark: YAMLMark? { place }

    var scalar: Scalar? {
        if case .scalar(let s) = content { return s }
        return nil
    }

    var string: String? { scalar?.string }

    var sequence: [YAMLNode]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    var mapping: [YAMLPair]? {
        if case .mapping(let pairs) = content { return pairs }
        return nil
    }

    /// A decimal number (`5`, `-1.5`, `1e3`; `nan` and `inf` read as such and
    /// are refused where they are used).
    var float: Double? { string.flatMap { Double($0) } }

    /// A whole number written in decimal.
    var int: Int? { string.flatMap { Int($0) } }
}

/// What a node holds; only the collections are boxed, so a scalar costs
/// no allocation of its own.
enum YAMLContent {
    case scalar(YAMLNode.Scalar)
    indirect case sequence([YAMLNode])
    indirect case mapping([YAMLPair])
}

struct YAMLPair {
    let key: YAMLNode
    let value: YAMLNode
}

/// Builds `YAMLNode`s straight from libyaml's event stream, in one pass: an
/// alias (`*name`) is refused where it is met, before anything is built from
/// it (no "billion laughs"), duplicate keys are refused at the second one,
/// and no regular expression runs per scalar (the cost of Yams' composer
/// with its tag resolver: a 1 MB briefing took 300 ms in a release build).
enum YAMLComposer {
    struct Failure: Error {
        let message: String
        let mark: YAMLMark?
        var code: Problem.Code = .syntax
    }

    /// The refusal of an alias, naming the files it is refused in ("screen files").
    static func aliasMessage(in files: String) -> String { "YAML aliases (*name) are not allowed in \(files)" }

    /// The single document of `yaml` (nil when the text has none); `files`
    /// names what is being read, for the refusal of an alias.
    static func compose(_ yaml: String, files: String) -> Result<YAMLNode?, Failure> {
        var utf8 = Array(yaml.utf8)
        return utf8.withUnsafeMutableBufferPointer { buffer in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { return .failure(Failure(message: "YAML: out of memory", mark: nil, code: .limit)) }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var builder = Builder()
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else { return .failure(syntaxFailure(parser)) }
                defer { yaml_event_delete(&event) }
                let mark = YAMLMark(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return .success(builder.root)
                case YAML_DOCUMENT_START_EVENT:
                    builder.documents += 1
                    if builder.documents > 1 {
                        return .failure(Failure(message: "YAML syntax: expected a single document in the stream, but found another document", mark: mark))
                    }
                case YAML_ALIAS_EVENT:
                    return .failure(Failure(message: aliasMessage(in: files), mark: mark))
                case YAML_SCALAR_EVENT:
                    let s = event.data.scalar
                    let text = s.value.map { String(decoding: UnsafeBufferPointer(start: $0, count: Int(s.length)), as: UTF8.self) } ?? ""
                    let node = YAMLNode(content: .scalar(.init(string: text, isPlain: s.style == YAML_PLAIN_SCALAR_STYLE)), place: mark)
                    if let failure = builder.add(node) { return .failure(failure) }
                case YAML_SEQUENCE_START_EVENT:
                    builder.open(.sequence, at: mark)
                case YAML_MAPPING_START_EVENT:
                    builder.open(.mapping, at: mark)
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    if let failure = builder.close() { return .failure(failure) }
                default:
                    continue
                }
            }
        }
    }

    /// libyaml's own words for a syntax error, at its place.
    static func syntaxFailure(_ parser: yaml_parser_t) -> Failure {
        let problem = parser.problem.map { String(cString: $0) } ?? "cannot be parsed"
        let context = parser.context.map { String(cString: $0) }
        let text = [context, problem].compactMap { $0 }.joined(separator: " ")
        let mark = YAMLMark(line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1)
        return Failure(message: "YAML syntax: \(text)", mark: mark)
    }

    /// The open sequences and mappings, innermost last (no recursion, so any
    /// depth libyaml reads is safe here).
    struct Builder {
        enum Kind { case sequence, mapping }

        struct Frame {
            let kind: Kind
            let mark: YAMLMark
            var items: [YAMLNode] = []
            var pairs: [YAMLPair] = []
            var pendingKey: YAMLNode?
            /// The keys so far, kept once a mapping is large (a small one,
            /// the usual, is searched directly: no hashing per mapping).
            var keys: Set<String>?

            /// True when `key` is already a key of this mapping; records it otherwise.
            mutating func hasKey(_ key: String) -> Bool {
                if keys == nil {
                    if pairs.count < 16 { return pairs.contains { $0.key.string == key } }
                    keys = Set(pairs.compactMap { $0.key.string })
                }
                return !keys!.insert(key).inserted
            }
        }

        var stack: [Frame] = []
        var root: YAMLNode?
        var documents = 0

        mutating func open(_ kind: Kind, at mark: YAMLMark) {
            var frame = Frame(kind: kind, mark: mark)
            // Room for a usual mapping at once (a step has 3 to 5 keys),
            // rather than growing it pair by pair.
            if kind == .mapping { frame.pairs.reserveCapacity(4) }
            stack.append(frame)
        }

        mutating func close() -> Failure? {
            guard let frame = stack.popLast() else { return nil }
            let node =
                frame.kind == .sequence
                ? YAMLNode(content: .sequence(frame.items), place: frame.mark)
                : YAMLNode(content: .mapping(frame.pairs), place: frame.mark)
            return add(node)
        }

        mutating func add(_ node: YAMLNode) -> Failure? {
            guard !stack.isEmpty else {
                root = node
                return nil
            }
            let top = stack.count - 1
            switch stack[top].kind {
            case .sequence:
                stack[top].items.append(node)
            case .mapping:
                if let key = stack[top].pendingKey {
                    stack[top].pairs.append(YAMLPair(key: key, value: node))
                    stack[top].pendingKey = nil
                } else {
                    if let text = node.string, stack[top].hasKey(text) {
                        return Failure(message: "duplicate key \"\(Sanitizer.clean(text, maxWidth: 40))\"", mark: node.place, code: .duplicate)
                    }
                    stack[top].pendingKey = node
                }
            }
            return nil
        }
    }
}
