import Foundation
import NIOCore
import Testing

@testable import MayorFeeds

#if canImport(Glibc)
    import Glibc
#endif

/// How a transport failure reads in the summary table, the log and the
/// status file: a few plain words a publisher can act on, not NIO's
/// description with its errno.
@Suite struct TransportErrorTests {
    /// A loopback port nothing listens on (bound once to pick it, then closed).
    static func closedPort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(fd >= 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        try #require(bound == 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    @Test func aRefusedConnectionIsNamedPlainly() async throws {
        let port = try Self.closedPort()
        let folder = try seededFolder()
        let log = LogCapture()
        var settings = fastSettings(retries: 0)
        settings.connectTimeout = 1
        let r = runner("http://127.0.0.1:\(port)", folder, log, settings: settings)
        let reports = await r.runOnce()
        await r.shutdown()
        let detail = try #require(reports.first?.detail)
        #expect(reports.first?.ok == false)
        #expect(detail.hasPrefix("connection refused ("), "\(detail)")
        #expect(!detail.contains("errno") && !detail.contains("reset"), "\(detail)")
        #expect(detail.filter { $0 == "(" }.count == detail.filter { $0 == ")" }.count, "\(detail)")
        #expect(status(folder)?.lastError == detail)
    }

    @Test func anErrnoErrorReadsAsItsSystemMessage() {
        /// An error known only by its description, as NIO's wrappers print one.
        struct Described: Error, CustomStringConvertible { var description: String }
        #expect(SeoulClient.describe(IOError(errnoCode: ECONNREFUSED, reason: "connection reset (error set)")) == "connection refused")
        #expect(SeoulClient.describe(IOError(errnoCode: EHOSTUNREACH, reason: "connect")) == "no route to host")
        #expect(SeoulClient.describe(Described(description: "connection reset (error set): Connection refused) (errno: 111)")) == "connection refused")
        #expect(SeoulClient.describe(Described(description: "something else")) == "something else")
    }
}
