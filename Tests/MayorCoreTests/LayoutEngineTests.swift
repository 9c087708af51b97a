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
        let items: [Stack.Item] = [.init(min: 2, ideal: 6, priority: 0), .init(min: 1, flexible: true, max: 4, priority: 1), .init(min: 1, flexible: true, priority: 2)]
        #expect(Stack.allocate(20, items) == [6, 4, 10])
        for total in 0...40 {
            #expect(Stack.allocate(total, items).reduce(0, +) <= total)
        }
    }
}
