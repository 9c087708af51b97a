#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FoundationEssentials

/// What changes when a file is rewritten: checked with one `stat` per file per
/// tick, so unchanged files are never reread.
public struct FileFingerprint: Hashable, Sendable {
    public var size: Int64
    public var modifiedNanoseconds: Int64
    public var inode: UInt64
    public var device: UInt64
}

/// Reads files for the data layer, turning every failure into a sentence.
public enum FileProbe {
    public enum Outcome: Sendable {
        case file(FileFingerprint)
        case missing
        case notAFile(String)
        case error(String)
    }

    public static func probe(_ path: String) -> Outcome {
        var st = stat()
        if stat(path, &st) != 0 {
            let code = errno
            switch code {
            case ENOENT, ENOTDIR: return .missing
            case ELOOP: return .error("is a symbolic link loop")
            case EACCES: return .error("cannot be read: permission denied")
            default: return .error("cannot be read: \(describe(code))")
            }
        }
        let type = st.st_mode & S_IFMT
        if type == S_IFDIR { return .notAFile("is a directory, not a file") }
        if type != S_IFREG { return .notAFile("is not a regular file") }
        #if canImport(Darwin)
        let mtime = Int64(st.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(st.st_mtimespec.tv_nsec)
        #else
        let mtime = Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)
        #endif
        return .file(FileFingerprint(size: Int64(st.st_size), modifiedNanoseconds: mtime, inode: UInt64(st.st_ino), device: UInt64(st.st_dev)))
    }

    /// Reads a whole file, refusing files over `limit` bytes before reading them.
    public static func read(_ path: String, limit: Int) -> Result<Data, FileError> {
        // Non-blocking, so a file swapped for a FIFO after the probe cannot hang
        // the loader in open(); no effect on reading a regular file.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        if fd < 0 {
            let code = errno
            return .failure(FileError(message: code == EACCES ? "cannot be read: permission denied" : code == ENOENT ? "is missing" : "cannot be opened: \(describe(code))"))
        }
        defer { close(fd) }
        var st = stat()
        if fstat(fd, &st) == 0 {
            if (st.st_mode & S_IFMT) == S_IFDIR { return .failure(FileError(message: "is a directory, not a file")) }
            if (st.st_mode & S_IFMT) != S_IFREG { return .failure(FileError(message: "is not a regular file")) }
            if Int(st.st_size) > limit {
                return .failure(FileError(message: "is \(st.st_size) bytes, more than the limit of \(limit) bytes"))
            }
        }
        var data = Data()
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(FileError(message: "cannot be read: \(describe(errno))"))
            }
            if n == 0 { break }
            data.append(contentsOf: chunk[0..<n])
            if data.count > limit {
                return .failure(FileError(message: "is more than the limit of \(limit) bytes"))
            }
        }
        return .success(data)
    }

    /// Names of the entries of a directory (nil when it cannot be listed).
    public static func list(_ directory: String) -> [String]? {
        guard let dir = opendir(directory) else { return nil }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// The absolute path with every symbolic link, `.` and `..` resolved
    /// (nil when it does not exist or cannot be resolved).
    public static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    public static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    static func describe(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text).lowercased()
    }
}

public struct FileError: Error, Sendable {
    public let message: String
}
