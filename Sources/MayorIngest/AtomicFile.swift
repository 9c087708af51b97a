import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a file so that a reader sees the old bytes or the new ones, never
/// half of them: a temporary file in the same folder, written whole, synced,
/// then renamed over the target.
public enum AtomicFile {
    public static func write(_ data: Data, to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        let temp = folder.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
        let fd = open(temp.path, O_WRONLY | O_CREAT | O_EXCL | O_TRUNC, 0o644)
        guard fd >= 0 else { throw IngestError(file: url.path, "cannot create a temporary file in \(folder.path): \(errnoText())") }
        var ok = false
        defer {
            if !ok { unlink(temp.path) }
        }
        let written = data.withUnsafeBytes { raw -> Bool in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += n
            }
            return true
        }
        let synced = written && fsync(fd) == 0
        let closeFailed = close(fd) != 0
        guard written, synced, !closeFailed else { throw IngestError(file: url.path, "cannot write: \(errnoText())") }
        guard rename(temp.path, url.path) == 0 else { throw IngestError(file: url.path, "cannot replace: \(errnoText())") }
        ok = true
        // The rename itself is made durable by syncing the folder.
        let dir = open(folder.path, O_RDONLY)
        if dir >= 0 {
            _ = fsync(dir)
            _ = close(dir)
        }
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }
}
