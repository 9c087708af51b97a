import FoundationEssentials
import Synchronization
import Testing

@testable import MayorCore

/// A web server in memory: files with ETags, an outage switch, and a record
/// of every request (with the validators sent).
final class FakeFetcher: SnapshotFetcher {
    struct Request: Hashable {
        let file: String
        let etag: String?
    }

    struct State {
        var files: [String: (Data, String)] = [:]
        var down: FetchFailure?
        var requests: [Request] = []
        var version = 0
    }

    let state = Mutex(State())

    func publish(_ name: String, _ data: Data) {
        state.withLock {
            $0.version += 1
            $0.files[name] = (data, "\"v\($0.version)\"")
        }
    }

    func down(_ failure: FetchFailure?) { state.withLock { $0.down = failure } }
    var requests: [Request] { state.withLock { $0.requests } }

    func get(_ url: String, validators: HTTPValidators?, maxBytes: Int) -> FetchOutcome {
        let name = String(url.split(separator: "/").last ?? "")
        return state.withLock { s in
            s.requests.append(Request(file: name, etag: validators?.etag))
            if let failure = s.down { return .failed(failure) }
            guard let (data, etag) = s.files[name] else { return .failed(FetchFailure(.status(404), "HTTP 404")) }
            if validators?.etag == etag { return .notModified }
            return .body(data, HTTPValidators(etag: etag))
        }
    }
}

@Suite struct RemoteDataStoreTests {
    let base = "http://127.0.0.1:9/data/"

    func serverWithTheBundledData() -> FakeFetcher {
        let fetcher = FakeFetcher()
        for kind in SnapshotKind.allCases { fetcher.publish(kind.fileName, readBundled(kind)) }
        return fetcher
    }

    @Test func loadsEverySnapshotOverHTTP() {
        let fetcher = serverWithTheBundledData()
        let store = DataStore(directory: base, fetcher: fetcher)
        #expect(store.isRemote)
        #expect(store.refresh(now: testNow))
        #expect(store.problems.isEmpty, "\(store.problems)")
        for kind in SnapshotKind.allCases { #expect(store.snapshot(kind) != nil, "\(kind)") }
        #expect(fetcher.requests.allSatisfy { $0.etag == nil })
    }

    /// The second poll sends the ETag; a 304 parses nothing and changes nothing.
    @Test func unchangedFilesCostA304AndNoParse() {
        let fetcher = serverWithTheBundledData()
        let store = DataStore(directory: base, fetcher: fetcher)
        store.refresh(now: testNow)
        let generation = store.generation
        let loadedAt = store.state(.pledges).loadedAt
        #expect(!store.refresh(now: testNow + 5))
        #expect(store.generation == generation)
        #expect(store.state(.pledges).loadedAt == loadedAt)
        // The snapshots' requests (the status file's is asked in the same round;
        // this server has none, so it has no ETag to send back).
        let second = fetcher.requests.filter { $0.file != FeedStatus.fileName }.suffix(SnapshotKind.allCases.count)
        #expect(second.allSatisfy { $0.etag != nil }, "\(second)")
    }

    @Test func aRewriteIsFetchedAndParsed() {
        let fetcher = serverWithTheBundledData()
        let store = DataStore(directory: base, fetcher: fetcher)
        store.refresh(now: testNow)
        let text = String(decoding: readBundled(.pledges), as: UTF8.self)
        fetcher.publish("pledges.json", Data(text.replacing("\"actual\": 41.6", with: "\"actual\": 48.6", maxReplacements: 1).utf8))
        #expect(store.refresh(now: testNow + 5))
        #expect(store.state(.pledges).loadedAt == testNow + 5)
        #expect(store.problems.isEmpty)
    }

    /// An outage keeps every figure, marks the files offline, backs off,
    /// and clears without anything being reparsed when the server is back.
    @Test func outageKeepsTheFiguresAndClearsOnItsOwn() {
        let fetcher = serverWithTheBundledData()
        let store = DataStore(directory: base, fetcher: fetcher)
        store.retryBase = 2
        store.refresh(now: testNow)
        let figure = store.snapshot(.pledges)?.envelope

        fetcher.down(FetchFailure(.unreachable, "server unreachable (Couldn't connect to server)"))
        #expect(store.refresh(now: testNow + 10))
        #expect(store.snapshot(.pledges)?.envelope == figure)
        #expect(store.state(.pledges).problems.map(\.code) == [.offline])
        #expect(store.freshness(.pledges, now: testNow + 10).isStale)

        // Backing off: not polled again before the jittered wait (at least 1 s).
        let asked = fetcher.requests.count
        store.refresh(now: testNow + 10.5)
        #expect(fetcher.requests.count == asked)

        fetcher.down(nil)
        #expect(store.refresh(now: testNow + 14))
        #expect(store.problems.isEmpty, "\(store.problems)")
        #expect(store.state(.pledges).loadedAt == testNow, "a 304 must not reparse")
    }

    @Test func aBrokenBodyKeepsTheLastGoodAndIsNotReparsedUntilItChanges() {
        let fetcher = serverWithTheBundledData()
        let store = DataStore(directory: base, fetcher: fetcher)
        store.refresh(now: testNow)
        let text = String(decoding: readBundled(.pledges), as: UTF8.self)
        fetcher.publish("pledges.json", Data(text.prefix(text.utf8.count / 2).utf8))
        #expect(store.refresh(now: testNow + 5))
        #expect(store.snapshot(.pledges) != nil)
        #expect(store.state(.pledges).problems.first?.code == .syntax)
        #expect(store.state(.pledges).problems.first?.file == base + "pledges.json")
        // Still broken on the next poll (a 304): the problem stays.
        #expect(!store.refresh(now: testNow + 10))
        #expect(store.state(.pledges).problems.first?.code == .syntax)
    }

    @Test func aMissingFileIsNamedAndTheOthersLoad() {
        let fetcher = serverWithTheBundledData()
        fetcher.state.withLock { $0.files["cctv.json"] = nil }
        let store = DataStore(directory: base, fetcher: fetcher)
        store.refresh(now: testNow)
        #expect(store.state(.cctv).problems.map(\.code) == [.missingFile])
        #expect(store.snapshot(.pledges) != nil)
    }

    /// In the background the UI thread never calls the fetcher.
    @Test func backgroundPollsRunOffTheCallersThread() {
        let fetcher = serverWithTheBundledData()
        let store = DataStore(directory: base, fetcher: fetcher)
        store.initialLoad(now: testNow, clock: { testNow })
        #expect(store.snapshot(.pledges) != nil)
        fetcher.down(FetchFailure(.timeout, "no answer in time"))
        store.refreshInBackground(now: testNow + 5, clock: { testNow + 5 })
        store.waitForLoads()
        #expect(store.state(.wifi).problems.map(\.code) == [.offline])
    }

    @Test func withoutAnHTTPClientTheLocationIsAProblem() {
        let store = DataStore(directory: base)
        store.refresh(now: testNow)
        #expect(store.folderProblem?.message.contains("HTTP") == true)
    }
}
