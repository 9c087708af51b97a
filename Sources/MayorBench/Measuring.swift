import FoundationEssentials
import MayorCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// MARK: - Measuring

struct Stats {
    /// Seconds, sorted.
    let values: [Double]
    init(_ values: [Double]) { self.values = values.sorted() }
    var count: Int { values.count }
    var median: Double { medianOf(values) }
    var p95: Double { values.isEmpty ? 0 : values[Swift.min(values.count - 1, Int((Double(values.count) * 0.95).rounded(.down)))] }
    var min: Double { values.first ?? 0 }
    var max: Double { values.last ?? 0 }
}

func medianOf(_ sorted: [Double]) -> Double {
    guard !sorted.isEmpty else { return 0 }
    let mid = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/// What the live loop does for a frame at 160x48: a new buffer, the render,
/// the cells changed since `previous` (which becomes this frame).
func liveFrame(_ app: DashboardApp, after previous: inout Buffer) -> [Buffer.Change] {
    var buffer = Buffer(width: 160, height: 48)
    app.render(into: &buffer)
    let changes = buffer.changes(since: previous)
    previous = buffer
    return changes
}

/// Runs `body` after `warmup` runs until it ran at least `minIterations`
/// times and for `minSeconds` (at most `maxSeconds`); each run timed alone.
func measure(minIterations: Int, minSeconds: Double, maxSeconds: Double = 5, enoughAfterMax: Int = 3, warmup: Int = 3, _ body: () -> Void) -> Stats {
    for _ in 0..<warmup { body() }
    var samples: [Double] = []
    let start = monotonicSeconds()
    while true {
        let t0 = monotonicSeconds()
        body()
        let t1 = monotonicSeconds()
        samples.append(t1 - t0)
        let elapsed = t1 - start
        if (samples.count >= minIterations && elapsed >= minSeconds) || (elapsed >= maxSeconds && samples.count >= enoughAfterMax) { break }
    }
    return Stats(samples)
}

/// CLOCK_MONOTONIC in seconds.
func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

func sleepMilliseconds(_ ms: Int) {
    var request = timespec(tv_sec: ms / 1000, tv_nsec: (ms % 1000) * 1_000_000)
    var remaining = timespec()
    while nanosleep(&request, &remaining) != 0 && errno == EINTR { request = remaining }
}

/// A clock the benchmark moves by hand (used from one thread only).
final class BenchClock: @unchecked Sendable {
    var now: Double
    init(_ now: Double) { self.now = now }
}

func ms(_ seconds: Double) -> String {
    let v = seconds * 1000
    return v >= 100 ? format(v, 0) + " ms" : v >= 1 ? format(v, 2) + " ms" : format(v, 3) + " ms"
}

func mb(_ bytes: Int) -> Double { Double(bytes) / 1_048_576 }

func kb(_ bytes: Int) -> String {
    bytes >= 1_048_576 ? format(mb(bytes), 1) + " MiB" : format(Double(bytes) / 1024, 1) + " KiB"
}

/// A fixed-point decimal without Foundation.
func format(_ value: Double, _ places: Int) -> String {
    NumberFormat.decimal(value, places: places).replacing(",", with: "")
}
