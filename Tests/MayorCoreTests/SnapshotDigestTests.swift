import FoundationEssentials
import Testing

@testable import MayorCore

struct SnapshotDigestTests {
    /// The published FNV-1a 64-bit test vectors.
    @Test func fnv1aMatchesTheReferenceVectors() {
        #expect(SnapshotParser.fnv1a64(Data()) == 0xcbf2_9ce4_8422_2325)
        #expect(SnapshotParser.fnv1a64(Data("a".utf8)) == 0xaf63_dc4c_8601_ec8c)
        #expect(SnapshotParser.fnv1a64(Data("foobar".utf8)) == 0x8594_4171_f739_67e8)
    }

    @Test func aSnapshotCarriesTheDigestOfItsBytes() throws {
        let bytes = readBundled(.pledges)
        let first = try SnapshotParser.parse(.pledges, data: bytes, file: "pledges.json", now: testNow).get()
        #expect(first.digest == SnapshotParser.fnv1a64(bytes))
        let text = String(decoding: bytes, as: UTF8.self).replacing("\"actual\": 41.6", with: "\"actual\": 41.7", maxReplacements: 1)
        let second = try SnapshotParser.parse(.pledges, data: Data(text.utf8), file: "pledges.json", now: testNow).get()
        #expect(second.digest != first.digest)
    }
}
