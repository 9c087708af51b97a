import FoundationEssentials

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

    public init() {}
}

/// How trustworthy the figures of one kind are right now.
public enum Freshness: Hashable, Sendable {
    /// Loaded and within its maximum age.
    case fresh
    /// Loaded fine, but `asOf` is older than the kind's maximum age.
    case old(days: Int)
    /// The file is broken or gone now; the last good data (if any) is shown.
    case failing(since: Double?)
    /// Never loaded.
    case missing

    public var isStale: Bool { self != .fresh }
}

/// Loads every snapshot from the data folder, reloads changed files on each
/// `refresh`, and keeps the last good data of a kind when its file breaks.
///
/// Unchanged files cost one `stat` per refresh. A file that fails to load is
/// not reread until it changes again, so a half-written file is simply
/// retried on the next change. Not thread-safe: own it from one thread.
public final class DataStore {
    public let directory: String
    public var maxBytes: Int
    public private(set) var states: [SnapshotKind: KindState] = [:]
    /// Increments whenever anything visible changed (new data or new problems).
    public private(set) var generation = 0
    /// A problem with the folder itself (missing at start, not a folder).
    public private(set) var folderProblem: Problem?

    public init(directory: String, maxBytes: Int = SnapshotParser.defaultMaxBytes) {
        self.directory = directory
        self.maxBytes = maxBytes
        for kind in SnapshotKind.allCases { states[kind] = KindState() }
    }

    public func path(of kind: SnapshotKind) -> String {
        directory.hasSuffix("/") ? directory + kind.fileName : directory + "/" + kind.fileName
    }

    public func state(_ kind: SnapshotKind) -> KindState { states[kind] ?? KindState() }

    public func snapshot(_ kind: SnapshotKind) -> Snapshot? { states[kind]?.snapshot }

    /// Looks at every file; reparses those that changed. Returns true when
    /// something visible changed. `force` rereads every file.
    @discardableResult
    public func refresh(now: Double, force: Bool = false) -> Bool {
        var changed = false
        let folderWas = folderProblem
        folderProblem = FileProbe.isDirectory(directory) ? nil
            : Problem(file: directory, message: "data folder not found (expected the snapshot files \(SnapshotKind.allCases.map(\.fileName).joined(separator: ", ")))")
        if folderWas != folderProblem { changed = true }
        for kind in SnapshotKind.allCases {
            if refresh(kind, now: now, force: force) { changed = true }
        }
        if changed { generation += 1 }
        return changed
    }

    func refresh(_ kind: SnapshotKind, now: Double, force: Bool) -> Bool {
        var state = states[kind] ?? KindState()
        defer { states[kind] = state }
        state.lastChecked = now
        let file = path(of: kind)
        switch FileProbe.probe(file) {
        case .missing:
            state.fingerprint = nil
            return setProblems(&state, [Problem(file: file, message: state.snapshot == nil ? "file is missing" : "file is missing; showing the last good data")])
        case .notAFile(let why), .error(let why):
            state.fingerprint = nil
            return setProblems(&state, [Problem(file: file, message: why)])
        case .file(let fingerprint):
            if !force, fingerprint == state.fingerprint { return false }
            state.fingerprint = fingerprint
            switch FileProbe.read(file, limit: maxBytes) {
            case .failure(let error):
                return setProblems(&state, [Problem(file: file, message: error.message)])
            case .success(let data):
                switch SnapshotParser.parse(kind, data: data, file: file, now: now, maxBytes: maxBytes) {
                case .success(let snapshot):
                    state.snapshot = snapshot
                    state.loadedAt = now
                    state.problems = []
                    return true
                case .failure(let list):
                    return setProblems(&state, list.problems)
                }
            }
        }
    }

    private func setProblems(_ state: inout KindState, _ problems: [Problem]) -> Bool {
        if state.problems == problems { return false }
        state.problems = problems
        return true
    }

    /// Every current problem, in kind order.
    public var problems: [Problem] {
        (folderProblem.map { [$0] } ?? []) + SnapshotKind.allCases.flatMap { states[$0]?.problems ?? [] }
    }

    public func freshness(_ kind: SnapshotKind, now: Double) -> Freshness {
        let state = self.state(kind)
        guard let snapshot = state.snapshot else { return state.problems.isEmpty ? .missing : .failing(since: nil) }
        if !state.problems.isEmpty { return .failing(since: state.loadedAt) }
        let envelope = snapshot.envelope
        let maxAge = envelope.maxAgeDays ?? kind.defaultMaxAgeDays
        if let asOf = envelope.asOfInstant {
            let days = (now - asOf) / 86400
            if days > maxAge { return .old(days: Int(days)) }
        }
        return .fresh
    }
}
