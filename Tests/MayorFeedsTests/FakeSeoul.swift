import Foundation
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// A fake Seoul Open API on 127.0.0.1 (a free port), served in-process by
/// Hummingbird: every GET goes to `answer`, which sees the path's segments
/// after the key and says what to send back.
final class FakeSeoul: Sendable {
    /// What to send for one request.
    enum Reply: Sendable {
        /// HTTP 200 with this body (Seoul answers its errors with 200 too).
        case body(String)
        /// The body, after this many seconds.
        case slow(String, seconds: Double)
        /// Headers announcing the whole body, then half of it, then the connection closed.
        case cut(String)
        case status(Int)
    }

    /// One request as the server saw it.
    struct Seen: Sendable {
        var key: String
        /// After the key: `json`, `TbPublicWifiInfo`, `1`, `1000`…
        var segments: [String]
        /// The path as sent, percent-encoding and all.
        var rawPath: String = ""
    }

    final class State: Sendable {
        let lock = Mutex<(seen: [Seen], inFlight: Int, peak: Int)>(([], 0, 0))
    }

    let port: Int
    private let task: Task<Void, any Error>
    private let state: State

    var seen: [Seen] { state.lock.withLock { $0.seen } }
    var peakInFlight: Int { state.lock.withLock { $0.peak } }
    var baseURL: String { "http://127.0.0.1:\(port)" }

    private init(port: Int, task: Task<Void, any Error>, state: State) {
        self.port = port
        self.task = task
        self.state = state
    }

    static func start(delay: Double = 0, _ answer: @escaping @Sendable (Seen) -> Reply) async throws -> FakeSeoul {
        let state = State()
        let router = Router()
        router.get("**") { request, _ -> Response in
            let parts = request.uri.path.split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
            let seen = Seen(key: parts.first ?? "", segments: Array(parts.dropFirst()), rawPath: request.uri.path)
            state.lock.withLock {
                $0.seen.append(seen)
                $0.inFlight += 1
                $0.peak = max($0.peak, $0.inFlight)
            }
            defer { state.lock.withLock { $0.inFlight -= 1 } }
            if delay > 0 { try? await Task.sleep(nanoseconds: UInt64(delay * 1e9)) }
            let reply = answer(seen)
            let json: HTTPFields = [.contentType: "application/json;charset=UTF-8"]
            switch reply {
            case .body(let text):
                let headers: HTTPFields = text.hasPrefix("<") ? [.contentType: "application/xml;charset=UTF-8"] : json
                return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
            case .slow(let text, let seconds):
                try? await Task.sleep(nanoseconds: UInt64(seconds * 1e9))
                return Response(status: .ok, headers: json, body: .init(byteBuffer: ByteBuffer(string: text)))
            case .cut(let text):
                let bytes = Array(text.utf8)
                let half = ByteBuffer(bytes: bytes.prefix(bytes.count / 2))
                return Response(
                    status: .ok, headers: json,
                    body: ResponseBody(contentLength: bytes.count) { writer in
                        try await writer.write(half)
                        throw CutShort()
                    })
            case .status(let code):
                return Response(status: .init(code: code))
            }
        }
        let (stream, continuation) = AsyncStream<Int>.makeStream()
        var logger = Logger(label: "fake-seoul")
        logger.logLevel = .critical
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            }, logger: logger)
        let task = Task { try await app.run() }
        var port = 0
        for await p in stream { port = p }
        guard port > 0 else { throw CutShort() }
        return FakeSeoul(port: port, task: task, state: state)
    }

    /// Waits for the requests being answered to be done (a server torn down
    /// mid-answer is not what these tests are about), then stops.
    func stop() async {
        for _ in 0..<500 where state.lock.withLock({ $0.inFlight }) > 0 {
            try? await Task.sleep(nanoseconds: 10_000_000)
        }
        try? await Task.sleep(nanoseconds: 20_000_000)
        task.cancel()
        _ = try? await task.value
    }

    struct CutShort: Error {}
}

/// A TCP listener on 127.0.0.1 that resets every connection (SO_LINGER 0,
/// then close: an RST) as soon as the request arrives.
final class ResettingServer: Sendable {
    let listener: Int32
    let port: Int
    var baseURL: String { "http://127.0.0.1:\(port)" }

    private init(listener: Int32, port: Int) {
        self.listener = listener
        self.port = port
    }

    static func start() throws -> ResettingServer {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw FakeSeoul.CutShort() }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && listen(fd, 16) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw FakeSeoul.CutShort() }
        let server = ResettingServer(listener: fd, port: Int(UInt16(bigEndian: address.sin_port)))
        Thread.detachNewThread {
            while true {
                let client = accept(fd, nil, nil)
                if client < 0 { return }
                var buffer = [UInt8](repeating: 0, count: 4096)
                _ = recv(client, &buffer, buffer.count, 0)
                var option = linger(l_onoff: 1, l_linger: 0)
                _ = setsockopt(client, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<linger>.size))
                close(client)
            }
        }
        return server
    }

    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }
}
