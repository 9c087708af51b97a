import Synchronization

/// A clock a test moves by hand, safe to read from the store's worker threads.
public final class TestClock: Sendable {
    private let seconds: Mutex<Double>

    public init(_ now: Double) {
        seconds = Mutex(now)
    }

    /// Seconds since the epoch.
    public var now: Double {
        get { seconds.withLock { $0 } }
        set { seconds.withLock { $0 = newValue } }
    }

    public func advance(by delta: Double) {
        seconds.withLock { $0 += delta }
    }
}

/// An in-memory terminal for the live loop, like ratatui's `TestBackend`:
/// it replays a script of inputs on a `TestClock` (a wait moves the clock; no
/// test sleeps) and records everything the loop sent: each frame's cells,
/// whether it cleared the screen first, where it left the cursor, the clock
/// ticks sent by the short path, and what a terminal would show now.
///
/// When the script runs out, it reports the terminal lost, so `LiveLoop.run`
/// returns `.terminalLost` (after presenting any frame that was due).
public final class TestBackend: TerminalBackend {
    /// One step of the script.
    public enum Input {
        /// A key press, delivered at once.
        case key(KeyEvent)
        /// The terminal takes this size and reports it (also the size it has).
        case resize(width: Int, height: Int)
        /// This many seconds pass with no input: each deadline the loop asks
        /// for within them comes as a timeout, then the next input arrives.
        case wait(seconds: Double)
        /// A quit signal (SIGTERM, SIGINT, ...).
        case signal(Int32)
        /// The program was resumed after Ctrl-Z (the screen must be repainted).
        case resume
        /// The terminal goes away.
        case terminalLost
        /// Runs a step of the test between inputs (e.g. rewrites a data file).
        case perform(() -> Void)

        /// One `.key` per character of `text`.
        public static func keys(_ text: String) -> [Input] {
            text.map { .key(.character($0)) }
        }
    }

    /// One frame as sent by `clear`, `draw` and `flush`.
    public struct Frame: Equatable, Sendable {
        /// The terminal's size when it was sent.
        public var size: Size
        /// Whether the screen was cleared first (a full repaint).
        public var cleared = false
        /// The cells written, in order.
        public var cells: [Buffer.Change] = []
        /// Where `flush` left the cursor.
        public var cursor: CellPosition?
    }

    /// What reached the terminal, in order.
    public enum Output: Equatable, Sendable {
        case frame(Frame)
        case tick(TickSpan)

        /// The cells this output wrote.
        public var cells: [Buffer.Change] {
            switch self {
            case .frame(let frame): return frame.cells
            case .tick(let span):
                return span.cells.enumerated().map { Buffer.Change(x: span.from + $0.offset, y: span.row, cell: $0.element) }
            }
        }
    }

    public let clock: TestClock
    public private(set) var size: Size
    /// Whether clock ticks may go by the short path (`drawTick`), as on a
    /// terminal with an alternate screen and a cursor it can hide.
    public var takesTicks: Bool
    /// Everything sent, in order.
    public private(set) var outputs: [Output] = []
    /// What the terminal shows now: every cell sent, on a screen blanked by
    /// `clear` and by every change of size.
    public private(set) var screen: Buffer
    /// Cells sent outside the screen (or a wide glyph whose right half is outside it).
    public private(set) var cellsOutside: [Buffer.Change] = []
    /// The timeouts the loop waited with, in order (nil: no deadline).
    public private(set) var timeouts: [Int?] = []
    /// Where the last flush left the cursor.
    public private(set) var cursor: CellPosition?
    private var script: [Input]
    private var pending: Frame?
    private var stopped: LiveLoop.ExitReason?

    public init(width: Int, height: Int, clock: TestClock, script: [Input] = [], takesTicks: Bool = true) {
        self.clock = clock
        self.size = Size(width: width, height: height)
        self.screen = Buffer(width: width, height: height)
        self.script = script
        self.takesTicks = takesTicks
    }

    /// Adds inputs to the end of the script.
    public func append(_ inputs: [Input]) {
        script += inputs
    }

    /// The frames sent (not the ticks).
    public var frames: [Frame] {
        outputs.compactMap { if case .frame(let f) = $0 { return f } else { return nil } }
    }

    /// The ticks sent by the short path.
    public var ticks: [TickSpan] {
        outputs.compactMap { if case .tick(let t) = $0 { return t } else { return nil } }
    }

    /// Forgets what was sent so far (the screen stays).
    public func clearOutputs() {
        outputs.removeAll()
        cellsOutside.removeAll()
    }

    // MARK: - TerminalBackend

    public var stopReason: LiveLoop.ExitReason? { stopped }

    public func clear() {
        screen = Buffer(width: size.width, height: size.height)
        var frame = pending ?? Frame(size: size)
        frame.cleared = true
        pending = frame
    }

    public func draw(_ changes: [Buffer.Change]) {
        var frame = pending ?? Frame(size: size)
        frame.cells += changes
        pending = frame
        for change in changes { put(change) }
    }

    public func flush(cursor: CellPosition) {
        var frame = pending ?? Frame(size: size)
        frame.cursor = cursor
        pending = nil
        self.cursor = cursor
        outputs.append(.frame(frame))
    }

    public func drawTick(_ span: TickSpan) -> Bool {
        guard takesTicks, span.frame == size else { return false }
        outputs.append(.tick(span))
        for (i, cell) in span.cells.enumerated() { put(Buffer.Change(x: span.from + i, y: span.row, cell: cell)) }
        return true
    }

    public func nextEvent(timeoutMilliseconds: Int?) -> BackendEvent {
        timeouts.append(timeoutMilliseconds)
        if let stopped { return .stop(stopped) }
        // Seconds this call has waited so far: the deadline counts from its start.
        var waited = 0.0
        while !script.isEmpty {
            switch script.removeFirst() {
            case .key(let key):
                return .key(key)
            case .resize(let width, let height):
                size = Size(width: width, height: height)
                screen = Buffer(width: width, height: height)
                return .resize(size)
            case .wait(let seconds):
                guard let timeout = timeoutMilliseconds, Double(timeout) / 1000 - waited <= seconds else {
                    // The wait ends before the loop's deadline: the next input arrives then.
                    clock.advance(by: seconds)
                    waited += seconds
                    continue
                }
                let step = max(0, Double(timeout) / 1000 - waited)
                clock.advance(by: step)
                if seconds - step > 1e-9 { script.insert(.wait(seconds: seconds - step), at: 0) }
                return .timeout
            case .signal(let signal):
                stopped = .signal(signal)
                return .stop(.signal(signal))
            case .resume:
                screen = Buffer(width: size.width, height: size.height)
                return .repaint
            case .terminalLost:
                stopped = .terminalLost
                return .stop(.terminalLost)
            case .perform(let action):
                action()
            }
        }
        stopped = .terminalLost
        return .stop(.terminalLost)
    }

    private func put(_ change: Buffer.Change) {
        let cellWidth = max(1, Int(change.cell.width))
        guard change.x >= 0, change.y >= 0, change.x + cellWidth <= size.width, change.y < size.height else {
            cellsOutside.append(change)
            return
        }
        screen.place(change.cell, x: change.x, y: change.y, clip: screen.area)
    }
}
