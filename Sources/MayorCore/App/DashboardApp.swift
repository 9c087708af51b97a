/// The live dashboard's state and behaviour, with no terminal in it: keys and
/// ticks come in as events, frames go out into a buffer. Wall rotation,
/// briefings, focus, zoom, district filter, help and data reloads all live
/// here, so all of it is unit-tested with a fake clock.
public final class DashboardApp: LiveApplication {
    public enum Mode: Sendable {
        /// Rotating through a playlist (when it has more than one screen).
        case wall
        /// Playing a briefing script.
        case briefing(BriefingConfig)
    }

    public struct Options: Sendable {
        public var language: Language
        /// Colours, attributes and glyphs (`theme.glyphs`: unicode, tty or ascii).
        public var theme: Theme
        /// Seconds between looks for changed data files (nil: the screen's `refresh`, else 30).
        public var refreshSeconds: Double?
        /// The screen to start on (nil: the playlist's first).
        public var startScreen: String?
        /// A note after the title in the header (`DisplayChoice.notice`).
        public var notice: String?

        public init(
            language: Language, theme: Theme = .color, refreshSeconds: Double? = nil, startScreen: String? = nil,
            notice: String? = nil
        ) {
            self.language = language
            self.theme = theme
            self.refreshSeconds = refreshSeconds
            self.startScreen = startScreen
            self.notice = notice
        }
    }

    public let store: DataStore
    public private(set) var screens: ScreenSet
    public let mode: Mode
    let options: Options
    let clock: @Sendable () -> Double
    let view: DashboardView

    /// Screens in rotation order.
    public private(set) var order: [String]
    public private(set) var screenIndex = 0
    public private(set) var focus: Int?
    public private(set) var zoomed: PaneRef?
    public private(set) var district: SafeText?
    public private(set) var helpVisible = false
    /// Wall: rotation switched off with `p`.
    public private(set) var rotationStopped = false
    /// Wall: a key press holds rotation until then.
    public private(set) var holdUntil: Double?
    /// Briefing: the step shown, and whether it waits for the presenter.
    public private(set) var step = 0
    public private(set) var stepPaused = false

    var nextRotation: Double
    var nextRefresh: Double
    var lastSize = Size(width: 0, height: 0)
    var dirty = true
    var renderedSecond: Int = -1
    var renderedGeneration = -1
    /// The last full frame and what it depended on besides the clock: when
    /// only the clock moved, just the header and bottom rows are redrawn.
    var lastFrame: Buffer?
    var lastFreshness: [Freshness] = []
    var lastFullMinute = -1
    /// Full frames drawn so far (the rest were clock-only updates); for tests and `mayor bench`.
    public private(set) var fullFrames = 0
    /// Kinds marked on screen as still reading.
    var slowLoadsShown = Set<SnapshotKind>()

    public init(store: DataStore, screens: ScreenSet, mode: Mode = .wall, options: Options, clock: @escaping @Sendable () -> Double) {
        self.store = store
        self.screens = screens
        self.mode = mode
        self.options = options
        self.clock = clock
        self.view = DashboardView(strings: Strings(options.language), theme: options.theme, notice: options.notice)
        let playlist = screens.playlists["playlist"]
        var order = (playlist?.screens ?? []).filter { screens.screens[$0] != nil }
        if order.isEmpty { order = screens.orderedScreenIDs }
        if let start = options.startScreen {
            if !order.contains(start) { order.insert(start, at: 0) }
        }
        self.order = order
        if let start = options.startScreen, let i = order.firstIndex(of: start) { screenIndex = i }
        let now = clock()
        nextRotation = now
        nextRefresh = now
        store.initialLoad(now: now, clock: clock)
        if case .briefing = mode { applyStep(now: now) } else { scheduleRotation(from: now) }
        scheduleRefresh(from: now)
    }

    // MARK: - What is shown

    public var currentScreen: ScreenConfig? {
        guard order.indices.contains(screenIndex) else { return nil }
        return screens.screens[order[screenIndex]]
    }

    var playlist: PlaylistConfig? { screens.playlists["playlist"] }

    var strings: Strings { Strings(options.language) }

    var isRotating: Bool {
        if case .wall = mode { return order.count > 1 && !rotationStopped }
        return false
    }

    func screenSeconds(_ screen: ScreenConfig?) -> Double {
        screen?.rotateSeconds ?? playlist?.intervalSeconds ?? 30
    }

    func scheduleRotation(from now: Double) {
        nextRotation = now + screenSeconds(currentScreen)
    }

    func scheduleRefresh(from now: Double) {
        nextRefresh = now + (options.refreshSeconds ?? currentScreen?.refreshSeconds ?? 30)
    }

    public func viewState(now: Double) -> ViewState? {
        guard let screen = currentScreen else { return nil }
        var state = ViewState(screen: screen, focus: focus, zoomed: zoomed, district: district)
        state.helpVisible = helpVisible
        let s = strings
        switch mode {
        case .wall:
            if order.count > 1 {
                let position = "[\(screenIndex + 1)/\(order.count)] "
                // No per-second countdown: an idle wall sends only the clock's digits.
                if rotationStopped || (holdUntil ?? 0) > now {
                    state.status = position + s.paused
                } else {
                    state.status = position + "\(s.rotating) \(Int(screenSeconds(currentScreen)))s"
                }
            }
        case .briefing(let briefing):
            let current = briefing.steps[step]
            state.caption = current.caption.text(options.language)
            state.status = s.step(step + 1, of: briefing.steps.count) + (stepPaused ? " · \(s.paused)" : "")
            state.briefingKeys = true
        }
        return state
    }

    // MARK: - LiveApplication

    public var needsRender: Bool {
        dirty || store.generation != renderedGeneration || Int(clock().rounded(.down)) != renderedSecond
    }

    public func render(into buffer: inout Buffer) {
        let now = clock()
        lastSize = Size(width: buffer.width, height: buffer.height)
        let second = Int(now.rounded(.down))
        // Only the clock moved (same data, same state, same size, same freshness,
        // same minute): keep the last frame and redraw the header and bottom rows.
        let freshness = store.kinds.map { store.freshness($0, now: now) }
        let clockOnly =
            !dirty && store.generation == renderedGeneration && second / 60 == lastFullMinute
            && freshness == lastFreshness && !helpVisible
            && lastFrame?.width == buffer.width && lastFrame?.height == buffer.height
        renderedSecond = second
        renderedGeneration = store.generation
        dirty = false
        guard let state = viewState(now: now) else {
            buffer.clear()
            buffer.write("no screens", x: 0, y: 0)
            lastFrame = nil
            return
        }
        if clockOnly, let last = lastFrame, view.rendersChrome(state, width: buffer.width, height: buffer.height) {
            buffer = last
            view.renderChrome(state, store: store, now: now, into: &buffer)
        } else {
            view.render(state, store: store, now: now, into: &buffer)
            fullFrames += 1
            lastFullMinute = second / 60
            lastFreshness = freshness
        }
        lastFrame = buffer
    }

    public func millisecondsUntilNextTick() -> Int? {
        let now = clock()
        var deadline = (now + 1).rounded(.down)  // the clock's next second
        deadline = min(deadline, nextRefresh)
        // A parse is finishing: look often at first, then less (a read that
        // hangs must not keep the loop busy).
        if store.isLoading { deadline = min(deadline, now + (store.longestLoad(now: now) < 2 ? 0.02 : 0.25)) }
        switch mode {
        case .wall:
            if isRotating { deadline = min(deadline, max(nextRotation, holdUntil ?? 0)) }
        case .briefing:
            if !stepPaused { deadline = min(deadline, nextRotation) }
        }
        return max(1, Int(((deadline - now) * 1000).rounded(.up)))
    }

    public func handle(_ event: AppEvent) -> Bool {
        let now = clock()
        switch event {
        case .tick:
            tick(now: now)
        case .resize(let w, let h):
            lastSize = Size(width: w, height: h)
            dirty = true
        case .key(let key):
            return handleKey(key, now: now)
        }
        return true
    }

    func tick(now: Double) {
        // Files parse on worker threads; their results swap in here, in one step.
        if store.collect() { dirty = true }
        let slow = store.slowLoads(now: now)
        if slow != slowLoadsShown {
            slowLoadsShown = slow
            dirty = true
        }
        if now >= nextRefresh {
            if store.refreshInBackground(now: now, clock: clock) { dirty = true }
            scheduleRefresh(from: now)
        }
        switch mode {
        case .wall:
            if let hold = holdUntil, now >= hold {
                holdUntil = nil
                scheduleRotation(from: now)
                dirty = true
            }
            if isRotating, holdUntil == nil, now >= nextRotation {
                showScreen(screenIndex + 1, now: now)
            }
        case .briefing(let briefing):
            if !stepPaused, now >= nextRotation {
                step = (step + 1) % briefing.steps.count
                applyStep(now: now)
            }
        }
    }

    // MARK: - Keys

    func handleKey(_ key: KeyEvent, now: Double) -> Bool {
        dirty = true
        if case .briefing(let briefing) = mode {
            switch key {
            case .character(" "), .right, .pageDown:
                step = (step + 1) % briefing.steps.count
                applyStep(now: now)
                return true
            case .left, .pageUp, .backspace:
                step = (step + briefing.steps.count - 1) % briefing.steps.count
                applyStep(now: now)
                return true
            case .character("p"):
                stepPaused.toggle()
                if !stepPaused { nextRotation = now + briefing.steps[step].seconds }
                return true
            default:
                break
            }
        } else {
            // Someone is at the keyboard: hold the rotation for a while.
            holdUntil = now + (playlist?.resumeAfterSeconds ?? 120)
        }
        switch key {
        case .character("q"), .character("Q"):
            return false
        case .character("?"):
            helpVisible.toggle()
        case .escape:
            if helpVisible { helpVisible = false } else { zoomed = nil }
        case .character(let c) where c.isNumber:
            if let n = c.wholeNumberValue, n >= 1, n <= panes.count { setFocus(n - 1) }
        case .tab:
            focusStep(+1)
        case .backTab:
            focusStep(-1)
        case .up, .down, .left, .right:
            moveFocus(key)
        case .enter:
            if zoomed != nil {
                zoomed = nil
            } else {
                if focus == nil, !panes.isEmpty { focus = 0 }
                if let focus, panes.indices.contains(focus) { zoomed = panes[focus] }
            }
        case .character("r"):
            store.refreshInBackground(now: now, force: true, clock: clock)
            scheduleRefresh(from: now)
        case .character("p"):
            rotationStopped.toggle()
            holdUntil = nil
            scheduleRotation(from: now)
        case .character("]"):
            showScreen(screenIndex + 1, now: now)
        case .character("["):
            showScreen(screenIndex - 1, now: now)
        case .character("f"):
            cycleDistrict()
        default:
            break
        }
        return true
    }

    var panes: [PaneRef] { currentScreen?.layout.panes ?? [] }

    func setFocus(_ index: Int) {
        focus = index
        if zoomed != nil, panes.indices.contains(index) { zoomed = panes[index] }
    }

    func focusStep(_ delta: Int) {
        guard !panes.isEmpty else { return }
        let current = focus ?? (delta > 0 ? -1 : 0)
        setFocus(((current + delta) % panes.count + panes.count) % panes.count)
    }

    /// Moves the focus to the nearest pane in the arrow's direction.
    func moveFocus(_ key: KeyEvent) {
        let size = lastSize.width > 0 ? lastSize : Size(width: 160, height: 48)
        guard let state = viewState(now: clock()) else { return }
        var unzoomed = state
        unzoomed.zoomed = nil
        let placements = view.placements(unzoomed, width: size.width, height: size.height)
        guard !placements.isEmpty else { return }
        guard let focus, placements.indices.contains(focus) else {
            setFocus(0)
            return
        }
        let from = placements[focus].rect
        let (cx, cy) = (Double(from.x) + Double(from.width) / 2, Double(from.y) + Double(from.height) / 2)
        var best: (index: Int, score: Double)?
        for (i, p) in placements.enumerated() where i != focus {
            let r = p.rect
            let (px, py) = (Double(r.x) + Double(r.width) / 2, Double(r.y) + Double(r.height) / 2)
            let (dx, dy) = (px - cx, py - cy)
            let ahead: Bool
            switch key {
            case .left: ahead = r.maxX <= from.x
            case .right: ahead = r.x >= from.maxX
            case .up: ahead = r.maxY <= from.y
            default: ahead = r.y >= from.maxY
            }
            guard ahead else { continue }
            let horizontal = key == .left || key == .right
            let score = horizontal ? abs(dx) + 2 * abs(dy) : abs(dy) + 2 * abs(dx)
            if best == nil || score < best!.score { best = (i, score) }
        }
        if let best { setFocus(best.index) }
    }

    /// The districts `f` cycles through: the focused pane's, else those of the
    /// pane that leads the district filter (`Pane.leadsDistrictFilter`).
    func districtCycle() -> [SafeText] {
        if let focus, panes.indices.contains(focus), let pane = PaneRegistry.pane(panes[focus].id),
            pane.filtersByDistrict, let snapshot = store.snapshot(pane.kind)
        {
            return pane.districts(in: snapshot)
        }
        for pane in PaneRegistry.all where pane.leadsDistrictFilter {
            if let snapshot = store.snapshot(pane.kind) { return pane.districts(in: snapshot) }
        }
        return []
    }

    func cycleDistrict() {
        let cycle = districtCycle()
        guard !cycle.isEmpty else {
            district = nil
            return
        }
        if let district, let i = cycle.firstIndex(of: district) {
            self.district = i + 1 < cycle.count ? cycle[i + 1] : nil
        } else {
            district = cycle[0]
        }
    }

    func showScreen(_ index: Int, now: Double) {
        guard !order.isEmpty else { return }
        screenIndex = ((index % order.count) + order.count) % order.count
        zoomed = nil
        if let focus, focus >= panes.count { self.focus = nil }
        scheduleRotation(from: now)
        dirty = true
    }

    func applyStep(now: Double) {
        guard case .briefing(let briefing) = mode, briefing.steps.indices.contains(step) else { return }
        let current = briefing.steps[step]
        switch current.target {
        case .screen(let id):
            if let i = order.firstIndex(of: id) {
                screenIndex = i
            } else if screens.screens[id] != nil {
                order.append(id)
                screenIndex = order.count - 1
            }
            zoomed = nil
        case .pane(let id):
            zoomed = PaneRef(id: id)
        }
        district = current.district
        nextRotation = now + current.seconds
        dirty = true
    }
}
