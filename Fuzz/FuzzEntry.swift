// libFuzzer entry point over DigitalMayor's file parsers (see Fuzz/README.md).
//
// Built by Fuzz/run.sh with `swiftc -sanitize=fuzzer,address` against the real
// MayorCore sources; not part of the SwiftPM package.
//
// Input layout: the first byte chooses the target (byte % 7), the rest is the
// file content.
//
//   0…4  SnapshotParser.parse for wifi, traffic, metaverse, cctv, pledges
//   5    ScreenParser.parseAll; the content may hold several files separated
//        by a line `---8<---` (so cross-file screen references are exercised)
//   6    JSONLocator.position(of:in:) with a fixed path, then firstProblem
//
// Besides crashes, ASan errors, hangs and memory blow-ups (reported by
// libFuzzer itself), the entry point traps when a parser breaks its contract:
// a failure without problems, a problem without a message, or a line/column
// below 1, an accepted file with a total past 2^53, or when the traffic fast
// reader and the general path disagree.

import FoundationEssentials
import MayorCore

/// 2025-01-15T00:00:00+09:00, the instant the tests use.
private let fuzzNow: Double = 1_736_866_800

private let knownPanes = Set(PaneRegistry.ids)

/// A path that reaches deep into a pledges file (and through arrays and objects of any file).
private let locatorPath: [JSONLocator.PathElement] = [
    .key("districts"), .index(0), .key("programs"), .index(1), .key("indicators"), .index(0), .key("target")
]

private let screenSeparator = Array("\n---8<---\n".utf8)

private func check(_ problems: [Problem], _ target: String) {
    for p in problems {
        if p.message.isEmpty { fatalError("\(target): a problem without a message: \(p)") }
        if let line = p.line, line < 1 { fatalError("\(target): line \(line) < 1: \(p)") }
        if let column = p.column, column < 1 { fatalError("\(target): column \(column) < 1: \(p)") }
        _ = p.description
    }
}

/// Splits `bytes` at every occurrence of `separator`.
private func split(_ bytes: ArraySlice<UInt8>, by separator: [UInt8]) -> [ArraySlice<UInt8>] {
    var parts: [ArraySlice<UInt8>] = []
    var start = bytes.startIndex
    var i = bytes.startIndex
    while i + separator.count <= bytes.endIndex {
        if bytes[i..<(i + separator.count)].elementsEqual(separator) {
            parts.append(bytes[start..<i])
            i += separator.count
            start = i
        } else {
            i += 1
        }
    }
    parts.append(bytes[start..<bytes.endIndex])
    return parts
}

/// Traffic files have a one-pass fast reader: it must accept exactly what the
/// general path (JSONLocator, JSONDecoder) accepts, with the same model, and
/// refuse with the same problems.
private func compareWithGeneralPath(_ body: ArraySlice<UInt8>, _ fast: Result<Snapshot, ProblemList>) {
    let general = SnapshotParser.parse(.traffic, data: Data(body), file: "Data/traffic.json", now: fuzzNow, fastPath: false)
    switch (fast, general) {
    case (.success(let a), .success(let b)):
        func speedBits(_ t: TrafficContent) -> [UInt64] { t.corridors.flatMap { c in c.daily.map { $0.speedKmh.bitPattern } } }
        guard let x = a.traffic, let y = b.traffic, a.envelope == b.envelope, x == y, speedBits(x) == speedBits(y)
        else { fatalError("traffic: the fast and general paths decoded different models") }
    case (.failure(let a), .failure(let b)):
        if a.problems != b.problems { fatalError("traffic: different problems: \(a.problems) vs \(b.problems)") }
    default:
        fatalError("traffic: one path accepted what the other refused")
    }
}

private func fuzzOne(_ input: [UInt8]) {
    guard let selector = input.first else { return }
    let body = input[1...]
    let kinds = SnapshotKind.allCases
    switch Int(selector) % 7 {
    case let k where k < kinds.count:
        let kind = kinds[k]
        let result = SnapshotParser.parse(kind, data: Data(body), file: "Data/\(kind.fileName)", now: fuzzNow)
        switch result {
        case .success(let snapshot):
            if snapshot.kind != kind { fatalError("parsed \(kind) as \(snapshot.kind)") }
            // An accepted file's totals are figures that can be shown exactly.
            if let t = snapshot.traffic, t.dailyTotals.contains(where: { !Exact.representable($0.volume) }) {
                fatalError("traffic: accepted a daily total past 2^53")
            }
            if let c = snapshot.cctv, !Exact.representable(c.totalCameras) { fatalError("cctv: accepted a camera total past 2^53") }
        case .failure(let list):
            if list.problems.isEmpty { fatalError("\(kind): a failure without problems") }
            check(list.problems, kind.rawValue)
            _ = list.description
        }
        if kind == .traffic { compareWithGeneralPath(body, result) }
    case 5:
        let parts = split(body, by: screenSeparator)
        let names = ["wall", "city", "districts", "playlist", "briefing"]
        var files: [(name: String, yaml: String)] = []
        for (i, part) in parts.enumerated() {
            let base = i < names.count ? names[i] : "extra\(i)"
            files.append(("Screens/\(base).yaml", String(decoding: part, as: UTF8.self)))
        }
        let (_, problems) = ScreenParser(knownPanes: knownPanes).parseAll(files)
        check(problems, "screens")
    default:
        _ = JSONLocator.position(of: locatorPath, in: body)
        if let problem = JSONLocator.firstProblem(in: body, maxDepth: SnapshotParser.maxDepth) {
            if problem.message.isEmpty || problem.position.line < 1 || problem.position.column < 1 {
                fatalError("locator: bad syntax problem \(problem)")
            }
        }
    }
}

// swift-format-ignore: AlwaysUseLowerCamelCase
// libFuzzer calls this symbol by its C name.
@_cdecl("LLVMFuzzerTestOneInput")
public func LLVMFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    fuzzOne(input)
    return 0
}
