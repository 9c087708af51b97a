import Foundation
import MayorCore

/// How a run reaches Seoul: `get(path, parse:)` asks for `path` below
/// `{base}/{KEY}/xml/` and hands the body to `parse`. A transport may retry
/// (its own failures, or a retryable Seoul code that `parse` throws as
/// `SeoulXML.ServiceError`); `mayor fetch` gives one on its shared client.
public protocol TopisTransport: Sendable {
    func get<T: Sendable>(_ path: String, parse: @escaping @Sendable (Data) throws -> T) async throws -> T
}

/// A transport from a closure answering a path with a body (tests), with no retries.
public struct TopisFetch: TopisTransport {
    let fetch: @Sendable (String) async throws -> Data

    public init(_ fetch: @escaping @Sendable (String) async throws -> Data) {
        self.fetch = fetch
    }

    public func get<T: Sendable>(_ path: String, parse: @escaping @Sendable (Data) throws -> T) async throws -> T {
        try parse(try await fetch(path))
    }
}

/// One run of the road-traffic source: the station list, then every spot-hour
/// not yet known, then the state and `traffic.json` beside each other.
/// The transport is given (it answers a path below `{base}/{KEY}/xml/`), so
/// the run is the same against Seoul, a fake server or a test closure.
public struct TrafficFeedRun: Sendable {
    public var spots: [String]
    public var backfillDays: Int
    public var outDirectory: URL
    /// `{base}/{KEY}/xml/`: the URL shown in provenance and errors (the key never in it).
    public var publicBase: String
    public var settleHours: Double = 48
    public var keepDays = 400
    /// Hours asked for at once (the transport may hold them to fewer).
    public var parallel = 1

    public init(spots: [String], backfillDays: Int, outDirectory: URL, publicBase: String) {
        self.spots = spots
        self.backfillDays = backfillDays
        self.outDirectory = outDirectory
        self.publicBase = publicBase
    }

    public struct Outcome: Sendable, Equatable {
        /// Hours asked for and answered (with data or INFO-200).
        public var hoursFetched: Int
        /// Hours answered with no data (INFO-200).
        public var hoursEmpty: Int
        /// Whether traffic.json was written (false, with no error, while no
        /// configured spot has a complete day yet).
        public var wrote: Bool
        /// The newest complete day written (`asOf`).
        public var asOf: String?
    }

    /// What `collect` gathered: the outcome, and traffic.json's bytes (nil
    /// while no configured spot has a complete day yet: nothing to write).
    public struct Collected: Sendable {
        public var outcome: Outcome
        public var snapshot: Data?
        /// Spots left out for want of a complete day, days never totalled (a gap at the source).
        public var warnings: [String]
    }

    public var snapshotURL: URL { outDirectory.appendingPathComponent("traffic.json") }
    public var stateURL: URL { outDirectory.appendingPathComponent(TrafficLedger.fileName) }

    /// Runs once and writes traffic.json. Any failure (a station list or an
    /// hour that cannot be read, a Seoul error code, a transport error from
    /// `fetch`) leaves traffic.json as it was, byte for byte, and is thrown;
    /// the hours answered before it are kept in the state file so they are
    /// not asked again.
    public func run(now: Double, progress: (@Sendable (Int, Int) -> Void)? = nil, fetch: @escaping @Sendable (String) async throws -> Data) async throws
        -> Outcome
    {
        let collected = try await collect(now: now, progress: progress, transport: TopisFetch(fetch))
        guard let data = collected.snapshot else { return collected.outcome }
        // What is written must load: checked with the wall's own parser first.
        if case .failure(let problems) = SnapshotParser.parse(.traffic, data: data, file: snapshotURL.path, now: now) {
            throw IngestError(file: snapshotURL.path, "the snapshot made would not load, nothing written: \(problems)")
        }
        try AtomicFile.write(data, to: snapshotURL)
        var outcome = collected.outcome
        outcome.wrote = true
        return outcome
    }

    /// Fetches the station list and every hour not yet known (up to
    /// `parallel` at once) and builds traffic.json's bytes, without writing
    /// them. The state file is kept up to date here, also when a request
    /// fails part way (the hours answered are not asked again); it is the
    /// source's memory, not a snapshot: traffic.json is always made whole
    /// from it. A state file that cannot be read is set aside
    /// (`traffic.state.json.unreadable`) and the hours asked again, with a warning.
    public func collect(now: Double, progress: (@Sendable (Int, Int) -> Void)? = nil, transport: some TopisTransport) async throws -> Collected {
        var warnings: [String] = []
        var ledger: TrafficLedger
        do {
            ledger = try TrafficLedger.load(from: stateURL)
        } catch {
            // Only a memory of what was fetched: set aside (kept for a look) and started again.
            let aside = stateURL.appendingPathExtension("unreadable")
            try? FileManager.default.removeItem(at: aside)
            try? FileManager.default.moveItem(at: stateURL, to: aside)
            ledger = TrafficLedger()
            warnings.append("\(error); set aside as \(aside.lastPathComponent), so every hour of the backfill is asked again")
        }
        let spotSource = publicBase + Topis.spotPath
        let known = try await transport.get(Topis.spotPath) { try Topis.spots($0, source: spotSource) }
        let byId = Dictionary(known.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let configured = try spots.map { id -> TopisSpot in
            guard let spot = byId[id] else {
                throw IngestError(file: spotSource, "configured spot \(shown(id, limit: 20)) is not in SpotInfo's \(known.count) stations")
            }
            return spot
        }
        let hours = ledger.pending(spots: spots, now: now, backfillDays: backfillDays, settleHours: settleHours)
        var outcome = Outcome(hoursFetched: 0, hoursEmpty: 0, wrote: false, asOf: nil)
        let base = publicBase
        let width = max(1, parallel)
        progress?(0, hours.count)
        do {
            try await withThrowingTaskGroup(of: (TrafficLedger.Hour, Int?).self) { group in
                var started = 0
                func ask(_ hour: TrafficLedger.Hour) async throws -> (TrafficLedger.Hour, Int?) {
                    let path = Topis.volumePath(hour)
                    return (hour, try await transport.get(path) { try Topis.hourVolume($0, source: base + path, hour: hour) })
                }
                while started < min(width, hours.count) {
                    let hour = hours[started]
                    group.addTask { try await ask(hour) }
                    started += 1
                }
                // The first failure ends the group (the hours in flight are cancelled).
                while let (hour, volume) = try await group.next() {
                    ledger.record(hour, volume: volume, at: now)
                    outcome.hoursFetched += 1
                    if volume == nil { outcome.hoursEmpty += 1 }
                    progress?(outcome.hoursFetched, hours.count)
                    if started < hours.count {
                        let next = hours[started]
                        group.addTask { try await ask(next) }
                        started += 1
                    }
                }
            }
        } catch {
            try? AtomicFile.write(ledger.encoded(), to: stateURL)
            throw error
        }
        ledger.prune(now: now, keepDays: max(keepDays, backfillDays + 2))
        try AtomicFile.write(ledger.encoded(), to: stateURL)
        let waiting = configured.filter { ledger.dailyVolumes(of: $0.id).isEmpty }.map(\.id)
        if !waiting.isEmpty { warnings.append("no complete day yet, left out: \(waiting.joined(separator: ", "))") }
        for spot in configured {
            for gap in ledger.gaps(of: spot.id, now: now, settleHours: settleHours) {
                warnings.append("\(spot.id) \(gap.date): no data at the source for hour(s) \(gap.hours.joined(separator: ", ")); the day is not totalled")
            }
        }
        let data = TrafficFeedSnapshot.make(
            ledger: ledger, spots: configured, fetchedAt: now, url: publicBase + Topis.volumeService + "/", settleHours: settleHours)
        outcome.asOf = data == nil ? nil : configured.compactMap { ledger.dailyVolumes(of: $0.id).last?.date }.max()
        return Collected(outcome: outcome, snapshot: data, warnings: warnings)
    }
}
