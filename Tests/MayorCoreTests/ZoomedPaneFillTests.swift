import FoundationEssentials
import Testing

@testable import MayorCore

/// A zoomed time-series pane shows more on a large screen instead of leaving
/// a blank half (issue 11 item 6). Measured inside the pane's frame on the
/// bundled data, zoomed as `mayor demo` and the live wall zoom (Enter), with
/// and without a briefing caption, in both languages:
/// - rows: at least 80 % of the rows inside the frame hold a non-blank cell;
/// - width: the right half of the inner area (its columns from the middle on)
///   is not mostly empty: at least 60 % of its rows hold a non-blank cell.
@Suite struct ZoomedPaneFillTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let pane: String
        let size: Size
        let language: Language
        let caption: Bool
        var testDescription: String { "\(pane) \(size.width)x\(size.height) \(language) caption:\(caption)" }
    }

    static let cases: [Case] = {
        var out: [Case] = []
        for pane in ["wifi", "metaverse", "traffic"] {
            for size in [Size(width: 140, height: 42), Size(width: 200, height: 60)] {
                for language in [Language.ko, .en] {
                    for caption in [false, true] { out.append(Case(pane: pane, size: size, language: language, caption: caption)) }
                }
            }
        }
        return out
    }()

    /// The share of rows of `area` holding a non-blank cell.
    static func usedRows(_ buffer: Buffer, _ area: Rect) -> Double {
        guard area.height > 0 else { return 0 }
        var used = 0
        for y in area.y..<area.maxY where (area.x..<area.maxX).contains(where: { buffer[$0, y].symbol != " " && !buffer[$0, y].symbol.isEmpty }) {
            used += 1
        }
        return Double(used) / Double(area.height)
    }

    @Test(arguments: cases)
    func zoomedPaneUsesItsRowsAndItsRightHalf(_ c: Case) throws {
        let store = DataStore(directory: bundledData)
        store.refresh(now: testNow)
        let (set, _) = ScreenLoader.load(directory: bundledScreens)
        let screen = try #require(set.screens["wall"])
        let view = ViewState(screen: screen, zoomed: PaneRef(id: c.pane), caption: c.caption ? "caption" : nil)
        let dashboard = DashboardView(strings: Strings(c.language), theme: .monochrome)
        var buffer = Buffer(width: c.size.width, height: c.size.height)
        dashboard.render(view, store: store, now: testNow, into: &buffer)
        let placement = try #require(dashboard.placements(view, width: c.size.width, height: c.size.height).first)
        let inner = placement.rect.inset(by: 1)
        let rows = Self.usedRows(buffer, inner)
        let (_, rightHalf) = inner.splitLeft(inner.width / 2)
        let right = Self.usedRows(buffer, rightHalf)
        let frame = buffer.textLines().joined(separator: "\n")
        #expect(rows >= 0.8, "\(c.testDescription): \(Int(rows * 100)) % of the rows used\n\(frame)")
        #expect(right >= 0.6, "\(c.testDescription): right half \(Int(right * 100)) % of its rows used\n\(frame)")
    }
}
