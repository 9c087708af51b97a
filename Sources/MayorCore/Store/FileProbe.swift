import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What changes when a file is rewritten: checked with one `stat` per file per
/// tick, so unchanged files are never reread. The status-change time is there
/// because the modification time alone can be put back (`cp -p`, `touch -r`)
/// after a rewrite of the same size in place; the change time cannot be set
/// by a user, and the inode and device tell a file swapped in by a rename.
public struct FileFingerprint: Hashable, Sendable {
    public var size: Int64
    public var modifiedNanoseconds: Int64
    public var changedNanoseconds: Int64
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
            let (m, c) = (st.st_mtimespec, st.st_ctimespec)
        #else
            let (m, c) = (st.st_mtim, st.st_ctim)
        #endif
        return .file(
            FileFingerprint(
                size: Int64(st.st_size), modifiedNanoseconds: nanoseconds(m), changedNanoseconds: nanoseconds(c),
                inode: UInt64(st.st_ino), device: UInt64(st.st_dev)))
    }

    /// A file time in nanoseconds (wrapping, never trapping: only compared).
    static func nanoseconds(_ t: timespec) -> Int64 {
        Int64(t.tv_sec) &* 1_000_000_000 &+ Int64(t.tv_nsec)
    }

    /// Reads a whole file, refusing files over `limit` bytes before reading them.
    public static func read(_ path: String, limit: Int) -> Result<Data, FileError> {
        // Non-blocking, so a file swapped for a FIFO after the probe cannot hang
        // the loader in open(); no effect on reading a regular file.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        if fd < 0 {
            let code = errno
            return .failure(
                FileError(
                    code: code == ENOENT ? .missingFile : .unreadable,
                    message: code == EACCES ? "cannot be read: permission denied" : code == ENOENT ? "is missing" : "cannot be opened: \(describe(code))"))
        }
        defer { close(fd) }
        var st = stat()
        if fstat(fd, &st) == 0 {
            if (st.st_mode & S_IFMT) == S_IFDIR { return .failure(FileError(code: .unreadable, message: "is a directory, not a file")) }
            if (st.st_mode & S_IFMT) != S_IFREG { return .failure(FileError(code: .unreadable, message: "is not a regular file")) }
            if Int(st.st_size) > limit {
                return .failure(FileError(code: .limit, message: "is \(st.st_size) bytes, more than the limit of \(limit) bytes"))
            }
        }
        var data = Data()
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { readBytes(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(FileError(code: .unreadable, message: "cannot be read: \(describe(errno))"))
            }
            if n == 0 { break }
            data.append(contentsOf: chunk[0..<n])
            if data.count > limit {
                return .failure(FileError(code: .limit, message: "is more than the limit of \(limit) bytes"))
            }
        }
        return .success(data)
    }

    /// Writes `bytes` to `path` so that a reader (the live wall's loader, a
    /// web server in front of a publisher's folder) sees the old bytes or the
    /// new ones, never a mix: a new temporary file beside it, written whole,
    /// fsynced, renamed over the target, and the folder fsynced so the rename
    /// survives a power cut. The one atomic writer: the generator, the bench,
    /// `mayor fetch` and `mayor import` all write through it.
    public static func writeAtomically(_ path: String, _ bytes: some Collection<UInt8>) -> Result<Void, FileError> {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let tmp = (slash == nil ? "" : (folder.isEmpty ? "/" : folder + "/")) + ".\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            return .failure(FileError(code: .unreadable, message: "cannot be written (no temporary file beside it): \(describe(errno))"))
        }
        var failure: Int32 = 0
        Array(bytes).withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = writeBytes(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += n
            }
        }
        if failure == 0 && fsync(fd) != 0 { failure = errno }
        if close(fd) != 0 && failure == 0 { failure = errno }
        if failure == 0 && rename(tmp, path) != 0 { failure = errno }
        guard failure == 0 else {
            unlink(tmp)
            return .failure(FileError(code: .unreadable, message: "cannot be written: \(describe(failure))"))
        }
        let dir = open(folder.isEmpty ? "/" : folder, O_RDONLY | O_CLOEXEC)
        if dir >= 0 {
            _ = fsync(dir)
            _ = close(dir)
        }
        return .success(())
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

    /// Why `path` cannot be used as the `what` folder ("data", "screens"),
    /// or nil when it is a folder: "data folder not found", "is a file, not a
    /// folder: …", "is a symbolic link loop, not a folder: …".
    public static func folderProblem(_ path: String, what: String) -> FileError? {
        let expected = "expected the \(what) folder here"
        var st = stat()
        if stat(path, &st) != 0 {
            let code = errno
            switch code {
            case ENOENT, ENOTDIR: return FileError(code: .missingFile, message: "\(what) folder not found")
            case ELOOP: return FileError(code: .unreadable, message: "is a symbolic link loop, not a folder: \(expected)")
            case EACCES: return FileError(code: .unreadable, message: "\(what) folder cannot be reached: permission denied")
            default: return FileError(code: .unreadable, message: "\(what) folder cannot be reached: \(describe(code))")
            }
        }
        switch st.st_mode & S_IFMT {
        case S_IFDIR: return nil
        case S_IFREG: return FileError(code: .unreadable, message: "is a file, not a folder: \(expected)")
        default: return FileError(code: .unreadable, message: "is not a folder (a device, pipe or socket): \(expected)")
        }
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

/// The platform's `read(2)` (Glibc or Darwin), named apart from `FileProbe.read`.
private func readBytes(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buffer, count)
}

/// The platform's `write(2)`, named apart from anything called `write` in scope.
private func writeBytes(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, buffer, count)
}

public struct FileError: Error, Sendable {
    public let code: Problem.Code
    public let message: String
}
