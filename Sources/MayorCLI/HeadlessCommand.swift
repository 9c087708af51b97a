import ArgumentParser
import MayorCore
import MayorTerminal

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `mayor headless`: the live wall without a terminal, for monitoring and
/// load tests. It loads, reloads and draws exactly as `mayor` does (frames
/// go nowhere) and prints one line per change:
///
///     <unix time> snapshot <kind> <asOf> <FNV-1a of the file, hex>
///     <unix time> problem <kind> <the problem>
///     <unix time> ok <kind>
struct HeadlessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "headless",
        abstract: "Run the wall with no terminal, printing a line whenever a snapshot or its problems change.",
        discussion:
            "Stops on SIGINT or SIGTERM. Lines: '<unix time> snapshot <kind> <asOf> <hash>', '<unix time> problem <kind> <text>', '<unix time> ok <kind>'."
    )

    @OptionGroup var options: DataOptions
    @OptionGroup var live: LiveOptions
    @Option(help: "The screen to start on (default: the playlist's first).") var screen: String?
    @Option(help: "The size of the frames drawn, WIDTHxHEIGHT.") var size: String = "160x48"

    func run() throws {
        let parts = size.split(separator: "x").compactMap { Int($0) }
        guard parts.count == 2, (1...1000).contains(parts[0]), (1...1000).contains(parts[1]) else {
            throw ValidationError("--size must be WIDTHxHEIGHT, each from 1 to 1000")
        }
        let (set, problems) = ScreenLoader.load(directory: options.screens)
        for p in problems { printError(p.description) }
        if set.screens.isEmpty { throw ValidationError("no usable screens in \(options.screens)") }
        if let screen, set.screens[screen] == nil { throw ValidationError("no screen named \(screen)") }
        // As the wall: only the kinds the screens show.
        let store = try options.store(kinds: set.kindsShown())
        store.computesDigests = true
        let app = DashboardApp(
            store: store, screens: set, mode: .wall,
            options: .init(language: try options.language(), theme: .monochrome, refreshSeconds: live.refresh, startScreen: screen, notice: nil),
            clock: wallClockNow)
        let reporter = ChangeReporter(store: store)
        reporter.report()
        let backend = HeadlessBackend(size: Size(width: parts[0], height: parts[1])) { reporter.report() }
        let reason = LiveLoop.run(app: app, backend: backend)
        if case .signal(let signal) = reason { printError("mayor headless: stopped by \(LiveLoop.signalName(signal))") }
    }
}

/// Prints what changed in the store since the last call, one line each.
final class ChangeReporter {
    let store: DataStore
    var digests: [SnapshotKind: UInt64] = [:]
    var problems: [SnapshotKind: [Problem]] = [:]

    init(store: DataStore) { self.store = store }

    func report() {
        let now = wallClockNow()
        let stamp = format3(now)
        var lines: [String] = []
        for kind in store.kinds {
            let state = store.state(kind)
            if let snapshot = state.snapshot, digests[kind] != snapshot.digest {
                digests[kind] = snapshot.digest
                let hex = String(snapshot.digest, radix: 16)
                lines.append("\(stamp) snapshot \(kind.rawValue) \(snapshot.envelope.asOf.value) \(String(repeating: "0", count: 16 - hex.count) + hex)")
            }
            if problems[kind, default: []] != state.problems {
                problems[kind] = state.problems
                if let first = state.problems.first {
                    lines.append("\(stamp) problem \(kind.rawValue) \(first.description)")
                } else {
                    lines.append("\(stamp) ok \(kind.rawValue)")
                }
            }
        }
        guard !lines.isEmpty else { return }
        let text = lines.joined(separator: "\n") + "\n"
        // One write per report, unbuffered: a reader sees each line when it happens.
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let n = bytes.withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return }
            bytes = bytes.dropFirst(n)
        }
    }

    /// Seconds with three decimals.
    func format3(_ t: Double) -> String {
        let millis = Int((t * 1000).rounded())
        let frac = String(millis % 1000)
        return "\(millis / 1000).\(String(repeating: "0", count: 3 - frac.count))\(frac)"
    }
}
