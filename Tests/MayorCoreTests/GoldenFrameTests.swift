import FoundationEssentials
import Testing

@testable import MayorCore

#if canImport(Glibc)
    import Glibc
#endif

/// Whole frames rendered to text and compared with the files in Golden/.
/// `MAYOR_UPDATE_GOLDEN=1 swift test --filter GoldenFrame` rewrites them;
/// look at the diff before committing.
@Suite struct GoldenFrameTests {
    static let goldenDirectory = repoRoot + "/Tests/MayorCoreTests/Golden"
    static let now = CalendarDate.parseInstant("2025-01-15T09:00:00+09:00")!

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let screen: String?
        let pane: String?
        let size: Size
        let language: Language
        /// The tty and ascii modes: glyphs, language and header note as `mayor` picks them.
        var display: DisplayChoice? = nil
        var testDescription: String { name }
    }

    /// `TERM=linux` with a Korean locale (English, no Hangul), the same with
    /// `--lang ko`, and `--glyphs ascii`.
    static let consoleKorean = DisplayChoice.resolve(term: "linux", glyphs: nil, lang: nil, environment: ["LANG": "ko_KR.UTF-8"])
    static let consoleForcedKorean = DisplayChoice.resolve(term: "linux", glyphs: nil, lang: "ko", environment: ["LANG": "ko_KR.UTF-8"])
    static let ascii = DisplayChoice.resolve(term: "xterm-256color", glyphs: .ascii, lang: nil, environment: ["LANG": "C.UTF-8"])

    static let cases: [Case] = {
        var out: [Case] = []
        for id in PaneRegistry.ids {
            for size in [Size(width: 80, height: 24), Size(width: 40, height: 12)] {
                out.append(Case(name: "pane-\(id)-\(size)", screen: nil, pane: id, size: size, language: .ko))
            }
        }
        out.append(Case(name: "screen-wall-160x48", screen: "wall", pane: nil, size: Size(width: 160, height: 48), language: .ko))
        out.append(Case(name: "screen-wall-200x60-en", screen: "wall", pane: nil, size: Size(width: 200, height: 60), language: .en))
        out.append(Case(name: "screen-wall-80x24-en", screen: "wall", pane: nil, size: Size(width: 80, height: 24), language: .en))
        out.append(Case(name: "screen-wall-60x16-too-small", screen: "wall", pane: nil, size: Size(width: 60, height: 16), language: .ko))
        out.append(Case(name: "screen-districts-120x40", screen: "districts", pane: nil, size: Size(width: 120, height: 40), language: .ko))
        out += ttyCases
        return out
    }()

    static let ttyCases: [Case] = [
        Case(name: "screen-wall-80x24-tty", screen: "wall", pane: nil, size: Size(width: 80, height: 24), language: .en, display: consoleKorean),
        Case(name: "screen-wall-160x48-tty", screen: "wall", pane: nil, size: Size(width: 160, height: 48), language: .en, display: consoleKorean),
        Case(name: "screen-wall-160x48-tty-ko", screen: "wall", pane: nil, size: Size(width: 160, height: 48), language: .ko, display: consoleForcedKorean),
        Case(name: "screen-wall-80x24-ascii", screen: "wall", pane: nil, size: Size(width: 80, height: 24), language: .en, display: ascii)
    ]

    /// As `mayor render` draws: the store reads the pane's kind, or the kinds the screens show.
    static func render(_ c: Case) -> String {
        let (set, _) = ScreenLoader.load(directory: bundledScreens)
        let kinds = c.pane.map { PaneRegistry.kinds(of: [$0]) } ?? set.kindsShown()
        let store = DataStore(directory: bundledData, kinds: kinds)
        store.refresh(now: now)
        var buffer = Buffer(width: c.size.width, height: c.size.height)
        let strings = Strings(c.display?.language ?? c.language)
        let theme = Theme.monochrome.with(glyphs: c.display?.glyphs ?? .unicode)
        if let id = c.pane, let pane = PaneRegistry.pane(id) {
            let context = PaneContext(strings: strings, theme: theme, now: now)
            PaneRenderer.render(
                pane, state: store.state(pane.kind), freshness: store.freshness(pane.kind, now: now),
                context: context, in: buffer.area, buffer: &buffer)
        } else if let id = c.screen {
            DashboardView(strings: strings, theme: theme, notice: c.display?.notice)
                .render(ViewState(screen: set.screens[id]!), store: store, now: now, into: &buffer)
        }
        return TextBackend.plain(buffer)
    }

    @Test(arguments: cases)
    func frameMatchesGolden(_ c: Case) throws {
        let actual = Self.render(c)
        let path = Self.goldenDirectory + "/\(c.name).txt"
        if environmentValue("MAYOR_UPDATE_GOLDEN") == "1" {
            mkdir(Self.goldenDirectory, 0o755)
            writeFile(path, actual)
            return
        }
        guard case .success(let data) = FileProbe.read(path, limit: 1 << 20) else {
            Issue.record("missing golden file \(path); run MAYOR_UPDATE_GOLDEN=1 swift test --filter GoldenFrame")
            return
        }
        let expected = String(decoding: data, as: UTF8.self)
        #expect(actual == expected, "frame \(c.name) differs from its golden file.\n--- expected\n\(expected)--- actual\n\(actual)")
    }

    @Test(arguments: cases)
    func frameStaysWithinItsSizeWithoutEscapes(_ c: Case) {
        let text = Self.render(c)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == c.size.height)
        for line in lines {
            #expect(line.displayWidth <= c.size.width, "line wider than \(c.size.width): \(line)")
        }
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B || ($0.value < 0x20 && $0 != "\n") })
    }

    /// What the Linux console's default font (default8x16, the CP437 set) can
    /// show, written out here on its own rather than taken from `GlyphSet`:
    /// printable ASCII and CP437 0x80–0xFF.
    static let linuxConsoleFont: Set<Unicode.Scalar> = {
        let cp437 =
            "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌"
            + "█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u{00A0}"
        return Set((0x20...0x7E).compactMap(Unicode.Scalar.init)).union(cp437.unicodeScalars)
    }()

    static func isHangul(_ s: Unicode.Scalar) -> Bool {
        (0xAC00...0xD7A3).contains(s.value) || (0x1100...0x11FF).contains(s.value) || (0x3130...0x318F).contains(s.value)
    }

    @Test(arguments: ttyCases)
    func ttyFramesUseOnlyWhatTheConsoleFontHas(_ c: Case) throws {
        let text = Self.render(c)
        let display = try #require(c.display)
        let forcedKorean = display.language == .ko
        #expect(Self.linuxConsoleFont.count == 95 + 128)
        var seen = Set<Unicode.Scalar>()
        for s in text.unicodeScalars where s != "\n" {
            #expect(!(0x2800...0x28FF).contains(s.value), "braille \(s) in \(c.name)")
            if Self.isHangul(s) {
                #expect(forcedKorean, "Hangul \(s) in \(c.name) without --lang ko")
                continue
            }
            if display.glyphs.mode == .ascii {
                #expect(s.isASCII, "\(s) (U+\(String(s.value, radix: 16))) in the ascii frame \(c.name)")
            } else if !Self.linuxConsoleFont.contains(s), seen.insert(s).inserted {
                Issue.record("\(s) (U+\(String(s.value, radix: 16))) in \(c.name) is not in the Linux console font")
            }
        }
        // The frame still has boxes and bars: the mode draws, it does not just blank.
        if display.glyphs.mode == .tty {
            #expect(text.contains("┌") && text.contains("█") && text.contains("░"))
        }
    }
}

func environmentValue(_ name: String) -> String? {
    getenv(name).map { String(cString: $0) }
}
