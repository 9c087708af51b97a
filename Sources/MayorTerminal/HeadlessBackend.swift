import MayorCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A backend with no terminal, for a headless wall (`mayor headless`): the
/// live loop runs as on a screen (the same reloads, timers and frames), but
/// frames go nowhere. It sleeps until the app's next deadline, wakes on a
/// quit signal, and calls `onWake` each time the loop has handled an event
/// and drawn what changed (whether or not the screen shows the change).
public final class HeadlessBackend: TerminalBackend {
    public let size: Size
    let onWake: () -> Void

    /// Installs the quit-signal flags (SIGINT, SIGTERM, SIGHUP, SIGQUIT).
    public init(size: Size = Size(width: 160, height: 48), onWake: @escaping () -> Void) {
        self.size = size
        self.onWake = onWake
        _ = Signals.install()
    }

    deinit { Signals.restore() }

    public var stopReason: LiveLoop.ExitReason? { Signals.pending.map { .signal($0) } }

    public func clear() {}
    public func draw(_ changes: [Buffer.Change]) {}
    public func flush(cursor: CellPosition) {}
    public func drawTick(_ span: TickSpan) -> Bool { true }

    /// Sleeps until the deadline; a signal ends the sleep early.
    public func nextEvent(timeoutMilliseconds: Int?) -> BackendEvent {
        onWake()
        if let signal = Signals.pending { return .stop(.signal(signal)) }
        var left = max(0, timeoutMilliseconds ?? 1000)
        repeat {
            let slice = timeoutMilliseconds == nil ? 1000 : min(left, 1000)
            var request = timespec(tv_sec: slice / 1000, tv_nsec: (slice % 1000) * 1_000_000)
            var remaining = timespec()
            if nanosleep(&request, &remaining) != 0, let signal = Signals.pending { return .stop(.signal(signal)) }
            if let signal = Signals.pending { return .stop(.signal(signal)) }
            left -= slice
        } while timeoutMilliseconds == nil || left > 0
        return .timeout
    }
}
