import Synchronization
import Testing

@testable import MayorCore

#if canImport(Glibc)
    import Glibc
#endif

/// A clock the soak test moves by hand; read by the loader threads too.
final class SoakClock: Sendable {
    private let value: Mutex<Double>
    init(_ now: Double) { value = Mutex(now) }
    var now: Double { value.withLock { $0 } }
    func advance(_ seconds: Double) { value.withLock { $0 += seconds } }
}

/// A simulated month on the wall, unattended: the clock runs 30 days in
/// 100,000 ticks (25.92 s each, so every tick is also a refresh look at the
/// data folder), pledges.json is rewritten atomically 1,000 times (good and
/// broken in turn), the wall rotates through its screens, and frames are
/// rendered and diffed. Memory must stay flat, and the last good data and the
/// current problem must be the right ones at the end.
///
/// The run happens in a child process (a Swift Testing exit test), so its
/// resident memory is its own: the other tests run in parallel in the test
/// process and would otherwise move its RSS by tens of megabytes.
@Suite struct SoakTests {
    @Test(.timeLimit(.minutes(5)))
    func thirtyDaysUnattendedKeepsMemoryFlat() async {
        // The child prints a summary and one line per failed check; it exits
        // normally either way, so the checks are reported here with their text.
        let result = await #expect(processExitsWith: .success, observing: [\.standardOutputContent]) {
            for failure in SoakRun.run() { print("soak failure: \(failure)") }
        }
        let output = result.map { String(decoding: $0.standardOutputContent, as: UTF8.self) } ?? ""
        print(output, terminator: "")
        let lines = output.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("soak: ") }, "the soak run printed no summary")
        for line in lines where line.hasPrefix("soak failure: ") {
            Issue.record(Comment(rawValue: String(line.dropFirst("soak failure: ".count))))
        }
    }
}

/// The soak itself; returns what went wrong (empty when all is well).
enum SoakRun {
    static let ticks = 100_000
    static let rewrites = 1_000
    static let simulatedSeconds = 30.0 * 86_400
    /// Allowed growth of resident memory between the end of the warm-up and the end.
    static let slackKiB = 8 * 1024
    /// Every tick is handled (collect, refresh look at every file, rotation);
    /// a frame is drawn whenever the data changed and on every
    /// `clockFrameEvery`-th clock tick. Drawing all 100,000 clock frames would
    /// take about 25 minutes in a debug build (about 15 ms of CPU a frame),
    /// far over the 2-minute budget.
    static let clockFrameEvery = 100

    /// Resident memory of this process in KiB (VmRSS, from /proc/self/statm).
    static func residentKiB() -> Int {
        guard case .success(let data) = FileProbe.read("/proc/self/statm", limit: 4096) else { return 0 }
        let fields = String(decoding: data, as: UTF8.self).split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE))) / 1024
    }

    static func seconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    static func run() -> [String] {
        var failures: [String] = []
        func check(_ ok: Bool, _ message: @autoclosure () -> String) {
            if !ok { failures.append(message()) }
        }

        let dir = makeTempDirectory()
        defer { removeTree(dir) }
        for kind in SnapshotKind.allCases {
            writeFile(dir + "/" + kind.fileName, String(decoding: readBundled(kind), as: UTF8.self))
        }
        let pledgesPath = dir + "/pledges.json"
        let full = String(decoding: readBundled(.pledges), as: UTF8.self)
        guard full.contains("\"actual\": 41.6") else { return ["the bundled pledges.json changed: update the soak test"] }
        let broken = String(full.prefix(900))  // a half-written file

        let (set, screenProblems) = ScreenLoader.load(directory: bundledScreens)
        guard screenProblems.isEmpty else { return ["screen problems: \(screenProblems)"] }
        let clock = SoakClock(testNow)
        let step = simulatedSeconds / Double(ticks)
        let app = DashboardApp(
            store: DataStore(directory: dir), screens: set,
            options: .init(language: .ko, theme: .color, refreshSeconds: 25),
            clock: { clock.now })
        let store = app.store
        var previous = Buffer(width: 160, height: 48)
        app.render(into: &previous)

        let rewriteEvery = ticks / rewrites
        let warmUpTicks = ticks / 20
        var rewritesDone = 0
        var goodLoads = 0
        var failedLoads = 0
        var frames = 0
        var changedCells = 0
        var skippedFrames = 0
        var renderedGeneration = store.generation
        var lastGoodActual = 41.6
        var lastLoadedAt = store.state(.pledges).loadedAt
        var lastProblems = store.state(.pledges).problems
        var screensSeen = Set<String>()
        var warmRSS = 0
        var peakRSS = 0
        var samples: [(tick: Int, kib: Int)] = []
        let started = seconds()

        for tick in 1...ticks {
            clock.advance(step)
            if tick % rewriteEvery == rewriteEvery / 2 {
                // Alternately a good file with a new figure and a broken one.
                if rewritesDone % 2 == 0 {
                    lastGoodActual = Double(42 + rewritesDone / 2 % 50) + 0.5  // exact in binary
                    writeFile(pledgesPath, full.replacing("\"actual\": 41.6", with: "\"actual\": \(lastGoodActual)", maxReplacements: 1))
                } else {
                    writeFile(pledgesPath, broken)
                }
                rewritesDone += 1
            }
            _ = app.handle(.tick)
            if !store.loading.isEmpty {
                // Let the loader finish (not collect): the next tick takes the result in.
                store.workers.sync(flags: .barrier) {}
            }
            let state = store.state(.pledges)
            if state.loadedAt != lastLoadedAt {
                goodLoads += 1
                lastLoadedAt = state.loadedAt
            }
            if state.problems != lastProblems {
                if !state.problems.isEmpty { failedLoads += 1 }
                lastProblems = state.problems
            }
            if app.needsRender && tick % clockFrameEvery != 0 && store.generation == renderedGeneration {
                skippedFrames += 1
            } else if app.needsRender {
                renderedGeneration = store.generation
                var buffer = Buffer(width: 160, height: 48)
                app.render(into: &buffer)
                changedCells += buffer.changes(since: previous).count
                previous = buffer
                frames += 1
            }
            if let id = app.currentScreen?.id { screensSeen.insert(id) }
            if tick % 1_000 == 0 {
                let rss = residentKiB()
                samples.append((tick, rss))
                if tick == warmUpTicks { warmRSS = rss }
                if tick > warmUpTicks { peakRSS = max(peakRSS, rss) }
            }
        }
        store.workers.sync(flags: .barrier) {}
        _ = app.handle(.tick)
        let elapsed = seconds() - started
        let endRSS = residentKiB()

        let trace = samples.filter { $0.tick % 10_000 == 0 }.map { "\($0.tick / 1000)k:\($0.kib)" }.joined(separator: " ")
        print(
            "soak: \(ticks) ticks (\(Int(simulatedSeconds / 86_400)) simulated days), \(rewritesDone) rewrites, \(goodLoads) good loads, \(failedLoads) failed loads, \(frames) frames drawn (\(skippedFrames) clock-only frames skipped), \(changedCells) changed cells, screens \(screensSeen.sorted()), \(Int(elapsed)) s; RSS after warm-up \(warmRSS) KiB, peak \(peakRSS) KiB, end \(endRSS) KiB (\(endRSS - warmRSS >= 0 ? "+" : "")\(endRSS - warmRSS) KiB); KiB by tick: \(trace)"
        )

        check(rewritesDone == rewrites, "rewrites: \(rewritesDone)")
        check(goodLoads == rewrites / 2, "good loads: \(goodLoads), expected \(rewrites / 2)")
        check(failedLoads == rewrites / 2, "failed loads: \(failedLoads), expected \(rewrites / 2)")
        check(frames + skippedFrames >= ticks, "the header clock should ask for a frame every tick: \(frames) + \(skippedFrames)")
        check(frames >= ticks / clockFrameEvery + rewrites, "frames drawn: \(frames)")
        check(screensSeen == Set(app.order), "screens seen: \(screensSeen.sorted()), rotation: \(app.order)")

        // Flat memory: no growth beyond the slack after the warm-up.
        check(warmRSS > 0, "no RSS reading")
        check(endRSS - warmRSS < slackKiB, "resident memory grew from \(warmRSS) KiB to \(endRSS) KiB")
        check(peakRSS - warmRSS < slackKiB, "resident memory peaked at \(peakRSS) KiB after \(warmRSS) KiB")

        // The last rewrite was broken: the last good figures stay, the problem names the file.
        let state = store.state(.pledges)
        let actual = state.snapshot?.pledges?.districts.first?.programs.first?.indicators[1].actual
        check(actual == lastGoodActual, "last good figure: \(String(describing: actual)), expected \(lastGoodActual)")
        check(
            state.problems.count == 1 && state.problems.first?.file.hasSuffix("pledges.json") == true,
            "pledges problems: \(state.problems)")
        check(
            store.freshness(.pledges, now: clock.now) == .failing(since: lastLoadedAt),
            "pledges freshness: \(store.freshness(.pledges, now: clock.now))")
        for kind in SnapshotKind.allCases where kind != .pledges {
            check(store.state(kind).problems.isEmpty, "\(kind): \(store.state(kind).problems)")
            check(store.snapshot(kind) != nil, "\(kind): no data")
        }
        check(store.loading.isEmpty, "still loading: \(store.loading)")
        return failures
    }
}
