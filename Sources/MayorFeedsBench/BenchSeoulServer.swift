import MayorBench
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A fake Seoul Open API on 127.0.0.1 for the publisher's benchmarks
/// (`mayor-fetch bench`): HTTP/1.1 on SwiftNIO, every GET answered with
/// status 200 and the bytes `answer` gives for the path's segments after the
/// key (`json`, `TbPublicWifiInfo`, `1`, `1000`; percent-decoded), after
/// `delay` seconds. It counts the requests and the most it had in flight at
/// once (from a request's end to its answer's last byte written).
public final class BenchSeoulServer: Sendable {
    public struct Counts: Sendable {
        public var requests = 0
        public var inFlight = 0
        public var peakInFlight = 0
        public var bodyBytes = 0
        /// The keys the requests carried (the first path segment), distinct.
        public var keys: Set<String> = []
    }

    public let port: Int
    private let group: MultiThreadedEventLoopGroup
    private let channel: any Channel
    private let box: Box

    public var baseURL: String { "http://127.0.0.1:\(port)" }
    public var counts: Counts { box.state.withLock { $0 } }

    private init(port: Int, group: MultiThreadedEventLoopGroup, channel: any Channel, box: Box) {
        self.port = port
        self.group = group
        self.channel = channel
        self.box = box
    }

    /// Listens on 127.0.0.1 at a free port, on one event-loop thread of its own.
    public static func start(delay: Double = 0, answer: @escaping @Sendable (_ segments: [String]) -> [UInt8]) throws -> BenchSeoulServer {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let box = Box()
        let milliseconds = Int64((delay * 1000).rounded())
        do {
            let channel = try ServerBootstrap(group: group)
                .serverChannelOption(.backlog, value: 256)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                        try channel.pipeline.syncOperations.addHandler(Handler(box: box, delayMilliseconds: milliseconds, answer: answer))
                    }
                }
                .bind(host: "127.0.0.1", port: 0).wait()
            guard let port = channel.localAddress?.port else { throw BenchError("the fake Seoul server has no port") }
            return BenchSeoulServer(port: port, group: group, channel: channel, box: box)
        } catch {
            try? group.syncShutdownGracefully()
            throw error
        }
    }

    /// Closes the listener and ends the event loop.
    public func stop() {
        try? channel.close().wait()
        try? group.syncShutdownGracefully()
    }

    /// The counters, shared by the listener's handlers before the server exists.
    final class Box: Sendable {
        let state = Mutex(Counts())
    }

    final class Handler: ChannelInboundHandler {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart

        let box: Box
        let delayMilliseconds: Int64
        let answer: @Sendable ([String]) -> [UInt8]
        var uri = ""
        var keepAlive = true

        init(box: Box, delayMilliseconds: Int64, answer: @escaping @Sendable ([String]) -> [UInt8]) {
            self.box = box
            self.delayMilliseconds = delayMilliseconds
            self.answer = answer
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let head):
                uri = head.uri
                keepAlive = head.isKeepAlive
            case .body:
                break
            case .end:
                let parts = BenchSeoulServer.segments(uri)
                box.state.withLock {
                    $0.requests += 1
                    $0.inFlight += 1
                    $0.peakInFlight = max($0.peakInFlight, $0.inFlight)
                    if let key = parts.first { $0.keys.insert(key) }
                }
                let body = answer(Array(parts.dropFirst()))
                let keepAlive = keepAlive
                if delayMilliseconds > 0 {
                    context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(delayMilliseconds)) {
                        self.respond(context, body, keepAlive: keepAlive)
                    }
                } else {
                    respond(context, body, keepAlive: keepAlive)
                }
            }
        }

        func respond(_ context: ChannelHandlerContext, _ body: [UInt8], keepAlive: Bool) {
            var headers = HTTPHeaders()
            headers.add(name: "Content-Type", value: "application/json;charset=UTF-8")
            headers.add(name: "Content-Length", value: String(body.count))
            if !keepAlive { headers.add(name: "Connection", value: "close") }
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: headers))), promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: body)))), promise: nil)
            let box = box
            context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in
                box.state.withLock {
                    $0.inFlight -= 1
                    $0.bodyBytes += body.count
                }
                if !keepAlive { context.close(promise: nil) }
            }
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            context.close(promise: nil)
        }
    }

    /// The path's segments, percent-decoded (the query, if any, dropped).
    static func segments(_ uri: String) -> [String] {
        let path = uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return path.split(separator: "/").map { percentDecoded(String($0)) }
    }

    static func percentDecoded(_ text: String) -> String {
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "%"), utf8.count >= 2, let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
