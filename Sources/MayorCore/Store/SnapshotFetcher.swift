import FoundationEssentials

/// What a previous response said about its body, sent back so an unchanged
/// file costs a 304 and no parsing.
public struct HTTPValidators: Sendable, Hashable {
    public var etag: String?
    public var lastModified: String?

    public init(etag: String? = nil, lastModified: String? = nil) {
        self.etag = etag
        self.lastModified = lastModified
    }

    public var isEmpty: Bool { etag == nil && lastModified == nil }
}

/// Why a fetch gave no usable body.
public struct FetchFailure: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        /// No answer within the time allowed (connecting or reading).
        case timeout
        /// Nobody listens there, or the host is unreachable.
        case unreachable
        /// The server answered with this status (404, 5xx, …).
        case status(Int)
        /// The body ended before the length the server announced.
        case cutShort
        /// The body is longer than the snapshot limit.
        case tooLarge
        /// The server's certificate is not trusted by the system's store
        /// (or the TLS handshake failed): nothing is read from it.
        case tls
        /// Anything else (TLS, a malformed URL, …).
        case other
    }

    public var reason: Reason
    public var message: String

    public init(_ reason: Reason, _ message: String) {
        self.reason = reason
        self.message = message
    }

    public var description: String { message }
}

/// The outcome of one conditional GET.
public enum FetchOutcome: Sendable {
    /// 304: the copy held is current; nothing to parse.
    case notModified
    /// 200: a new body and its validators.
    case body(Data, HTTPValidators)
    case failed(FetchFailure)
}

/// Conditional GETs of snapshot files (a wall whose `--data` is a URL). The
/// network client lives outside the pure core (MayorHTTP); the store only
/// calls this, on its worker threads.
public protocol SnapshotFetcher: Sendable {
    func get(_ url: String, validators: HTTPValidators?, maxBytes: Int) -> FetchOutcome
}

/// True for `http://…` and `https://…` data locations.
public func isRemoteLocation(_ location: String) -> Bool {
    let lower = location.lowercased()
    return lower.hasPrefix("http://") || lower.hasPrefix("https://")
}
