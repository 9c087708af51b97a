import Foundation

/// A real nginx on 127.0.0.1, started by a test in a private folder (its own
/// config, document root and logs) on a free port, and stopped by it. Runs
/// without privileges: the master is whoever runs the tests.
final class NginxServer {
    let prefix: String
    let root: String
    let port: Int
    private var process: Process?

    static var binary: String? {
        ["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Skipped where nginx is missing, except in CI, where it must be there.
    static var available: Bool { binary != nil }

    var baseURL: String { "\(scheme)://127.0.0.1:\(port)/" }
    var accessLog: String { prefix + "/access.log" }

    /// Serves https with a self-signed certificate (made with openssl) when true.
    var tls = false

    var scheme: String { tls ? "https" : "http" }

    init() throws {
        prefix = NSTemporaryDirectory() + "mayor-nginx-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        root = prefix + "/root"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        // Workers may run as another user when the tests run as root.
        for dir in [prefix, root] { chmod(dir, 0o755) }
        port = try NginxServer.freePort()
    }

    deinit { stop() }

    func start() throws {
        guard let binary = Self.binary else { throw NginxError("nginx is not installed") }
        var listen = "listen 127.0.0.1:\(port);"
        if tls {
            let made = try TmuxSession.run([
                "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                "-keyout", prefix + "/key.pem", "-out", prefix + "/cert.pem"
            ])
            guard made.status == 0 else { throw NginxError("openssl could not make a certificate: \(made.output)") }
            listen = "listen 127.0.0.1:\(port) ssl; ssl_certificate \(prefix)/cert.pem; ssl_certificate_key \(prefix)/key.pem;"
        }
        let config = """
            worker_processes 1;
            error_log \(prefix)/error.log warn;
            pid \(prefix)/nginx.pid;
            daemon off;
            events { worker_connections 4096; }
            http {
                access_log \(prefix)/access.log;
                client_body_temp_path \(prefix)/tmp-body;
                proxy_temp_path \(prefix)/tmp-proxy;
                fastcgi_temp_path \(prefix)/tmp-fastcgi;
                uwsgi_temp_path \(prefix)/tmp-uwsgi;
                scgi_temp_path \(prefix)/tmp-scgi;
                types { application/json json; text/yaml yaml; }
                server {
                    \(listen)
                    root \(root);
                    etag on;
                    add_header Cache-Control "no-cache";
                }
            }
            """
        try config.write(toFile: prefix + "/nginx.conf", atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = ["-p", prefix, "-c", prefix + "/nginx.conf", "-e", prefix + "/error.log"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        process = p
        try waitUntil(listening: true)
    }

    /// Stops nginx (SIGQUIT lets workers finish; SIGKILL after 5 s).
    func stop() {
        guard let p = process else { return }
        process = nil
        if p.isRunning {
            kill(p.processIdentifier, SIGQUIT)
            let deadline = Date().addingTimeInterval(5)
            while p.isRunning && Date() < deadline { usleep(20_000) }
            if p.isRunning { kill(p.processIdentifier, SIGKILL) }
        }
        p.waitUntilExit()
        try? waitUntil(listening: false)
    }

    func remove() {
        stop()
        try? FileManager.default.removeItem(atPath: prefix)
    }

    /// Writes a file into the document root the way a publisher does: a
    /// temporary file, then a rename.
    func publish(_ name: String, _ contents: Data) throws {
        let temporary = root + "/.\(name).tmp"
        try contents.write(to: URL(fileURLWithPath: temporary))
        chmod(temporary, 0o644)
        guard rename(temporary, root + "/" + name) == 0 else { throw NginxError("rename failed for \(name)") }
    }

    /// The status codes nginx logged for `path`, in order, once at least
    /// `atLeast` are there (nginx logs a request just after answering it) or
    /// after 2 s.
    func statuses(for path: String, atLeast: Int) -> [Int] {
        let deadline = Date().addingTimeInterval(2)
        var found = statuses(for: path)
        while found.count < atLeast && Date() < deadline {
            usleep(10_000)
            found = statuses(for: path)
        }
        return found
    }

    /// The status codes nginx logged for `path`, in order.
    func statuses(for path: String) -> [Int] {
        guard let log = try? String(contentsOfFile: accessLog, encoding: .utf8) else { return [] }
        return log.split(separator: "\n").compactMap { line in
            // 127.0.0.1 - - [date] "GET /pledges.json HTTP/1.1" 304 0 "-" "mayor-wall"
            let parts = line.split(separator: "\"")
            guard parts.count >= 3, parts[1].split(separator: " ").dropFirst().first.map(String.init) == path else { return nil }
            return parts[2].split(separator: " ").first.flatMap { Int($0) }
        }
    }

    private func waitUntil(listening: Bool) throws {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if NginxServer.canConnect(port) == listening { return }
            if listening, let p = process, !p.isRunning {
                let log = (try? String(contentsOfFile: prefix + "/error.log", encoding: .utf8)) ?? ""
                throw NginxError("nginx exited: \(log)")
            }
            usleep(20_000)
        }
        throw NginxError("nginx did not \(listening ? "start" : "stop") listening on \(port) within 10 s")
    }

    static func canConnect(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = loopback(port)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }

    static func loopback(_ port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    /// A port nobody listens on now (the kernel's choice, released at once).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw NginxError("socket failed") }
        defer { close(fd) }
        var address = loopback(0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw NginxError("bind failed") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

struct NginxError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
