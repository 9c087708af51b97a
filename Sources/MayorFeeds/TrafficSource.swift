import Foundation
import MayorCore
import MayorIngest

/// Road traffic from TOPIS (`SpotInfo`, `VolInfo`, XML; seoul-open-api.md
/// §4): the configured count stations' daily volumes into `traffic.json`,
/// summed over directions and lanes from the hourly answers. Only the hours
/// not yet fetched are asked for (`traffic.state.json` beside the snapshot
/// remembers the others); `backfillDays` (or `mayor fetch --backfill DAYS`)
/// reaches back that many days before today.
///
/// All or nothing for the snapshot: a failure on any hour leaves
/// traffic.json as it was (the runner writes it only after the whole run
/// succeeded and it validated); the state file keeps the hours answered
/// before the failure, so they are not asked again.
public struct TrafficSource: FeedSource {
    /// Two weeks: the pane compares the newest day with the same day a week before.
    public static let defaultBackfillDays = 14
    public static let defaultInterval = 3600.0

    public let name = "traffic"
    public let interval: Double
    public let spots: [String]
    public let backfillDays: Int

    /// `backfillDays` overrides the section's (`--backfill DAYS`).
    public init(_ section: FeedsConfig.Source, backfillDays: Int? = nil) {
        interval = section.interval
        spots = section.list("spots") ?? []
        self.backfillDays = backfillDays ?? section.integer("backfillDays") ?? Self.defaultBackfillDays
    }

    public init(spots: [String], backfillDays: Int = TrafficSource.defaultBackfillDays, interval: Double = TrafficSource.defaultInterval) {
        self.spots = spots
        self.backfillDays = backfillDays
        self.interval = interval
    }

    public func run(_ context: FeedContext) async throws -> FeedOutput {
        let client = context.client
        var feed = TrafficFeedRun(
            spots: spots, backfillDays: backfillDays, outDirectory: URL(fileURLWithPath: context.outputDirectory),
            publicBase: client.baseURL + "/{KEY}/xml/")
        feed.parallel = client.settings.maxInFlight
        let collected: TrafficFeedRun.Collected
        do {
            collected = try await feed.collect(
                now: context.now(), progress: { done, total in context.progress("\(done)/\(total) hours") }, transport: Transport(client: client))
        } catch let error as IngestError {
            // A complete answer that is not one (broken XML, rows of another hour), or an unreadable state file.
            throw FeedError(.malformed, error.description)
        }
        let o = collected.outcome
        var summary = "\(o.hoursFetched) hour\(o.hoursFetched == 1 ? "" : "s") fetched"
        if o.hoursEmpty > 0 { summary += " (\(o.hoursEmpty) without data)" }
        summary += ", \(spots.count) spot\(spots.count == 1 ? "" : "s")"
        guard let snapshot = collected.snapshot, let asOf = o.asOf else {
            return FeedOutput(
                files: [], summary: summary + "; no spot has a complete day yet: traffic.json not written", asOf: nil,
                warnings: collected.warnings)
        }
        return FeedOutput(
            files: [.init(name: "traffic.json", bytes: Array(snapshot), kind: .traffic)], summary: summary + ", newest day \(asOf)", asOf: asOf,
            warnings: collected.warnings)
    }

    /// TOPIS requests on the shared client (timeouts, retries with backoff,
    /// the in-flight and rate limits, the key kept out of messages). A
    /// Seoul error code is retried when it is ERROR-500/600/601, never when it
    /// is a bad key; an answer that is not well formed is not retried.
    struct Transport: TopisTransport {
        let client: SeoulClient

        func get<T: Sendable>(_ path: String, parse: @escaping @Sendable (Data) throws -> T) async throws -> T {
            let segments = ["xml"] + path.split(separator: "/").map(String.init)
            let shown = client.displayURL(segments)
            return try await client.get(segments) { body in
                do {
                    return try parse(Data(body))
                } catch let error as SeoulXML.ServiceError {
                    throw FeedError(.api, "\(error.description) (\(shown))", code: error.code, retryable: error.isRetryable)
                } catch let error as IngestError {
                    throw FeedError(.malformed, error.description)
                }
            }
        }
    }
}
