import ArgumentParser
import MayorCore
import MayorTerminal

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `mayor terminal-probe`: a tiny live screen for checking the terminal edge
/// by hand or in tmux: Korean text in a box, colours, a clock ticking each
/// second, the last key pressed and the terminal size. `q` quits.
struct TerminalProbe: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "terminal-probe",
        abstract: "Draw a test frame on the live terminal (Korean text, box, colours, clock, last key).",
        shouldDisplay: false
    )

    func run() throws {
        let session: TerminalSession
        do {
            session = try TerminalSession(options: .fromEnvironment())
        } catch {
            probeWriteStderr("\(error)\n")
            throw ExitCode(1)
        }
        let app = ProbeApp(colorMode: session.colorMode, colorCount: session.colorCount, isUTF8: session.isUTF8)
        let reason = LiveLoop.run(app: app, backend: session)
        session.close()
        if reason == .terminalLost { probeWriteStderr("mayor: the terminal went away; exiting\n") }
        if reason.exitCode != 0 { throw ExitCode(reason.exitCode) }
    }
}

private func probeWriteStderr(_ text: String) {
    var bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
        let n = bytes.withUnsafeMutableBytes { write(STDERR_FILENO, $0.baseAddress! + offset, $0.count - offset) }
        if n <= 0 { break }
        offset += n
    }
}

/// The probe's screen. Pure state plus drawing; the loop owns the terminal.
final class ProbeApp: LiveApplication {
    private let colorMode: ColorMode
    private let colorCount: Int
    private let isUTF8: Bool
    private let theme: Theme
    private var lastKey = "none yet"
    private var size = TerminalSize(width: 0, height: 0)
    private var keyCount = 0
    private var dirty = true
    private var renderedClock = ""

    init(colorMode: ColorMode, colorCount: Int, isUTF8: Bool) {
        self.colorMode = colorMode
        self.colorCount = colorCount
        self.isUTF8 = isUTF8
        theme = colorMode == .none ? .monochrome : .color
    }

    func handle(_ event: AppEvent) -> Bool {
        switch event {
        case .key(.character("q")), .key(.character("Q")):
            return false
        case .key(let key):
            lastKey = KeyMapping.describe(key)
            keyCount += 1
            dirty = true
        case .resize:
            dirty = true
        case .tick:
            break
        }
        return true
    }

    var needsRender: Bool { dirty || Self.clockText() != renderedClock }

    func millisecondsUntilNextTick() -> Int? {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        // Just past the next whole second, so the clock shows the new second.
        return 1000 - Int(ts.tv_nsec) / 1_000_000 + 2
    }

    func render(into buffer: inout Buffer) {
        dirty = false
        let clock = Self.clockText()
        renderedClock = clock
        size = TerminalSize(width: buffer.width, height: buffer.height)
        let area = buffer.area
        guard !area.isEmpty else { return }

        // Header bar with the clock at the right.
        let (header, body) = area.splitTop(1)
        buffer.fill(header, style: theme.header)
        let clockWidth = DisplayWidth.of(clock) + 1
        buffer.write(
            " 서울 디지털 시장실 · terminal probe", x: 0, y: 0, maxWidth: max(0, header.width - clockWidth - 1),
            style: theme.header, clip: header)
        buffer.write(clock, x: header.maxX - clockWidth, y: 0, style: theme.header, clip: header)

        // Status bar at the bottom.
        let (main, status) = body.splitBottom(1)
        buffer.fill(status, style: theme.caption)
        buffer.write(
            " q quits · size \(size.width)×\(size.height) · keys \(keyCount)", x: 0, y: status.y,
            style: theme.caption, clip: status)

        // A box of Korean text; the right border checks wide-character alignment.
        let box = Rect(x: main.x + 1, y: main.y + 1, width: min(main.width - 2, 44), height: min(main.height - 1, 7))
        drawBox(box, title: "관악구", in: &buffer)
        let inner = box.inset(by: 1).inset(left: 1, right: 1)
        let lines: [(String, Style)] = [
            ("서울 디지털 시장실 관악구 55.7%", theme.figure),
            ("Last key: \(lastKey)", theme.accent),
            ("Size: \(size.width)×\(size.height)  Clock: \(clock)", theme.text),
            ("Colours: \(colorMode.rawValue) (\(colorCount))  UTF-8: \(isUTF8 ? "yes" : "no")", theme.muted),
            ("한글|ASCII|漢字|ｆｕｌｌ|end", theme.text)
        ]
        for (i, (text, style)) in lines.enumerated() where i < inner.height {
            buffer.write(text, x: inner.x, y: inner.y + i, maxWidth: inner.width, style: style, clip: inner)
        }

        // Colour swatches (or attributes, without colour) below the box.
        var y = box.maxY + 1
        guard y < main.maxY else { return }
        if colorMode == .none {
            var x = main.x + 1
            for (label, style) in [
                ("bold", Style.plain.bold), ("dim", Style.plain.dim),
                ("reverse", Style.plain.reversed), ("underline", Style.plain.underlined)
            ] {
                x = buffer.write(label, x: x, y: y, style: style, clip: main) + 1
            }
            return
        }
        for i in 0..<16 where main.x + 1 + i * 2 + 1 < main.maxX {
            buffer.fill(
                Rect(x: main.x + 1 + i * 2, y: y, width: 2, height: 1),
                style: Style(background: .indexed(UInt8(i))))
        }
        y += 1
        guard y < main.maxY else { return }
        // A strip of the 256-colour cube and grey ramp (mapped down on 16 colours).
        let strip: [UInt8] = [
            16, 22, 28, 34, 40, 46, 52, 88, 124, 160, 196, 21, 27, 33, 39, 45, 51, 201, 214, 226,
            232, 236, 240, 244, 248, 252, 255
        ]
        for (i, c) in strip.enumerated() where main.x + 1 + i < main.maxX {
            buffer.set(x: main.x + 1 + i, y: y, symbol: "█", style: Style(foreground: .indexed(c)), clip: main)
        }
        y += 1
        guard y < main.maxY else { return }
        var x = main.x + 1
        for (label, style) in [
            ("positive", theme.positive), ("negative", theme.negative),
            ("warning", theme.warning), ("error", theme.error), ("sample", theme.sample)
        ] {
            x = buffer.write(label, x: x, y: y, style: style, clip: main) + 1
        }
    }

    private func drawBox(_ rect: Rect, title: String, in buffer: inout Buffer) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let style = theme.border
        for x in rect.x + 1..<rect.maxX - 1 {
            buffer.set(x: x, y: rect.y, symbol: "─", style: style, clip: rect)
            buffer.set(x: x, y: rect.maxY - 1, symbol: "─", style: style, clip: rect)
        }
        for y in rect.y + 1..<rect.maxY - 1 {
            buffer.set(x: rect.x, y: y, symbol: "│", style: style, clip: rect)
            buffer.set(x: rect.maxX - 1, y: y, symbol: "│", style: style, clip: rect)
        }
        buffer.set(x: rect.x, y: rect.y, symbol: "┌", style: style, clip: rect)
        buffer.set(x: rect.maxX - 1, y: rect.y, symbol: "┐", style: style, clip: rect)
        buffer.set(x: rect.x, y: rect.maxY - 1, symbol: "└", style: style, clip: rect)
        buffer.set(x: rect.maxX - 1, y: rect.maxY - 1, symbol: "┘", style: style, clip: rect)
        let titleArea = Rect(x: rect.x + 2, y: rect.y, width: rect.width - 4, height: 1)
        buffer.write(" \(title) ", x: titleArea.x, y: titleArea.y, maxWidth: titleArea.width, style: theme.title, clip: titleArea)
    }

    /// Local wall-clock time, HH:MM:SS.
    static func clockText() -> String {
        var t = time(nil)
        var parts = tm()
        localtime_r(&t, &parts)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))"
    }
}
