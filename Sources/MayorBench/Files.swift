import FoundationEssentials
import MayorCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// MARK: - Files and the machine

/// A new folder /tmp/mayor-bench-XXXXXX.
public func makeTemporaryFolder() -> String {
    var template = Array("/tmp/mayor-bench-XXXXXX".utf8CString)
    return template.withUnsafeMutableBufferPointer { buf in
        guard let p = mkdtemp(buf.baseAddress!) else { return "/tmp/mayor-bench" }
        return String(cString: p)
    }
}

/// Removes a folder made by `makeTemporaryFolder` and what it holds (nothing else).
public func removeFolder(_ path: String) {
    guard path.hasPrefix("/tmp/mayor-bench-") else { return }
    for name in FileProbe.list(path) ?? [] {
        let child = path + "/" + name
        if FileProbe.isDirectory(child) {
            removeFolder(child)
            rmdir(child)
        } else {
            unlink(child)
        }
    }
    rmdir(path)
}

struct WriteError: Error, CustomStringConvertible {
    let description: String
}

/// Writes `bytes` to `path` atomically (`FileProbe.writeAtomically`), or throws the problem with the path.
func writeFileAtomically(_ path: String, _ bytes: some Collection<UInt8>) throws {
    if case .failure(let error) = FileProbe.writeAtomically(path, bytes) { throw WriteError(description: "\(path) \(error.message)") }
}

func readAll(_ path: String) throws -> Data {
    switch FileProbe.read(path, limit: 1 << 28) {
    case .success(let data): return data
    case .failure(let error): throw WriteError(description: "\(path) \(error.message)")
    }
}

/// Copies the data files of every registered kind that `source` has.
func copyData(from source: String, to destination: String) throws {
    for kind in SnapshotKind.allCases {
        guard case .file = FileProbe.probe(source + "/" + kind.fileName) else { continue }
        try writeFileAtomically(destination + "/" + kind.fileName, try readAll(source + "/" + kind.fileName))
    }
}

/// A field of /proc/self/status, e.g. "VmHWM" → "12345 kB".
public func readStatus(_ field: String) -> String? {
    guard case .success(let data) = FileProbe.read("/proc/self/status", limit: 1 << 16) else { return nil }
    for line in String(decoding: data, as: UTF8.self).split(separator: "\n") where line.hasPrefix(field + ":") {
        return line.dropFirst(field.count + 1).trimmingPrefix(while: { $0 == " " || $0 == "\t" }).description
    }
    return nil
}

/// The CPU, its cores and the memory, for the table's notes.
public func machineDescription() -> String {
    var model = "unknown CPU"
    if case .success(let data) = FileProbe.read("/proc/cpuinfo", limit: 1 << 20) {
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") where line.hasPrefix("model name") {
            if let colon = line.firstIndex(of: ":") { model = String(line[line.index(after: colon)...]).trimmingPrefix(" ").description }
            break
        }
    }
    let cores = sysconf(Int32(_SC_NPROCESSORS_ONLN))
    let pages = sysconf(Int32(_SC_PHYS_PAGES))
    let pageSize = sysconf(Int32(_SC_PAGESIZE))
    let memory = Double(pages) * Double(pageSize) / 1_073_741_824
    return "\(model), \(cores) cores, \(format(memory, 1)) GiB RAM"
}
