import CMayorTerm
import CNcursesw
import MayorCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The size of the terminal in cells.
public typealias TerminalSize = Size

/// The live terminal: ncurses set up for full-screen drawing and key input,
/// as the `TerminalBackend` that `LiveLoop` draws on.
///
/// Everything visible comes from the loop, which sends only the cells that
/// changed since the last frame (`clear`, `draw`, `flush`, or a clock tick by
/// `drawTick`); `nextEvent(timeoutMilliseconds:)` blocks for input (no spinning). ncurses is not thread-safe and signals are
/// process-wide, so a session is used from one thread only (the main thread):
/// it is deliberately not `Sendable`, which lets the compiler keep it in the
/// isolation domain that created it. `close()` (also run on deinit) restores
/// the terminal and may be called any number of times.
public final class TerminalSession: TerminalBackend {
    public struct Options: Sendable {
        /// The terminal type (default: `$TERM`).
        public var term: String?
        /// No colour at all: attributes only, and `start_color` is never called
        /// (default: `NO_COLOR` set and non-empty).
        public var noColor: Bool
        /// How long a lone Esc waits for the rest of an escape sequence.
        public var escapeDelayMilliseconds: Int

        public init(term: String?, noColor: Bool, escapeDelayMilliseconds: Int = 25) {
            self.term = term
            self.noColor = noColor
            self.escapeDelayMilliseconds = escapeDelayMilliseconds
        }

        /// TERM and NO_COLOR from the environment.
        public static func fromEnvironment() -> Options {
            let term = getenv("TERM").map { String(cString: $0) }
            let noColor = getenv("NO_COLOR").map { $0.pointee != 0 } ?? false
            return Options(term: term, noColor: noColor)
        }
    }

    /// Colours in use; `.none` means the app should draw with `Theme.monochrome`.
    public let colorMode: ColorMode
    /// Whether the locale is UTF-8. When false, cells whose characters the
    /// locale cannot print are drawn as '?' (one per column), keeping alignment.
    public let isUTF8: Bool
    /// Whether the environment's own locale was UTF-8 (false: LC_CTYPE was
    /// switched to C.UTF-8 so the dashboard can still draw Korean text).
    public let localeWasUTF8: Bool
    /// Colours the terminal reports (ncurses `COLORS`; 0 without colour).
    public let colorCount: Int
    /// True once input failed in a way that means the terminal is gone.
    public private(set) var isTerminalLost = false
    /// True until `close()`.
    public private(set) var isOpen = false

    /// True when the terminal cannot hide the cursor, so it is parked.
    public private(set) var cursorParked = false
    /// What clears the screen at exit when there is no alternate screen.
    private var clearOnExit: [CChar]?
    /// terminfo cup (unexpanded) and cub1.
    private var cursorAddress: [CChar]?
    private var cursorLeft: [CChar]?
    /// Whether a clock tick may be written by the tick path (see `present`).
    private var tickPathUsable = false
    /// Set while the tick path wrote last: where it left the cursor, in which
    /// style (ncurses knows that style: it was set through vid_puts), and the
    /// rows it wrote that ncurses did not draw itself.
    private var tickState: (row: Int, column: Int, style: Style, rows: Set<Int>)?
    /// The cell ncurses left the cursor in after its last refresh.
    private var parkedAt = (row: 0, column: 0)
    private var screen: OpaquePointer?
    private var pairs: ColorPairs?
    private let mapper: ColorMapper
    private var styleCache: [Style: (attrs: attr_t, pair: Int16)] = [:]
    private var scratch: [wchar_t] = []
    private let charsPerCell: Int
    private let attrBold = mayor_a_bold()
    private let attrDim = mayor_a_dim()
    private let attrReverse = mayor_a_reverse()
    private let attrUnderline = mayor_a_underline()

    /// How long a blocking wait lasts at most before the size is re-checked
    /// (a missed SIGWINCH) when the app has no deadline. No event is produced.
    static let idleRecheckMilliseconds = 60_000
    /// Consecutive early, input-less returns from `wget_wch` that mean the
    /// terminal is gone even without EIO or a hang-up on stdin.
    static let spuriousErrorLimit = 20

    /// Checks the terminal, then starts ncurses. Throws `TerminalError`
    /// (never exits the process) when TERM is unusable or stdin/stdout is not
    /// a terminal.
    public init(options: Options = .fromEnvironment()) throws {
        let term = try Self.checkTerm(options.term)
        let inBad = isatty(STDIN_FILENO) == 0
        let outBad = isatty(STDOUT_FILENO) == 0
        if inBad || outBad { throw TerminalError.notATerminal(stdin: inBad, stdout: outBad) }

        _ = mayor_set_locale()
        localeWasUTF8 = mayor_locale_is_utf8() != 0
        isUTF8 = mayor_prefer_utf8_ctype() != 0
        charsPerCell = Int(mayor_cchar_max())

        switch mayor_check_terminal(term, STDOUT_FILENO) {
        case 0: break
        case 1: throw TerminalError.unknownTerminal(term)
        case 2, 3: throw TerminalError.noCursorAddressing(term)
        case 4: throw TerminalError.noTerminfoDatabase(term)
        default: throw TerminalError.startFailed(term)
        }

        // The shell's modes, for the crash handler to put back.
        _ = mayor_crash_save_modes(STDOUT_FILENO)
        // Before newterm, so ncurses keeps our SIGINT/SIGTERM handlers.
        _ = Signals.install()
        guard let s = mayor_newterm(term) else {
            Signals.restore()
            throw TerminalError.startFailed(term)
        }
        screen = s
        isOpen = true

        let win = mayor_stdscr()
        cbreak()
        noecho()
        nonl()
        keypad(win, true)
        intrflush(win, false)
        leaveok(win, true)
        scrollok(win, false)
        idlok(win, false)
        // No insert/delete-character optimisation either: on terminals without
        // auto-margin control ncurses finished the bottom row by inserting a
        // character into the right half of its last wide glyph ("종료").
        idcok(win, false)
        // A terminal that cannot hide the cursor (vt100, xterm-mono) gets it
        // parked in the bottom-right cell after every refresh: a cell the
        // session never draws, so it rests there instead of by the clock.
        cursorParked = curs_set(0) == mayor_err()
        // Without an alternate screen (vt100, vt220, linux) the last frame
        // would stay after exit: `close()` clears it.
        clearOnExit = Self.terminfoString("rmcup") == nil ? Self.terminfoString("clear") : nil
        // The clock-tick path (see `present`) needs a hidden cursor, an
        // alternate screen, cursor moves that keep attributes (msgr) and cup.
        cursorAddress = Self.terminfoString("cup")
        cursorLeft = Self.terminfoString("cub1")
        tickPathUsable = !cursorParked && clearOnExit == nil && mayor_has_flag("msgr") != 0 && cursorAddress != nil
        // ncurses leaves the cursor in the bottom-right cell (never drawn)
        // after each refresh, where it is known to be.
        if cursorParked || tickPathUsable { leaveok(win, false) }
        set_escdelay(Int32(clamping: options.escapeDelayMilliseconds))
        // No stray key may stop the wall: flow control off (Ctrl-S would block
        // every write until Ctrl-Q) and no quit character (Ctrl-\ arrives as an
        // ignored key instead of SIGQUIT). ncurses keeps these as its program
        // modes (restored after Ctrl-Z and fg); endwin puts back the shell's.
        _ = mayor_tty_session_modes(STDOUT_FILENO)
        def_prog_mode()
        // If the process crashes anyway, the handler restores the shell's modes
        // and sends these bytes (leave the alternate screen, show the cursor).
        let restore = Self.crashRestoreBytes()
        _ = restore.withUnsafeBufferPointer { mayor_crash_arm($0.baseAddress, $0.count) }

        var mode = ColorMode.none
        var count = 0
        var defaults = false
        if !options.noColor, has_colors() {
            start_color()
            defaults = use_default_colors() == mayor_ok()
            count = Int(mayor_colors())
            mode = count >= 256 ? .palette256 : count >= 8 ? .basic16 : .none
        }
        colorMode = mode
        colorCount = count
        mapper = ColorMapper(mode: mode, colors: count, hasDefaultColors: defaults)
        if mode != .none {
            let defaultPair =
                defaults
                ? ColorPairs.Key(foreground: -1, background: -1)
                : ColorPairs.Key(foreground: 7, background: 0)
            pairs = ColorPairs(limit: Int(mayor_color_pairs()), defaultPair: defaultPair) { p, f, b in
                init_pair(p, f, b) == mayor_ok()
            }
        }
    }

    deinit { close() }

    /// The checks on the terminal type that need no terminfo: returns TERM.
    public static func checkTerm(_ term: String?) throws -> String {
        guard let term, !term.isEmpty else { throw TerminalError.termNotSet }
        if term == "dumb" || term == "unknown" || term == "network" || term == "dialup" {
            throw TerminalError.dumbTerminal(term)
        }
        return term
    }

    /// Restores the terminal (`endwin`), frees ncurses' screen and puts back
    /// the signal dispositions found at start. Idempotent.
    public func close() {
        guard isOpen else { return }
        leaveTickPath()
        isOpen = false
        _ = curs_set(1)
        endwin()
        if let clear = clearOnExit {
            _ = clear.withUnsafeBufferPointer { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
        }
        mayor_crash_disarm()
        if let screen { delscreen(screen) }
        screen = nil
        Signals.restore()
    }

    /// A terminfo string of the current terminal without its padding
    /// (`$<5>`), or nil when the terminal has none.
    static func terminfoString(_ name: String) -> [CChar]? {
        guard let p = tigetstr(name), Int(bitPattern: p) != -1 else { return nil }
        var bytes: [CChar] = []
        var i = 0
        while p[i] != 0 {
            if p[i] == 0x24, p[i + 1] == 0x3C {  // "$<": padding up to ">"
                var j = i + 2
                while p[j] != 0 && p[j] != 0x3E { j += 1 }
                if p[j] == 0x3E {
                    i = j + 1
                    continue
                }
            }
            bytes.append(p[i])
            i += 1
        }
        return bytes.isEmpty ? nil : bytes
    }

    /// What the crash handler writes: attributes off, keypad back to normal,
    /// cursor shown, then the alternate screen left (or, where the terminal
    /// has none, the screen cleared so the last frame does not stay).
    static func crashRestoreBytes() -> [CChar] {
        var bytes: [CChar] = []
        for cap in ["sgr0", "rmkx", "cnorm"] { bytes += terminfoString(cap) ?? [] }
        if let rmcup = terminfoString("rmcup") {
            bytes += rmcup
        } else {
            bytes += terminfoString("clear") ?? []
        }
        return bytes
    }

    /// The signal that asked the program to end (SIGINT, SIGTERM, SIGHUP), if any.
    public var pendingSignal: Int32? { Signals.pending }

    /// "SIGTERM" and so on.
    public static func signalName(_ signal: Int32) -> String { LiveLoop.signalName(signal) }

    /// The size ncurses draws at (getmaxyx of stdscr).
    public var size: TerminalSize {
        guard isOpen else { return TerminalSize(width: 0, height: 0) }
        var rows: Int32 = 0
        var cols: Int32 = 0
        mayor_screen_size(&rows, &cols)
        return TerminalSize(width: Int(cols), height: Int(rows))
    }

    // MARK: - Output (TerminalBackend)

    /// Why the loop must stop now: a quit signal is pending, or the terminal
    /// is gone (or the session closed).
    public var stopReason: LiveLoop.ExitReason? {
        if let signal = Signals.pending { return .signal(signal) }
        if isTerminalLost || !isOpen { return .terminalLost }
        return nil
    }

    /// Blanks ncurses' copy of the screen and has the next `flush` clear the
    /// terminal and redraw every cell.
    public func clear() {
        guard isOpen else { return }
        leaveTickPath()
        let win = mayor_stdscr()
        werase(win)
        clearok(win, true)
    }

    /// Copies the changed cells into ncurses' copy of the screen (no output
    /// yet). Cells outside the current screen are skipped, and the
    /// bottom-right rule (`safeChanges`) applies.
    public func draw(_ changes: [Buffer.Change]) {
        guard isOpen else { return }
        leaveTickPath()
        let screenSize = size
        for change in Self.safeChanges(changes, width: screenSize.width, height: screenSize.height) {
            let limit = change.y == screenSize.height - 1 ? screenSize.width - 1 : screenSize.width
            draw(change.cell, x: change.x, y: change.y, screenWidth: limit)
        }
    }

    /// One `wnoutrefresh` + `doupdate`: ncurses writes what changed. Where the
    /// cursor cannot be hidden (or the tick path needs to know where it is),
    /// it is parked in `cursor`, a cell the frame never draws.
    public func flush(cursor: CellPosition) {
        guard isOpen else { return }
        leaveTickPath()
        parkCursor(cursor)
        let win = mayor_stdscr()
        wnoutrefresh(win)
        doupdate()
    }

    /// Idle, the only change each second is a digit of the clock, and ncurses
    /// wraps each update in an attribute set and a reset (~40 bytes for one
    /// digit). So a clock tick (`TickSpan`) is written here: ncurses' copy of
    /// the screen is updated without output, the attributes are set through
    /// ncurses' own vid_puts (so it knows them) and left on, and the cells are
    /// written with one cursor move (a backspace from the last tick): about 2
    /// bytes a second. The next ncurses refresh first puts the cursor back
    /// where ncurses left it and has it redraw the rows the tick path wrote.
    /// False (nothing written) when the terminal lacks what this needs or the
    /// span was drawn for another size.
    public func drawTick(_ span: TickSpan) -> Bool {
        guard isOpen, tickPathUsable, span.frame == size else { return false }
        writeTick(span)
        return true
    }

    /// Where ncurses leaves the cursor after a refresh (the bottom-right cell).
    private func parkCursor(_ cell: CellPosition) {
        let screenSize = size
        guard cursorParked || tickPathUsable, screenSize.width > 0, screenSize.height > 0 else { return }
        parkedAt = (min(cell.y, screenSize.height - 1), min(cell.x, screenSize.width - 1))
        wmove(mayor_stdscr(), Int32(parkedAt.row), Int32(parkedAt.column))
    }

    private func emit(_ bytes: [CChar]) {
        bytes.withUnsafeBufferPointer { mayor_out_bytes($0.baseAddress, $0.count) }
    }

    /// Absolute cursor move (terminfo cup, padding dropped).
    private func emitMove(row: Int, column: Int) {
        guard let cup = cursorAddress, let expanded = (cup + [0]).withUnsafeBufferPointer({ mayor_tiparm2($0.baseAddress, Int32(row), Int32(column)) }) else {
            return
        }
        var bytes: [CChar] = []
        var i = 0
        while expanded[i] != 0 {
            if expanded[i] == 0x24, expanded[i + 1] == 0x3C {  // "$<…>" padding
                var j = i + 2
                while expanded[j] != 0 && expanded[j] != 0x3E { j += 1 }
                if expanded[j] == 0x3E {
                    i = j + 1
                    continue
                }
            }
            bytes.append(expanded[i])
            i += 1
        }
        emit(bytes)
    }

    private func writeTick(_ span: TickSpan) {
        let win = mayor_stdscr()
        let screenWidth = span.frame.width
        // ncurses' copy of the screen gets the cells, without output.
        for (i, cell) in span.cells.enumerated() { draw(cell, x: span.from + i, y: span.row, screenWidth: screenWidth) }
        wmove(win, Int32(parkedAt.row), Int32(parkedAt.column))
        wnoutrefresh(win)
        // The cursor: from the last tick on this row by backspaces, else cup.
        if let state = tickState, state.row == span.row, state.column >= span.from {
            let back = state.column - span.from
            if back > 0 {
                if let left = cursorLeft, back <= 4 {
                    for _ in 0..<back { emit(left) }
                } else {
                    emitMove(row: span.row, column: span.from)
                }
            }
        } else {
            emitMove(row: span.row, column: span.from)
        }
        if tickState?.style != span.style {
            let (attrs, pair) = attributes(for: span.style)
            _ = mayor_vid_puts(attrs, pair, mayor_out_putc)
        }
        emit(span.text.map { CChar(bitPattern: $0) })
        _ = mayor_out_flush(STDOUT_FILENO)
        var rows = tickState?.rows ?? []
        rows.insert(span.row)
        tickState = (span.row, span.to + 1, span.style, rows)
    }

    /// Hands the terminal back to ncurses after ticks: the cursor goes back
    /// to the cell ncurses left it in (it knows the attributes already), and
    /// the rows the tick path wrote are redrawn by ncurses at its next refresh.
    private func leaveTickPath() {
        guard let state = tickState else { return }
        tickState = nil
        emitMove(row: parkedAt.row, column: parkedAt.column)
        _ = mayor_out_flush(STDOUT_FILENO)
        for row in state.rows { wredrawln(mayor_stdscr(), Int32(row), 1) }
    }

    /// The changes the terminal can be given safely on a `width`×`height`
    /// screen: cells outside it are dropped, and the bottom-right cell is never
    /// drawn. A terminal with auto-margin and no way to turn it off
    /// (tmux-256color, screen-256color, xterm-mono) can only be given that cell
    /// by ncurses stepping back and inserting, which after a wide glyph inserts
    /// into the glyph's middle and shifts the row. So that cell stays the blank
    /// ncurses erased it to, and a wide glyph whose right half would land there
    /// or in the cell before it (which the insert re-inserts) is drawn as a
    /// blank of its style.
    static func safeChanges(_ changes: [Buffer.Change], width: Int, height: Int) -> [Buffer.Change] {
        var out: [Buffer.Change] = []
        out.reserveCapacity(changes.count)
        for change in changes where change.x >= 0 && change.y >= 0 && change.x < width && change.y < height {
            let limit = change.y == height - 1 ? width - 1 : width
            guard change.x < limit else { continue }
            // On the bottom row a wide glyph may not take the cell before the
            // corner either: ncurses' insert re-inserts that cell's character.
            let wideLimit = change.y == height - 1 ? width - 2 : width
            if change.cell.width == 2 && change.x + 1 >= wideLimit {
                out.append(Buffer.Change(x: change.x, y: change.y, cell: .blank(change.cell.style)))
            } else {
                out.append(change)
            }
        }
        return out
    }

    private func attributes(for style: Style) -> (attrs: attr_t, pair: Int16) {
        if let cached = styleCache[style] { return cached }
        var attrs = mayor_a_normal()
        if style.attributes.contains(.bold) { attrs |= attrBold }
        if style.attributes.contains(.dim) || mapper.dimsForeground(style.foreground) { attrs |= attrDim }
        if style.attributes.contains(.reverse) { attrs |= attrReverse }
        if style.attributes.contains(.underline) { attrs |= attrUnderline }
        var pair: Int16 = 0
        if pairs != nil {
            let fg = mapper.number(for: style.foreground, isForeground: true)
            let bg = mapper.number(for: style.background, isForeground: false)
            pair = pairs!.pair(foreground: fg, background: bg)
        }
        styleCache[style] = (attrs, pair)
        return (attrs, pair)
    }

    private func draw(_ cell: Cell, x: Int, y: Int, screenWidth: Int) {
        let (attrs, pair) = attributes(for: cell.style)
        scratch.removeAll(keepingCapacity: true)
        for scalar in cell.symbol.unicodeScalars {
            if scratch.count == charsPerCell { break }
            scratch.append(wchar_t(bitPattern: scalar.value))
        }
        if scratch.isEmpty { scratch.append(0x20) }
        let expected = max(1, Int(cell.width))
        let first = scratch[0]
        let libcWidth = (first >= 0x20 && first < 0x7F) ? 1 : Int(mayor_wcwidth(first))
        if libcWidth == expected {
            scratch.append(0)
            _ = mayor_put_cell(Int32(y), Int32(x), scratch, attrs, pair)
            return
        }
        // ncurses lays cells out by the C library's width; when it disagrees
        // with the buffer's, draw something that keeps every column in place.
        if libcWidth == 1 && expected == 2 {
            scratch.append(0)
            _ = mayor_put_cell(Int32(y), Int32(x), scratch, attrs, pair)
            if x + 1 < screenWidth { putASCII(0x20, x: x + 1, y: y, attrs: attrs, pair: pair) }
        } else {
            // Not printable in this locale (e.g. not UTF-8), or wide where the
            // buffer has one column: '?' in each column.
            for dx in 0..<expected where x + dx < screenWidth {
                putASCII(0x3F, x: x + dx, y: y, attrs: attrs, pair: pair)
            }
        }
    }

    private func putASCII(_ byte: wchar_t, x: Int, y: Int, attrs: attr_t, pair: Int16) {
        let chars: [wchar_t] = [byte, 0]
        _ = mayor_put_cell(Int32(y), Int32(x), chars, attrs, pair)
    }

    // MARK: - Input

    /// Blocks until input arrives or `timeoutMilliseconds` passes (nil: no
    /// deadline). Returns `.timeout`, `.resize` after a resize (also one
    /// noticed by polling the terminal size, in case a SIGWINCH was missed),
    /// `.repaint` after a resume (Ctrl-Z, fg), or a key. Returns `.stop` when
    /// the program should stop: a quit signal is pending or the terminal is
    /// gone (`isTerminalLost`).
    public func nextEvent(timeoutMilliseconds: Int?) -> BackendEvent {
        if let stop = stopReason { return .stop(stop) }
        let start = Self.nowMilliseconds()
        let deadline = timeoutMilliseconds.map { start + max(0, $0) }
        var spurious = 0
        var wakeAt = deadline ?? start + Self.idleRecheckMilliseconds
        let win = mayor_stdscr()
        while true {
            if let signal = Signals.pending { return .stop(.signal(signal)) }
            if Signals.takeContinued() {
                // Back from Ctrl-Z: ncurses restored the modes; the loop
                // repaints everything (at the new size, if it changed meanwhile).
                _ = recheckSize()
                return .repaint
            }
            let now = Self.nowMilliseconds()
            let wait = max(0, wakeAt - now)
            wtimeout(win, Int32(clamping: wait))
            var wch: wint_t = 0
            mayor_clear_errno()
            let status = wget_wch(win, &wch)
            if status == mayor_err() {
                let err = mayor_errno()
                if let signal = Signals.pending { return .stop(.signal(signal)) }
                let after = Self.nowMilliseconds()
                if after >= wakeAt {
                    spurious = 0
                    if let resized = recheckSize() { return .resize(resized) }
                    if deadline != nil { return .timeout }
                    wakeAt = after + Self.idleRecheckMilliseconds
                    continue
                }
                if err == EINTR { continue }  // another signal (SIGCONT is handled above)
                // Returned early with nothing read: the terminal may be gone.
                if err == EIO || err == ENXIO || err == EBADF || Self.stdinHungUp() {
                    isTerminalLost = true
                    return .stop(.terminalLost)
                }
                spurious += 1
                if spurious >= Self.spuriousErrorLimit {
                    isTerminalLost = true
                    return .stop(.terminalLost)
                }
                usleep(10_000)
                continue
            }
            spurious = 0
            switch KeyMapping.decode(status: status, code: UInt32(wch)) {
            case .key(let key):
                return .key(key)
            case .resize:
                // ncurses reports every SIGWINCH, also one that changed nothing;
                // the loop repaints only on a real change of size.
                return .resize(size)
            case .ignored:
                continue
            }
        }
    }

    /// Compares the terminal's real size with ncurses' and resizes when a
    /// SIGWINCH was missed; returns the new size then.
    private func recheckSize() -> Size? {
        var rows: Int32 = 0
        var cols: Int32 = 0
        guard mayor_tty_size(STDOUT_FILENO, &rows, &cols) != 0 else { return nil }
        let current = size
        guard Int(rows) != current.height || Int(cols) != current.width else { return nil }
        resize_term(rows, cols)  // unlike resizeterm, queues no KEY_RESIZE
        return size
    }

    private static func stdinHungUp() -> Bool {
        var fds = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        guard poll(&fds, 1, 0) >= 0 else { return false }
        return Int32(fds.revents) & (Int32(POLLHUP) | Int32(POLLERR) | Int32(POLLNVAL)) != 0
    }

    static func nowMilliseconds() -> Int {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Int(ts.tv_sec) * 1000 + Int(ts.tv_nsec) / 1_000_000
    }
}

@available(*, unavailable, message: "a TerminalSession belongs to the thread that opened it (ncurses is not thread-safe)")
extension TerminalSession: Sendable {}
