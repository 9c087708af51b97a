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

/// One pane of the dashboard: a small type that composes widgets from the
/// content of one kind of snapshot (`Content`). The frame, title, provenance
/// footer and SAMPLE / STALE / ERROR marks are drawn for it by `PaneRenderer`,
/// which calls the `Snapshot`-taking entry points below on `any Pane`; they
/// hand the pane its own content type, so a pane never draws nothing because
/// it was given another kind's data.
public protocol Pane: Sendable {
    /// The content it shows (its kind is `Content.kind`).
    associatedtype Content: SnapshotContent
    /// The id screens use (`pane: <id>`).
    var id: String { get }
    func title(_ strings: Strings) -> String
    /// The smallest inner size at which it shows its main figure legibly.
    var minimumSize: Size { get }
    /// True when the district filter (`f`) applies to it.
    var filtersByDistrict: Bool { get }
    /// True for the pane whose districts `f` cycles through when no pane that
    /// filters by district has the focus (the first such pane with data).
    var leadsDistrictFilter: Bool { get }
    /// Districts it can be filtered by, in display order.
    func districts(in content: Content) -> [SafeText]
    /// The footer's provenance when the envelope's one as-of date and agency
    /// would misattribute some figures (a file drawing on several sources);
    /// nil for "as of DATE · source: AGENCY". `width`: the footer's room,
    /// so a shorter form can be chosen instead of one cut short.
    func provenance(_ content: Content, snapshot: Snapshot, strings: Strings, width: Int) -> String?
    /// The same for what is shown in `context` (a district filter chooses
    /// whose date and source apply); by default the one above.
    func provenance(_ content: Content, snapshot: Snapshot, context: PaneContext, width: Int) -> String?
    /// Draws the content (inside the frame); `snapshot` is the whole file (its envelope).
    func render(_ content: Content, snapshot: Snapshot, context: PaneContext, in area: Rect, buffer: inout Buffer)
}

extension Pane {
    /// The kind of snapshot it shows.
    public var kind: SnapshotKind { Content.kind }
    public var filtersByDistrict: Bool { false }
    public var leadsDistrictFilter: Bool { false }
    public func districts(in content: Content) -> [SafeText] { [] }
    public func provenance(_ content: Content, snapshot: Snapshot, strings: Strings, width: Int) -> String? { nil }
    public func provenance(_ content: Content, snapshot: Snapshot, context: PaneContext, width: Int) -> String? {
        provenance(content, snapshot: snapshot, strings: context.strings, width: width)
    }

    // MARK: the entry points for `any Pane`

    /// Districts it can be filtered by in `snapshot` (none when it is another kind's).
    public func districts(in snapshot: Snapshot) -> [SafeText] {
        snapshot.content(Content.self).map { districts(in: $0) } ?? []
    }

    /// The footer's provenance for `snapshot` (see above).
    public func provenance(_ snapshot: Snapshot, context: PaneContext, width: Int) -> String? {
        snapshot.content(Content.self).flatMap { provenance($0, snapshot: snapshot, context: context, width: width) }
    }

    /// Draws `snapshot`'s content. A snapshot of another kind is a programming
    /// error (the store hands each pane its own kind's): said on the pane, never a blank.
    public func render(_ snapshot: Snapshot, context: PaneContext, in area: Rect, buffer: inout Buffer) {
        guard let content = snapshot.content(Content.self) else {
            let text = "pane \(id) cannot show a \(snapshot.kind) snapshot (it shows \(kind)): a programming error"
            buffer.draw(Paragraph([Line(text, style: context.theme.error)], wrap: true), in: area)
            return
        }
        render(content, snapshot: snapshot, context: context, in: area, buffer: &buffer)
    }
}
