import Testing

@testable import MayorCore

@Suite struct LayoutEngineTests {
    @Test func weightsShareTheRoomAndAddUpExactly() {
        #expect(LayoutEngine.split(160, [.weight(1), .weight(1), .weight(1)]) == [54, 53, 53])
        #expect(LayoutEngine.split(10, [.weight(2), .weight(3)]) == [4, 6])
        #expect(LayoutEngine.split(10, [.fixed(3), .weight(1)]) == [3, 7])
        #expect(LayoutEngine.split(2, [.fixed(3), .weight(1)]) == [2, 0])
        #expect(LayoutEngine.split(0, [.weight(1), .weight(1)]) == [0, 0])
        for total in 0...50 {
            let parts = LayoutEngine.split(total, [.weight(1.5), .fixed(4), .weight(2), .weight(0.5)])
            #expect(parts.reduce(0, +) == total || total < 4 && parts.reduce(0, +) == total)
            #expect(parts.allSatisfy { $0 >= 0 })
        }
    }

    @Test func wallLayoutTilesTheScreenWithoutGapsOrOverlap() throws {
        let (set, problems) = ScreenLoader.load(directory: bundledScreens)
        #expect(problems.isEmpty)
        for (id, screen) in set.screens {
            for (w, h) in [(160, 48), (80, 24), (40, 12), (7, 3)] {
                let area = Rect(x: 0, y: 1, width: w, height: h)
                let placements = LayoutEngine.place(screen.layout, in: area)
                #expect(placements.count == screen.layout.panes.count, "\(id)")
                #expect(placements.reduce(0) { $0 + $1.rect.area } == area.area, "\(id) at \(w)x\(h)")
                for (i, a) in placements.enumerated() {
                    #expect(area.contains(a.rect))
                    for b in placements[(i + 1)...] {
                        #expect(a.rect.intersection(b.rect).isEmpty, "\(id): \(a.pane.id) overlaps \(b.pane.id)")
                    }
                }
            }
        }
    }
}

@Suite struct StackTests {
    @Test func dropsTheLeastImportantPartsWhenShort() {
        let items: [Stack.Item] = [.init(min: 5, priority: 0), .init(min: 3, priority: 2), .init(min: 2, priority: 1)]
        #expect(Stack.allocate(10, items) == [5, 3, 2])
        #expect(Stack.allocate(8, items) == [5, 0, 2])
        #expect(Stack.allocate(4, items) == [0, 0, 2])
        #expect(Stack.allocate(0, items) == [0, 0, 0])
    }

    @Test func growsToIdealThenSharesTheRestUpToMax() {
        let items: [Stack.Item] = [
            .init(min: 2, ideal: 6, priority: 0), .init(min: 1, flexible: true, max: 4, priority: 1), .init(min: 1, flexible: true, priority: 2)
        ]
        #expect(Stack.allocate(20, items) == [6, 4, 10])
        for total in 0...40 {
            #expect(Stack.allocate(total, items).reduce(0, +) <= total)
        }
    }
}

/// A pane that its layout leaves no room at the screen's own minimum size is
/// reported by `check` with its place, and the live view says it is hidden.
@Suite struct PaneWithoutRoomTests {
    static let yaml = """
        kind: screen
        title: t
        layout:
          rows:
            - columns:
                - { pane: wifi, size: 400 }
                - { pane: cctv }
            - columns:
                - { pane: traffic, weight: 1000 }
                - { pane: pledges, weight: 0.001 }
        """

    @Test func checkReportsAPaneLeftNoRoomWithItsPlace() throws {
        let (set, problems) = ScreenParser(knownPanes: Set(PaneRegistry.ids)).parseAll([("Screens/narrow.yaml", Self.yaml)])
        #expect(problems.isEmpty, "\(problems.map(\.description))")
        let screen = try #require(set.screens["narrow"])
        let found = Checker.layoutProblems(set, screensDirectory: "Screens")
        let cctv = try #require(found.first { $0.message.contains("\"cctv\"") }, "\(found.map(\.description))")
        #expect(cctv.file == "Screens/narrow.yaml" && cctv.line == 7 && cctv.column != nil, "\(cctv)")
        #expect(cctv.message.contains("0 columns"), "\(cctv)")
        let pledges = try #require(found.first { $0.message.contains("\"pledges\"") }, "\(found.map(\.description))")
        #expect(pledges.line == 10, "\(pledges)")
        #expect(!found.contains { $0.message.contains("\"wifi\"") || $0.message.contains("\"traffic\"") })
        // The bundled screens give every pane room.
        let (bundled, _) = ScreenLoader.load(directory: bundledScreens)
        #expect(Checker.layoutProblems(bundled, screensDirectory: bundledScreens).isEmpty)
        _ = screen
    }

    @Test func theLiveViewSaysWhichPaneHasNoRoom() throws {
        let (set, _) = ScreenParser(knownPanes: Set(PaneRegistry.ids)).parseAll([("Screens/narrow.yaml", Self.yaml)])
        let screen = try #require(set.screens["narrow"])
        let size = DashboardView.minimumSize(of: screen.layout)
        var buffer = Buffer(width: size.width, height: size.height)
        DashboardView(strings: Strings(.en), theme: .monochrome).render(
            ViewState(screen: screen), store: DataStore(directory: bundledData),
            now: testNow, into: &buffer)
        let text = buffer.text
        #expect(text.contains("no room") && text.contains("cctv") && text.contains("pledges"), "\(text)")
    }
}
