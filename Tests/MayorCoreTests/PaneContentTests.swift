import Testing

@testable import MayorCore

/// Panes are given their own kind's content (`Pane.Content`): a snapshot of
/// another kind is a programming error said on the pane, never a blank one.
@Suite struct PaneContentTests {
    static func bundledSnapshot(_ kind: SnapshotKind) throws -> Snapshot {
        try parse(kind, String(decoding: readBundled(kind), as: UTF8.self)).get()
    }

    static func draw(_ pane: any Pane, _ snapshot: Snapshot) -> String {
        var buffer = Buffer(width: 100, height: 30)
        let context = PaneContext(strings: Strings(.en), theme: .monochrome, now: testNow)
        var state = KindState()
        state.snapshot = snapshot
        PaneRenderer.render(pane, state: state, freshness: .fresh, context: context, in: buffer.area, buffer: &buffer)
        return TextBackend.plain(buffer)
    }

    @Test(arguments: PaneRegistry.ids)
    func eachPaneDrawsItsOwnKindAndSaysSoForAnother(_ id: String) throws {
        let pane = try #require(PaneRegistry.pane(id))
        #expect(pane.kind.panes.contains { $0.id == id }, "\(id) is not among its kind's panes")
        let own = Self.draw(pane, try Self.bundledSnapshot(pane.kind))
        #expect(!own.contains("programming error"))
        for other in SnapshotKind.allCases where other != pane.kind {
            let text = Self.draw(pane, try Self.bundledSnapshot(other))
            #expect(text.contains("cannot show a \(other.rawValue)"), "\(id) given \(other):\n\(text)")
        }
    }
}
