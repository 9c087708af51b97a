import Foundation
import Logging
import MayorCore

/// One live source (`sources.NAME` in feeds.yaml): fetches everything it
/// needs and returns the files to write. It writes no snapshot itself: the
/// runner validates each file and writes them all atomically only when the
/// whole run succeeded, so a failure anywhere keeps the last good files
/// whole. (A source may keep a state file of its own beside them, which no
/// wall reads: the traffic source's `traffic.state.json`, the hours already
/// answered, saved also when a run fails part way.)
///
/// A new source is one type conforming to this protocol, one entry in
/// `FeedsConfig.schemas` (its config keys) and one line in `FeedSources.make`.
public protocol FeedSource: Sendable {
    /// The key under `sources` in feeds.yaml, and in the status file.
    var name: String { get }
    /// Seconds between runs in continuous mode.
    var interval: Double { get }
    /// The snapshot it keeps current (`wifi.json`), named in the status file
    /// even while it fails. `NAME.json` unless the source says otherwise.
    var snapshotFile: String { get }
    /// Fetches and builds the output. Throws a `FeedError` on any failure.
    func run(_ context: FeedContext) async throws -> FeedOutput
}

extension FeedSource {
    public var snapshotFile: String { name + ".json" }
}

/// What a source's run produced.
public struct FeedOutput: Sendable {
    /// A file to write into the output folder.
    public struct File: Sendable {
        /// A name in the output folder (`wifi.json`).
        public var name: String
        public var bytes: [UInt8]
        /// The snapshot kind to validate it as before it is written (nil: not a snapshot).
        public var kind: SnapshotKind?

        public init(name: String, bytes: [UInt8], kind: SnapshotKind?) {
            self.name = name
            self.bytes = bytes
            self.kind = kind
        }
    }

    public var files: [File]
    /// One line for the summary table and the log (`24,578 APs in 25 pages`).
    public var summary: String
    /// The data's own time (from the answer, not the clock); nil when the
    /// run wrote nothing new (the traffic source before its first complete day).
    public var asOf: String?
    /// Things worth a look that did not stop the run (rows outside Seoul).
    public var warnings: [String]

    public init(files: [File], summary: String, asOf: String?, warnings: [String] = []) {
        self.files = files
        self.summary = summary
        self.asOf = asOf
        self.warnings = warnings
    }
}

/// What a source runs with.
public struct FeedContext: Sendable {
    public let client: SeoulClient
    /// The folder the snapshots are written to (and read from, to carry
    /// figures over from the last good file).
    public let outputDirectory: String
    public let logger: Logger
    /// Seconds since the epoch.
    public let now: @Sendable () -> Double
    /// Progress of this source (`12/25 pages`), for the terminal's progress line.
    public let progress: @Sendable (String) -> Void

    public init(
        client: SeoulClient, outputDirectory: String, logger: Logger, now: @escaping @Sendable () -> Double,
        progress: @escaping @Sendable (String) -> Void
    ) {
        self.client = client
        self.outputDirectory = outputDirectory
        self.logger = logger
        self.now = now
        self.progress = progress
    }

    /// A file of the output folder, when it exists and is readable.
    public func existingFile(_ name: String, limit: Int = 64 << 20) -> Data? {
        if case .success(let data) = FileProbe.read(path(name), limit: limit) { return data }
        return nil
    }

    public func path(_ name: String) -> String {
        (outputDirectory.hasSuffix("/") ? outputDirectory : outputDirectory + "/") + name
    }
}

/// The sources `mayor fetch` can run, made from their config sections.
public enum FeedSources {
    public static func make(_ section: FeedsConfig.Source) -> (any FeedSource)? {
        make(section, backfillDays: nil)
    }

    /// `backfillDays` (`mayor fetch --backfill DAYS`) overrides the traffic section's.
    public static func make(_ section: FeedsConfig.Source, backfillDays: Int?) -> (any FeedSource)? {
        switch section.name {
        case "wifi": return WifiInventorySource(section)
        case "traffic": return TrafficSource(section, backfillDays: backfillDays)
        case "citydata": return CityDataSource(section)
        default: return nil
        }
    }
}
