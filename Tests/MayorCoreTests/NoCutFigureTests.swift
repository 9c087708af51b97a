import Testing

@testable import MayorCore

/// A number is never shown cut: a figure that does not fit is left out whole
/// (issue 14 item 3). Every pane, rendered alone (as when zoomed) and in the
/// bundled screens, at a grid of sizes from 40x12 to 320x90 and in both
/// languages, has no run of digits followed by "…" anywhere on screen.
@Suite struct NoCutFigureTests {
    /// Widths 40…320 step 7 and heights 12…90 step 5, plus the edges.
    static let widths: [Int] = Array(stride(from: 40, through: 320, by: 7)) + [41, 319, 320]
    static let heights: [Int] = Array(stride(from: 12, through: 90, by: 5)) + [13, 89, 90]

    /// "5,8…", "(20…", "12.…": a digit, maybe a separator, then the ellipsis.
    static func cutFigures(_ text: String) -> [String] {
        var found: [String] = []
        for line in text.split(separator: "\n") {
            let chars = Array(line)
            for (i, c) in chars.enumerated() where c == "…" && i > 0 {
                var j = i - 1
                if chars[j] == "," || chars[j] == ".", j > 0 { j -= 1 }
                if chars[j].isASCII, chars[j].isNumber {
                    found.append(String(line))
                    break
                }
            }
        }
        return found
    }

    @Test func theCheckSeesACutFigure() {
        #expect(Self.cutFigures("10년 이상 5,8…") == ["10년 이상 5,8…"])
        #expect(Self.cutFigures("replaced 1…\nx (20…") == ["replaced 1…", "x (20…"])
        #expect(Self.cutFigures("12,…").count == 1)
        #expect(Self.cutFigures("10년 이상…  스마트…").isEmpty)
    }

    @Test func truncationLeavesAFigureOutWhole() {
        for text in [
            "노후 (8년 이상) 16,239 / 92,991 · 10년 이상 5,896 (2023-06-30)",
            "replaced 1,672 (2023)", "12,974 / 18,300", "(2023-06-30)", "v1.2.3 and 4.5%"
        ] {
            for width in 1...(text.displayWidth + 1) {
                let cut = TextFit.truncate(text, to: width)
                #expect(cut.displayWidth <= width)
                #expect(Self.cutFigures(cut).isEmpty, "\(text) at \(width): \(cut)")
            }
        }
        #expect(TextFit.truncate("10년 이상 5,896", to: 12) == "10년 이상…")
        #expect(TextFit.truncate("status 정상추진", to: 12) == "status 정상…")
    }

    @Test func noPaneShowsACutFigureAtAnySize() {
        let store = DataStore(directory: bundledData)
        store.refresh(now: testNow)
        var failures: [String] = []
        for pane in PaneRegistry.all {
            for language in [Language.ko, .en] {
                let context = PaneContext(strings: Strings(language), theme: .monochrome, now: testNow, zoomed: true)
                for w in Self.widths {
                    for h in Self.heights {
                        var buffer = Buffer(width: w, height: h)
                        PaneRenderer.render(
                            pane, state: store.state(pane.kind), freshness: store.freshness(pane.kind, now: testNow),
                            context: context, in: buffer.area, buffer: &buffer)
                        for line in Self.cutFigures(buffer.text) where failures.count < 20 {
                            failures.append("\(pane.id) \(language) \(w)x\(h): \(line)")
                        }
                    }
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) cut figures:\n\(failures.joined(separator: "\n"))")
    }

    @Test func noScreenShowsACutFigureAtAnySize() {
        let store = DataStore(directory: bundledData)
        store.refresh(now: testNow)
        let (set, _) = ScreenLoader.load(directory: bundledScreens)
        var failures: [String] = []
        for screen in set.screens.values.sorted(by: { $0.id < $1.id }) {
            for language in [Language.ko, .en] {
                // A coarser grid: a screen draws every pane at smaller sizes already.
                for w in stride(from: 40, through: 320, by: 21) {
                    for h in stride(from: 12, through: 90, by: 10) {
                        var buffer = Buffer(width: w, height: h)
                        DashboardView(strings: Strings(language), theme: .monochrome)
                            .render(ViewState(screen: screen), store: store, now: testNow, into: &buffer)
                        for line in Self.cutFigures(buffer.text) where failures.count < 20 {
                            failures.append("\(screen.id) \(language) \(w)x\(h): \(line)")
                        }
                    }
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) cut figures:\n\(failures.joined(separator: "\n"))")
    }
}
