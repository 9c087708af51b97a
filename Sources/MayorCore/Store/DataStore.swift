import Dispatch
import FoundationEssentials
import Synchronization

/// What the dashboard knows about one kind of data: the last good snapshot,
/// when it was loaded, and what is wrong now (if anything).
public struct KindState: Sendable {
    public var snapshot: Snapshot?
    /// When the last good snapshot was loaded (seconds since the epoch).
    public var loadedAt: Double?
    /// Problems of the latest attempt; empty when it succeeded.
    public var problems: [Problem] = []
    public var fingerprint: FileFingerprint?
    public var lastChecked: Double?
    /// A remote file's ETag and Last-Modified, sent back on the next poll.
    public var validators: HTTPValidators?
    /// When a remote file that could not be fetched is tried again.
    public var retry: RetrySchedule?

    public init() {}
}

/// How trustworthy the figures of one kind are right now.
public enum Freshness: Hashable, Sendable {
    /// Loaded and within its maximum age.
    case fresh
    /// Loaded fine, but `asOf` is older than the kind's maximum age: the age
    /// in seconds, rounded down to whole `unit`s (the kind's), so it changes
    /// once per unit shown.
    case old(seconds: Int, unit: AgeUnit)
    /// The file is broken or gone now; the last good data (if any) is shown.
    case failing(since: Double?)
    /// Never loaded.
    case missing

    public var isStale: Bool { self != .fresh }
}

/// What the wall knows of `feeds-status.json`, the status file `mayor fetch`
/// writes beside the snapshots: what each feed's last run said, by kind. A
/// missing file is normal (no feed runs); a broken one is one problem of its
/// own (`problem`), beside the snapshots, which it never hides.
public struct FeedsState: Sendable {
    /// Each kind's feed, from the last good read (empty when there is no file).
    public var reports: [SnapshotKind: FeedReport] = [:]
    /// The file is there but cannot be used (broken, too large, unreadable).
    public var problem: Problem?
    var fingerprint: FileFingerprint?
    var validators: HTTPValidators?
    var retry: RetrySchedule?
    /// When the read running now began.
    var reading: Double?

    public init() {}
}

/// Loads the snapshots of the kinds it is given (by default every registered
/// kind; the wall gives it those its screens show) from the data folder,
/// reloads changed files on each `refresh`, and keeps the last good data of a
/// kind when its file breaks. A kind it was not given is never read: its
/// file may be missing without a problem.
///
/// Unchanged files cost one `stat` per refresh. A file that fails to load is
/// not reread until it changes again, so a half-written file is simply
/// retried on the next change. Not thread-safe: own it from one thread.
public final class DataStore {
    public let directory: String
    public var maxBytes: Int
    /// The kinds it loads, in registry order.
    public let kinds: [SnapshotKind]
    public private(set) var states: [SnapshotKind: KindState] = [:]
    /// Increments whenever anything visible changed (new data or new problems).
    public private(set) var generation = 0
    /// A problem with the folder itself (missing at start, not a folder).
    public private(set) var folderProblem: Problem?
    /// Fetches the files when `directory` is an http:// or https:// URL.
    public let fetcher: (any SnapshotFetcher)?
    /// The first wait before a remote file that failed is tried again; it
    /// doubles with each failure in a row, up to `retryCap` (with jitter).
    public var retryBase = 5.0
    public var retryCap = 60.0
    /// Each snapshot loaded carries the FNV-1a of its bytes (`Snapshot.digest`):
    /// for `mayor headless`, which prints it. Off by default: it reads every
    /// byte once more (about 50 ms for a 20 MB file).
    public var computesDigests = false
    /// The status file of the live feeds (`FeedStatus.fileName`), read like
    /// the snapshots (only when it changed) on the same refreshes.
    public private(set) var feeds = FeedsState()

    /// `directory`: a folder, or an http:// or https:// URL read through `fetcher`;
    /// `kinds`: the kinds it loads (by default every registered kind).
    public init(
        directory: String, maxBytes: Int = SnapshotParser.defaultMaxBytes, fetcher: (any SnapshotFetcher)? = nil,
        kinds: [SnapshotKind] = SnapshotKind.allCases
    ) {
        self.directory = directory
        self.maxBytes = maxBytes
        self.fetcher = fetcher
        self.kinds = Set(kinds).sorted()
        for kind in self.kinds { states[kind] = KindState() }
    }

    /// True when the snapshots come from a web server.
    public var isRemote: Bool { isRemoteLocation(directory) }

    public func path(of kind: SnapshotKind) -> String {
        directory.hasSuffix("/") ? directory + kind.fileName : directory + "/" + kind.fileName
    }

    public func state(_ kind: SnapshotKind) -> KindState { states[kind] ?? KindState() }

    /// Where the status file of the live feeds is (beside the snapshots).
    public var feedsPath: String {
        directory.hasSuffix("/") ? directory + FeedStatus.fileName : directory + "/" + FeedStatus.fileName
    }

    /// What the pane of `kind` says of its live feed: a failed last run, not
    /// older than the snapshot held; nil when the feed is fine or there is none.
    public func feedNotice(_ kind: SnapshotKind) -> FeedNotice? {
        FeedNotice.make(feeds.reports[kind], snapshot: states[kind]?.snapshot)
    }

    public func snapshot(_ kind: SnapshotKind) -> Snapshot? { states[kind]?.snapshot }

    /// Looks at every file; reparses those that changed. Returns true when
    /// something visible changed. `force` rereads every file.
    @discardableResult
    public func refresh(now: Double, force: Bool = false) -> Bool {
        var changed = checkFolder()
        if isRemote {
            if fetchAll(now: now, force: force) { changed = true }
        } else {
            for kind in kinds {
                if refresh(kind, now: now, force: force) { changed = true }
            }
            let probed = probeFeeds(force: force)
            if probed.changed { changed = true }
            if let file = probed.load, applyFeeds(Self.loadFeeds(file)) { changed = true }
        }
        if changed { generation += 1 }
        return changed
    }

    /// Looks at the folder itself; true when its problem appeared or went away.
    func checkFolder() -> Bool {
        let was = folderProblem
        if isRemote {
            folderProblem = fetcher == nil ? Problem(.unreadable, file: directory, message: "this build cannot read snapshots over HTTP") : nil
            return was != folderProblem
        }
        folderProblem = FileProbe.folderProblem(directory, what: "data").map {
            Problem(
                $0.code, file: directory, message: "\($0.message) (with the snapshot files \(kinds.map(\.fileName).joined(separator: ", ")))")
        }
        return was != folderProblem
    }

    func refresh(_ kind: SnapshotKind, now: Double, force: Bool) -> Bool {
        switch probe(kind, now: now, force: force) {
        case .unchanged:
            return false
        case .applied(let changed):
            return changed
        case .load(let file):
            return apply(kind, .parsed(Self.load(kind, file: file, now: now, maxBytes: maxBytes, digest: computesDigests), validators: nil), now: now)
        }
    }

    /// What a load gave: a parse of a body (a local file, or a 200), a 304,
    /// or no body (a failed fetch).
    enum Loaded: Sendable {
        case parsed(Result<Snapshot, ProblemList>, validators: HTTPValidators?)
        case notModified
        case unavailable(Problem)
    }

    /// Fetches every due remote file at once (a hung server costs one
    /// timeout, not one per file) and puts the results in place.
    func fetchAll(now: Double, force: Bool) -> Bool {
        guard let fetcher else { return false }
        let due = kinds.filter { force || isDue($0, now) }
        let requests = due.map { (kind: $0, url: path(of: $0), validators: force ? nil : state($0).validators) }
        let results = Mutex([Loaded?](repeating: nil, count: requests.count))
        let (maxBytes, digest) = (self.maxBytes, computesDigests)
        // The status file too, in the same round (one more iteration).
        let feedsDue = force || (feeds.retry?.isDue(now) ?? true)
        let (feedsURL, feedsValidators) = (feedsPath, force ? nil : feeds.validators)
        let feedsResult = Mutex<FeedsLoaded?>(nil)
        DispatchQueue.concurrentPerform(iterations: requests.count + 1) { i in
            guard i < requests.count else {
                if feedsDue { feedsResult.withLock { $0 = DataStore.fetchFeeds(feedsURL, validators: feedsValidators, fetcher: fetcher) } }
                return
            }
            let r = requests[i]
            let loaded = DataStore.fetch(r.kind, url: r.url, validators: r.validators, fetcher: fetcher, now: now, maxBytes: maxBytes, digest: digest)
            results.withLock { $0[i] = loaded }
        }
        var changed = false
        if let loaded = feedsResult.withLock({ $0 }), applyFeeds(loaded, now: now) { changed = true }
        for (i, loaded) in results.withLock({ $0 }).enumerated() {
            guard let loaded else { continue }
            var state = self.state(due[i])
            state.lastChecked = now
            states[due[i]] = state
            if apply(due[i], loaded, now: now) { changed = true }
        }
        return changed
    }

    /// True when a remote kind may be polled now (not backing off).
    func isDue(_ kind: SnapshotKind, _ now: Double) -> Bool {
        state(kind).retry?.isDue(now) ?? true
    }

    /// One conditional GET and, for a 200, the parse: pure, safe on any thread.
    static func fetch(
        _ kind: SnapshotKind, url: String, validators: HTTPValidators?, fetcher: any SnapshotFetcher, now: Double, maxBytes: Int, digest: Bool
    ) -> Loaded {
        switch fetcher.get(url, validators: validators, maxBytes: maxBytes) {
        case .notModified:
            return .notModified
        case .body(let data, let found):
            return .parsed(parse(kind, data: data, file: url, now: now, maxBytes: maxBytes, digest: digest), validators: found)
        case .failed(let failure):
            switch failure.reason {
            case .status(404):
                return .unavailable(Problem(.missingFile, file: url, message: "not on the server (HTTP 404)"))
            case .tooLarge:
                return .unavailable(Problem(.limit, file: url, message: failure.message))
            default:
                return .unavailable(Problem(.offline, file: url, message: failure.message))
            }
        }
    }

    enum ProbeOutcome {
        case unchanged
        /// Missing or unreadable: already recorded.
        case applied(changed: Bool)
        /// Changed: this file needs reading and parsing.
        case load(String)
    }

    /// One `stat`: records missing or unreadable files at once, says when a
    /// file changed and must be parsed.
    func probe(_ kind: SnapshotKind, now: Double, force: Bool) -> ProbeOutcome {
        var state = states[kind] ?? KindState()
        defer { states[kind] = state }
        state.lastChecked = now
        let file = path(of: kind)
        switch FileProbe.probe(file) {
        case .missing:
            state.fingerprint = nil
            return .applied(
                changed: setProblems(
                    &state,
                    [Problem(.missingFile, file: file, message: state.snapshot == nil ? "file is missing" : "file is missing; showing the last good data")]))
        case .notAFile(let why), .error(let why):
            state.fingerprint = nil
            return .applied(changed: setProblems(&state, [Problem(.unreadable, file: file, message: why)]))
        case .file(let fingerprint):
            if !force, fingerprint == state.fingerprint { return .unchanged }
            state.fingerprint = fingerprint
            return .load(file)
        }
    }

    /// Parses one file's bytes, adding their digest when asked.
    static func parse(_ kind: SnapshotKind, data: Data, file: String, now: Double, maxBytes: Int, digest: Bool) -> Result<Snapshot, ProblemList> {
        let result = SnapshotParser.parse(kind, data: data, file: file, now: now, maxBytes: maxBytes)
        guard digest else { return result }
        return result.map {
            var snapshot = $0
            snapshot.digest = SnapshotParser.fnv1a64(data)
            return snapshot
        }
    }

    /// Reads and parses one file: pure, safe on any thread.
    static func load(_ kind: SnapshotKind, file: String, now: Double, maxBytes: Int, digest: Bool = false) -> Result<Snapshot, ProblemList> {
        switch FileProbe.read(file, limit: maxBytes) {
        case .failure(let error):
            return .failure(ProblemList([Problem(error.code, file: file, message: error.message)]))
        case .success(let data):
            return parse(kind, data: data, file: file, now: now, maxBytes: maxBytes, digest: digest)
        }
    }

    /// Puts a parse result in place: new data in one step, or the problems
    /// beside the last good data.
    func apply(_ kind: SnapshotKind, _ loaded: Loaded, now: Double) -> Bool {
        var state = states[kind] ?? KindState()
        defer { states[kind] = state }
        switch loaded {
        case .parsed(let result, let validators):
            if isRemote {
                // Kept for a broken body too: it is not parsed again until it changes.
                state.validators = validators
                state.retry?.succeeded()
            }
            switch result {
            case .success(let snapshot):
                state.snapshot = snapshot
                state.loadedAt = now
                state.problems = []
                return true
            case .failure(let list):
                return setProblems(&state, list.problems)
            }
        case .notModified:
            state.retry?.succeeded()
            // The server is back and the file is the one held: an outage's
            // mark goes; a broken file's problems stay with it.
            if state.problems.contains(where: { $0.code == .offline }) { return setProblems(&state, []) }
            return false
        case .unavailable(let problem):
            var retry = state.retry ?? RetrySchedule(base: retryBase, cap: retryCap)
            retry.failed(at: now, random: Double.random(in: 0..<1))
            state.retry = retry
            // A broken body held is fetched whole again once the server answers.
            if !state.problems.isEmpty, !state.problems.contains(where: { $0.code == .offline }) { state.validators = nil }
            if problem.code == .missingFile { state.validators = nil }
            return setProblems(&state, [problem])
        }
    }

    // MARK: - Loading off the UI thread

    struct Finished: Sendable {
        let kind: SnapshotKind
        let loaded: Loaded
        let finishedAt: Double
    }

    /// Parsed results waiting for the UI thread, filled by the workers.
    final class Mailbox: Sendable {
        let results = Mutex<[Finished]>([])
        /// The status file's read, when one finished.
        let feeds = Mutex<(loaded: FeedsLoaded, at: Double)?>(nil)
    }

    let mailbox = Mailbox()
    /// The reads running now, by kind, with when each began: at most one
    /// worker per file.
    private(set) var reads: [SnapshotKind: Double] = [:]
    /// Kinds whose file is being read and parsed now.
    public var loading: Set<SnapshotKind> { Set(reads.keys) }
    public var isLoading: Bool { !reads.isEmpty || feeds.reading != nil }
    let workers = DispatchQueue(label: "mayor.snapshot-loader", qos: .utility, attributes: .concurrent)

    /// Like `refresh`, but changed files are read and parsed on worker
    /// threads; `collect` puts the results in place. The UI keeps answering
    /// while a large file parses. Returns true when something visible changed
    /// already (a file went missing).
    @discardableResult
    public func refreshInBackground(now: Double, force: Bool = false, clock: @escaping @Sendable () -> Double) -> Bool {
        var changed = checkFolder()
        if isRemote {
            fetchInBackground(now: now, force: force, clock: clock)
            if changed { generation += 1 }
            return changed
        }
        if feeds.reading == nil {
            let probed = probeFeeds(force: force)
            if probed.changed { changed = true }
            if let file = probed.load {
                feeds.reading = now
                let mailbox = self.mailbox
                workers.async {
                    let loaded = DataStore.loadFeeds(file)
                    mailbox.feeds.withLock { $0 = (loaded, clock()) }
                }
            }
        }
        for kind in kinds where reads[kind] == nil {
            switch probe(kind, now: now, force: force) {
            case .unchanged:
                break
            case .applied(let c):
                changed = changed || c
            case .load(let file):
                reads[kind] = now
                let (mailbox, maxBytes, digest) = (self.mailbox, self.maxBytes, computesDigests)
                workers.async {
                    let result = DataStore.load(kind, file: file, now: now, maxBytes: maxBytes, digest: digest)
                    let finished = Finished(kind: kind, loaded: .parsed(result, validators: nil), finishedAt: clock())
                    mailbox.results.withLock { $0.append(finished) }
                }
            }
        }
        if changed { generation += 1 }
        return changed
    }

    /// Applies every finished background load. Returns true when something visible changed.
    @discardableResult
    public func collect() -> Bool {
        let finished = mailbox.results.withLock { results -> [Finished] in
            defer { results.removeAll(keepingCapacity: true) }
            return results
        }
        var changed = false
        if let read = mailbox.feeds.withLock({ value -> (loaded: FeedsLoaded, at: Double)? in
            defer { value = nil }
            return value
        }) {
            feeds.reading = nil
            changed = applyFeeds(read.loaded, now: read.at)
        }
        guard !finished.isEmpty else {
            if changed { generation += 1 }
            return changed
        }
        for f in finished {
            reads[f.kind] = nil
            if apply(f.kind, f.loaded, now: f.finishedAt) { changed = true }
        }
        if changed { generation += 1 }
        return changed
    }

    /// Polls every remote file that is due, each on a worker thread; the UI
    /// never waits on the network.
    func fetchInBackground(now: Double, force: Bool, clock: @escaping @Sendable () -> Double) {
        guard let fetcher else { return }
        if feeds.reading == nil, force || (feeds.retry?.isDue(now) ?? true) {
            feeds.reading = now
            let (mailbox, url, validators) = (self.mailbox, feedsPath, force ? nil : feeds.validators)
            workers.async {
                let loaded = DataStore.fetchFeeds(url, validators: validators, fetcher: fetcher)
                mailbox.feeds.withLock { $0 = (loaded, clock()) }
            }
        }
        for kind in kinds where reads[kind] == nil && (force || isDue(kind, now)) {
            reads[kind] = now
            var state = self.state(kind)
            state.lastChecked = now
            states[kind] = state
            let (mailbox, maxBytes, url, validators) = (self.mailbox, self.maxBytes, path(of: kind), force ? nil : state.validators)
            let digest = computesDigests
            workers.async {
                let loaded = DataStore.fetch(kind, url: url, validators: validators, fetcher: fetcher, now: now, maxBytes: maxBytes, digest: digest)
                mailbox.results.withLock { $0.append(Finished(kind: kind, loaded: loaded, finishedAt: clock())) }
            }
        }
    }

    /// The first load: a local folder is read at once; a remote one is
    /// fetched in the background, waiting at most `wait` seconds, so a hung
    /// server does not hold the first frame (its panes show as loading).
    public func initialLoad(now: Double, wait: Double = 2, clock: @escaping @Sendable () -> Double) {
        guard isRemote else {
            refresh(now: now)
            return
        }
        refreshInBackground(now: now, clock: clock)
        let deadline = now + wait
        while isLoading && clock() < deadline {
            collect()
            if isLoading { _ = DispatchSemaphore(value: 0).wait(timeout: .now() + .milliseconds(5)) }
        }
        collect()
    }

    /// A read still running after this many seconds is shown on its pane
    /// (the file may sit on a hung network mount); the last good figures stay.
    public static let slowLoadSeconds = 10.0

    /// True when the read of `kind` has run for `slowLoadSeconds` or more.
    public func isReadingSlowly(_ kind: SnapshotKind, now: Double) -> Bool {
        reads[kind].map { now - $0 >= Self.slowLoadSeconds } ?? false
    }

    /// The kinds whose read has been running for `slowLoadSeconds` or more.
    public func slowLoads(now: Double) -> Set<SnapshotKind> {
        Set(reads.keys.filter { isReadingSlowly($0, now: now) })
    }

    /// Seconds since the oldest running read began (0 when none runs).
    public func longestLoad(now: Double) -> Double {
        (Array(reads.values) + (feeds.reading.map { [$0] } ?? [])).min().map { now - $0 } ?? 0
    }

    /// Blocks until every background load has finished, then collects (tests, benchmarks).
    public func waitForLoads() {
        workers.sync(flags: .barrier) {}
        collect()
    }

    // MARK: - The status file of the live feeds

    /// What a read of the status file gave.
    enum FeedsLoaded: Sendable {
        /// A body (a local file, or a 200) parsed, or its problem.
        case parsed(Result<FeedStatus, ProblemList>, validators: HTTPValidators?)
        /// Not there: no feed runs (a missing file is normal).
        case absent
        /// 304: the copy held is current.
        case notModified
        /// The server did not answer: what was known is kept, tried again later.
        case unavailable
    }

    /// One `stat` of the local status file: `load`, its path when it changed
    /// and must be read; a missing or unreadable file is put in place at once
    /// (`changed`: what the panes show of it changed).
    func probeFeeds(force: Bool) -> (changed: Bool, load: String?) {
        let file = feedsPath
        switch FileProbe.probe(file) {
        case .missing:
            feeds.fingerprint = nil
            return (applyFeeds(.absent), nil)
        case .notAFile(let why), .error(let why):
            feeds.fingerprint = nil
            return (applyFeeds(.parsed(.failure(ProblemList([Problem(.unreadable, file: file, message: why)])), validators: nil)), nil)
        case .file(let fingerprint):
            if !force, fingerprint == feeds.fingerprint { return (false, nil) }
            feeds.fingerprint = fingerprint
            return (false, file)
        }
    }

    /// Reads and parses the local status file: pure, safe on any thread.
    static func loadFeeds(_ file: String) -> FeedsLoaded {
        switch FileProbe.read(file, limit: FeedStatus.maxBytes) {
        case .failure(let error):
            if error.code == .missingFile { return .absent }
            return .parsed(.failure(ProblemList([Problem(error.code, file: file, message: error.message)])), validators: nil)
        case .success(let data):
            return .parsed(FeedStatus.parse(data, file: file), validators: nil)
        }
    }

    /// One conditional GET of the remote status file: pure, safe on any thread.
    static func fetchFeeds(_ url: String, validators: HTTPValidators?, fetcher: any SnapshotFetcher) -> FeedsLoaded {
        switch fetcher.get(url, validators: validators, maxBytes: FeedStatus.maxBytes) {
        case .notModified:
            return .notModified
        case .body(let data, let found):
            return .parsed(FeedStatus.parse(data, file: url), validators: found)
        case .failed(let failure):
            switch failure.reason {
            case .status(404): return .absent
            case .tooLarge: return .parsed(.failure(ProblemList([Problem(.limit, file: url, message: failure.message)])), validators: nil)
            default: return .unavailable
            }
        }
    }

    /// Puts a read of the status file in place; true when what the panes
    /// show of it changed. `now`: when a remote read that failed is retried
    /// from (nil for a local file).
    func applyFeeds(_ loaded: FeedsLoaded, now: Double? = nil) -> Bool {
        let before = (feeds.reports, feeds.problem)
        switch loaded {
        case .parsed(let result, let validators):
            feeds.validators = validators
            feeds.retry?.succeeded()
            switch result {
            case .success(let status):
                feeds.reports = status.reports(for: kinds)
                feeds.problem = nil
            case .failure(let problem):
                // Not known: nothing is said of the feeds rather than something old.
                feeds.reports = [:]
                feeds.problem = problem.problems.first
            }
        case .absent:
            feeds.validators = nil
            feeds.retry?.succeeded()
            feeds.reports = [:]
            feeds.problem = nil
        case .notModified:
            feeds.retry?.succeeded()
        case .unavailable:
            var retry = feeds.retry ?? RetrySchedule(base: retryBase, cap: retryCap)
            retry.failed(at: now ?? 0, random: Double.random(in: 0..<1))
            feeds.retry = retry
        }
        return before.0 != feeds.reports || before.1 != feeds.problem
    }

    private func setProblems(_ state: inout KindState, _ problems: [Problem]) -> Bool {
        if state.problems == problems { return false }
        state.problems = problems
        return true
    }

    /// Every current problem, in kind order.
    public var problems: [Problem] {
        (folderProblem.map { [$0] } ?? []) + kinds.flatMap { states[$0]?.problems ?? [] } + (feeds.problem.map { [$0] } ?? [])
    }

    public func freshness(_ kind: SnapshotKind, now: Double) -> Freshness {
        let state = self.state(kind)
        guard let snapshot = state.snapshot else { return state.problems.isEmpty ? .missing : .failing(since: nil) }
        if !state.problems.isEmpty { return .failing(since: state.loadedAt) }
        let envelope = snapshot.envelope
        let maxAge = envelope.maxAgeDays.map { $0 * 86400 } ?? kind.defaultMaxAge
        if let asOf = envelope.asOfInstant {
            let age = now - asOf
            if age > maxAge {
                let unit = kind.ageUnit
                return .old(seconds: unit.whole(age), unit: unit)
            }
        }
        return .fresh
    }
}
