import MayorCore
import Synchronization

/// The progress of `mayor fetch` on a terminal: one line for the sources
/// still running, side by side (`wifi 12/25 pages · traffic 37/246 hours ·
/// citydata 57/120 hotspots`), rewritten in place and fitted to the
/// terminal's width; a source that ends gets a line of its own above it
/// (`wifi ok: 24,578 APs in 25 pages`). Sources report from several tasks at
/// once: each update is made and written under one lock, so lines never mix.
public final class ProgressBoard: Sendable {
    struct State {
        /// The running sources in the order they first reported, with their latest text.
        var running: [(source: String, text: String)] = []
    }

    private let state = Mutex(State())
    private let width: @Sendable () -> Int
    private let write: @Sendable (String) -> Void

    /// `width` is the terminal's columns (read at each update: it may be
    /// resized); `write` sends the text to the terminal.
    public init(width: @escaping @Sendable () -> Int, write: @escaping @Sendable (String) -> Void) {
        self.width = width
        self.write = write
    }

    /// A source's new progress (`12/25 pages`), or its end (`ok: …`, `failed: …`).
    public func show(_ source: String, _ text: String) {
        state.withLock { state in
            write(Self.update(&state, source: source, text: text, width: width()))
        }
    }

    /// A line of its own (a log line) above the running sources, which are
    /// then drawn again below it.
    public func log(_ text: String) {
        state.withLock { state in
            let columns = max(10, width() - 1)
            write("\r\u{1B}[K" + Sanitizer.clean(text) + "\n" + Self.line(state.running, width: columns))
        }
    }

    /// Clears the line of running sources (before the summary table).
    public func finish() {
        state.withLock { state in
            if !state.running.isEmpty { write("\r\u{1B}[K") }
            state.running = []
        }
    }

    /// What to write for one update: the board's line cleared, the ended
    /// source's own line if it ended, then the running sources again.
    static func update(_ state: inout State, source: String, text: String, width: Int) -> String {
        let clean = Sanitizer.clean(text)
        let columns = max(10, width - 1)  // the last column would wrap on some terminals
        var out = "\r\u{1B}[K"
        if clean.hasPrefix("ok") || clean.hasPrefix("failed") {
            state.running.removeAll { $0.source == source }
            out += TextFit.truncate("\(source) \(clean)", to: columns) + "\n"
        } else if let i = state.running.firstIndex(where: { $0.source == source }) {
            state.running[i].text = clean
        } else {
            state.running.append((source, clean))
        }
        return out + line(state.running, width: columns)
    }

    /// The running sources side by side; those that do not fit are counted (`+1 more`).
    static func line(_ running: [(source: String, text: String)], width: Int) -> String {
        var line = ""
        for (i, entry) in running.enumerated() {
            let part = (line.isEmpty ? "" : " · ") + "\(entry.source) \(entry.text)"
            let rest = running.count - i - 1
            let more = rest > 0 ? " · +\(rest) more" : ""
            if DisplayWidth.of(line + part + more) <= width {
                line += part
                continue
            }
            let left = " · +\(running.count - i) more"
            if line.isEmpty { return TextFit.truncate(part, to: width) }
            return DisplayWidth.of(line + left) <= width ? line + left : line
        }
        return line
    }
}
