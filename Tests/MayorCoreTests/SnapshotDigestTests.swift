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

    /// A store asked for digests gives each snapshot the digest of its
    /// file; a new version gets a new one. Others leave it 0 (it costs a
    /// pass over every byte).
    @Test func aStoreAskedForDigestsGivesEachSnapshotItsFilesDigest() {
        let dir = makeTempDirectory()
        defer { removeTree(dir) }
        let bytes = readBundled(.pledges)
        writeFile(dir + "/pledges.json", String(decoding: bytes, as: UTF8.self))
        let plain = DataStore(directory: dir, kinds: [.pledges])
        plain.refresh(now: testNow)
        #expect(plain.snapshot(.pledges)?.digest == 0)

        let store = DataStore(directory: dir, kinds: [.pledges])
        store.computesDigests = true
        store.refresh(now: testNow)
        let first = store.snapshot(.pledges)?.digest
        #expect(first == SnapshotParser.fnv1a64(bytes))
        let text = String(decoding: bytes, as: UTF8.self).replacing("\"actual\": 41.6", with: "\"actual\": 41.75", maxReplacements: 1)
        writeFile(dir + "/pledges.json", text)
        store.refresh(now: testNow + 1)
        #expect(store.snapshot(.pledges)?.digest == SnapshotParser.fnv1a64(Data(text.utf8)))
        #expect(store.snapshot(.pledges)?.digest != first)
    }
}
