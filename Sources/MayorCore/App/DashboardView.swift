/// What one frame shows, apart from the data: which screen, which pane has the
/// focus or fills the screen, filters, caption and overlays.
public struct ViewState: Sendable {
    public var screen: ScreenConfig
    /// Index into the screen's panes (reading order) of the focused pane.
    public var focus: Int?
    /// A pane shown alone on the whole screen.
    public var zoomed: PaneRef?
    /// District filter for the panes that have districts.
    public var district: SafeText?
    /// Left of the bottom line (e.g. rotation state); nil: key hints.
    public var status: String?
    /// A caption bar above the bottom line (briefings).
    public var caption: String?
    public var helpVisible = false
    /// The bottom line lists the presenter's keys instead of the wall's.
    public var briefingKeys = false

    public init(
        screen: ScreenConfig, focus: Int? = nil, zoomed: PaneRef? = nil, district: SafeText? = nil,
        status: String? = nil, caption: String? = nil
    ) {
        self.screen = screen
        self.focus = focus
        self.zoomed = zoomed
        self.district = district
        self.status = status
        self.caption = caption
    }
}

/// Draws a whole frame: the header (title, clock, data status), the screen's
/// panes laid out by its layout (or one zoomed pane), an optional caption,
/// and the bottom line. Pure: the same inputs give the same cells.
///
/// The frame is drawn with `theme.glyphs`; in the tty and ascii modes its
/// last step folds any glyph the terminal cannot show to a stand-in
/// (`Buffer.fold(to:)`), so nothing else reaches the screen.
public struct DashboardView {
    public var strings: Strings
    public var theme: Theme
    /// A note after the title in the header (e.g. why the labels are English).
    public var notice: String?

    public init(strings: Strings, theme: Theme, notice: String? = nil) {
        self.strings = strings
        self.theme = theme
        self.notice = notice
    }

    /// The smallest terminal that shows every pane of `layout` with its main figure.
    public static func minimumSize(of layout: LayoutNode) -> Size {
        let body = minimum(layout)
        return Size(width: max(body.width, 40), height: body.height + 2)
    }

    static func minimum(_ node: LayoutNode) -> Size {
        switch node {
        case .pane(let ref, _):
            let inner = PaneRegistry.pane(ref.id)?.minimumSize ?? Size(width: 10, height: 3)
            return Size(width: inner.width + 2, height: inner.height + 2)
        case .rows(let children, _):
            let sizes = children.map(minimum)
            return Size(width: sizes.map(\.width).max() ?? 0, height: sizes.reduce(0) { $0 + $1.height })
        case .columns(let children, _):
            let sizes = children.map(minimum)
            return Size(width: sizes.reduce(0) { $0 + $1.width }, height: sizes.map(\.height).max() ?? 0)
        }
    }

    /// Where each pane goes for this state in an area of `width`×`height`.
    public func placements(_ view: ViewState, width: Int, height: Int) -> [LayoutEngine.Placement] {
        let body = bodyArea(view, width: width, height: height)
        if let zoomed = view.zoomed { return [LayoutEngine.Placement(pane: zoomed, rect: body)] }
        return LayoutEngine.place(view.screen.layout, in: body)
    }

    func bodyArea(_ view: ViewState, width: Int, height: Int) -> Rect {
        Self.bodyArea(width: width, height: height, captionRows: view.caption == nil ? 0 : 1)
    }

    /// The room for panes: all but the header, the bottom line and a caption.
    public static func bodyArea(width: Int, height: Int, captionRows: Int) -> Rect {
        Rect(x: 0, y: 1, width: width, height: height - 2 - captionRows)
    }

    public func render(_ view: ViewState, store: DataStore, now: Double, into buffer: inout Buffer) {
        defer { buffer.fold(to: theme.glyphs) }
        let (w, h) = (buffer.width, buffer.height)
        buffer.clear(Cell.blank(theme.text))
        guard w > 0, h > 0 else { return }
        let need = Self.need(view)
        if w < need.width || h < need.height {
            renderTooSmall(need: need, into: &buffer)
            return
        }
        renderHeader(view, store: store, now: now, into: &buffer)
        let panes = view.screen.layout.panes
        for placement in placements(view, width: w, height: h) {
            guard let pane = PaneRegistry.pane(placement.pane.id) else { continue }
            let index = panes.firstIndex(of: placement.pane)
            let context = PaneContext(
                strings: strings, theme: theme, now: now,
                district: placement.pane.district ?? (pane.filtersByDistrict ? view.district : nil),
                focused: view.zoomed == nil && index != nil && index == view.focus,
                zoomed: view.zoomed != nil)
            PaneRenderer.render(
                pane, state: store.state(pane.kind), freshness: store.freshness(pane.kind, now: now),
                readingSlowly: store.isReadingSlowly(pane.kind, now: now), feed: store.feedNotice(pane.kind),
                context: context, in: placement.rect, buffer: &buffer)
        }
        if let caption = view.caption {
            let row = Rect(x: 0, y: h - 2, width: w, height: 1)
            buffer.fill(row, style: theme.caption)
            let text = TextFit.truncate(caption, to: w - 2)
            buffer.write(text, x: max(1, (w - text.displayWidth) / 2), y: row.y, style: theme.caption, clip: row)
        }
        renderBottom(view, into: &buffer)
        if view.helpVisible { renderHelp(view, into: &buffer) }
    }

    /// True when a full frame of `view` at this size has the header and bottom rows
    /// (not the "too small" notice), so `renderChrome` may update just those.
    func rendersChrome(_ view: ViewState, width: Int, height: Int) -> Bool {
        let need = Self.need(view)
        return width >= need.width && height >= need.height && width > 0 && height > 0
    }

    /// The smallest terminal that shows `view` (below it, a size notice).
    static func need(_ view: ViewState) -> Size {
        view.zoomed == nil ? minimumSize(of: view.screen.layout) : Size(width: 28, height: 10)
    }

    /// Redraws only the header (clock) and bottom (status) rows of a full frame.
    func renderChrome(_ view: ViewState, store: DataStore, now: Double, into buffer: inout Buffer) {
        renderHeader(view, store: store, now: now, into: &buffer)
        renderBottom(view, into: &buffer)
        buffer.fold(to: theme.glyphs, rows: [0, buffer.height - 1])
    }

    /// The key list, in a box over the middle of the screen.
    func renderHelp(_ view: ViewState, into buffer: inout Buffer) {
        let districtPanes = PaneRegistry.all.filter(\.filtersByDistrict).map { $0.title(strings) }
        let rows = strings.helpRows(panes: view.screen.layout.panes.count, districtPanes: districtPanes).map { ($0.key, $0.text) }
        let keyWidth = rows.map { $0.0.displayWidth }.max() ?? 0
        let textWidth = rows.map { $0.1.displayWidth }.max() ?? 0
        let w = min(buffer.width, keyWidth + textWidth + 7)
        let h = min(buffer.height, rows.count + 4)
        let area = Rect(x: (buffer.width - w) / 2, y: (buffer.height - h) / 2, width: w, height: h)
        buffer.fill(area, style: theme.text)
        let frame = Frame(title: strings.helpTitle, focused: true, theme: theme)
        buffer.draw(frame, in: area)
        let inner = frame.inner(area).inset(top: 1, left: 1)
        for (i, row) in rows.enumerated() where i < inner.height {
            let line = inner.row(i)
            buffer.write(TextFit.pad(row.0, to: keyWidth), x: line.x, y: line.y, style: theme.accent.bold, clip: line)
            buffer.write(row.1, x: line.x + keyWidth + 2, y: line.y, style: theme.text, clip: line)
        }
    }

    func renderTooSmall(need: Size, into buffer: inout Buffer) {
        let message = strings.tooSmall(needWidth: need.width, needHeight: need.height, width: buffer.width, height: buffer.height)
        let lines = Paragraph.wrap(message, width: buffer.width)
        let top = max(0, (buffer.height - lines.count) / 2)
        for (i, line) in lines.enumerated() where top + i < buffer.height {
            buffer.write(line, x: max(0, (buffer.width - line.displayWidth) / 2), y: top + i, style: theme.warning)
        }
    }

    func renderHeader(_ view: ViewState, store: DataStore, now: Double, into buffer: inout Buffer) {
        let row = Rect(x: 0, y: 0, width: buffer.width, height: 1)
        let clock = "\(CalendarDate.seoulDay(of: now)) \(CalendarDate.seoulTime(of: now)) KST"
        let title = " " + view.screen.title.text(strings.language) + " "
        // The data status, with the file names when they fit beside the title
        // and the clock (the clock shows the wall is alive: it is not dropped
        // for the list of names).
        let room = buffer.width - title.displayWidth - clock.displayWidth - 4
        var right: Line = []
        let broken = store.problems.map(\.fileName)
        let stale = store.kinds.filter { store.freshness($0, now: now).isStale }
        func status(_ label: String, _ names: [String], _ style: Style) -> Span {
            let long = " \(label): \(names.joined(separator: ", ")) "
            return .init(long.displayWidth <= room ? long : " \(label) ", style: style)
        }
        if !broken.isEmpty {
            var seen = Set<String>()
            let names = broken.filter { seen.insert($0).inserted }
            // A server that does not answer is not a broken file: say which.
            let label = store.problems.allSatisfy { $0.code == .offline } ? strings.offline : strings.error
            right.append(status(names.count == 1 ? label : "\(label) \(names.count)", names, theme.error))
        } else if !stale.isEmpty {
            right.append(status(strings.staleFiles(stale.count), stale.map(\.fileName), theme.warning))
        } else {
            right.append(.init(" ● \(strings.allFresh) ", style: theme.header))
        }
        var left: Line = [.init(title, style: theme.header)]
        if let notice { left.append(.init("(\(notice)) ", style: theme.header)) }
        let line = StatusLine(
            left: left,
            center: [.init(clock, style: theme.header)],
            right: right, background: theme.header)
        buffer.draw(line, in: row)
    }

    func renderBottom(_ view: ViewState, into buffer: inout Buffer) {
        // The last two columns stay empty: the terminal edge never draws the
        // bottom-right cell nor a wide glyph next to it
        // (TerminalSession.safeChanges), so what `render` shows is what the
        // wall shows.
        let row = Rect(x: 0, y: buffer.height - 1, width: max(0, buffer.width - 2), height: 1)
        let keys: String
        if view.briefingKeys {
            keys = strings.briefingKeyHints
        } else {
            keys = strings.keyHints(panes: view.screen.layout.panes.count)
        }
        var left: Line = []
        if let status = view.status { left.append(.init(" " + status + " ", style: theme.accent)) }
        if let district = view.district { left.append(.init(" \(strings.filter): \(district.value) ", style: theme.accent)) }
        var right: Line = [.init(keys, style: theme.muted)]
        // A pane its layout leaves no room at this size is said, in place of
        // the key hints, not dropped silently.
        let hidden =
            view.zoomed == nil
            ? LayoutEngine.withoutRoom(view.screen.layout, in: bodyArea(view, width: buffer.width, height: buffer.height)).map(\.pane.id) : []
        if !hidden.isEmpty {
            let names = hidden.joined(separator: ", ")
            right = [.init(strings.noRoom(names), style: theme.warning)]
        }
        let line = StatusLine(left: left, center: [], right: right, background: .plain)
        buffer.draw(line, in: row)
    }
}
