/// Everything a pane needs to draw itself, besides its data.
public struct PaneContext: Sendable {
    public var strings: Strings
    public var theme: Theme
    /// Now, in seconds since the epoch (fixed by `--now` for reproducible frames).
    public var now: Double
    /// A district filter, for panes that have districts.
    public var district: SafeText?
    public var focused: Bool
    public var zoomed: Bool

    public init(strings: Strings, theme: Theme, now: Double, district: SafeText? = nil, focused: Bool = false, zoomed: Bool = false) {
        self.strings = strings
        self.theme = theme
        self.now = now
        self.district = district
        self.focused = focused
        self.zoomed = zoomed
    }

    public var language: Language { strings.language }
}

/// One pane of the dashboard: a small type that composes widgets from one
/// kind of snapshot. The frame, title, provenance footer and SAMPLE / STALE /
/// ERROR marks are drawn for it by `PaneRenderer`.
public protocol Pane: Sendable {
    /// The id screens use (`pane: wifi`).
    var id: String { get }
    /// The kind of snapshot it shows.
    var kind: SnapshotKind { get }
    func title(_ strings: Strings) -> String
    /// The smallest inner size at which it shows its main figure legibly.
    var minimumSize: Size { get }
    /// True when the district filter (`f`) applies to it.
    var filtersByDistrict: Bool { get }
    /// Districts it can be filtered by, in display order.
    func districts(in snapshot: Snapshot) -> [SafeText]
    /// The footer's provenance when the envelope's one as-of date and agency
    /// would misattribute some figures (a file drawing on several sources);
    /// nil for "as of DATE · source: AGENCY". `width`: the footer's room,
    /// so a shorter form can be chosen instead of one cut short.
    func provenance(_ snapshot: Snapshot, strings: Strings, width: Int) -> String?
    /// The same for what is shown in `context` (a district filter chooses
    /// whose date and source apply); by default the one above.
    func provenance(_ snapshot: Snapshot, context: PaneContext, width: Int) -> String?
    /// Draws the content (inside the frame) from a snapshot of its kind.
    func render(_ snapshot: Snapshot, context: PaneContext, in area: Rect, buffer: inout Buffer)
}

extension Pane {
    public func provenance(_ snapshot: Snapshot, context: PaneContext, width: Int) -> String? {
        provenance(snapshot, strings: context.strings, width: width)
    }
    public var filtersByDistrict: Bool { false }
    public func districts(in snapshot: Snapshot) -> [SafeText] { [] }
    public func provenance(_ snapshot: Snapshot, strings: Strings, width: Int) -> String? { nil }
}
