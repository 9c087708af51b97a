import ArgumentParser
import Dispatch
import Logging
import MayorCore
import MayorFeeds

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `mayor fetch`: keeps the snapshots current from Seoul's open data. The
/// root command of `mayor-fetch`; `mayor fetch ARGS` execs it with ARGS.
struct FetchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mayor fetch",
        abstract: "Fetch live data from the Seoul Open API into the snapshot files.",
        discussion: """
            The key comes from the SEOUL_API_KEY environment variable or --key-file, never from an argument. \
            Without --once, each source runs on its own interval until SIGINT or SIGTERM. With --once every source runs once; \
            the exit status is 0 when all succeeded, 1 when some failed (their last good snapshots are kept as they were), \
            2 on a configuration error. The outcome of each source is recorded in feeds-status.json beside the snapshots. \
            This is the publisher's own executable, mayor-fetch, installed beside mayor: `mayor fetch ARGS` runs it with \
            the same arguments, so the wall's binary links no HTTP stack.
            """
    )

    @Flag(help: "Run every configured source once, print a summary and exit.") var once = false
    @Option(help: "The feeds config.") var config: String = FeedsConfig.defaultPath
    @Option(help: "The folder to write snapshots to (default: the config's output, else its folder).") var out: String?
    @Option(name: .customLong("base-url"), help: "The API's address.") var baseURL: String =
        SeoulClient.defaultBaseURL
    @Option(name: .customLong("key-file"), help: "A file holding the API key (instead of SEOUL_API_KEY).") var keyFile: String?
    @Option(
        help: ArgumentHelp(
            "Fill the road-traffic history: ask for the hours of the DAYS days before today not fetched yet (0 to 366; overrides backfillDays in the config).",
            valueName: "DAYS")) var backfill: Int?

    func run() throws {
        let setup: (FeedsConfig, String, String)
        do {
            setup = try prepare()
        } catch let error as SetupError {
            printError("mayor fetch: \(error.message)")
            throw ExitCode(2)
        }
        let (config, key, folder) = setup
        let sources = config.sources.compactMap { FeedSources.make($0, backfillDays: backfill) }
        let terminal = isatty(2) == 1
        let progress = terminal ? ProgressBoard(width: Self.terminalColumns, write: Self.writeToStandardError) : nil
        // On a terminal the progress board says how each source went (its
        // failures included); only a critical message (the status file cannot
        // be written) is logged there, above the board. Otherwise one line
        // per run, for the journal.
        var logger = Logger(label: "mayor.fetch") { label in
            if let progress { return BoardLogHandler(board: progress) }
            return StreamLogHandler.standardError(label: label)
        }
        logger.logLevel = terminal ? .critical : .info
        let runner = FeedRunner(
            sources: sources, settings: config.requests, key: key, baseURL: baseURL, outputDirectory: folder, logger: logger,
            progress: { source, text in progress?.show(source, text) })
        if once {
            let reports = blockOn { () async -> [FeedRunReport] in
                let reports = await runner.runOnce()
                await runner.shutdown()
                return reports
            }
            progress?.finish()
            print(Self.summary(reports), terminator: "")
            if reports.contains(where: { !$0.ok }) { throw ExitCode(1) }
            return
        }
        let task = Task {
            await runner.runForever()
            await runner.shutdown()
        }
        let signals = [SIGINT, SIGTERM].map { number -> any DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { task.cancel() }
            source.resume()
            return source
        }
        blockOn { await task.value }
        signals.forEach { $0.cancel() }
        progress?.finish()
    }

    /// The columns of the terminal on standard error (80 when it cannot say).
    @Sendable static func terminalColumns() -> Int {
        var size = winsize()
        guard ioctl(2, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }

    @Sendable static func writeToStandardError(_ text: String) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let n = bytes.withUnsafeBytes { Glibc.write(2, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return }
            bytes = bytes.dropFirst(n)
        }
    }

    struct SetupError: Error {
        let message: String
    }

    /// The config, the key and the output folder, or a configuration error.
    func prepare() throws -> (FeedsConfig, String, String) {
        let config: FeedsConfig
        switch FeedsConfig.load(self.config) {
        case .success(let c): config = c
        case .failure(let list): throw SetupError(message: "\(self.config) is not valid:\n" + list.problems.map(\.description).joined(separator: "\n"))
        }
        guard baseURL.hasPrefix("http://") || baseURL.hasPrefix("https://"), !baseURL.contains(where: { $0.isWhitespace }) else {
            throw SetupError(message: "--base-url must be an http:// or https:// address")
        }
        if let backfill {
            guard (0...366).contains(backfill) else { throw SetupError(message: "--backfill \(backfill) is out of range (0 to 366 days)") }
            guard config.sources.contains(where: { $0.name == "traffic" }) else {
                throw SetupError(message: "--backfill fills the traffic source's history, and \(self.config) configures no traffic source")
            }
        }
        let key = try readKey()
        let folder = out ?? config.outputDirectory
        guard FileProbe.isDirectory(folder) else { throw SetupError(message: "the output folder \(folder) does not exist or is not a folder") }
        return (config, key, folder)
    }

    /// SEOUL_API_KEY, else the first line of --key-file; checked for shape
    /// (never echoed: a message about the key does not show it).
    func readKey() throws -> String {
        var key: String
        if let keyFile {
            switch FileProbe.read(keyFile, limit: 4096) {
            case .failure(let error): throw SetupError(message: "--key-file \(keyFile) \(error.message)")
            case .success(let data): key = String(decoding: data, as: UTF8.self)
            }
        } else if let value = environmentVariables()["SEOUL_API_KEY"] {
            key = value
        } else {
            throw SetupError(message: "no API key: set SEOUL_API_KEY or give --key-file FILE (a key is free at data.seoul.go.kr)")
        }
        key = key.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !key.isEmpty else { throw SetupError(message: "the API key is empty") }
        guard key.count <= 200, key.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0.value < 0x7F && $0 != "/" }) else {
            throw SetupError(message: "the API key must be one word of printable ASCII without '/'")
        }
        return key
    }

    /// The table `--once` ends with.
    static func summary(_ reports: [FeedRunReport]) -> String {
        let header = ["source", "result", "as of", "seconds", "detail"]
        let rows = reports.map { r in
            [r.source, r.ok ? "ok" : "FAILED", r.asOf ?? "-", String(format: "%.1f", r.seconds), Sanitizer.clean(r.detail)]
        }
        let all = [header] + rows
        var widths = [Int](repeating: 0, count: header.count)
        for row in all { for (i, cell) in row.enumerated() where i < header.count - 1 { widths[i] = max(widths[i], DisplayWidth.of(cell)) } }
        var out = ""
        for row in all {
            var line = ""
            for (i, cell) in row.enumerated() {
                line += cell
                if i < row.count - 1 { line += String(repeating: " ", count: widths[i] - DisplayWidth.of(cell) + 2) }
            }
            out += line + "\n"
        }
        let failed = reports.filter { !$0.ok }.count
        out += failed == 0 ? "all \(reports.count) sources ok\n" : "\(failed) of \(reports.count) sources failed; their last good files are kept\n"
        return out
    }
}

/// Log lines on a terminal, written above the progress board so the two never mix.
struct BoardLogHandler: LogHandler {
    let board: ProgressBoard
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var all = metadata
        for (k, v) in event.metadata ?? [:] { all[k] = v }
        let details = all.isEmpty ? "" : " " + all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        board.log("\(event.level):\(details) \(event.message)")
    }
}

/// Runs async work to its end from synchronous code (the command's `run`):
/// the work runs on the concurrency pool while this thread waits.
func blockOn<T: Sendable>(_ work: @escaping @Sendable () async -> T) -> T {
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    Task {
        box.value = await work()
        done.signal()
    }
    done.wait()
    return box.value!
}

final class ResultBox<T: Sendable>: @unchecked Sendable {
    // Written once by the task before the semaphore is signalled, read after the wait.
    var value: T?
}
