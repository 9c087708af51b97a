/// Turns a screen's layout tree into rectangles: fixed sizes first, the rest
/// shared by weight, remainders handed out left to right so the parts always
/// add up to the whole (no gaps, no overlap).
public enum LayoutEngine {
    public struct Placement: Hashable, Sendable {
        public let pane: PaneRef
        public let rect: Rect
    }

    public static func place(_ node: LayoutNode, in area: Rect) -> [Placement] {
        var out: [Placement] = []
        place(node, in: area, into: &out)
        return out
    }

    static func place(_ node: LayoutNode, in area: Rect, into out: inout [Placement]) {
        switch node {
        case .pane(let ref, _):
            out.append(Placement(pane: ref, rect: area))
        case .rows(let children, _):
            let heights = split(area.height, children.map(\.size))
            var y = area.y
            for (child, h) in zip(children, heights) {
                place(child, in: Rect(x: area.x, y: y, width: area.width, height: h), into: &out)
                y += h
            }
        case .columns(let children, _):
            let widths = split(area.width, children.map(\.size))
            var x = area.x
            for (child, w) in zip(children, widths) {
                place(child, in: Rect(x: x, y: area.y, width: w, height: area.height), into: &out)
                x += w
            }
        }
    }

    /// The panes of `node` that get no column or no row in `area`: their
    /// neighbours' fixed sizes or much larger weights leave them nothing.
    public static func withoutRoom(_ node: LayoutNode, in area: Rect) -> [Placement] {
        place(node, in: area).filter { $0.rect.width <= 0 || $0.rect.height <= 0 }
    }

    /// Splits `total` cells among `sizes`. Fixed sizes are honoured while they
    /// fit (shrunk in order when they do not); weights share the rest.
    public static func split(_ total: Int, _ sizes: [LayoutSize]) -> [Int] {
        guard total > 0, !sizes.isEmpty else { return sizes.map { _ in 0 } }
        var result = [Int](repeating: 0, count: sizes.count)
        var left = total
        for (i, size) in sizes.enumerated() {
            if case .fixed(let n) = size {
                result[i] = min(n, left)
                left -= result[i]
            }
        }
        let weights = sizes.map { size -> Double in if case .weight(let w) = size { return w } else { return 0 } }
        let sum = weights.reduce(0, +)
        guard sum > 0, left > 0 else { return result }
        var given = 0
        var fractions: [(Int, Double)] = []
        for (i, w) in weights.enumerated() where w > 0 {
            let exact = Double(left) * w / sum
            let whole = Int(exact)
            result[i] += whole
            given += whole
            fractions.append((i, exact - Double(whole)))
        }
        // Largest remainders first; ties to the earlier part.
        fractions.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        var k = 0
        while given < left, !fractions.isEmpty {
            result[fractions[k % fractions.count].0] += 1
            given += 1
            k += 1
        }
        return result
    }
}
