#if canImport(Glibc)
import Glibc
#endif
import FoundationEssentials
import Testing
@testable import MayorCore

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
        var testDescription: String { name }
    }

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
        return out
    }()

    static func render(_ c: Case) -> String {
        let store = DataStore(directory: bundledData)
        store.refresh(now: now)
        var buffer = Buffer(width: c.size.width, height: c.size.height)
        let strings = Strings(c.language)
        if let id = c.pane, let pane = PaneRegistry.pane(id) {
            let context = PaneContext(strings: strings, theme: .monochrome, now: now)
            PaneRenderer.render(pane, state: store.state(pane.kind), freshness: store.freshness(pane.kind, now: now),
                                context: context, in: buffer.area, buffer: &buffer)
        } else if let id = c.screen {
            let (set, _) = ScreenLoader.load(directory: bundledScreens)
            DashboardView(strings: strings, theme: .monochrome).render(ViewState(screen: set.screens[id]!), store: store, now: now, into: &buffer)
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
}

func environmentValue(_ name: String) -> String? {
    getenv(name).map { String(cString: $0) }
}
