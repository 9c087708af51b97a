import FoundationEssentials
import Testing

@testable import MayorCore

/// Every pane, fed hostile data and drawn at every size from nothing up,
/// stays inside its rectangle and leaves no half wide character or control
/// character behind.
@Suite struct PaneContainmentTests {
    /// Bundled data with hostile text in the fields panes show.
    static func hostileStore() -> DataStore {
        let dir = makeTempDirectory()
        let long = String(repeating: "아주긴이름", count: 40)
        let evil = "\\u001b[2J\\u001b]0;pwned\\u0007\\u202e\\u200b"
        let replacements: [SnapshotKind: [(String, String)]] = [
            .wifi: [("\"name\": \"주요거리\"", "\"name\": \"\(long)\(evil)\"")],
            .traffic: [("\"name\": \"성산로(금화터널)\"", "\"name\": \"\(evil)\(long)\"")],
            .metaverse: [("\"space\": \"퀴즈스튜디오\"", "\"space\": \"\(long)\(evil)\"")],
            .cctv: [("\"name\": \"종로구\"", "\"name\": \"\(evil)종로구\(long)\"")],
            // A status must be one of the published ones (a hostile one is
            // refused: `hostileStatusIsRefused`), so the widest of them; the
            // title of a programme whose district name is plain (도봉구) and an
            // indicator name take the hostile text.
            .pledges: [
                ("\"name\": \"관악구\"", "\"name\": \"관악구\(evil)\(long)\""),
                ("\"status\": \"정상추진\"", "\"status\": \"이행 후 계속추진\""),
                ("\"title\": \"환경, 교통, 관광 스마트도봉 조성\"", "\"title\": \"\(evil)\(long)\""),
                ("\"name\": \"스마트도시 인프라 조성\"", "\"name\": \"\(long)\(evil)\"")
            ]
        ]
        for kind in SnapshotKind.allCases {
            var text = String(decoding: readBundled(kind), as: UTF8.self)
            for (old, new) in replacements[kind] ?? [] {
                precondition(text.contains(old), "\(kind.fileName) has no \(old): the hostile text would not be there")
                text = text.replacing(old, with: new, maxReplacements: 1)
            }
            writeFile(dir + "/" + kind.fileName, text)
        }
        let store = DataStore(directory: dir)
        store.refresh(now: testNow)
        precondition(store.problems.isEmpty, "\(store.problems)")
        removeTree(dir)
        return store
    }

    @Test func hostileStatusIsRefused() {
        let text = bundledText(.pledges, replacing: "\"status\": \"정상추진\"", with: "\"status\": \"정상추진\\u001b[2J\"")
        let result = SnapshotParser.parse(.pledges, data: Data(text.utf8), file: "pledges.json", now: testNow)
        guard case .failure(let list) = result else {
            Issue.record("a status with an escape sequence loaded")
            return
        }
        #expect(list.problems.contains { $0.message.contains("is not a pledge status") }, "\(list.problems.map(\.description))")
    }

    @Test func panesNeverDrawOutsideTheirRectangle() {
        let store = Self.hostileStore()
        var problems: [String] = []
        let sizes = [0, 1, 2, 3, 4, 6, 9, 13, 20, 31, 47, 70, 110]
        let districts: [SafeText?] = [nil, "도봉구", "없는구"]
        for pane in PaneRegistry.all {
            for w in sizes {
                for h in sizes where h <= 61 {
                    for district in districts {
                        var buffer = Buffer(width: w + 7, height: h + 5, fill: WidgetHarness.sentinel)
                        let area = Rect(x: 3, y: 2, width: w, height: h)
                        let context = PaneContext(strings: Strings(w % 2 == 0 ? .ko : .en), theme: .color, now: testNow, district: district)
                        PaneRenderer.render(
                            pane, state: store.state(pane.kind), freshness: store.freshness(pane.kind, now: testNow),
                            context: context, in: area, buffer: &buffer)
                        for v in WidgetHarness.violations(in: buffer, area: area).prefix(2) {
                            problems.append("\(pane.id) \(w)x\(h) \(district?.value ?? "-"): \(v)")
                        }
                    }
                }
            }
        }
        #expect(problems.isEmpty, "\(problems.count) problems: \(problems.prefix(6).joined(separator: "; "))")
    }

    @Test func wholeFramesAtOddSizesKeepTheGridWhole() throws {
        let store = Self.hostileStore()
        let (set, _) = ScreenLoader.load(directory: bundledScreens)
        for screen in set.screens.values {
            for (w, h) in [(0, 0), (1, 1), (24, 6), (79, 23), (81, 25), (161, 49), (233, 71)] {
                var buffer = Buffer(width: w, height: h)
                var view = ViewState(screen: screen, focus: 1)
                view.helpVisible = w > 100
                view.caption = "캡션 \u{1B}[2J " + String(repeating: "길다", count: 80)
                DashboardView(strings: Strings(.ko), theme: .color).render(view, store: store, now: testNow, into: &buffer)
                let v = WidgetHarness.violations(in: buffer, area: buffer.area)
                #expect(v.isEmpty, "\(screen.id) \(w)x\(h): \(v.prefix(3))")
            }
        }
    }
}
