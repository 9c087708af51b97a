/// A KPI tile: one figure drawn in a block font legible across a room, a label
/// line above it and an optional change line below it:
///
///     지하철 승차
///     ▀▀▀▀█  ▀█      ▀▀▀▀█ █   █ █▀▀▀▀
///         █   █          █ █   █ █
///      ▀▀▀█   █      █▀▀▀▀ ▀▀▀▀█ ▀▀▀▀█
///         █   █    ▄ █         █     █
///     ▄▄▄▄█  ▄█▄  ▄▀ █▄▄▄▄     █ ▄▄▄▄█
///     ▲ +12.3% vs Aug
///
/// The figure may hold digits, `, . % - − + K M B T` and spaces; any other
/// character (e.g. the Hangul units 만, 억) is drawn as normal text on the
/// figure's bottom row, after the big digits before it.
///
/// Degrades: picks the 5-row font, else the 3-row font, keeping the label and
/// change lines; if neither font fits with them it drops the change line, then
/// the label; if no font fits at all it draws the figure as bold normal text
/// (truncated with "…" only when even that is too wide). The block is centred
/// vertically; `alignment` places it horizontally.
///
/// With ASCII glyphs (`theme.glyphs`) only the 5-row font is used, its blocks
/// drawn as `#` (the 3-row font needs half blocks to be legible).
public struct BigFigure: Widget, Sendable {
    /// The change line: `▲ +12.3% vs Aug`.
    public struct Change: Sendable, Hashable {
        public enum Direction: Sendable, Hashable { case up, down, flat }
        public var text: String
        public var direction: Direction
        public var caption: String
        /// Whether an increase is good news (positive style) or bad (e.g. accidents).
        public var upIsGood: Bool

        public init(_ text: String, direction: Direction, caption: String = "", upIsGood: Bool = true) {
            self.text = text
            self.direction = direction
            self.caption = caption
            self.upIsGood = upIsGood
        }

        /// The percent change from `from` to `to` (`NumberFormat.signedPercentChange`);
        /// nil when `from` is zero or either value is not finite.
        public init?(from: Double, to: Double, places: Int = 1, caption: String = "", upIsGood: Bool = true) {
            guard from.isFinite, to.isFinite, let text = NumberFormat.signedPercentChange(from: from, to: to, places: places)
            else { return nil }
            let direction: Direction = text.hasPrefix("+") ? .up : text.hasPrefix("\u{2212}") ? .down : .flat
            self.init(text, direction: direction, caption: caption, upIsGood: upIsGood)
        }
    }

    public var figure: String
    public var label: String
    public var change: Change?
    public var alignment: WidgetAlignment
    public var theme: Theme

    public init(
        _ figure: String, label: String = "", change: Change? = nil,
        alignment: WidgetAlignment = .center, theme: Theme = .color
    ) {
        self.figure = figure
        self.label = label
        self.change = change
        self.alignment = alignment
        self.theme = theme
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        guard !area.isEmpty else { return }
        let ascii = theme.glyphs.mode == .ascii
        let fonts = ascii ? [BigFont.five] : [BigFont.five, BigFont.three]
        let text = WidgetText.clean(figure)
        let labelText = WidgetText.clean(label)
        let lineSets: [(label: Bool, change: Bool)] = [
            (!labelText.isEmpty, change != nil), (!labelText.isEmpty, false), (false, false)
        ]
        var pick: (font: BigFont?, pieces: [BigFont.Piece], width: Int, label: Bool, change: Bool)?
        search: for lines in lineSets {
            let extra = (lines.label ? 1 : 0) + (lines.change ? 1 : 0)
            for font in fonts where font.rows + extra <= area.height {
                let (pieces, width) = font.layout(text)
                if width <= area.width {
                    pick = (font, pieces, width, lines.label, lines.change)
                    break search
                }
            }
        }
        if pick == nil {
            // No block font fits: the figure as one line of bold text.
            let lines = lineSets.first { 1 + ($0.label ? 1 : 0) + ($0.change ? 1 : 0) <= area.height } ?? (false, false)
            pick = (nil, [], min(text.displayWidth, area.width), lines.label, lines.change)
        }
        guard let pick else { return }
        let figureRows = pick.font?.rows ?? 1
        let rows = figureRows + (pick.label ? 1 : 0) + (pick.change ? 1 : 0)
        var y = area.y + max(0, (area.height - rows) / 2)

        if pick.label {
            let t = TextFit.truncate(labelText, to: area.width)
            let x = WidgetText.start(area.x, room: area.width, width: t.displayWidth, alignment)
            buffer.write(t, x: x, y: y, style: theme.text, clip: area)
            y += 1
        }

        let figureStyle = theme.figure
        var x = WidgetText.start(area.x, room: area.width, width: pick.width, alignment)
        if let font = pick.font {
            for piece in pick.pieces {
                switch piece {
                case .glyph(let glyphRows, let w):
                    for (r, row) in glyphRows.enumerated() {
                        buffer.write(ascii ? BigFont.ascii(row) : row, x: x, y: y + r, style: figureStyle, clip: area)
                    }
                    x += w + 1
                case .text(let t):
                    x = buffer.write(t, x: x, y: y + font.rows - 1, style: figureStyle.bold, clip: area) + 1
                }
            }
        } else {
            buffer.write(TextFit.truncate(text, to: area.width), x: x, y: y, style: figureStyle.bold, clip: area)
        }
        y += figureRows

        if pick.change, let change {
            let good = change.direction == .up ? change.upIsGood : change.direction == .down ? !change.upIsGood : nil
            let style = good.map { $0 ? theme.positive : theme.negative } ?? theme.muted
            let arrow = change.direction == .up ? theme.glyphs.up : change.direction == .down ? theme.glyphs.down : "="
            let main = arrow + " " + WidgetText.clean(change.text)
            let caption = WidgetText.clean(change.caption)
            let full = caption.isEmpty ? main.displayWidth : main.displayWidth + 1 + caption.displayWidth
            let withCaption = !caption.isEmpty && full <= area.width
            let shownMain = TextFit.truncate(main, to: area.width)
            let w = withCaption ? full : shownMain.displayWidth
            let start = WidgetText.start(area.x, room: area.width, width: w, alignment)
            let end = buffer.write(shownMain, x: start, y: y, style: style, clip: area)
            if withCaption { buffer.write(caption, x: end + 1, y: y, style: theme.muted, clip: area) }
        }
    }
}

/// A block font for `BigFigure`: glyph rows built from █ ▀ ▄ and spaces, with
/// horizontal strokes as half blocks so strokes look equally thick.
struct BigFont: Sendable {
    enum Piece: Sendable {
        case glyph([String], Int)
        case text(String)
    }

    let rows: Int
    let glyphs: [Character: [String]]

    /// A glyph row in ASCII: every block as `#`.
    static func ascii(_ row: String) -> String {
        String(row.map { $0 == "█" || $0 == "▀" || $0 == "▄" ? "#" : $0 })
    }

    /// Pieces to draw for `text` and their total width (one column between pieces).
    func layout(_ text: String) -> ([Piece], Int) {
        var pieces: [Piece] = []
        var run = ""
        for character in text {
            let key: Character = character == "\u{2212}" || character == "\u{2013}" ? "-" : character
            if let g = glyphs[key] {
                if !run.isEmpty {
                    pieces.append(.text(run))
                    run = ""
                }
                pieces.append(.glyph(g, g[0].displayWidth))
            } else {
                run.append(character)
            }
        }
        if !run.isEmpty { pieces.append(.text(run)) }
        var width = max(0, pieces.count - 1)
        for piece in pieces {
            switch piece {
            case .glyph(_, let w): width += w
            case .text(let t): width += t.displayWidth
            }
        }
        return (pieces, width)
    }

    static let five = BigFont(
        rows: 5,
        glyphs: [
            "0": ["█▀▀▀█", "█   █", "█   █", "█   █", "█▄▄▄█"],
            "1": [" ▀█  ", "  █  ", "  █  ", "  █  ", " ▄█▄ "],
            "2": ["▀▀▀▀█", "    █", "█▀▀▀▀", "█    ", "█▄▄▄▄"],
            "3": ["▀▀▀▀█", "    █", " ▀▀▀█", "    █", "▄▄▄▄█"],
            "4": ["█   █", "█   █", "▀▀▀▀█", "    █", "    █"],
            "5": ["█▀▀▀▀", "█    ", "▀▀▀▀█", "    █", "▄▄▄▄█"],
            "6": ["█▀▀▀▀", "█    ", "█▀▀▀█", "█   █", "█▄▄▄█"],
            "7": ["▀▀▀▀█", "    █", "    █", "    █", "    █"],
            "8": ["█▀▀▀█", "█   █", "█▀▀▀█", "█   █", "█▄▄▄█"],
            "9": ["█▀▀▀█", "█   █", "▀▀▀▀█", "    █", "▄▄▄▄█"],
            ",": ["  ", "  ", "  ", " ▄", "▄▀"],
            ".": [" ", " ", " ", " ", "▄"],
            "%": ["██  █", "   █ ", "  █  ", " █   ", "█  ██"],
            "-": ["   ", "   ", "▀▀▀", "   ", "   "],
            "+": ["   ", " █ ", "▀█▀", " ▀ ", "   "],
            "K": ["█   █", "█  ▄▀", "█▀▀  ", "█  ▀▄", "█   █"],
            "M": ["█▄ ▄█", "█ ▀ █", "█   █", "█   █", "█   █"],
            "B": ["█▀▀▀▄", "█   █", "█▀▀▀▄", "█   █", "█▄▄▄▀"],
            "T": ["▀▀█▀▀", "  █  ", "  █  ", "  █  ", "  █  "],
            " ": ["  ", "  ", "  ", "  ", "  "]
        ])

    static let three = BigFont(
        rows: 3,
        glyphs: [
            "0": ["█▀█", "█ █", "▀▀▀"],
            "1": ["▄█ ", " █ ", "▀▀▀"],
            "2": ["▀▀█", "█▀▀", "▀▀▀"],
            "3": ["▀▀█", "▀▀█", "▀▀▀"],
            "4": ["█ █", "▀▀█", "  ▀"],
            "5": ["█▀▀", "▀▀█", "▀▀▀"],
            "6": ["█▀▀", "█▀█", "▀▀▀"],
            "7": ["▀▀█", "  █", "  ▀"],
            "8": ["█▀█", "█▀█", "▀▀▀"],
            "9": ["█▀█", "▀▀█", "▀▀▀"],
            ",": ["  ", " ▄", "▀ "],
            ".": [" ", " ", "▀"],
            "%": ["▀ █", "▄▀ ", "▀ ▀"],
            "-": ["   ", "▀▀▀", "   "],
            "+": [" ▄ ", "▀█▀", "   "],
            "K": ["█ █", "█▀▄", "▀ ▀"],
            "M": ["█▄█", "█ █", "▀ ▀"],
            "B": ["█▀▄", "█▀▄", "▀▀ "],
            "T": ["▀█▀", " █ ", " ▀ "],
            " ": [" ", " ", " "]
        ])
}
