// libFuzzer entry point over DigitalMayor's file parsers (see Fuzz/README.md).
//
// Built by Fuzz/run.sh with `swiftc -sanitize=fuzzer,address` against the real
// MayorCore sources; not part of the SwiftPM package.
//
// Input layout: the first byte chooses the target (byte % the number of
// targets), the rest is the file content. The targets, in selector order:
//
//   one per data kind in KindRegistry.all (registry order): SnapshotParser.parse
//   screens: ScreenParser.parseAll; the content may hold several files
//            separated by a line `---8<---` (so cross-file screen references
//            are exercised)
//   locator: JSONLocator.position(of:in:) with a fixed path, then firstProblem
//   feeds:   FeedsConfig.parse(data:file:), the bytes of Data/feeds.yaml
//            (UTF-8 checked, then YAML, then the schema)
//
// `MAYOR_FUZZ_LIST_TARGETS=1 mayor-fuzz` prints the target names, one a line in
// selector order, and exits (Fuzz/run.sh and save-finding.sh read them).
//
// Besides crashes, ASan errors, hangs and memory blow-ups (reported by
// libFuzzer itself), the entry point traps when a parser breaks its contract:
// a failure without problems, a problem without a message, or a line/column
// below 1, an accepted file that breaks its kind's `contractBreach(in:)` (a
// total past 2^53), an accepted feeds config that breaks
// `FeedsConfig.contractBreach` (a duration out of its range), or when a kind's fast reader (`fastDecode`) takes an input
// on which the general path disagrees.

import FoundationEssentials
import MayorCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// 2025-01-15T00:00:00+09:00, the instant the tests use.
private let fuzzNow: Double = 1_736_866_800

private let knownPanes = Set(PaneRegistry.ids)

/// A path several levels deep, through arrays and objects (any file may have it).
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

/// The data kinds, then the screens, the locator and the feeds config: the
/// targets in selector order.
private let kinds = SnapshotKind.allCases
private let targetNames = kinds.map(\.rawValue) + ["screens", "locator", "feeds"]

/// A kind with a fast reader: when it takes the input, the general path
/// (JSONLocator, JSONDecoder) must accept it with the same model, or refuse
/// it with the same problems.
private func compareWithGeneralPath(_ kind: SnapshotKind, _ data: Data, _ fast: Result<Snapshot, ProblemList>) {
    let general = SnapshotParser.parse(kind, data: data, file: "Data/\(kind.fileName)", now: fuzzNow, fastPath: false)
    switch (fast, general) {
    case (.success(let a), .success(let b)):
        // The models' full printed form: every stored field, every Double to
        // its exact value (the shortest form that reads back the same bits).
        guard a.envelope == b.envelope, String(reflecting: a.content) == String(reflecting: b.content)
        else { fatalError("\(kind): the fast and general paths decoded different models") }
    case (.failure(let a), .failure(let b)):
        if a.problems != b.problems { fatalError("\(kind): different problems: \(a.problems) vs \(b.problems)") }
    default:
        fatalError("\(kind): one path accepted what the other refused")
    }
}

private func fuzzKind<K: DataKind>(_ type: K.Type, _ kind: SnapshotKind, _ body: ArraySlice<UInt8>) {
    let data = Data(body)
    let result = SnapshotParser.parse(kind, data: data, file: "Data/\(kind.fileName)", now: fuzzNow)
    switch result {
    case .success(let snapshot):
        if snapshot.kind != kind { fatalError("parsed \(kind) as \(snapshot.kind)") }
        guard let content = snapshot.content(K.Content.self) else { fatalError("\(kind): the content is not \(K.Content.self)") }
        // An accepted file's figures can be shown (totals exact, for example).
        if let breach = K.contractBreach(in: content) { fatalError("\(kind): \(breach)") }
    case .failure(let list):
        if list.problems.isEmpty { fatalError("\(kind): a failure without problems") }
        check(list.problems, kind.rawValue)
        _ = list.description
    }
    if K.fastDecode(data, maxDepth: SnapshotParser.maxDepth) != nil { compareWithGeneralPath(kind, data, result) }
}

/// `Data/feeds.yaml`: refused with located problems naming the file, or
/// accepted with every value within the rules.
private func fuzzFeeds(_ body: ArraySlice<UInt8>) {
    let file = "Data/feeds.yaml"
    switch FeedsConfig.parse(data: body, file: file) {
    case .success(let config):
        if let breach = config.contractBreach { fatalError("feeds: accepted a config that breaks its rules: \(breach)") }
        _ = config.outputDirectory
    case .failure(let list):
        if list.problems.isEmpty { fatalError("feeds: a failure without problems") }
        check(list.problems, "feeds")
        if let other = list.problems.first(where: { $0.file != file }) { fatalError("feeds: a problem naming another file: \(other)") }
        _ = list.description
    }
}

private func fuzzOne(_ input: [UInt8]) {
    guard let selector = input.first else { return }
    let body = input[1...]
    let target = Int(selector) % targetNames.count
    if target < kinds.count {
        fuzzKind(kinds[target].type, kinds[target], body)
    } else if targetNames[target] == "screens" {
        let parts = split(body, by: screenSeparator)
        let names = ["wall", "city", "districts", "playlist", "briefing"]
        var files: [(name: String, yaml: String)] = []
        for (i, part) in parts.enumerated() {
            let base = i < names.count ? names[i] : "extra\(i)"
            files.append(("Screens/\(base).yaml", String(decoding: part, as: UTF8.self)))
        }
        let (_, problems) = ScreenParser(knownPanes: knownPanes).parseAll(files)
        check(problems, "screens")
    } else if targetNames[target] == "feeds" {
        fuzzFeeds(body)
    } else {
        _ = JSONLocator.position(of: locatorPath, in: body)
        if let problem = JSONLocator.firstProblem(in: body, maxDepth: SnapshotParser.maxDepth) {
            if problem.message.isEmpty || problem.position.line < 1 || problem.position.column < 1 {
                fatalError("locator: bad syntax problem \(problem)")
            }
        }
    }
}

// swift-format-ignore: AlwaysUseLowerCamelCase
// libFuzzer calls this symbol by its C name; with MAYOR_FUZZ_LIST_TARGETS set
// it prints the targets in selector order and exits.
@_cdecl("LLVMFuzzerInitialize")
public func LLVMFuzzerInitialize(_ argc: UnsafeMutablePointer<CInt>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?)
    -> CInt
{
    if getenv("MAYOR_FUZZ_LIST_TARGETS") != nil {
        print(targetNames.joined(separator: "\n"))
        exit(0)
    }
    return 0
}

// swift-format-ignore: AlwaysUseLowerCamelCase
// libFuzzer calls this symbol by its C name.
@_cdecl("LLVMFuzzerTestOneInput")
public func LLVMFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    fuzzOne(input)
    return 0
}
