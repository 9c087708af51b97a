import Foundation
import MayorCore
import MayorHTTP
import Testing

/// The wall's HTTP client against a real nginx on loopback, and against a
/// listener that hangs or cuts a body short.
@Suite(.serialized)
struct SnapshotHTTPClientTests {
    static var nginxRequired: Bool { ProcessInfo.processInfo.environment["CI"] != nil }

    @Test func unchangedFileIsA304OnTheSecondPoll() throws {
        guard NginxServer.available || Self.nginxRequired else { return }
        let nginx = try NginxServer()
        defer { nginx.remove() }
        try nginx.start()
        let body = Data(#"{"kind":"pledges","figure":55.7}"#.utf8)
        try nginx.publish("pledges.json", body)
        let client = SnapshotHTTPClient()

        guard case .body(let first, let validators) = client.get(nginx.baseURL + "pledges.json", validators: nil, maxBytes: 1 << 20) else {
            Issue.record("the first poll should return the body")
            return
        }
        #expect(first == body)
        #expect(validators.etag != nil)
        #expect(validators.lastModified != nil)
        for _ in 0..<3 {
            guard case .notModified = client.get(nginx.baseURL + "pledges.json", validators: validators, maxBytes: 1 << 20) else {
                Issue.record("an unchanged file should be a 304")
                return
            }
        }
        // A rewrite (another size, so another ETag) is a 200 again.
        let rewritten = Data(#"{"kind":"pledges","figure":56.75}"#.utf8)
        try nginx.publish("pledges.json", rewritten)
        guard case .body(let second, let newValidators) = client.get(nginx.baseURL + "pledges.json", validators: validators, maxBytes: 1 << 20) else {
            Issue.record("a rewritten file should be a 200")
            return
        }
        #expect(second == rewritten)
        #expect(newValidators != validators)
        #expect(nginx.statuses(for: "/pledges.json", atLeast: 5) == [200, 304, 304, 304, 200])
    }

    /// https goes through the system's trust store: a self-signed
    /// certificate is refused, never read from, and the reason is named.
    @Test func untrustedCertificateIsRefused() throws {
        guard NginxServer.available || Self.nginxRequired else { return }
        let nginx = try NginxServer()
        nginx.tls = true
        defer { nginx.remove() }
        try nginx.start()
        try nginx.publish("pledges.json", Data(#"{"kind":"pledges"}"#.utf8))
        #expect(nginx.baseURL.hasPrefix("https://"))
        let outcome = SnapshotHTTPClient().get(nginx.baseURL + "pledges.json", validators: nil, maxBytes: 1 << 20)
        guard case .failed(let failure) = outcome else {
            Issue.record("a self-signed certificate was accepted: \(outcome)")
            return
        }
        #expect(failure.reason == .tls, "\(failure)")
        #expect(failure.message.contains("certificate"), "\(failure.message)")
        #expect(nginx.statuses(for: "/pledges.json").isEmpty, "a request went through")
    }

    @Test func missingFileIs404() throws {
        guard NginxServer.available || Self.nginxRequired else { return }
        let nginx = try NginxServer()
        defer { nginx.remove() }
        try nginx.start()
        let outcome = SnapshotHTTPClient().get(nginx.baseURL + "wifi.json", validators: nil, maxBytes: 1 << 20)
        guard case .failed(let failure) = outcome else {
            Issue.record("expected a failure, got \(outcome)")
            return
        }
        #expect(failure.reason == .status(404))
    }

    @Test func bodyOverTheLimitIsAbandoned() throws {
        guard NginxServer.available || Self.nginxRequired else { return }
        let nginx = try NginxServer()
        defer { nginx.remove() }
        try nginx.start()
        try nginx.publish("traffic.json", Data(repeating: UInt8(ascii: " "), count: 100_000))
        let outcome = SnapshotHTTPClient().get(nginx.baseURL + "traffic.json", validators: nil, maxBytes: 10_000)
        guard case .failed(let failure) = outcome else {
            Issue.record("expected a failure, got \(outcome)")
            return
        }
        #expect(failure.reason == .tooLarge)
    }

    @Test func nobodyListeningIsUnreachable() throws {
        let port = try NginxServer.freePort()
        let outcome = SnapshotHTTPClient().get("http://127.0.0.1:\(port)/pledges.json", validators: nil, maxBytes: 1 << 20)
        guard case .failed(let failure) = outcome else {
            Issue.record("expected a failure, got \(outcome)")
            return
        }
        #expect(failure.reason == .unreachable)
    }

    @Test func silentServerTimesOut() throws {
        let server = try RawHTTPServer(.silent)
        defer { server.remove() }
        let client = SnapshotHTTPClient(timeouts: .init(connect: 1, total: 0.5))
        let started = Date()
        let outcome = client.get(server.url + "pledges.json", validators: nil, maxBytes: 1 << 20)
        guard case .failed(let failure) = outcome else {
            Issue.record("expected a failure, got \(outcome)")
            return
        }
        #expect(failure.reason == .timeout)
        #expect(Date().timeIntervalSince(started) < 5)
    }

    @Test func bodyCutShortIsAFailureNotAFile() throws {
        let reply = Data("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"kind\": \"pled".utf8)
        let server = try RawHTTPServer(.reply(reply))
        defer { server.remove() }
        let outcome = SnapshotHTTPClient().get(server.url + "pledges.json", validators: nil, maxBytes: 1 << 20)
        guard case .failed(let failure) = outcome else {
            Issue.record("expected a failure, got \(outcome)")
            return
        }
        #expect(failure.reason == .cutShort)
    }

    @Test func serverErrorIsAFailureWithItsStatus() throws {
        let server = try RawHTTPServer(.reply(Data("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n".utf8)))
        defer { server.remove() }
        let outcome = SnapshotHTTPClient().get(server.url + "pledges.json", validators: nil, maxBytes: 1 << 20)
        guard case .failed(let failure) = outcome else {
            Issue.record("expected a failure, got \(outcome)")
            return
        }
        #expect(failure.reason == .status(503))
    }
}
