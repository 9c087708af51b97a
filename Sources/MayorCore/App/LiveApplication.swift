/// What the live loop (`LiveLoop`) drives. The loop owns the terminal (a
/// `TerminalBackend`); the application owns all state and drawing, and stays pure.
///
/// The loop renders only when `needsRender` is true (or the size changed),
/// then blocks on input for at most `millisecondsUntilNextTick()` — it never
/// spins and never redraws on a fixed clock.
public protocol LiveApplication: AnyObject {
    /// Handles one event; returns false to quit.
    func handle(_ event: AppEvent) -> Bool
    /// Draws the whole frame into `buffer` (already sized to the terminal).
    func render(into buffer: inout Buffer)
    /// True when the screen would look different from the last render.
    var needsRender: Bool { get }
    /// How long the loop may block waiting for input before it must deliver
    /// `.tick` (next clock second, rotation step, data reload). nil: no deadline.
    func millisecondsUntilNextTick() -> Int?
}
