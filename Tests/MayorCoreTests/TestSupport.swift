import FoundationEssentials

@testable import MayorCore

#if canImport(Glibc)
    import Glibc
#endif

/// The repository root (the folder with Package.swift), found from this file.
let repoRoot: String = {
    var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast(3)  // Tests/MayorCoreTests/TestSupport.swift
    return parts.joined(separator: "/")
}()

let bundledData = repoRoot + "/Data"
let bundledScreens = repoRoot + "/Screens"

/// 2025-01-15: after the newest bundled figures (CCTV totals through 2024).
let testNow = CalendarDate.parseInstant("2025-01-15T00:00:00+09:00")!

func readBundled(_ kind: SnapshotKind) -> Data {
    if case .success(let data) = FileProbe.read(bundledData + "/" + kind.fileName, limit: 1 << 26) { return data }
    fatalError("cannot read bundled \(kind.fileName)")
}

func parse(_ kind: SnapshotKind, _ json: String, now: Double = testNow) -> Result<Snapshot, ProblemList> {
    SnapshotParser.parse(kind, data: Data(json.utf8), file: "Data/\(kind.fileName)", now: now)
}

func problems(_ kind: SnapshotKind, _ json: String, now: Double = testNow) -> [Problem] {
    switch parse(kind, json, now: now) {
    case .success: return []
    case .failure(let list): return list.problems
    }
}

/// A temporary folder, removed by the caller with `removeTree`.
func makeTempDirectory() -> String {
    var template = Array("/tmp/mayor-test-XXXXXX".utf8CString)
    let path = template.withUnsafeMutableBufferPointer { buf -> String in
        guard let base = buf.baseAddress, let p = mkdtemp(base) else { fatalError("mkdtemp failed") }
        return String(cString: p)
    }
    return path
}

func writeFile(_ path: String, _ text: String) {
    let data = Data(text.utf8)
    let tmp = path + ".tmp-write"
    let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    precondition(fd >= 0, "cannot write \(tmp)")
    data.withUnsafeBytes { _ = write(fd, $0.baseAddress, $0.count) }
    close(fd)
    precondition(rename(tmp, path) == 0)
}

func removeTree(_ path: String) {
    guard path.hasPrefix("/tmp/mayor-test-") else { return }
    for name in FileProbe.list(path) ?? [] {
        let child = path + "/" + name
        if FileProbe.isDirectory(child) {
            removeTree(child)
            rmdir(child)
        } else {
            unlink(child)
        }
    }
    rmdir(path)
}

/// A bundled file as text, with one substring replaced (must occur).
func bundledText(_ kind: SnapshotKind, replacing old: String, with new: String) -> String {
    let text = String(decoding: readBundled(kind), as: UTF8.self)
    precondition(text.contains(old), "\(kind.fileName) does not contain \(old)")
    return text.replacing(old, with: new, maxReplacements: 1)
}
