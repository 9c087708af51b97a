import Foundation
import MayorCore

/// One run of the road-traffic source: the station list, then every spot-hour
/// not yet known, then the state and `traffic.json` written beside each other.
/// The transport is given (`fetch` answers a path below `{base}/{KEY}/xml/`),
/// so the run is the same against Seoul, a fake server or a test closure.
public struct TrafficFeedRun: Sendable {
    public var spots: [String]
    public var backfillDays: Int
    public var outDirectory: URL
    /// `{base}/xml/` with no key: the URL shown in provenance and errors.
    public var publicBase: String
    public var settleHours: Double = 48
    public var keepDays = 400

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

    public var snapshotURL: URL { outDirectory.appendingPathComponent("traffic.json") }
    public var stateURL: URL { outDirectory.appendingPathComponent(TrafficLedger.fileName) }

    /// Runs once. Any failure (a station list or an hour that cannot be read,
    /// a Seoul error code, a transport error from `fetch`) leaves traffic.json
    /// as it was, byte for byte, and is thrown; the hours answered before it
    /// are kept in the state file so they are not asked again.
    public func run(now: Double, progress: (@Sendable (Int, Int) -> Void)? = nil, fetch: @Sendable (String) async throws -> Data) async throws -> Outcome {
        var ledger = try TrafficLedger.load(from: stateURL)
        let spotAnswer = try await fetch(Topis.spotPath)
        let known = try Topis.spots(spotAnswer, source: publicBase + Topis.spotPath)
        let byId = Dictionary(known.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let configured = try spots.map { id -> TopisSpot in
            guard let spot = byId[id] else {
                throw IngestError(file: publicBase + Topis.spotPath, "configured spot \(shown(id, limit: 20)) is not in SpotInfo's \(known.count) stations")
            }
            return spot
        }
        let hours = ledger.pending(spots: spots, now: now, backfillDays: backfillDays, settleHours: settleHours)
        var outcome = Outcome(hoursFetched: 0, hoursEmpty: 0, wrote: false, asOf: nil)
        do {
            for (i, hour) in hours.enumerated() {
                let path = Topis.volumePath(hour)
                let volume = try Topis.hourVolume(try await fetch(path), source: publicBase + path, hour: hour)
                ledger.record(hour, volume: volume, at: now)
                outcome.hoursFetched += 1
                if volume == nil { outcome.hoursEmpty += 1 }
                progress?(i + 1, hours.count)
            }
        } catch {
            try? AtomicFile.write(ledger.encoded(), to: stateURL)
            throw error
        }
        ledger.prune(now: now, keepDays: max(keepDays, backfillDays + 2))
        try AtomicFile.write(ledger.encoded(), to: stateURL)
        // No spot has a complete day yet (a first run before the first day ends): nothing to write.
        guard
            let data = TrafficFeedSnapshot.make(
                ledger: ledger, spots: configured, fetchedAt: now, url: publicBase + Topis.volumeService + "/", settleHours: settleHours)
        else { return outcome }
        // What is written must load: checked with the wall's own parser first.
        if case .failure(let problems) = SnapshotParser.parse(.traffic, data: data, file: snapshotURL.path, now: now) {
            throw IngestError(file: snapshotURL.path, "the snapshot made would not load, nothing written: \(problems)")
        }
        try AtomicFile.write(data, to: snapshotURL)
        outcome.wrote = true
        outcome.asOf = configured.compactMap { ledger.dailyVolumes(of: $0.id).last?.date }.max()
        return outcome
    }
}
