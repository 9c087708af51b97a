import CMayorTerm
import MayorCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The process signals the live terminal cares about. The flags live in the
/// CMayorTerm C target: one copy per process, whichever module reads them.
enum Signals {
    /// Installs the SIGINT/SIGTERM/SIGHUP/SIGQUIT flag handlers, the SIGCONT
    /// resume flag, and ignores SIGPIPE. Must run before ncurses starts.
    static func install() -> Bool {
        mayor_signals_install() != 0
    }

    /// Restores the dispositions saved by `install()`. A pending quit signal
    /// stays recorded.
    static func restore() {
        mayor_signals_restore()
    }

    /// The first quit signal received (SIGINT, SIGTERM, SIGHUP, SIGQUIT), or nil.
    static var pending: Int32? {
        let s = mayor_signals_pending()
        return s == 0 ? nil : s
    }

    /// True once after the process was resumed (SIGCONT).
    static func takeContinued() -> Bool {
        mayor_signals_take_continued() != 0
    }

    /// "SIGTERM" and so on.
    static func name(_ signal: Int32) -> String { LiveLoop.signalName(signal) }
}
