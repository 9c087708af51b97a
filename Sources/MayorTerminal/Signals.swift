import CNcursesw
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process signals the live terminal cares about.
///
/// The flags live in `static` C variables in the shim, so every object file
/// that calls the shim's signal functions would get its own copy: this file
/// is the only one in the package that calls them.
enum Signals {
    /// Installs the SIGINT/SIGTERM/SIGHUP flag handlers, the SIGCONT resume
    /// flag, and ignores SIGPIPE. Must run before ncurses starts.
    static func install() -> Bool {
        mayor_install_signal_handlers() != 0
    }

    /// Restores the dispositions saved by `install()`. A pending quit signal
    /// stays recorded.
    static func restore() {
        mayor_restore_signal_handlers()
    }

    /// The first quit signal received (SIGINT, SIGTERM, SIGHUP), or nil.
    static var pending: Int32? {
        let s = mayor_signal_pending()
        return s == 0 ? nil : s
    }

    /// True once after the process was resumed (SIGCONT).
    static func takeContinued() -> Bool {
        mayor_take_continued() != 0
    }

    /// "SIGTERM" and so on.
    static func name(_ signal: Int32) -> String {
        switch signal {
        case SIGINT: return "SIGINT"
        case SIGTERM: return "SIGTERM"
        case SIGHUP: return "SIGHUP"
        case SIGCONT: return "SIGCONT"
        case SIGPIPE: return "SIGPIPE"
        default: return "signal \(signal)"
        }
    }
}
