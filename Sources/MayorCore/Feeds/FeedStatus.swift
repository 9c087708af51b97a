import FoundationEssentials

/// `feeds-status.json`, beside the snapshots: per source, when it last
/// succeeded, its last error (cleared by a success), when it last ran and
/// when it runs next. Written atomically after every run of a source; the
/// entries of other sources are kept as they were.
public struct FeedStatus: Codable, Sendable, Equatable {
    public static let fileName = "feeds-status.json"
    /// The wall reads at most this many bytes of it (a few hundred bytes per source).
    public static let maxBytes = 256 * 1024
    /// At most this many sources in one file.
    public static let maxSources = 1_000
    /// The two states a source can be in.
    public static let states = ["ok", "error"]

    public struct Entry: Codable, Sendable, Equatable {
        /// `ok` (the last run succeeded) or `error` (it failed; the file
        /// written before, if any, is kept as it was).
        public var state: String
        public var file: String?
        public var lastAttempt: String
        public var lastSuccess: String?
        /// The data's own time at the last success.
        public var asOf: String?
        public var summary: String?
        public var lastError: String?
        public var lastErrorCode: String?
        public var lastErrorAt: String?
        public var nextRun: String?
        public var warnings: [String]?

        public init(
            state: String, file: String? = nil, lastAttempt: String, lastSuccess: String? = nil, asOf: String? = nil, summary: String? = nil,
            lastError: String? = nil, lastErrorCode: String? = nil, lastErrorAt: String? = nil, nextRun: String? = nil, warnings: [String]? = nil
        ) {
            self.state = state
            self.file = file
            self.lastAttempt = lastAttempt
            self.lastSuccess = lastSuccess
            self.asOf = asOf
            self.summary = summary
            self.lastError = lastError
            self.lastErrorCode = lastErrorCode
            self.lastErrorAt = lastErrorAt
            self.nextRun = nextRun
            self.warnings = warnings
        }
    }

    public var kind = "feeds-status"
    public var updatedAt: String
    public var sources: [String: Entry]

    public init(updatedAt: String, sources: [String: Entry]) {
        self.updatedAt = updatedAt
        self.sources = sources
    }

    /// The status file in `folder`, or an empty one when it is missing or unreadable.
    public static func read(_ folder: String) -> FeedStatus {
        let path = (folder.hasSuffix("/") ? folder : folder + "/") + fileName
        if case .success(let data) = FileProbe.read(path, limit: 4 << 20), let status = try? JSONDecoder().decode(FeedStatus.self, from: data) {
            return status
        }
        return FeedStatus(updatedAt: "", sources: [:])
    }

    public func encoded() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Array((try? encoder.encode(self)) ?? Data()) + [0x0A]
    }
}

// MARK: - Reading it on the wall

extension FeedStatus {
    /// Parses the bytes of a status file strictly, for the wall: one problem
    /// naming the file, the place (line and column) and what is wrong, or the
    /// status. Never more than `maxBytes` are looked at.
    public static func parse(_ data: Data, file: String) -> Result<FeedStatus, ProblemList> {
        func one(_ problem: Problem) -> ProblemList { ProblemList([problem]) }
        if data.count > maxBytes {
            return .failure(one(Problem(.limit, file: file, message: "is \(data.count) bytes, more than the limit of \(maxBytes) bytes for a status file")))
        }
        if let syntax = JSONLocator.firstProblem(in: data, maxDepth: 8) {
            return .failure(one(Problem(syntax.code, file: file, line: syntax.position.line, column: syntax.position.column, message: syntax.message)))
        }
        let status: FeedStatus
        do {
            status = try JSONDecoder().decode(FeedStatus.self, from: data)
        } catch let error as DecodingError {
            return .failure(one(SnapshotParser.problem(from: error, file: file, data: data)))
        } catch {
            return .failure(one(Problem(.unreadable, file: file, message: "could not be read: \(error)")))
        }
        func problem(_ code: Problem.Code, _ path: [JSONLocator.PathElement], _ message: String) -> Result<FeedStatus, ProblemList> {
            .failure(one(SnapshotParser.locate(Problem(code, file: file, path: formatJSONPath(path), message: message), path, data)))
        }
        if status.kind != "feeds-status" {
            return problem(.wrongKind, [.key("kind")], "kind is \"\(Sanitizer.clean(status.kind, maxWidth: 40))\", expected \"feeds-status\" in \(fileName)")
        }
        if status.sources.count > maxSources {
            return problem(.limit, [.key("sources")], "has \(status.sources.count) sources; at most \(maxSources) are read")
        }
        for name in status.sources.keys.sorted() {
            let entry = status.sources[name]!
            let at: [JSONLocator.PathElement] = [.key("sources"), .key(name)]
            if !states.contains(entry.state) {
                return problem(.invalid, at + [.key("state")], "\"\(Sanitizer.clean(entry.state, maxWidth: 40))\" is not one of the allowed values (ok, error)")
            }
            let times: [(String, String?)] = [
                ("lastAttempt", entry.lastAttempt), ("lastSuccess", entry.lastSuccess), ("lastErrorAt", entry.lastErrorAt), ("nextRun", entry.nextRun)
            ]
            for (field, value) in times {
                guard let value, !value.isEmpty, CalendarDate.parseInstant(value) == nil else { continue }
                return problem(
                    .invalid, at + [.key(field)],
                    "\"\(Sanitizer.clean(value, maxWidth: 40))\" is not an ISO-8601 date-time with offset (YYYY-MM-DDTHH:MM:SSZ)")
            }
        }
        return .success(status)
    }

    /// What the wall shows of each source, by the kind whose file the entry
    /// names (`file`, a registered kind's file name among `kinds`). Entries
    /// naming no file or another file are ignored; when two name the same
    /// file, the one attempted last counts.
    public func reports(for kinds: [SnapshotKind]) -> [SnapshotKind: FeedReport] {
        var out: [SnapshotKind: (attempt: Double, report: FeedReport)] = [:]
        for name in sources.keys.sorted() {
            let entry = sources[name]!
            guard let file = entry.file, let kind = kinds.first(where: { $0.fileName == file }) else { continue }
            let attempt = CalendarDate.parseInstant(entry.lastAttempt) ?? -.infinity
            if let held = out[kind], held.attempt > attempt { continue }
            out[kind] = (attempt, FeedReport(entry))
        }
        return out.mapValues(\.report)
    }
}

/// What the wall takes from one source's entry: whether its last run failed,
/// when and why (the text neutralised), and when it last succeeded. Only
/// what is shown, so a run that changes nothing shown (a new `lastAttempt`
/// or `nextRun` of a source that is fine) changes nothing on the wall.
public struct FeedReport: Hashable, Sendable {
    public var failed: Bool
    /// When the failure happened (`lastErrorAt`, else `lastAttempt`).
    public var failedAt: Double?
    /// The API's or the transport's code (`ERROR-500`), neutralised.
    public var code: SafeText?
    /// The error (`lastError`), neutralised, line breaks and tabs as spaces.
    public var message: SafeText?
    public var lastSuccess: Double?

    public init(failed: Bool, failedAt: Double? = nil, code: SafeText? = nil, message: SafeText? = nil, lastSuccess: Double? = nil) {
        self.failed = failed
        self.failedAt = failedAt
        self.code = code
        self.message = message
        self.lastSuccess = lastSuccess
    }

    public init(_ entry: FeedStatus.Entry) {
        guard entry.state == "error" else {
            self.init(failed: false)
            return
        }
        func text(_ raw: String?) -> SafeText? {
            guard let raw else { return nil }
            let flat = String(raw.unicodeScalars.map { $0 == "\n" || $0 == "\r" || $0 == "\t" ? " " : Character($0) })
            let safe = SafeText(flat.trimmingCharacters(in: .whitespaces))
            return safe.isEmpty ? nil : safe
        }
        self.init(
            failed: true,
            failedAt: (entry.lastErrorAt.flatMap(CalendarDate.parseInstant) ?? CalendarDate.parseInstant(entry.lastAttempt)),
            code: text(entry.lastErrorCode), message: text(entry.lastError),
            lastSuccess: entry.lastSuccess.flatMap(CalendarDate.parseInstant))
    }
}
