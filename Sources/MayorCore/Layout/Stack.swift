/// Shares rows (or columns) among the parts of a pane by priority: when the
/// room is short, the least important parts are dropped whole instead of
/// every part being squeezed into illegibility.
public enum Stack {
    public struct Item: Sendable {
        /// Below this the part is not drawn at all.
        public var min: Int
        /// What the part would like.
        public var ideal: Int
        /// Takes what is left over once every part has its ideal.
        public var flexible: Bool
        /// 0 is the most important (kept longest).
        public var priority: Int
        /// A flexible part grows no further than this.
        public var max: Int

        public init(min: Int, ideal: Int? = nil, flexible: Bool = false, max: Int = Int.max, priority: Int) {
            self.min = Swift.max(0, min)
            self.ideal = Swift.max(self.min, ideal ?? min)
            self.flexible = flexible
            self.max = Swift.max(self.ideal, max)
            self.priority = priority
        }
    }

    /// Sizes for `items` in `total` cells: 0 for a dropped part. The sizes add
    /// up to at most `total`.
    public static func allocate(_ total: Int, _ items: [Item]) -> [Int] {
        // Most important first: a part is in when its minimum still fits.
        var included = items.map { _ in false }
        var room = total
        for i in items.indices.sorted(by: { (items[$0].priority, $0) < (items[$1].priority, $1) }) where items[i].min <= room {
            included[i] = true
            room -= items[i].min
        }
        var sizes = items.indices.map { included[$0] ? items[$0].min : 0 }
        var left = Swift.max(0, total - sizes.reduce(0, +))
        for i in items.indices.sorted(by: { items[$0].priority < items[$1].priority }) where included[i] && left > 0 {
            let extra = Swift.min(left, items[i].ideal - sizes[i])
            sizes[i] += extra
            left -= extra
        }
        // Share what is left among the flexible parts, each up to its max.
        var open = items.indices.filter { included[$0] && items[$0].flexible && sizes[$0] < items[$0].max }
        while left > 0, !open.isEmpty {
            let share = Swift.max(1, left / open.count)
            for i in open where left > 0 {
                let extra = Swift.min(share, items[i].max - sizes[i], left)
                sizes[i] += extra
                left -= extra
            }
            open = open.filter { sizes[$0] < items[$0].max }
        }
        return sizes
    }

    /// Splits `area` into rows of the allocated heights, top to bottom.
    public static func rows(_ area: Rect, _ items: [Item]) -> [Rect] {
        var y = area.y
        return allocate(area.height, items).map { h in
            defer { y += h }
            return Rect(x: area.x, y: y, width: area.width, height: h)
        }
    }

    /// Splits `area` into columns of the allocated widths, left to right.
    public static func columns(_ area: Rect, _ items: [Item], gap: Int = 0) -> [Rect] {
        let sizes = allocate(Swift.max(0, area.width - gap * Swift.max(0, items.count - 1)), items)
        var x = area.x
        return sizes.map { w in
            defer { x += w + (w > 0 ? gap : 0) }
            return Rect(x: x, y: area.y, width: w, height: area.height)
        }
    }
}
