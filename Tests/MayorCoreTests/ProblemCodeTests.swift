import Foundation
import Testing

@testable import MayorCore

/// Code that acts on a problem branches on its `code`, never on its message
/// (which is for people and may be reworded): each code here is one that
/// such code, or a test, relies on.
@Suite struct ProblemCodeTests {
    let parser = ScreenParser(knownPanes: Set(PaneRegistry.ids))
    let wall = ("Screens/wall.yaml", "kind: screen\ntitle: w\nlayout: {pane: wifi}\n")

    func screenCodes(_ yaml: String) -> [Problem.Code] {
        parser.parseAll([("Screens/test.yaml", yaml), wall]).1.map(\.code)
    }

    @Test func aBriefingStepNamingNoScreenIsNoScreen() {
        let yaml = "kind: briefing\ntitle: b\nsteps:\n  - screen: nowhere\n    caption: c\n    seconds: 5\n"
        #expect(screenCodes(yaml) == [.noScreen])
        #expect(screenCodes("kind: playlist\nscreens: [wall, nowhere]\n") == [.noScreen])
    }

    @Test func screenFileCodes() {
        #expect(screenCodes("kind: screen\ntitle: [\n") == [.syntax])
        #expect(screenCodes("kind: screen\ntitle: a\ntitle: b\nlayout: {pane: wifi}\n") == [.duplicate])
        #expect(screenCodes("kind: screen\nlayout: {pane: wifi}\n") == [.missingField])
        #expect(screenCodes("kind: screen\ntitle: t\nlayout: {pane: nope}\n") == [.unknownName])
        #expect(screenCodes("kind: screen\ntitle: t\nlayout: {pane: wifi, weight: -1}\n") == [.invalid])
        #expect(screenCodes("kind: screen\ntitle: [1]\nlayout: {pane: wifi}\n") == [.type])
        let deep = "kind: screen\ntitle: t\nlayout: " + String(repeating: "{rows: [", count: 10) + "{pane: wifi}" + String(repeating: "]}", count: 10) + "\n"
        #expect(screenCodes(deep).contains(.limit), "\(parser.parseAll([("Screens/test.yaml", deep)]).1.map(\.description))")
        let (set, _) = parser.parseAll([("Screens/test.yaml", "kind: briefing\ntitle: b\nsteps:\n  - pane: wifi\n    caption: \"today\"\n    seconds: 5\n")])
        #expect(set.warnings.map(\.code) == [.timeWord], "\(set.warnings.map(\.description))")
    }

    @Test func snapshotCodes() {
        #expect(problems(.wifi, "").map(\.code) == [.syntax])
        #expect(problems(.wifi, "{\"a\": 1, \"a\": 2}").map(\.code) == [.duplicate])
        #expect(problems(.wifi, "[1, 2]").map(\.code) == [.type])
        let bundled = String(decoding: readBundled(.wifi), as: UTF8.self)
        #expect(problems(.wifi, bundled.replacingOccurrences(of: "\"document\":", with: "\"documentTitle\":")).map(\.code) == [.missingField])
        #expect(problems(.wifi, bundled.replacingOccurrences(of: "\"apTotal\": 31245", with: "\"apTotal\": 31246")).map(\.code) == [.invalid])
        #expect(problems(.wifi, bundled.replacingOccurrences(of: "\"kind\": \"wifi\"", with: "\"kind\": \"cctv\"")).map(\.code) == [.wrongKind])
        let big = SnapshotParser.parse(.wifi, data: readBundled(.wifi), file: "Data/wifi.json", now: testNow, maxBytes: 10)
        if case .failure(let list) = big { #expect(list.problems.map(\.code) == [.limit]) } else { Issue.record("accepted") }
    }

    @Test func missingFilesAndFoldersAreMissingFile() {
        let dir = makeTempDirectory()
        defer { removeTree(dir) }
        let store = DataStore(directory: dir)
        store.refresh(now: testNow)
        #expect(!store.problems.isEmpty && store.problems.allSatisfy { $0.code == .missingFile }, "\(store.problems.map(\.description))")
        let gone = DataStore(directory: dir + "/nowhere")
        gone.refresh(now: testNow)
        #expect(gone.folderProblem?.code == .missingFile)
        #expect(ScreenLoader.load(directory: dir).1.map(\.code) == [.noScreens])
        #expect(ScreenLoader.load(directory: dir + "/nowhere").1.map(\.code) == [.missingFile])
    }
}
