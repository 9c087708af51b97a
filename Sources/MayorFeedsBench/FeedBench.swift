import FoundationEssentials
import MayorBench
import MayorCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What `mayor-fetch bench` measures (issue 13's `mayor bench` rows).
public struct FeedBenchOptions: Sendable {
    public enum Section: String, CaseIterable, Sendable {
        case wifi, hotspots
    }

    public var sections = Set(Section.allCases)
    /// The `mayor-fetch` to run as the child (its own binary, /proc/self/exe).
    public var publisher: String
    /// The folder whose wifi.json seeds the output folder (its usage series are carried over, as in a real run).
    public var data = "Data"
    /// Folder for the work (nil: a new folder under /tmp, removed afterwards unless `keep`).
    public var work: String?
    public var keep = false
    /// Rows of the Wi-Fi inventory (issue 13: 25,000, 25 pages of 1,000).
    public var wifiRows = 25_000
    /// Hotspots of the live-city source (issue 13: 120), one request each.
    public var hotspots = 120
    /// How long the fake server waits before each citydata answer, so the
    /// requests really overlap (seconds).
    public var hotspotDelay = 0.1
    /// Road links in each citydata answer (320: about the reference's 234 KB).
    public var roadLinks = 320

    public init(publisher: String) { self.publisher = publisher }
}

/// The publisher's benchmarks: a fake Seoul API on 127.0.0.1 in this process
/// (`BenchSeoulServer`), a feeds.yaml in a temporary folder, and
/// `mayor-fetch --once` against them as a child process, so the figures are
/// the child's own: wall time from spawn to exit, peak resident memory
/// (`ru_maxrss` of that child from wait4), and what the server saw.
public enum FeedBench {
    /// The key the child is given (in a key file, never an argument).
    static let key = "BENCHKEY-00000000"

    /// The requests settings of the bench's feeds.yaml: the defaults, which
    /// are also `Data/feeds.yaml`'s (`FeedsConfigTests` holds them equal), so
    /// the rows measure what a publisher runs, rate limit included.
    static var requests: String {
        let r = FeedsConfig.Requests()
        func number(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(x) }
        return """
            requests:
              connectTimeout: \(number(r.connectTimeout))
              requestTimeout: \(number(r.requestTimeout))
              retries: \(r.retries)
              backoff: \(number(r.backoff))
              maxInFlight: \(r.maxInFlight)
              perHostPerSecond: \(number(r.perHostPerSecond))
            """
    }

    public static func run(_ options: FeedBenchOptions) throws -> (notes: [String], rows: [BenchRow]) {
        let dir = options.work ?? makeTemporaryFolder()
        if options.work != nil { _ = mkdir(dir, 0o755) }
        defer { if !options.keep && options.work == nil { removeFolder(dir) } }
        var notes = [
            "mayor-fetch bench: \(options.publisher) --once as a child against a fake Seoul API on 127.0.0.1 (SwiftNIO, in this process); work in \(dir)"
                + (options.keep || options.work != nil ? "" : " (removed afterwards)"),
            "machine: \(machineDescription()); load average \(loadAverage())"
        ]
        var rows: [BenchRow] = []
        if options.sections.contains(.wifi) {
            let result = try wifi(options, work: dir)
            rows.append(result.row)
            notes.append(result.note)
        }
        if options.sections.contains(.hotspots) {
            let result = try hotspots(options, work: dir)
            rows.append(result.row)
            notes.append(result.note)
        }
        return (notes, rows)
    }

    /// What one child run gave.
    struct ChildRun {
        var status: Int32
        var output: String
        var seconds: Double
        var peakBytes: Int
        /// This process's own VmHWM just before the spawn: ru_maxrss is at
        /// least it (exec records the replaced address space's peak, and
        /// posix_spawn's child runs in this one until its exec), so the figure
        /// is the child's own only when it is above this.
        var spawnerPeakBytes: Int
        var counts: BenchSeoulServer.Counts
    }

    /// `mayor-fetch --once` against `server` with `config`, writing into `out`.
    static func fetchOnce(_ options: FeedBenchOptions, server: BenchSeoulServer, config: String, out: String, keyFile: String) throws -> ChildRun {
        let spawner = statusKilobytes("VmHWM") * 1024
        let started = monotonic()
        let child = try ChildProcess.run([
            options.publisher, "--once", "--config", config, "--out", out, "--base-url", server.baseURL, "--key-file", keyFile
        ])
        let seconds = monotonic() - started
        let counts = server.counts
        return ChildRun(
            status: child.status, output: child.output, seconds: seconds, peakBytes: child.peakBytes, spawnerPeakBytes: spawner, counts: counts)
    }

    // MARK: Wi-Fi

    /// The Wi-Fi inventory: `wifiRows` rows in pages of 1,000; target ≤ 2 s and ≤ 60 MB peak.
    static func wifi(_ options: FeedBenchOptions, work: String) throws -> (row: BenchRow, note: String) {
        let folder = work + "/wifi"
        _ = mkdir(folder, 0o755)
        if case .success(let seed) = FileProbe.read(options.data + "/wifi.json", limit: 1 << 26) {
            try write(folder + "/wifi.json", Array(seed))
        }
        // Every page written before the run (the server answers from files, so
        // the time is the fetcher's and this process stays small while it spawns).
        let pages = WifiPages(total: options.wifiRows)
        let pagesFolder = work + "/wifi-pages"
        _ = mkdir(pagesFolder, 0o755)
        for page in 0..<pages.pages {
            let start = page * pages.pageSize + 1
            try write(pagesFolder + "/\(start)-\(start + pages.pageSize - 1).json", Array(pages.page(start: start, end: start + pages.pageSize - 1).utf8))
        }
        let config = folder + "/feeds.yaml"
        try write(config, Array((requests + "\nsources:\n  wifi:\n    interval: 1d\n    pageSize: \(pages.pageSize)\n").utf8))
        let keyFile = work + "/key.txt"
        try write(keyFile, Array((key + "\n").utf8))

        let server = try BenchSeoulServer.start { segments in
            guard let (start, end) = WifiPages.range(segments) else { return Array(WifiPages.missingService.utf8) }
            if case .success(let data) = FileProbe.read(pagesFolder + "/\(start)-\(end).json", limit: 1 << 26) { return Array(data) }
            return Array(pages.page(start: start, end: end).utf8)
        }
        let run: ChildRun
        do {
            defer { server.stop() }
            run = try fetchOnce(options, server: server, config: config, out: folder, keyFile: keyFile)
        }
        let apTotal = wifiTotal(folder + "/wifi.json")
        let expected = options.wifiRows
        let correct = run.status == 0 && apTotal == expected && run.counts.requests == pages.pages && run.counts.keys == [key]
        let ownPeak = run.peakBytes > run.spawnerPeakBytes
        let peakText = format(mib(run.peakBytes), 1) + " MB peak" + (ownPeak ? "" : " (at most)")
        let value = format(run.seconds, 2) + " s, " + peakText
        var detail =
            "wifi.json apTotal \(apTotal.map(grouped) ?? "unreadable") of \(grouped(expected)) rows served, \(run.counts.requests) requests "
            + "(\(format(mib(run.counts.bodyBytes), 1)) MB), at most \(run.counts.peakInFlight) at once, exit \(run.status)"
        if !correct { detail += "; WRONG: " + Sanitizer.clean(String(run.output.suffix(200))) }
        let met = correct && run.seconds <= 2 && run.peakBytes <= 60 << 20
        let note =
            "wifi: peak is the child's ru_maxrss (wait4); this process's VmHWM at the spawn was \(format(mib(run.spawnerPeakBytes), 1)) MB"
            + (ownPeak ? ", below it, so the figure is the child's own" : ", not below it: the figure is an upper bound")
        return (
            BenchRow(
                section: "feeds", name: "\(grouped(expected)) Wi-Fi rows from the fake server: mayor-fetch --once, wall time and peak resident",
                value: value, detail: detail, target: "<= 2 s, <= 60 MB", met: met),
            note
        )
    }

    // MARK: Live city

    /// The live-city source: `hotspots` requests, each answered after
    /// `hotspotDelay`; target ≤ 5 s with ≤ 8 requests at once.
    static func hotspots(_ options: FeedBenchOptions, work: String) throws -> (row: BenchRow, note: String) {
        let folder = work + "/citydata"
        _ = mkdir(folder, 0o755)
        if case .success(let seed) = FileProbe.read(options.data + "/citydata.json", limit: 1 << 26) {
            try write(folder + "/citydata.json", Array(seed))
        }
        let codes = CityAnswers.codes(options.hotspots)
        let answers = CityAnswers(links: options.roadLinks)
        let answersFolder = work + "/citydata-answers"
        _ = mkdir(answersFolder, 0o755)
        var answerBytes = 0
        for code in codes {
            let answer = Array(answers.answer(for: code).utf8)
            answerBytes += answer.count
            try write(answersFolder + "/" + code + ".json", answer)
        }
        let config = folder + "/feeds.yaml"
        let list = codes.map { "      - " + $0 }.joined(separator: "\n")
        try write(config, Array((requests + "\nsources:\n  citydata:\n    interval: 5m\n    hotspots:\n" + list + "\n").utf8))
        let keyFile = work + "/key.txt"
        try write(keyFile, Array((key + "\n").utf8))

        let server = try BenchSeoulServer.start(delay: options.hotspotDelay) { segments in
            guard let code = CityAnswers.hotspot(segments), code.hasPrefix("POI"), code.count == 6,
                case .success(let data) = FileProbe.read(answersFolder + "/" + code + ".json", limit: 1 << 26)
            else { return Array(answers.answer(for: "none").utf8) }
            return Array(data)
        }
        let run: ChildRun
        do {
            defer { server.stop() }
            run = try fetchOnce(options, server: server, config: config, out: folder, keyFile: keyFile)
        }
        let written = hotspotCount(folder + "/citydata.json")
        let expected = codes.count
        let correct = run.status == 0 && written == expected && run.counts.requests == expected && run.counts.keys == [key]
        let peak = run.counts.peakInFlight
        let ownPeak = run.peakBytes > run.spawnerPeakBytes
        let value = format(run.seconds, 2) + " s, \(peak) at once"
        var detail =
            "citydata.json \(written.map(String.init) ?? "unreadable") of \(expected) hotspots, \(run.counts.requests) requests "
            + "(\(format(mib(answerBytes) / Double(max(expected, 1)) * 1024, 0)) KB each, \(ms(options.hotspotDelay)) before each answer), "
            + "peak \(format(mib(run.peakBytes), 1)) MB\(ownPeak ? "" : " (at most)"), exit \(run.status)"
        if !correct { detail += "; WRONG: " + Sanitizer.clean(String(run.output.suffix(200))) }
        let met = correct && run.seconds <= 5 && peak <= 8
        let note =
            "hotspots: at most 8 requests at once (maxInFlight 8) at \(ms(options.hotspotDelay)) each is at least "
            + "\(format(Double((expected + 7) / 8) * options.hotspotDelay, 1)) s for \(expected); the server counts a request from its end to its answer's last byte"
        return (
            BenchRow(
                section: "feeds", name: "\(expected) hotspots from the fake server: mayor-fetch --once, wall time and requests at once",
                value: value, detail: detail, target: "<= 5 s, <= 8 at once", met: met),
            note
        )
    }

    /// The number of hotspots in a written citydata.json, nil when it cannot be read.
    static func hotspotCount(_ path: String) -> Int? {
        struct Empty: Decodable {}
        struct Head: Decodable { var hotspots: [Empty] }
        guard case .success(let data) = FileProbe.read(path, limit: 1 << 26) else { return nil }
        return try? JSONDecoder().decode(Head.self, from: data).hotspots.count
    }

    static func ms(_ seconds: Double) -> String { format(seconds * 1000, 0) + " ms" }

    /// `apTotal` of a written wifi.json, nil when it cannot be read.
    static func wifiTotal(_ path: String) -> Int? {
        struct Head: Decodable { var apTotal: Int }
        guard case .success(let data) = FileProbe.read(path, limit: 1 << 26) else { return nil }
        return try? JSONDecoder().decode(Head.self, from: data).apTotal
    }

    // MARK: Helpers

    static func write(_ path: String, _ bytes: [UInt8]) throws {
        if case .failure(let error) = FileProbe.writeAtomically(path, bytes) { throw BenchError("\(path) \(error.message)") }
    }

    static func monotonic() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    static func statusKilobytes(_ field: String) -> Int {
        readStatus(field).flatMap { Int($0.split(separator: " ").first ?? "") } ?? 0
    }

    static func loadAverage() -> String {
        guard case .success(let data) = FileProbe.read("/proc/loadavg", limit: 4096) else { return "?" }
        return String(decoding: data, as: UTF8.self).split(separator: " ").prefix(3).joined(separator: " ")
    }

    static func mib(_ bytes: Int) -> Double { Double(bytes) / 1_048_576 }

    static func format(_ value: Double, _ places: Int) -> String {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = Int((value * scale).rounded())
        let whole = scaled / Int(scale)
        let fraction = String(abs(scaled) % Int(scale))
        return places == 0 ? "\(whole)" : "\(whole).\(String(repeating: "0", count: places - fraction.count))\(fraction)"
    }

    static func grouped(_ value: Int) -> String { NumberFormat.grouped(value) }
}
