import Testing

@testable import MayorCore

/// Every registered kind's bad edits (`DataKind.refusals`), applied to its
/// bundled file: each is refused with a problem at the stated path, on a
/// line, with the stated message. A new kind is covered by its registry line.
@Suite struct KindRefusalTests {
    /// `kind/name` of every refusal of every kind.
    static let names: [String] = KindRegistry.all.flatMap { type in type.refusals.map { "\(type.id)/\($0.name)" } }

    static func refusal(_ name: String) -> (SnapshotKind, KindRefusal)? {
        for type in KindRegistry.all {
            for refusal in type.refusals where "\(type.id)/\(refusal.name)" == name { return (SnapshotKind(type), refusal) }
        }
        return nil
    }

    @Test func everyKindHasAtLeastTwoRefusals() {
        for type in KindRegistry.all {
            #expect(type.refusals.count >= 2, "\(type.id) has \(type.refusals.count) refusals; give it at least two")
        }
    }

    @Test(arguments: names)
    func bundledFileWithTheEditIsRefusedAtItsPlace(_ name: String) throws {
        let (kind, refusal) = try #require(Self.refusal(name))
        let text = String(decoding: readBundled(kind), as: UTF8.self)
        try #require(text.contains(refusal.find), "Data/\(kind.fileName) does not contain \(refusal.find)")
        try #require(problems(kind, text).isEmpty, "the bundled \(kind.fileName) is refused already")
        let found = problems(kind, text.replacing(refusal.find, with: refusal.replace, maxReplacements: 1))
        let match = found.first { $0.path == refusal.path && ($0.line ?? 0) > 0 && $0.message.contains(refusal.message) }
        #expect(match != nil, "\(name): expected \(refusal.path): …\(refusal.message)…, got \(found.map(\.description))")
    }
}
