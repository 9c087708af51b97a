#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a file so that a reader sees the old bytes or the new ones, never
/// a mix: a temporary file in the same folder, written whole, fsynced, then
/// renamed over the target, and the folder fsynced so the rename survives a
/// power cut.
public enum AtomicFile {
    public static func write(_ bytes: [UInt8], to path: String) throws(FeedError) {
        let folder = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let temp = (folder.isEmpty ? "" : folder + "/") + ".\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw failure("cannot create a temporary file beside \(path)") }
        var ok = true
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = platformWrite(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    ok = false
                    return
                }
                offset += n
            }
        }
        if ok, fsync(fd) != 0 { ok = false }
        let message = ok ? nil : "cannot write \(path): \(String(cString: strerror(errno)))"
        close(fd)
        if let message {
            unlink(temp)
            throw FeedError(.write, message)
        }
        guard rename(temp, path) == 0 else {
            let error = failure("cannot rename into \(path)")
            unlink(temp)
            throw error
        }
        let dir = open(folder.isEmpty ? "/" : folder, O_RDONLY | O_CLOEXEC)
        if dir >= 0 {
            _ = fsync(dir)
            close(dir)
        }
    }

    static func failure(_ what: String) -> FeedError {
        FeedError(.write, "\(what): \(String(cString: strerror(errno)))")
    }
}

/// The platform's `write(2)`, named apart from `AtomicFile.write`.
private func platformWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, buffer, count)
}
