#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Drives a `LiveApplication` on a `TerminalBackend`: render when something
/// changed, send only the cells that changed, then block for input until the
/// app's next deadline. It never spins and never redraws on a clock: idle
/// costs one wake per deadline. Pure: the ncurses backend (MayorTerminal) and
/// `TestBackend` run the same loop.
public enum LiveLoop {
    /// Why the loop ended.
    public enum ExitReason: Hashable, Sendable, CustomStringConvertible {
        /// The application asked to quit (e.g. the `q` key).
        case quit
        /// A signal asked the program to end (SIGINT, SIGTERM, SIGHUP, SIGQUIT).
        case signal(Int32)
        /// Input failed for good: the terminal went away (e.g. a dropped SSH link).
        case terminalLost

        public var description: String {
            switch self {
            case .quit: return "quit"
            case .signal(let s): return LiveLoop.signalName(s)
            case .terminalLost: return "terminal lost"
            }
        }

        /// 0 for a requested end (quit key or signal), 1 when the terminal was lost.
        public var exitCode: Int32 {
            switch self {
            case .quit, .signal: return 0
            case .terminalLost: return 1
            }
        }
    }

    /// Runs until the app quits, the backend says stop (a quit signal, the
    /// terminal lost). Does not close the backend: the caller does.
    public static func run<Backend: TerminalBackend>(app: any LiveApplication, backend: Backend) -> ExitReason {
        var screen = ScreenState()
        while true {
            if let stop = backend.stopReason { return stop }
            let size = backend.size
            if app.needsRender || screen.needsFrame(at: size) {
                var buffer = Buffer(width: size.width, height: size.height)
                app.render(into: &buffer)
                screen.present(buffer, on: backend)
            }
            let event: AppEvent
            switch backend.nextEvent(timeoutMilliseconds: app.millisecondsUntilNextTick()) {
            case .stop(let reason):
                return reason
            case .key(let key):
                event = .key(key)
            case .timeout:
                event = .tick
            case .resize(let size):
                // Every SIGWINCH is reported, also one that changed nothing (a
                // tmux client attaching): only a real change of size clears
                // and repaints the screen.
                if size != screen.lastSize { screen.invalidate() }
                event = .resize(width: size.width, height: size.height)
            case .repaint:
                screen.invalidate()
                let now = backend.size
                event = now != screen.lastSize ? .resize(width: now.width, height: now.height) : .tick
            }
            if !app.handle(event) { return .quit }
        }
    }

    /// What the loop last sent, and whether the next frame repaints everything.
    struct ScreenState {
        /// The last frame presented (also one that changed no cell).
        private(set) var previous: Buffer?
        /// The next frame clears the screen and sends every cell (first frame,
        /// a change of size, a resume).
        private(set) var fullRepaint = true

        /// The size of the last frame presented.
        var lastSize: Size? { previous.map { Size(width: $0.width, height: $0.height) } }

        /// A frame is due whatever the app says: the size changed, or the screen must be repainted.
        func needsFrame(at size: Size) -> Bool { fullRepaint || size != lastSize }

        mutating func invalidate() { fullRepaint = true }

        /// Sends `buffer`: the cells that changed since the last frame (all,
        /// after a clear, on a full repaint); nothing when no cell changed; a
        /// clock tick by the backend's short path when it takes it.
        mutating func present<Backend: TerminalBackend>(_ buffer: Buffer, on backend: Backend) {
            let full = fullRepaint || previous == nil
            let changes = buffer.changes(since: full ? nil : previous)
            previous = buffer
            if changes.isEmpty && !full { return }
            if !full, let span = TickSpan(changes, in: buffer), backend.drawTick(span) { return }
            if full { backend.clear() }
            backend.draw(changes)
            // The bottom-right cell: the frame never draws it (the terminal
            // edge keeps it blank), so a cursor that cannot be hidden rests
            // there, out of the way.
            backend.flush(cursor: CellPosition(x: max(0, buffer.width - 1), y: max(0, buffer.height - 1)))
            fullRepaint = false
        }
    }

    /// "SIGTERM" and so on.
    public static func signalName(_ signal: Int32) -> String {
        switch signal {
        case SIGINT: return "SIGINT"
        case SIGTERM: return "SIGTERM"
        case SIGHUP: return "SIGHUP"
        case SIGQUIT: return "SIGQUIT"
        case SIGCONT: return "SIGCONT"
        case SIGPIPE: return "SIGPIPE"
        default: return "signal \(signal)"
        }
    }
}
