/// When to try a failing source again: exponential backoff with jitter.
///
/// After the first failure the next try comes one `base` later; each further
/// failure doubles the wait, up to `cap`. Every wait is scaled by a random
/// factor from 0.5 to 1.5, so walls that lost their server together do not
/// come back to it in one burst. A success starts over.
public struct RetrySchedule: Sendable, Hashable {
    public var base: Double
    public var cap: Double
    /// Failures in a row.
    public private(set) var failures = 0
    /// No try before this instant (seconds since the epoch); nil: any time.
    public private(set) var notBefore: Double?

    public init(base: Double, cap: Double) {
        self.base = max(0.1, base)
        self.cap = max(self.base, cap)
    }

    /// The wait after `failures` failures in a row, before jitter.
    public func wait(after failures: Int) -> Double {
        guard failures > 0 else { return 0 }
        let doublings = min(failures - 1, 30)
        return min(cap, base * Double(1 << doublings))
    }

    public func isDue(_ now: Double) -> Bool { notBefore.map { now >= $0 } ?? true }

    /// Records a failure at `now`; `random` gives a number in 0..<1.
    public mutating func failed(at now: Double, random: Double) {
        failures += 1
        let jitter = 0.5 + min(max(random, 0), 1)
        notBefore = now + wait(after: failures) * jitter
    }

    public mutating func succeeded() {
        failures = 0
        notBefore = nil
    }
}
