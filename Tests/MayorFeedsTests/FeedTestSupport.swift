import Foundation
import Logging
import MayorCore
import Synchronization

@testable import MayorFeeds

/// The repository's root (for Data/ and Screens/).
let repositoryRoot: String = {
    var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast(3)  // Tests/MayorFeedsTests/FeedTestSupport.swift
    return parts.joined(separator: "/")
}()

/// A key no fixture contains, to grep every output for.
let testKey = "TESTKEY-7f3a9c21e5"

/// A fresh folder holding copies of the bundled snapshots.
func seededFolder() throws -> String {
    let folder = NSTemporaryDirectory() + "mayor-feeds-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    for name in try FileManager.default.contentsOfDirectory(atPath: repositoryRoot + "/Data") where name.hasSuffix(".json") {
        try FileManager.default.copyItem(atPath: repositoryRoot + "/Data/" + name, toPath: folder + "/" + name)
    }
    return folder
}

/// Every log line, kept for the tests to read.
final class LogCapture: Sendable {
    let lines = Mutex<[String]>([])

    var logger: Logger {
        var logger = Logger(label: "mayor.fetch") { _ in Handler(capture: self) }
        logger.logLevel = .trace
        return logger
    }

    var text: String { lines.withLock { $0.joined(separator: "\n") } }

    struct Handler: LogHandler {
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let all = metadata.merging(event.metadata ?? [:]) { $1 }
            let line = "\(event.level) \(event.message) \(all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))"
            capture.lines.withLock { $0.append(line) }
        }
    }
}

/// Request settings that make failing tests fast.
func fastSettings(retries: Int = 2, requestTimeout: Double = 30) -> RequestSettings {
    var settings = RequestSettings()
    settings.retries = retries
    settings.backoff = 0.01
    settings.requestTimeout = requestTimeout
    settings.connectTimeout = 2
    settings.perHostPerSecond = 100
    return settings
}

func runner(_ base: String, _ folder: String, _ log: LogCapture, settings: RequestSettings = fastSettings(), source: any FeedSource = WifiInventorySource())
    -> FeedRunner
{
    FeedRunner(sources: [source], settings: settings, key: testKey, baseURL: base, outputDirectory: folder, logger: log.logger)
}

func bytes(_ path: String) -> [UInt8]? {
    FileManager.default.contents(atPath: path).map { Array($0) }
}

func status(_ folder: String) -> FeedStatus.Entry? {
    FeedStatus.read(folder).sources["wifi"]
}
