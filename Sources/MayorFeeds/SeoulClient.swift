import AsyncHTTPClient
import Foundation
import Logging
import MayorCore
import NIOCore

/// A failed fetch, said without the key: every message is built from the
/// redacted URL and passed through `SeoulClient.redact` once more.
public struct FeedError: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// The API answered with a code other than INFO-000.
        case api
        /// Connection refused or reset, a body cut short, a bad HTTP status.
        case transport
        case timeout
        /// The body was complete but not a documented answer.
        case malformed
        /// The figures did not add up, or the snapshot did not validate.
        case data
        case write
    }

    public var kind: Kind
    public var message: String
    /// The API's code (`INFO-100`, `ERROR-500`), when the API gave one.
    public var code: String?
    public var retryable: Bool

    public init(_ kind: Kind, _ message: String, code: String? = nil, retryable: Bool = false) {
        self.kind = kind
        self.message = message
        self.code = code
        self.retryable = retryable
    }

    public var description: String { message }
}

/// Request settings a client runs with (from `requests:` in feeds.yaml).
public typealias RequestSettings = FeedsConfig.Requests

/// At most `limit` requests in flight at once, and request starts to one host
/// spaced by at least `spacing` seconds.
actor RequestGate {
    let limit: Int
    let spacing: Duration
    private var inFlight = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private var nextStart: [String: ContinuousClock.Instant] = [:]
    /// The most requests seen in flight at once (for `mayor bench` and tests).
    private(set) var peak = 0

    init(limit: Int, perHostPerSecond: Double) {
        self.limit = max(1, limit)
        spacing = .nanoseconds(Int64((1e9 / max(perHostPerSecond, 0.001)).rounded()))
    }

    func acquire(host: String) async {
        if inFlight < limit {
            inFlight += 1
        } else {
            await withCheckedContinuation { waiters.append($0) }
        }
        peak = max(peak, inFlight)
        let now = ContinuousClock.now
        let slot = max(now, nextStart[host] ?? now)
        nextStart[host] = slot + spacing
        if slot > now { try? await Task.sleep(until: slot, clock: .continuous) }
    }

    func release() {
        if waiters.isEmpty {
            inFlight -= 1
        } else {
            waiters.removeFirst().resume()  // the slot passes straight on
        }
    }
}

/// A result set once: the first `finish` wins and is handed to the waiter.
final class Once<T: Sendable>: @unchecked Sendable {
    // Guarded by `lock`.
    private let lock = NSLock()
    private var result: T?
    private var deliver: ((T) -> Void)?
    private var cleanup: [() -> Void] = []

    func onResult(_ body: @escaping (T) -> Void) {
        lock.lock()
        if let result {
            lock.unlock()
            body(result)
            return
        }
        deliver = body
        lock.unlock()
    }

    func onFinish(_ body: @escaping () -> Void) {
        lock.lock()
        if result != nil {
            lock.unlock()
            body()
            return
        }
        cleanup.append(body)
        lock.unlock()
    }

    /// True when this call set the result.
    @discardableResult
    func finish(_ value: T) -> Bool {
        lock.lock()
        guard result == nil else {
            lock.unlock()
            return false
        }
        result = value
        let deliver = self.deliver
        let cleanup = self.cleanup
        self.deliver = nil
        self.cleanup = []
        lock.unlock()
        deliver?(value)
        cleanup.forEach { $0() }
        return true
    }
}

/// GETs from the Seoul Open API: the key as the first path segment, the
/// configured timeouts, retries with exponential backoff and jitter for
/// transport errors and ERROR-500/600/601 (never for a bad key), at most
/// `maxInFlight` requests at once and a per-host rate limit.
public final class SeoulClient: Sendable {
    public static let defaultBaseURL = "http://openapi.seoul.go.kr:8088"
    /// The largest body read (a 1,000-row Wi-Fi page is about 500 KB).
    public static let maxBodyBytes = 16 << 20

    public let baseURL: String
    let key: String
    let settings: RequestSettings
    let http: HTTPClient
    let gate: RequestGate
    let logger: Logger

    /// `http` is owned by the caller (shut it down after the last request).
    public init(baseURL: String, key: String, settings: RequestSettings, http: HTTPClient, logger: Logger) {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.key = key
        self.settings = settings
        self.http = http
        self.gate = RequestGate(limit: settings.maxInFlight, perHostPerSecond: settings.perHostPerSecond)
        self.logger = logger
    }

    /// An HTTP client with the connect timeout of `settings` (and no
    /// redirects: a redirect would send the key's path elsewhere).
    public static func makeHTTPClient(_ settings: RequestSettings) -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .nanoseconds(Int64(settings.connectTimeout * 1e9)), read: .nanoseconds(Int64(settings.requestTimeout * 1e9)))
        configuration.redirectConfiguration = .disallow
        configuration.connectionPool = .init(idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: max(1, settings.maxInFlight))
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// The most requests seen in flight at once so far.
    public var peakInFlight: Int { get async { await gate.peak } }

    /// Text with every occurrence of the key (as is and percent-encoded) replaced.
    public func redact(_ text: String) -> String {
        Self.redact(text, key: key)
    }

    public static func redact(_ text: String, key: String) -> String {
        guard !key.isEmpty else { return text }
        var out = text.replacingOccurrences(of: key, with: "{KEY}")
        let encoded = escape(key)
        if encoded != key { out = out.replacingOccurrences(of: encoded, with: "{KEY}") }
        return out
    }

    /// A path segment, percent-encoded (hotspot names hold `·` and spaces).
    public static func escape(_ segment: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return segment.addingPercentEncoding(withAllowedCharacters: allowed) ?? segment
    }

    /// `BASE/{KEY}/type/service/start/end/params…/` as it may be shown or stored.
    public func displayURL(_ segments: [String]) -> String {
        baseURL + "/{KEY}/" + segments.map(Self.escape).joined(separator: "/") + "/"
    }

    /// GETs `BASE/KEY/segments…/` and hands the body to `parse`; retries as
    /// configured when the transport fails or `parse` throws a retryable API
    /// code. Throws a `FeedError` (key-free) when every attempt failed.
    public func get<T: Sendable>(_ segments: [String], parse: @escaping @Sendable ([UInt8]) throws -> T) async throws -> T {
        let shown = displayURL(segments)
        let url = baseURL + "/" + Self.escape(key) + "/" + segments.map(Self.escape).joined(separator: "/") + "/"
        let host = URL(string: baseURL)?.host ?? baseURL
        var attempt = 0
        while true {
            try Task.checkCancellation()
            let failure: FeedError
            do {
                await gate.acquire(host: host)
                let body: [UInt8]
                do {
                    body = try await fetch(url, shown: shown)
                    await gate.release()
                } catch {
                    await gate.release()
                    throw error
                }
                return try parse(body)
            } catch let error as SeoulAPIError {
                failure = FeedError(.api, redact("\(error) (\(shown))"), code: error.result.code, retryable: error.result.isRetryable)
            } catch let error as MalformedResponse {
                failure = FeedError(.malformed, redact("\(error.description) (\(shown))"))
            } catch let error as FeedError {
                failure = FeedError(error.kind, redact(error.message), code: error.code, retryable: error.retryable)
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                failure = FeedError(.transport, redact("\(Self.describe(error)) (\(shown))"), retryable: true)
            }
            guard failure.retryable, attempt < settings.retries else { throw failure }
            let delay = backoff(attempt)
            logger.debug(
                "retrying after error", metadata: ["url": .string(shown), "error": .string(failure.message), "in": .string(String(format: "%.2fs", delay))])
            attempt += 1
            try await Task.sleep(nanoseconds: UInt64(delay * 1e9))
        }
    }

    /// `backoff × 2^attempt`, times a jitter between 0.5 and 1.5, at most 5 minutes.
    func backoff(_ attempt: Int) -> Double {
        let base = settings.backoff * pow(2, Double(min(attempt, 16)))
        return min(300, base * Double.random(in: 0.5...1.5))
    }

    /// One attempt, within the request timeout (connect, head and whole
    /// body). The answer is awaited no longer than the timeout: a request
    /// still going then is cancelled and left to end on its own.
    func fetch(_ url: String, shown: String) async throws -> [UInt8] {
        let timeout = settings.requestTimeout
        let http = self.http
        let outcome = Once<Result<[UInt8], any Error>>()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<[UInt8], any Error>) in
                outcome.onResult { continuation.resume(with: $0) }
                let request = Task {
                    do {
                        var request = HTTPClientRequest(url: url)
                        request.method = .GET
                        request.headers.add(name: "Accept", value: "application/json, application/xml;q=0.9")
                        let response = try await http.execute(request, timeout: .nanoseconds(Int64(timeout * 1e9)))
                        guard response.status == .ok else {
                            throw FeedError(
                                .transport, "HTTP \(response.status.code) (\(shown))", retryable: response.status.code >= 500 || response.status.code == 429)
                        }
                        let buffer = try await response.body.collect(upTo: Self.maxBodyBytes)
                        outcome.finish(.success(Array(buffer.readableBytesView)))
                    } catch {
                        outcome.finish(.failure(error))
                    }
                }
                let timer = Task {
                    try? await Task.sleep(nanoseconds: UInt64(timeout * 1e9))
                    if outcome.finish(.failure(FeedError(.timeout, "no complete answer within \(Self.seconds(timeout)) (\(shown))", retryable: true))) {
                        request.cancel()
                    }
                }
                outcome.onFinish {
                    timer.cancel()
                    request.cancel()
                }
            }
        } onCancel: {
            outcome.finish(.failure(CancellationError()))
        }
    }

    static func seconds(_ s: Double) -> String {
        s == s.rounded() ? "\(Int(s)) s" : String(format: "%.2g s", s)
    }

    /// A transport error in a few words (AsyncHTTPClient's and NIO's
    /// descriptions name no path, and the caller redacts them anyway).
    static func describe(_ error: any Error) -> String {
        if let e = error as? HTTPClientError {
            switch e {
            case .connectTimeout: return "connect timeout"
            case .deadlineExceeded, .readTimeout: return "timeout"
            case .remoteConnectionClosed: return "connection closed before the answer was complete"
            case .bodyLengthMismatch: return "body cut short"
            default: return "HTTP client error: \(e)"
            }
        }
        // A system error (refused, unreachable, reset) in the system's own
        // words, without NIO's wrapping ("connection reset (error set): …
        // (errno: 111)" for a refused connection).
        if let io = error as? IOError { return systemMessage(io.errnoCode) }
        let text = String(describing: error)
        if let range = text.range(of: "(errno: ", options: .backwards), let end = text[range.upperBound...].firstIndex(of: ")"),
            let code = Int32(text[range.upperBound..<end])
        {
            return systemMessage(code)
        }
        return text.count > 200 ? String(text.prefix(200)) + "…" : text
    }

    /// `strerror`'s text with a lower-case first letter (`connection refused`).
    static func systemMessage(_ code: Int32) -> String {
        let text = String(cString: strerror(code))
        guard let first = text.first else { return "system error \(code)" }
        return first.lowercased() + text.dropFirst()
    }
}
