import FoundationEssentials

/// `Data/feeds.yaml`: what `mayor fetch` fetches, how often, and where it
/// writes. Parsed strictly (an unknown key, a wrong type or an out-of-range
/// value is a problem with its line and column), here in the pure core so that
/// `mayor check` validates the file without the network code.
///
/// ```yaml
/// output: .                 # the snapshots' folder, relative to this file
/// requests:                 # all optional; the defaults are shown
///   connectTimeout: 5s
///   requestTimeout: 30s
///   retries: 3
///   backoff: 1s             # first retry after about this long, then doubled, with jitter
///   maxInFlight: 8
///   perHostPerSecond: 50
/// sources:
///   wifi:
///     interval: 1d
///   traffic:
///     interval: 1h
///     spots: [A-01, B-32]   # TOPIS count stations (SpotInfo spot_num)
///     backfillDays: 7       # how many days before today to fill
///   citydata:
///     interval: 5m
///     hotspots: [POI014, 광화문·덕수궁]   # area codes or names
/// ```
///
/// A source plugs in with one entry of `FeedsConfig.schemas` (its keys and
/// their types) and one `FeedSource` type in MayorFeeds.
public struct FeedsConfig: Sendable, Equatable {
    /// Limits on every request to the API.
    public struct Requests: Sendable, Equatable {
        public var connectTimeout: Double = 5
        public var requestTimeout: Double = 30
        public var retries: Int = 3
        public var backoff: Double = 1
        public var maxInFlight: Int = 8
        /// Seoul publishes no rate limit; 50 request starts a second (with at
        /// most 8 in flight) fetch 120 hotspots in under 3 s every 5 minutes.
        public var perHostPerSecond: Double = 50
        public init() {}
    }

    /// One value of a source's section, as its schema asked for it.
    public enum Value: Sendable, Equatable {
        case seconds(Double)
        case integer(Int)
        case text(String)
        case list([String])
    }

    /// One configured source: its name (the key under `sources`), its
    /// interval, and the other keys of its section, typed by its schema.
    public struct Source: Sendable, Equatable {
        public var name: String
        public var interval: Double
        public var values: [String: Value]
        /// Where the section starts in the file.
        public var line: Int
        public var column: Int

        public func seconds(_ key: String) -> Double? {
            if case .seconds(let s)? = values[key] { return s }
            return nil
        }
        public func integer(_ key: String) -> Int? {
            if case .integer(let i)? = values[key] { return i }
            return nil
        }
        public func text(_ key: String) -> String? {
            if case .text(let t)? = values[key] { return t }
            return nil
        }
        public func list(_ key: String) -> [String]? {
            if case .list(let l)? = values[key] { return l }
            return nil
        }
    }

    /// The keys a source's section may have besides `interval`.
    public struct Schema: Sendable {
        public enum Kind: Sendable {
            /// `30s`, `5m`, `1h`, `1d` or a number of seconds, within the range.
            case seconds(ClosedRange<Double>)
            case integer(ClosedRange<Int>)
            /// One line of text, at most `maxLength` characters.
            case text(maxLength: Int)
            /// A list of distinct texts (at least one, at most `max`), each matching `item`.
            case list(max: Int, item: @Sendable (String) -> String?)
        }
        public var keys: [String: Kind]
        public var required: Set<String>
        /// The interval's default and its allowed range.
        public var defaultInterval: Double
        public var intervalRange: ClosedRange<Double>

        public init(keys: [String: Kind], required: Set<String> = [], defaultInterval: Double, intervalRange: ClosedRange<Double>) {
            self.keys = keys
            self.required = required
            self.defaultInterval = defaultInterval
            self.intervalRange = intervalRange
        }
    }

    /// The sources `mayor fetch` knows, by their key under `sources`.
    public static let schemas: [String: Schema] = [
        "wifi": Schema(
            keys: ["pageSize": .integer(1...1000)],
            defaultInterval: 86_400, intervalRange: 600...(30 * 86_400)),
        // TOPIS count stations (SpotInfo `spot_num`), one VolInfo call per spot-hour.
        "traffic": Schema(
            keys: ["spots": .list(max: 200, item: topisSpotProblem), "backfillDays": .integer(0...366)],
            required: ["spots"], defaultInterval: 3600, intervalRange: 600...86_400),
        // Seoul updates population and road readings every 5 minutes; one
        // call per hotspot, so faster than a minute only loads the API.
        "citydata": Schema(
            keys: ["hotspots": .list(max: maxHotspots, item: hotspotProblem)], required: ["hotspots"],
            defaultInterval: 300, intervalRange: 60...86_400)
    ]

    /// Why `text` is not a TOPIS spot number (`A-01`, `D-77`, `Y-53`: a
    /// capital letter, a dash, two digits), or nil when it is one.
    public static func topisSpotProblem(_ text: String) -> String? {
        let u = Array(text.utf8)
        if u.count == 4, (0x41...0x5A).contains(u[0]), u[1] == 0x2D, u[2...].allSatisfy({ (0x30...0x39).contains($0) }) { return nil }
        return "\"\(Sanitizer.clean(text, maxWidth: 20))\" is not a TOPIS spot number (a capital letter, a dash and two digits, as A-01)"
    }

    /// The most hotspots `sources.citydata.hotspots` may list (Seoul lists 121).
    public static let maxHotspots = 200

    /// What is wrong with one entry of `sources.citydata.hotspots`, or nil: an
    /// area code (`POI` and three digits, `POI014`) or an area name as Seoul
    /// writes it (`강남역`, `광화문·덕수궁`, `강남 MICE 관광특구`, `홍대입구역(2호선)`):
    /// letters, digits, single spaces and `·()-.,&`, at most 40 characters.
    @Sendable public static func hotspotProblem(_ text: String) -> String? {
        let shown = "\"\(Sanitizer.clean(text, maxWidth: 40))\""
        if text.uppercased().hasPrefix("POI"), text.dropFirst(3).allSatisfy({ $0.isASCII && $0.isNumber }) {
            guard text.hasPrefix("POI"), text.count == 6 else {
                return "\(shown) is not an area code: POI and three digits, such as POI014"
            }
            return nil
        }
        guard !text.isEmpty, text.count <= 40 else { return "\(shown) is not an area name: 1 to 40 characters" }
        if text.hasPrefix(" ") || text.hasSuffix(" ") || text.contains("  ") {
            return "\(shown) has leading, trailing or double spaces: write the area name as Seoul does"
        }
        if let dot = text.first(where: { "・•∙⋅".contains($0) }) {
            let code = dot.unicodeScalars.first.map { String($0.value, radix: 16, uppercase: true) } ?? "?"
            return "\(shown) has U+\(code) where Seoul writes · (U+00B7, 광화문·덕수궁)"
        }
        guard text.contains(where: \.isLetter) else { return "\(shown) is not an area name: it has no letters" }
        if let bad = text.first(where: { !($0.isLetter || $0.isNumber || " ·()-.,&".contains($0)) }) {
            return "\(shown) is not an area name: \(Sanitizer.clean(String(bad), maxWidth: 4)) is not a letter, digit, space or one of ·()-.,&"
        }
        return nil
    }

    /// The file the config was read from.
    public var file: String
    /// `output` as written (nil: the config's own folder).
    public var output: String?
    public var requests = Requests()
    public var sources: [Source] = []

    /// The snapshots' folder: `output` relative to the config's folder, or that folder.
    public var outputDirectory: String {
        let folder = file.contains("/") ? String(file[..<file.lastIndex(of: "/")!]) : "."
        guard let output, !output.isEmpty else { return folder.isEmpty ? "/" : folder }
        if output.hasPrefix("/") { return output }
        return (folder.isEmpty ? "" : folder + "/") + output
    }

    /// What an accepted config breaks of the rules its parser enforces, or nil:
    /// every duration finite and within its range, every count within its
    /// range, every source known and configured once, `output` one line. The
    /// fuzzer (Fuzz/FuzzEntry.swift) asks it of every config it gets accepted.
    public var contractBreach: String? {
        let r = requests
        let durations: [(String, Double, ClosedRange<Double>)] = [
            ("connectTimeout", r.connectTimeout, 0.01...600), ("requestTimeout", r.requestTimeout, 0.01...3600),
            ("backoff", r.backoff, 0...600), ("perHostPerSecond", r.perHostPerSecond, 0.01...100)
        ]
        for (name, value, range) in durations where !(value.isFinite && range.contains(value)) { return "requests.\(name) is \(value)" }
        if !(0...10).contains(r.retries) { return "requests.retries is \(r.retries)" }
        if !(1...8).contains(r.maxInFlight) { return "requests.maxInFlight is \(r.maxInFlight)" }
        if let output, output.isEmpty || output.contains(where: { $0.isNewline }) { return "output is not one line" }
        if sources.isEmpty { return "no source" }
        if Set(sources.map(\.name)).count != sources.count { return "a source configured twice" }
        for source in sources {
            guard let schema = Self.schemas[source.name] else { return "unknown source \(source.name)" }
            if !(source.interval.isFinite && schema.intervalRange.contains(source.interval)) { return "\(source.name).interval is \(source.interval)" }
            for (key, value) in source.values {
                switch (schema.keys[key], value) {
                case (.seconds(let range)?, .seconds(let v)): if !(v.isFinite && range.contains(v)) { return "\(source.name).\(key) is \(v)" }
                case (.integer(let range)?, .integer(let v)): if !range.contains(v) { return "\(source.name).\(key) is \(v)" }
                case (.text(let max)?, .text(let v)): if v.isEmpty || v.count > max { return "\(source.name).\(key) has \(v.count) characters" }
                case (.list(let max, let item)?, .list(let v)):
                    if v.isEmpty || v.count > max || Set(v).count != v.count || v.contains(where: { item($0) != nil }) {
                        return "\(source.name).\(key) breaks its list rule"
                    }
                default: return "\(source.name).\(key) is not of its schema's type"
                }
            }
        }
        return nil
    }

    public static let defaultPath = "Data/feeds.yaml"
    /// Feeds configs are small; anything larger is refused unread.
    public static let maxBytes = 1 << 20

    /// Reads and validates `path`: the config, or every problem found.
    public static func load(_ path: String) -> Result<FeedsConfig, ProblemList> {
        switch FileProbe.read(path, limit: maxBytes) {
        case .failure(let error):
            return .failure(ProblemList([Problem(error.code, file: path, message: error.message)]))
        case .success(let data):
            return parse(data: data, file: path)
        }
    }

    /// Validates the bytes of a feeds config: UTF-8 (else the place of the
    /// first bad byte), then as `parse(_:file:)`.
    public static func parse(data: some Collection<UInt8>, file: String) -> Result<FeedsConfig, ProblemList> {
        switch UTF8Text.decode(data, file: file) {
        case .failure(let list): return .failure(list)
        case .success(let text): return parse(text, file: file)
        }
    }

    /// Validates the YAML text of a feeds config.
    public static func parse(_ text: String, file: String) -> Result<FeedsConfig, ProblemList> {
        var parser = Parser(file: file)
        let config = parser.parse(text)
        if let config, parser.problems.isEmpty { return .success(config) }
        return .failure(ProblemList(parser.problems))
    }

    /// Parses `30s`, `5m`, `2h`, `1d` or a plain number of seconds: a finite,
    /// non-negative number of seconds, or nil.
    public static func seconds(_ text: String) -> Double? {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard let last = t.last else { return nil }
        let unit: Double
        var number = Substring(t)
        switch last {
        case "s": unit = 1
        case "m": unit = 60
        case "h": unit = 3600
        case "d": unit = 86_400
        default:
            guard !last.isLetter else { return nil }
            unit = 1
        }
        if last.isLetter { number = number.dropLast() }
        // Finite after the unit too: 1e308d is not a duration (it was +infinity).
        guard let value = Double(number), value >= 0, (value * unit).isFinite else { return nil }
        return value * unit
    }

    struct Parser {
        let file: String
        var problems: [Problem] = []

        mutating func fail(_ code: Problem.Code, _ mark: YAMLMark?, _ message: String) {
            problems.append(Problem(code, file: file, line: mark?.line, column: mark?.column, message: message))
        }

        mutating func parse(_ yaml: String) -> FeedsConfig? {
            let root: YAMLNode
            switch YAMLComposer.compose(yaml, files: "the feeds config") {
            case .failure(let f):
                fail(f.code, f.mark, f.message)
                return nil
            case .success(nil):
                fail(.syntax, nil, "is empty: expected a mapping with sources")
                return nil
            case .success(let node?):
                root = node
            }
            guard let pairs = root.mapping else {
                fail(.type, root.mark, "expected a mapping with output, requests and sources")
                return nil
            }
            var config = FeedsConfig(file: file)
            var sawSources = false
            for pair in pairs {
                let key = pair.key.string ?? ""
                switch key {
                case "output":
                    config.output = text(pair.value, "output", maxLength: 4096)
                case "requests":
                    config.requests = requests(pair.value)
                case "sources":
                    sawSources = true
                    config.sources = sources(pair.value)
                default:
                    fail(.unknownName, pair.key.mark, "unknown key \"\(Sanitizer.clean(key, maxWidth: 40))\": expected output, requests or sources")
                }
            }
            if !sawSources { fail(.missingField, root.mark, "missing key \"sources\"") }
            return config
        }

        mutating func text(_ node: YAMLNode, _ what: String, maxLength: Int) -> String? {
            guard let s = node.string else {
                fail(.type, node.mark, "\(what): expected text")
                return nil
            }
            if s.isEmpty || s.count > maxLength || s.contains(where: { $0.isNewline || ($0.asciiValue.map { $0 < 0x20 || $0 == 0x7F } ?? false) }) {
                fail(.invalid, node.mark, "\(what): expected one line of 1 to \(maxLength) characters")
                return nil
            }
            return s
        }

        mutating func seconds(_ node: YAMLNode, _ what: String, _ range: ClosedRange<Double>) -> Double? {
            guard let s = node.string, let value = FeedsConfig.seconds(s) else {
                fail(.type, node.mark, "\(what): expected a duration such as 30s, 5m, 1h or 1d")
                return nil
            }
            guard range.contains(value) else {
                fail(
                    .invalid, node.mark,
                    "\(what): \(Sanitizer.clean(node.string ?? "", maxWidth: 20)) is out of range (\(Self.duration(range.lowerBound)) to \(Self.duration(range.upperBound)))"
                )
                return nil
            }
            return value
        }

        static func duration(_ s: Double) -> String {
            if s >= 86_400, s.truncatingRemainder(dividingBy: 86_400) == 0 { return "\(Int(s / 86_400))d" }
            if s >= 3600, s.truncatingRemainder(dividingBy: 3600) == 0 { return "\(Int(s / 3600))h" }
            if s >= 60, s.truncatingRemainder(dividingBy: 60) == 0 { return "\(Int(s / 60))m" }
            return s == s.rounded() ? "\(Int(s))s" : "\(s)s"
        }

        mutating func integer(_ node: YAMLNode, _ what: String, _ range: ClosedRange<Int>) -> Int? {
            guard let value = node.int else {
                fail(.type, node.mark, "\(what): expected a whole number")
                return nil
            }
            guard range.contains(value) else {
                fail(.invalid, node.mark, "\(what): \(value) is out of range (\(range.lowerBound) to \(range.upperBound))")
                return nil
            }
            return value
        }

        mutating func number(_ node: YAMLNode, _ what: String, _ range: ClosedRange<Double>) -> Double? {
            guard let value = node.float, value.isFinite else {
                fail(.type, node.mark, "\(what): expected a number")
                return nil
            }
            guard range.contains(value) else {
                fail(.invalid, node.mark, "\(what): \(value) is out of range (\(range.lowerBound) to \(range.upperBound))")
                return nil
            }
            return value
        }

        mutating func requests(_ node: YAMLNode) -> Requests {
            var r = Requests()
            guard let pairs = node.mapping else {
                fail(.type, node.mark, "requests: expected a mapping")
                return r
            }
            for pair in pairs {
                let key = pair.key.string ?? ""
                let what = "requests.\(Sanitizer.clean(key, maxWidth: 40))"
                switch key {
                case "connectTimeout": r.connectTimeout = seconds(pair.value, what, 0.01...600) ?? r.connectTimeout
                case "requestTimeout": r.requestTimeout = seconds(pair.value, what, 0.01...3600) ?? r.requestTimeout
                case "retries": r.retries = integer(pair.value, what, 0...10) ?? r.retries
                case "backoff": r.backoff = seconds(pair.value, what, 0...600) ?? r.backoff
                case "maxInFlight": r.maxInFlight = integer(pair.value, what, 1...8) ?? r.maxInFlight
                case "perHostPerSecond": r.perHostPerSecond = number(pair.value, what, 0.01...100) ?? r.perHostPerSecond
                default:
                    fail(
                        .unknownName, pair.key.mark,
                        "unknown key \"\(what)\": expected connectTimeout, requestTimeout, retries, backoff, maxInFlight or perHostPerSecond")
                }
            }
            return r
        }

        mutating func sources(_ node: YAMLNode) -> [Source] {
            guard let pairs = node.mapping else {
                fail(.type, node.mark, "sources: expected a mapping of source names to their settings")
                return []
            }
            if pairs.isEmpty { fail(.invalid, node.mark, "sources: no source configured") }
            var out: [Source] = []
            for pair in pairs {
                let name = pair.key.string ?? ""
                guard let schema = FeedsConfig.schemas[name] else {
                    let known = FeedsConfig.schemas.keys.sorted().joined(separator: ", ")
                    fail(.unknownName, pair.key.mark, "unknown source \"\(Sanitizer.clean(name, maxWidth: 40))\": expected one of \(known)")
                    continue
                }
                if let source = source(name, schema, pair.value, at: pair.key.mark) { out.append(source) }
            }
            return out
        }

        mutating func source(_ name: String, _ schema: Schema, _ node: YAMLNode, at mark: YAMLMark?) -> Source? {
            var source = Source(name: name, interval: schema.defaultInterval, values: [:], line: mark?.line ?? 0, column: mark?.column ?? 0)
            let pairs: [YAMLPair]
            if let m = node.mapping {
                pairs = m
            } else if node.string == "" {
                pairs = []  // `wifi:` with nothing after it: every default
            } else {
                fail(.type, node.mark, "sources.\(name): expected a mapping of settings")
                return nil
            }
            let before = problems.count
            var seen = Set<String>()
            for pair in pairs {
                let key = pair.key.string ?? ""
                let what = "sources.\(name).\(Sanitizer.clean(key, maxWidth: 40))"
                seen.insert(key)
                if key == "interval" {
                    source.interval = seconds(pair.value, what, schema.intervalRange) ?? source.interval
                    continue
                }
                guard let kind = schema.keys[key] else {
                    let known = (["interval"] + schema.keys.keys.sorted()).joined(separator: ", ")
                    fail(.unknownName, pair.key.mark, "unknown key \"\(what)\": expected \(known)")
                    continue
                }
                switch kind {
                case .seconds(let range):
                    if let v = seconds(pair.value, what, range) { source.values[key] = .seconds(v) }
                case .integer(let range):
                    if let v = integer(pair.value, what, range) { source.values[key] = .integer(v) }
                case .text(let maxLength):
                    if let v = text(pair.value, what, maxLength: maxLength) { source.values[key] = .text(v) }
                case .list(let max, let item):
                    if let v = list(pair.value, what, max: max, item: item) { source.values[key] = .list(v) }
                }
            }
            for key in schema.required.sorted() where !seen.contains(key) {
                fail(.missingField, mark, "sources.\(name): missing key \"\(key)\"")
            }
            return problems.count == before ? source : nil
        }

        mutating func list(_ node: YAMLNode, _ what: String, max: Int, item: (String) -> String?) -> [String]? {
            guard let items = node.sequence else {
                fail(.type, node.mark, "\(what): expected a list")
                return nil
            }
            if items.isEmpty || items.count > max {
                fail(.limit, node.mark, "\(what): expected 1 to \(max) items, found \(items.count)")
                return nil
            }
            var out: [String] = []
            var seen = Set<String>()
            let before = problems.count
            for (i, element) in items.enumerated() {
                guard let s = element.string else {
                    fail(.type, element.mark, "\(what)[\(i)]: expected text")
                    continue
                }
                if let problem = item(s) {
                    fail(.invalid, element.mark, "\(what)[\(i)]: \(problem)")
                    continue
                }
                if !seen.insert(s).inserted {
                    fail(.duplicate, element.mark, "\(what)[\(i)]: \"\(Sanitizer.clean(s, maxWidth: 40))\" is listed twice")
                    continue
                }
                out.append(s)
            }
            return problems.count == before ? out : nil
        }
    }
}
