import Testing

@testable import MayorCore

/// Shared checks for widget tests: render into a buffer and look at the text,
/// and the containment property every widget must keep.
enum WidgetHarness {
    /// Area sizes from nothing to a full terminal.
    static let sizes: [(Int, Int)] = [(0, 0), (1, 1), (2, 1), (3, 2), (5, 3), (10, 4), (17, 5), (40, 12), (80, 24), (1, 3), (4, 1), (7, 2)]
    /// Origins of the area inside the larger buffer.
    static let origins: [(Int, Int)] = [(0, 0), (3, 2), (1, 5)]
    /// Text a data file or a script could hand a widget.
    static let hostile: [String] = [
        "관악구 도봉구 금천구",
        "Seoul 서울 Wi-Fi 와이파이 55.7% 漢字",
        String(repeating: "아주긴텍스트 ", count: 30) + String(repeating: "x", count: 200),
        "",
        "🚇🚌🚲 👨‍👩‍👧 ❤️ 🇰🇷 e\u{301}",
        "a\u{1B}[2J\u{1B}]0;pwned\u{07}b\r\nc\td\u{202E}e\u{200B}f\u{7F}\u{9B}",
        "가\n나\n다\n라\n마\n바\n사",
        "\u{1100}\u{1161}\u{11A8}\u{0301}\u{FE0F}\u{200D}",
        "１２３,４５６ 만억"
    ]
    /// What the buffer holds before drawing: a narrow cell no widget draws.
    static let sentinel = Cell("¤", style: Style(foreground: .magenta, background: .indexed(53)))
    static let margin = 4

    /// Renders `widget` into a `width`×`height` buffer and returns its text rows.
    static func lines<W: Widget>(_ widget: W, width: Int, height: Int) -> [String] {
        var buffer = Buffer(width: width, height: height)
        widget.render(in: buffer.area, buffer: &buffer)
        return buffer.textLines()
    }

    /// Renders `widget` into a `width`×`height` buffer and returns it.
    static func render<W: Widget>(_ widget: W, width: Int, height: Int) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        widget.render(in: buffer.area, buffer: &buffer)
        return buffer
    }

    /// Problems in `buffer` after drawing into `area`: any cell outside the
    /// area that is not the sentinel, any half wide character, any control
    /// character in a cell.
    static func violations(in buffer: Buffer, area: Rect) -> [String] {
        var found: [String] = []
        for y in 0..<buffer.height {
            for x in 0..<buffer.width {
                let cell = buffer[x, y]
                if !area.contains(x: x, y: y), cell != sentinel {
                    found.append("outside \(x),\(y): \(cell.symbol.debugDescription)")
                }
                if cell.isContinuation, x == 0 || buffer[x - 1, y].width != 2 {
                    found.append("orphan continuation at \(x),\(y)")
                }
                if cell.width == 2, x + 1 >= buffer.width || !buffer[x + 1, y].isContinuation {
                    found.append("wide cell without continuation at \(x),\(y)")
                }
                if cell.symbol.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) }) {
                    found.append("control character at \(x),\(y)")
                }
                if cell.symbol.unicodeScalars.contains(where: { Sanitizer.joinsOrModifies($0) })
                    || cell.symbol.unicodeScalars.filter({ (0x1F1E6...0x1F1FF).contains($0.value) }).count > 1
                {
                    found.append("joined cluster drawn whole at \(x),\(y): \(cell.symbol.debugDescription)")
                }
                if !cell.isContinuation, cell.symbol.isEmpty {
                    found.append("empty symbol at \(x),\(y)")
                }
            }
        }
        return found
    }

    /// The containment property: for every size, origin and hostile string,
    /// `make(text)` drawn into an area inside a sentinel-filled buffer touches
    /// nothing outside the area and leaves no half wide character behind.
    static func checkContainment<W: Widget>(
        _ name: String, sourceLocation: SourceLocation = #_sourceLocation,
        _ make: (String) -> W
    ) {
        var problems: [String] = []
        for text in hostile {
            let widget = make(text)
            for (w, h) in sizes {
                for (ox, oy) in origins {
                    var buffer = Buffer(width: w + ox + margin, height: h + oy + margin, fill: sentinel)
                    let area = Rect(x: ox, y: oy, width: w, height: h)
                    widget.render(in: area, buffer: &buffer)
                    for v in violations(in: buffer, area: area).prefix(3) {
                        problems.append("\(name) \(w)x\(h)+\(ox)+\(oy) text \(text.prefix(12).debugDescription): \(v)")
                    }
                }
            }
        }
        #expect(
            problems.isEmpty, "\(problems.count) problems, first: \(problems.prefix(5).joined(separator: "; "))",
            sourceLocation: sourceLocation)
    }
}

/// A deliberately broken widget, to show the harness catches what it claims.
private struct LeakyWidget: Widget {
    var offset: Int
    func render(in area: Rect, buffer: inout Buffer) {
        buffer.write("가", x: area.x + offset, y: area.y)  // no clip: may leave the area
    }
}

@Suite struct WidgetHarnessTests {
    @Test func harnessCatchesAWidgetDrawingOutsideItsArea() {
        var buffer = Buffer(width: 10, height: 3, fill: WidgetHarness.sentinel)
        let area = Rect(x: 2, y: 1, width: 3, height: 1)
        LeakyWidget(offset: 2).render(in: area, buffer: &buffer)  // 가 at columns 4–5, one past the area
        let found = WidgetHarness.violations(in: buffer, area: area)
        #expect(found.contains { $0.hasPrefix("outside 5,1") })
        var clean = Buffer(width: 10, height: 3, fill: WidgetHarness.sentinel)
        LeakyWidget(offset: 0).render(in: area, buffer: &clean)
        #expect(WidgetHarness.violations(in: clean, area: area).isEmpty)
    }
}

extension WidgetHarnessTests {
    @Test func harnessCatchesHalfAWideCharacter() {
        var buffer = Buffer(width: 6, height: 1, fill: WidgetHarness.sentinel)
        buffer.place(.continuation(.plain), x: 3, y: 0, clip: buffer.area)  // no wide cell on its left
        #expect(WidgetHarness.violations(in: buffer, area: buffer.area) == ["orphan continuation at 3,0"])
    }
}
