import Foundation

/// A loopback listener that misbehaves on purpose, for what nginx will not do
/// on demand: answer nothing (a hung server), or announce a body and close
/// halfway through it. Serves until removed.
final class RawHTTPServer: @unchecked Sendable {
    enum Behaviour: Sendable {
        /// Accepts, reads the request, never answers.
        case silent
        /// Sends these bytes, then closes.
        case reply(Data)
    }

    let port: Int
    private let listener: Int32
    private let lock = NSLock()
    private var open: [Int32] = []

    init(_ behaviour: Behaviour) throws {
        listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard listener >= 0 else { throw NginxError("socket failed") }
        var yes: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        port = try NginxServer.freePort()
        var address = NginxServer.loopback(port)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(listener, 16) == 0 else { throw NginxError("bind/listen failed on \(port)") }
        let fd = listener
        let server = Unmanaged<RawHTTPServer>.passUnretained(self)
        let thread = Thread {
            while true {
                let client = accept(fd, nil, nil)
                if client < 0 { return }
                server.takeUnretainedValue().track(client)
                var buffer = [UInt8](repeating: 0, count: 4096)
                _ = read(client, &buffer, buffer.count)
                if case .reply(let bytes) = behaviour {
                    bytes.withUnsafeBytes { _ = write(client, $0.baseAddress, $0.count) }
                    shutdown(client, Int32(SHUT_RDWR))
                }
            }
        }
        thread.start()
    }

    var url: String { "http://127.0.0.1:\(port)/" }

    private func track(_ fd: Int32) {
        lock.lock()
        open.append(fd)
        lock.unlock()
    }

    /// Closes the listener and every connection; the accept loop ends.
    func remove() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        lock.lock()
        for fd in open { close(fd) }
        open = []
        lock.unlock()
    }
}
