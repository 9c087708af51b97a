import Testing

@testable import MayorCore

@Suite struct GlyphSetTests {
    @Test func terminalTypesPickTheMode() {
        for term in ["linux", "linux-16color", "vt100", "vt102", "vt220", "vt320", "VT220", "vt52"] {
            #expect(GlyphMode.forTerminal(term) == .tty, "\(term)")
        }
        for term in ["xterm-256color", "tmux-256color", "screen-256color", "xterm", "vte", "rxvt-unicode", "vtnt?"] {
            #expect(GlyphMode.forTerminal(term) == .unicode, "\(term)")
        }
        #expect(GlyphMode.forTerminal(nil) == .unicode)
    }

    @Test func koreanLocaleOnTheConsoleFallsBackToEnglishUnlessForced() {
        let ko = ["LANG": "ko_KR.UTF-8"]
        let console = DisplayChoice.resolve(term: "linux", glyphs: nil, lang: nil, environment: ko)
        #expect(console.language == .en)
        #expect(console.glyphs.mode == .tty && !console.glyphs.keepsWide)
        #expect(console.notice?.contains("no Hangul") == true)

        let forced = DisplayChoice.resolve(term: "linux", glyphs: nil, lang: "ko", environment: ko)
        #expect(forced.language == .ko && forced.glyphs.keepsWide && forced.notice == nil)

        // English asked for: no note (nothing was changed), Hangul from data still folds.
        let english = DisplayChoice.resolve(term: "linux", glyphs: nil, lang: "en", environment: ko)
        #expect(english.language == .en && english.notice == nil && !english.glyphs.keepsWide)

        // A VT220 emulator in a Korean locale keeps Korean (only the console font lacks Hangul).
        let vt = DisplayChoice.resolve(term: "vt220", glyphs: nil, lang: nil, environment: ko)
        #expect(vt.language == .ko && vt.glyphs.mode == .tty && vt.glyphs.keepsWide)

        let xterm = DisplayChoice.resolve(term: "xterm-256color", glyphs: nil, lang: nil, environment: ko)
        #expect(xterm == DisplayChoice(glyphs: .unicode, language: .ko, notice: nil))

        let ascii = DisplayChoice.resolve(term: "xterm-256color", glyphs: .ascii, lang: nil, environment: ko)
        #expect(ascii.language == .en && ascii.notice != nil && ascii.glyphs.mode == .ascii)

        // --glyphs unicode on the console: the user says the font has it all.
        let unicode = DisplayChoice.resolve(term: "linux", glyphs: .unicode, lang: nil, environment: ko)
        #expect(unicode.language == .ko && unicode.glyphs == .unicode)
    }

    @Test func foldKeepsWidthsAndUsesOnlyTheConsoleFont() {
        var buffer = Buffer(width: 12, height: 1)
        buffer.write("관…●⣿▁▉╭ab", x: 0, y: 0)
        var tty = buffer
        tty.fold(to: .tty)
        #expect(tty.textLines() == ["??»*·▄█┌ab"])
        for cell in tty.cells {
            #expect(cell.width == 1)
            #expect(cell.symbol.unicodeScalars.allSatisfy { GlyphSet.consoleFont.contains($0) })
        }
        var ascii = buffer
        ascii.fold(to: .ascii)
        #expect(ascii.textLines() == ["??.*._#+ab"])
        var kept = buffer
        kept.fold(to: GlyphSet(mode: .tty, keepsWide: true))
        #expect(kept.textLines() == ["관»*·▄█┌ab"])
        var unicode = buffer
        unicode.fold(to: .unicode)
        #expect(unicode == buffer)
    }

    @Test func consoleFontIsAsciiAndTheCP437UpperHalf() {
        #expect(GlyphSet.cp437High.unicodeScalars.count == 128)
        #expect(GlyphSet.consoleFont.count == 95 + 128)
        for g in [GlyphSet.tty, GlyphSet.ascii] {
            let drawn =
                [
                    g.horizontal, g.vertical, g.topLeft, g.topRight, g.bottomLeft, g.bottomRight, g.axisTick,
                    g.full, g.track, g.up, g.down
                ] + g.roundedCorners + g.horizontalSteps + g.verticalSteps
                + (0..<4).map(g.dotCell)
            for s in drawn {
                #expect(s.unicodeScalars.allSatisfy { g.mode == .ascii ? $0.isASCII : GlyphSet.consoleFont.contains($0) }, "\(s)")
            }
        }
    }

    @Test func ttyWidgetsDrawBlocksNotEighthsOrBraille() {
        let theme = Theme.monochrome.with(glyphs: .tty)
        var buffer = Buffer(width: 20, height: 6)
        buffer.draw(LineChart([.init([1, 5, 2, 9, 3], style: .plain)], theme: theme), in: Rect(x: 0, y: 0, width: 20, height: 3))
        buffer.draw(Gauge(0.55, theme: theme), in: Rect(x: 0, y: 3, width: 20, height: 1))
        buffer.draw(BarChart([.init("a", 3), .init("b", 10)], theme: theme), in: Rect(x: 0, y: 4, width: 20, height: 2))
        let text = buffer.textLines().joined(separator: "\n")
        #expect(!text.unicodeScalars.contains { (0x2800...0x28FF).contains($0.value) })
        #expect(text.unicodeScalars.allSatisfy { $0 == "\n" || GlyphSet.consoleFont.contains($0) }, "\(text)")
        #expect(text.contains("▀") || text.contains("▄"))
        #expect(text.contains("█") && text.contains("░"))

        var spark = Buffer(width: 4, height: 1)
        spark.draw(Sparkline([0, 1, 2, 3], glyphs: .tty), in: spark.area)
        #expect(spark.textLines() == ["▄▄██"])
        var frame = Buffer(width: 6, height: 3)
        frame.draw(Frame(rounded: true, theme: Theme.monochrome.with(glyphs: .ascii)), in: frame.area)
        #expect(frame.textLines() == ["+----+", "|    |", "+----+"])
    }

    /// The live loop's clock-only update redraws the header and bottom rows:
    /// they are folded too, and the frame stays what a full render gives.
    @Test func clockOnlyUpdatesAreFoldedToo() {
        let (set, _) = ScreenLoader.load(directory: bundledScreens)
        let clock = FakeClock(testNow)
        let choice = DisplayChoice.resolve(term: "linux", glyphs: nil, lang: nil, environment: ["LANG": "ko_KR.UTF-8"])
        let app = DashboardApp(
            store: DataStore(directory: bundledData), screens: set, mode: .wall,
            options: .init(
                language: choice.language, theme: Theme.monochrome.with(glyphs: choice.glyphs),
                notice: choice.notice),
            clock: { clock.now })
        // A district filter puts a Hangul name from the data on the bottom row.
        _ = app.handle(.key(.character("f")))
        var buffer = Buffer(width: 160, height: 48)
        app.render(into: &buffer)
        #expect(app.district != nil)
        let full = app.fullFrames
        clock.now += 1
        app.render(into: &buffer)
        #expect(app.fullFrames == full, "the second frame should be a clock-only update")
        let text = buffer.textLines().joined(separator: "\n")
        #expect(text.contains("no Hangul"))
        for s in text.unicodeScalars where s != "\n" {
            #expect(GlyphSet.consoleFont.contains(s), "\(s) (U+\(String(s.value, radix: 16))) after a clock tick")
        }
    }
}
