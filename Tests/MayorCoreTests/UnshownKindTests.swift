import FoundationEssentials
import Testing

@testable import MayorCore

#if canImport(Glibc)
    import Glibc
#endif

/// The wall reads only the kinds its screens show (issue 12): a data folder
/// without one kind's file, with screens that do not show that kind, is no
/// problem for `mayor check` and puts no ERROR on the wall; the file of a
/// kind the screens do show is still required.
@Suite struct UnshownKindTests {
    /// A copy of the bundled data without `gone`'s file.
    static func dataWithout(_ gone: SnapshotKind) -> String {
        let dir = makeTempDirectory()
        for kind in SnapshotKind.allCases where kind != gone {
            writeFile(dir + "/" + kind.fileName, String(decoding: readBundled(kind), as: UTF8.self))
        }
        return dir
    }

    /// A screens folder with one screen of `panes`, one above the other.
    static func screens(showing panes: [String]) -> String {
        let dir = makeTempDirectory()
        let rows = panes.map { "    - { pane: \($0), weight: 1 }\n" }.joined()
        writeFile(dir + "/test.yaml", "kind: screen\ntitle:\n  ko: 시험\n  en: test\nlayout:\n  rows:\n" + rows)
        return dir
    }

    @Test(arguments: SnapshotKind.allCases)
    func aMissingFileOfAKindNoScreenShowsIsNoProblem(_ gone: SnapshotKind) throws {
        let data = Self.dataWithout(gone)
        let shownPanes = PaneRegistry.all.filter { $0.kind != gone }
        let screens = Self.screens(showing: shownPanes.map(\.id))
        defer {
            removeTree(data)
            removeTree(screens)
        }
        let problems = Checker.check(dataDirectory: data, screensDirectory: screens, now: testNow)
        #expect(problems.isEmpty, "\(problems.map(\.description))")

        // The wall as `mayor` starts it: the store loads the kinds the screens show.
        let (set, screenProblems) = ScreenLoader.load(directory: screens)
        #expect(screenProblems.isEmpty)
        #expect(!set.kindsShown().contains(gone))
        let store = DataStore(directory: data, kinds: set.kindsShown())
        let app = DashboardApp(store: store, screens: set, options: .init(language: .en, theme: .monochrome), clock: { testNow })
        var buffer = Buffer(width: 160, height: 90)
        app.render(into: &buffer)
        let frame = TextBackend.plain(buffer)
        #expect(!frame.contains("ERROR") && !frame.contains(gone.fileName), "\(frame)")
        for pane in shownPanes { #expect(frame.contains(pane.title(Strings(.en))), "\(pane.id) not drawn:\n\(frame)") }
    }

    @Test(arguments: SnapshotKind.allCases)
    func aMissingFileOfAShownKindIsStillAProblem(_ gone: SnapshotKind) throws {
        let data = Self.dataWithout(gone)
        let screens = Self.screens(showing: gone.panes.map(\.id))
        defer {
            removeTree(data)
            removeTree(screens)
        }
        let problems = Checker.check(dataDirectory: data, screensDirectory: screens, now: testNow)
        #expect(problems.map(\.code) == [.missingFile] && problems.first?.fileName == gone.fileName, "\(problems.map(\.description))")
    }

    /// A kind whose file is there is checked even when no screen shows it.
    @Test func aBrokenFileOfAnUnshownKindIsStillChecked() throws {
        let kinds = SnapshotKind.allCases
        let (shown, broken) = (kinds[0], kinds[kinds.count - 1])
        let data = Self.dataWithout(broken)
        let screens = Self.screens(showing: shown.panes.map(\.id))
        defer {
            removeTree(data)
            removeTree(screens)
        }
        writeFile(data + "/" + broken.fileName, "{")
        let problems = Checker.check(dataDirectory: data, screensDirectory: screens, now: testNow)
        #expect(problems.map(\.code) == [.syntax] && problems.first?.fileName == broken.fileName, "\(problems.map(\.description))")
    }
}
