import MayorCore

/// Drives a `LiveApplication` on a `TerminalSession`: render when something
/// changed, then block for input until the app's next deadline. It never
/// spins and never redraws on a clock: idle costs one wake per deadline.
public enum LiveLoop {
    /// Why the loop ended.
    public enum ExitReason: Equatable, Sendable, CustomStringConvertible {
        /// The application asked to quit (e.g. the `q` key).
        case quit
        /// A signal asked the program to end (SIGINT, SIGTERM, SIGHUP, SIGQUIT).
        case signal(Int32)
        /// Input failed for good: the terminal went away (e.g. a dropped SSH link).
        case terminalLost

        public var description: String {
            switch self {
            case .quit: return "quit"
            case .signal(let s): return TerminalSession.signalName(s)
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

    /// Runs until the app quits, a quit signal arrives, or the terminal is
    /// lost. Does not close the session: the caller does (or its deinit).
    public static func run(app: any LiveApplication, session: TerminalSession) -> ExitReason {
        var lastSize: TerminalSize?
        while true {
            if let signal = session.pendingSignal { return .signal(signal) }
            if session.isTerminalLost || !session.isOpen { return .terminalLost }
            let size = session.size
            if app.needsRender || size != lastSize || session.needsFullRedraw {
                var buffer = Buffer(width: size.width, height: size.height)
                app.render(into: &buffer)
                session.present(buffer)
                lastSize = size
            }
            guard let event = session.nextEvent(timeoutMilliseconds: app.millisecondsUntilNextTick()) else {
                if let signal = session.pendingSignal { return .signal(signal) }
                return .terminalLost
            }
            if !app.handle(event) { return .quit }
        }
    }
}
