/// Why the live terminal could not start. `description` is the whole message
/// for stderr, starting with "mayor:".
public enum TerminalError: Error, Equatable, Sendable, CustomStringConvertible {
    /// TERM is unset or empty.
    case termNotSet
    /// TERM is "dumb" (or another name for a terminal that cannot address the cursor).
    case dumbTerminal(String)
    /// No terminfo entry for TERM.
    case unknownTerminal(String)
    /// The terminfo entry has no cursor addressing (`cup`), or is generic / hard-copy.
    case noCursorAddressing(String)
    /// The terminfo database itself is missing.
    case noTerminfoDatabase(String)
    /// Standard input and/or standard output is not a terminal.
    case notATerminal(stdin: Bool, stdout: Bool)
    /// ncurses refused to start (newterm returned NULL).
    case startFailed(String)

    static let hint = "the dashboard needs a full-screen terminal (e.g. TERM=xterm-256color)"

    public var description: String {
        switch self {
        case .termNotSet:
            return "mayor: TERM is not set: \(Self.hint)"
        case .dumbTerminal(let term):
            return "mayor: TERM is '\(term)': \(Self.hint)"
        case .unknownTerminal(let term):
            return "mayor: unknown terminal type '\(term)' (no terminfo entry): \(Self.hint)"
        case .noCursorAddressing(let term):
            return "mayor: terminal type '\(term)' cannot move the cursor (no cursor addressing in terminfo): \(Self.hint)"
        case .noTerminfoDatabase(let term):
            return "mayor: no terminfo database found for TERM '\(term)' (install ncurses-base or set TERMINFO): \(Self.hint)"
        case .notATerminal(let stdinBad, let stdoutBad):
            let which =
                stdinBad && stdoutBad
                ? "standard input and standard output are"
                : stdinBad ? "standard input is" : "standard output is"
            return "mayor: \(which) not a terminal: the live dashboard must run in a terminal, not a pipe or file"
        case .startFailed(let term):
            return "mayor: ncurses could not start on terminal type '\(term)': \(Self.hint)"
        }
    }
}
