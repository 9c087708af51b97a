/// Something that draws itself into a rectangle of a `Buffer`.
///
/// Rules every widget keeps (and tests check):
/// - it never writes outside `area` (pass `clip: area` to every buffer write);
/// - it never crashes, whatever the size, including zero;
/// - given less room than it likes, it drops detail (labels, axes, borders)
///   rather than overflowing or garbling;
/// - all text layout uses display width (`displayWidth`, `TextFit`), never `count`.
public protocol Widget {
    func render(in area: Rect, buffer: inout Buffer)
}

extension Buffer {
    /// Draws `widget` into `area` (clipped to the buffer).
    public mutating func draw<W: Widget>(_ widget: W, in area: Rect) {
        let r = area.intersection(self.area)
        guard !r.isEmpty else { return }
        widget.render(in: r, buffer: &self)
    }
}

/// Where a widget places text or content inside the room it has.
public enum WidgetAlignment: Sendable, Hashable {
    case left, center, right
}
