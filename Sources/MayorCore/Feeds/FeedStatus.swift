import FoundationEssentials

/// `feeds-status.json`, beside the snapshots: per source, when it last
/// succeeded, its last error (cleared by a success), when it last ran and
/// when it runs next. Written atomically after every run of a source; the
/// entries of other sources are kept as they were.
public struct FeedStatus: Codable, Sendable, Equatable {
    public static let fileName = "feeds-status.json"

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
