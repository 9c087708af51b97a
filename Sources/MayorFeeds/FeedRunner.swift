import AsyncHTTPClient
import Foundation
import Logging
import MayorCore

/// How one run of one source went.
public struct FeedRunReport: Sendable {
    public var source: String
    public var ok: Bool
    /// The summary on success, the error (key-free) on failure.
    public var detail: String
    public var asOf: String?
    /// The API's code of a failure (`INFO-100`), when it gave one.
    public var errorCode: String?
    public var seconds: Double
    public var warnings: [String]
}

/// Runs the configured sources: each run validates what the source built,
/// writes its files atomically only when all of it is good, and records the
/// outcome in the status file. One HTTP client for all sources, shut down
/// by `shutdown()`.
public final class FeedRunner: Sendable {
    public let sources: [any FeedSource]
    public let outputDirectory: String
    public let client: SeoulClient
    let http: HTTPClient
    let logger: Logger
    let status: StatusWriter
    let now: @Sendable () -> Double
    let progress: @Sendable (String, String) -> Void

    /// `progress(source, text)` is called as a source goes (`12/25 pages`).
    public init(
        sources: [any FeedSource], settings: RequestSettings, key: String, baseURL: String, outputDirectory: String,
        logger: Logger, now: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 },
        progress: @escaping @Sendable (String, String) -> Void = { _, _ in }
    ) {
        self.sources = sources
        self.outputDirectory = outputDirectory
        self.http = SeoulClient.makeHTTPClient(settings)
        self.client = SeoulClient(baseURL: baseURL, key: key, settings: settings, http: http, logger: logger)
        self.logger = logger
        self.status = StatusWriter(folder: outputDirectory)
        self.now = now
        self.progress = progress
    }

    public func shutdown() async {
        try? await http.shutdown()
    }

    /// Every source once, concurrently; the reports in the sources' order.
    public func runOnce() async -> [FeedRunReport] {
        await withTaskGroup(of: (Int, FeedRunReport).self) { group in
            for (i, source) in sources.enumerated() {
                group.addTask { (i, await self.run(source, nextRun: nil)) }
            }
            var reports = [FeedRunReport?](repeating: nil, count: sources.count)
            for await (i, report) in group { reports[i] = report }
            return reports.compactMap { $0 }
        }
    }

    /// Each source on its own interval until the task is cancelled (SIGINT,
    /// SIGTERM). A source's runs never overlap: the next one is scheduled
    /// when the last one ended.
    public func runForever() async {
        await withTaskGroup(of: Void.self) { group in
            for source in sources {
                group.addTask {
                    while !Task.isCancelled {
                        let next = self.now() + source.interval
                        _ = await self.run(source, nextRun: next)
                        let wait = max(0, next - self.now())
                        do { try await Task.sleep(nanoseconds: UInt64(wait * 1e9)) } catch { return }
                    }
                }
            }
        }
    }

    /// One run of one source, never throwing: the outcome is in the report,
    /// the status file and the log.
    public func run(_ source: any FeedSource, nextRun: Double?) async -> FeedRunReport {
        let started = now()
        let context = FeedContext(
            client: client, outputDirectory: outputDirectory, logger: logger, now: now,
            progress: { [progress] text in progress(source.name, text) })
        // Said at once, so a source is on the progress board before its first answer.
        progress(source.name, "starting")
        let report: FeedRunReport
        do {
            let output = try await source.run(context)
            try validate(output)
            for file in output.files {
                try AtomicFile.write(file.bytes, to: context.path(file.name))
            }
            report = FeedRunReport(
                source: source.name, ok: true, detail: output.summary, asOf: output.asOf, seconds: now() - started, warnings: output.warnings)
        } catch let error as FeedError {
            report = FeedRunReport(
                source: source.name, ok: false, detail: client.redact(error.message), errorCode: error.code, seconds: now() - started, warnings: [])
        } catch {
            report = FeedRunReport(source: source.name, ok: false, detail: client.redact(String(describing: error)), seconds: now() - started, warnings: [])
        }
        let finished = now()
        do {
            try await status.update(source.name, at: finished) { entry in
                entry.lastAttempt = Timestamp.iso(finished)
                entry.file = source.snapshotFile
                entry.nextRun = nextRun.map(Timestamp.iso)
                if report.ok {
                    entry.state = "ok"
                    entry.lastSuccess = Timestamp.iso(finished)
                    entry.asOf = report.asOf
                    entry.summary = report.detail
                    entry.warnings = report.warnings.isEmpty ? nil : report.warnings
                    entry.lastError = nil
                    entry.lastErrorCode = nil
                    entry.lastErrorAt = nil
                } else {
                    entry.state = "error"
                    entry.lastError = report.detail
                    entry.lastErrorCode = report.errorCode
                    entry.lastErrorAt = Timestamp.iso(finished)
                }
            }
        } catch {
            logger.critical("cannot write the status file", metadata: ["error": .string(client.redact(error.message))])
        }
        progress(source.name, report.ok ? "ok: \(report.detail)" : "failed: \(report.detail)")
        var metadata: Logger.Metadata = ["source": .string(source.name), "seconds": .string(String(format: "%.2f", report.seconds))]
        if report.ok {
            metadata["asOf"] = .string(report.asOf ?? "")
            for (i, w) in report.warnings.enumerated() { metadata["warning\(i + 1)"] = .string(w) }
            logger.info("\(source.name) ok: \(report.detail)", metadata: metadata)
        } else {
            logger.error("\(source.name) failed, last good file kept: \(report.detail)", metadata: metadata)
        }
        return report
    }

    /// Every snapshot file must be one the wall accepts, else none is written.
    func validate(_ output: FeedOutput) throws(FeedError) {
        for file in output.files {
            guard let kind = file.kind else { continue }
            switch SnapshotParser.parse(kind, data: Data(file.bytes), file: file.name, now: now()) {
            case .success: continue
            case .failure(let problems):
                throw FeedError(.data, "the \(file.name) built does not validate: " + problems.problems.prefix(3).map(\.description).joined(separator: "; "))
            }
        }
    }
}
