import CCurl
import FoundationEssentials
import MayorCore
import Synchronization

/// Conditional GETs of snapshot files for a wall, on libcurl.
///
/// One easy handle, reused, so the connection to the server is kept alive
/// between polls (an idle wall costs a few hundred bytes per file per poll and
/// no new TCP or TLS handshakes). Calls block: make them off the UI thread;
/// calls from several threads take turns.
public final class SnapshotHTTPClient: SnapshotFetcher {
    public struct Timeouts: Sendable {
        public var connect: Double
        public var total: Double
        public init(connect: Double = 3, total: Double = 15) {
            self.connect = connect
            self.total = total
        }
    }

    public let timeouts: Timeouts
    private let handle: Mutex<Handle>

    /// The easy handle; only touched under the lock.
    private final class Handle: @unchecked Sendable {
        let curl: UnsafeMutableRawPointer?
        init() { curl = SnapshotHTTPClient.libcurlLoaded ? mayor_curl_easy_init() : nil }
        deinit { if let curl { mayor_curl_easy_cleanup(curl) } }
    }

    public init(timeouts: Timeouts = Timeouts()) {
        self.timeouts = timeouts
        handle = Mutex(Handle())
    }

    /// Loads libcurl and runs `curl_global_init`, once per process, before
    /// any handle (a Swift `static let` runs its initialiser exactly once).
    static let libcurlLoaded: Bool = mayor_curl_load() != 0

    /// GETs `url`, sending `validators` as If-None-Match / If-Modified-Since.
    /// A body over `maxBytes` is abandoned as soon as it passes the limit.
    public func get(_ url: String, validators: HTTPValidators?, maxBytes: Int) -> FetchOutcome {
        handle.withLock { handle in
            guard let curl = handle.curl else {
                return .failed(FetchFailure(.other, "libcurl (libcurl.so.4, 7.83 or later) could not be loaded: install libcurl4"))
            }
            return Self.perform(curl, url: url, validators: validators, maxBytes: maxBytes, timeouts: timeouts)
        }
    }

    /// What the write callback fills.
    private final class Sink {
        var data = Data()
        let limit: Int
        var overLimit = false
        init(limit: Int) { self.limit = limit }
    }

    private static func perform(_ curl: UnsafeMutableRawPointer, url: String, validators: HTTPValidators?, maxBytes: Int, timeouts: Timeouts)
        -> FetchOutcome
    {
        let sink = Sink(limit: maxBytes)
        var headers: UnsafeMutablePointer<curl_slist>?
        if let etag = validators?.etag { headers = mayor_curl_slist_append(headers, "If-None-Match: \(etag)") }
        if let modified = validators?.lastModified { headers = mayor_curl_slist_append(headers, "If-Modified-Since: \(modified)") }
        defer { mayor_curl_slist_free_all(headers) }

        let context = Unmanaged.passRetained(sink)
        defer { context.release() }
        _ = mayor_curl_set_string(curl, CURLOPT_URL, url)
        _ = mayor_curl_set_long(curl, CURLOPT_HTTPGET, 1)
        _ = mayor_curl_set_long(curl, CURLOPT_NOSIGNAL, 1)
        _ = mayor_curl_set_long(curl, CURLOPT_FOLLOWLOCATION, 1)
        _ = mayor_curl_set_long(curl, CURLOPT_MAXREDIRS, 5)
        _ = mayor_curl_set_long(curl, CURLOPT_CONNECTTIMEOUT_MS, Int(timeouts.connect * 1000))
        _ = mayor_curl_set_long(curl, CURLOPT_TIMEOUT_MS, Int(timeouts.total * 1000))
        _ = mayor_curl_set_string(curl, CURLOPT_ACCEPT_ENCODING, "")
        _ = mayor_curl_set_string(curl, CURLOPT_USERAGENT, "mayor-wall")
        _ = mayor_curl_set_list(curl, CURLOPT_HTTPHEADER, headers)
        _ = mayor_curl_set_pointer(curl, CURLOPT_WRITEDATA, context.toOpaque())
        _ = mayor_curl_set_write_function(curl) { data, size, count, context in
            guard let data, let context else { return 0 }
            let sink = Unmanaged<Sink>.fromOpaque(context).takeUnretainedValue()
            let n = size * count
            if sink.data.count + n > sink.limit {
                sink.overLimit = true
                return 0  // libcurl stops the transfer (CURLE_WRITE_ERROR)
            }
            data.withMemoryRebound(to: UInt8.self, capacity: n) { sink.data.append($0, count: n) }
            return n
        }

        // libcurl's own account of a failure ("SSL certificate problem: …").
        var detail = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        let code = detail.withUnsafeMutableBufferPointer { buffer in
            _ = mayor_curl_set_pointer(curl, CURLOPT_ERRORBUFFER, buffer.baseAddress)
            defer { _ = mayor_curl_set_pointer(curl, CURLOPT_ERRORBUFFER, nil) }
            return mayor_curl_perform(curl)
        }
        _ = mayor_curl_set_list(curl, CURLOPT_HTTPHEADER, nil)
        if sink.overLimit {
            return .failed(FetchFailure(.tooLarge, "the body is more than the limit of \(maxBytes) bytes"))
        }
        guard code == CURLE_OK else {
            let text = String(decoding: detail.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            return .failed(failure(code, detail: text))
        }
        var status = 0
        _ = mayor_curl_response_code(curl, &status)
        switch status {
        case 304:
            return .notModified
        case 200:
            let found = HTTPValidators(etag: header(curl, "ETag"), lastModified: header(curl, "Last-Modified"))
            return .body(sink.data, found)
        case 404:
            return .failed(FetchFailure(.status(404), "HTTP 404: not on the server"))
        default:
            return .failed(FetchFailure(.status(status), "HTTP \(status) from the server"))
        }
    }

    private static func header(_ curl: UnsafeMutableRawPointer, _ name: String) -> String? {
        mayor_curl_header(curl, name).map { String(cString: $0) }
    }

    private static func failure(_ code: CURLcode, detail: String) -> FetchFailure {
        // The detail names the cause; libcurl's short text is the fallback.
        let text = detail.isEmpty ? String(cString: mayor_curl_strerror(code)) : detail
        switch code {
        case CURLE_OPERATION_TIMEDOUT:
            return FetchFailure(.timeout, "no answer in time (\(text))")
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            return FetchFailure(.unreachable, "server unreachable (\(text))")
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CONNECT_ERROR, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR:
            return FetchFailure(.tls, "the server's TLS certificate was not accepted (\(text))")
        case CURLE_PARTIAL_FILE, CURLE_RECV_ERROR, CURLE_GOT_NOTHING:
            return FetchFailure(.cutShort, "the body was cut short (\(text))")
        default:
            return FetchFailure(.other, text)
        }
    }
}
