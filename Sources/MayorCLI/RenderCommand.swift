import ArgumentParser
import MayorCore
import MayorHTTP

/// Options shared by the commands that show data.
/// Where the snapshot and screen files are, and how large a file may be.
struct FolderOptions: ParsableArguments {
    @Option(name: .long, help: "The folder, or http:// or https:// URL, with the snapshot files (default: $MAYOR_DATA, else Data).")
    var data: String = InstalledDefaults.data

    @Option(name: .long, help: "The folder with the screen, playlist and briefing files (default: $MAYOR_SCREENS, else Screens).")
    var screens: String = InstalledDefaults.screens

    @Option(name: .customLong("max-file-mb"), help: "Refuse snapshot files larger than this many megabytes.")
    var maxFileMB: Int = SnapshotParser.defaultMaxBytes >> 20

    /// The size limit in bytes.
    func maxBytes() throws -> Int {
        guard (1...4096).contains(maxFileMB) else { throw ValidationError("--max-file-mb must be from 1 to 4096") }
        return maxFileMB << 20
    }
}

/// The folders and the UI language: what every command that draws needs.
struct DataOptions: ParsableArguments {
    @OptionGroup var folders: FolderOptions

    @Option(name: .long, help: "UI language: ko or en (default: from LC_ALL, LC_MESSAGES or LANG).")
    var lang: String?

    var data: String { folders.data }
    var screens: String { folders.screens }

    /// The data store for these options, loading `kinds` (by default every kind).
    func store(kinds: [SnapshotKind] = SnapshotKind.allCases) throws -> DataStore {
        let remote = isRemoteLocation(folders.data)
        return DataStore(directory: folders.data, maxBytes: try folders.maxBytes(), fetcher: remote ? SnapshotHTTPClient() : nil, kinds: kinds)
    }

    func language() throws -> Language {
        if let lang, Language(rawValue: lang) == nil { throw ValidationError("--lang must be ko or en") }
        return Strings.language(override: lang, environment: environmentVariables())
    }
}

extension GlyphMode: ExpressibleByArgument {}

/// How to draw: `--glyphs`, shared by live, demo and render.
struct GlyphOptions: ParsableArguments {
    @Option(
        help:
            "Glyphs: unicode, tty (the Linux console's set: square boxes, half blocks, no braille) or ascii (default: tty on TERM=linux and vt100/vt220-class terminals, else unicode)."
    )
    var glyphs: GlyphMode?

    /// The glyphs and language for terminal type `term`.
    func choice(term: String?, lang: String?) throws -> DisplayChoice {
        if let lang, Language(rawValue: lang) == nil { throw ValidationError("--lang must be ko or en") }
        return DisplayChoice.resolve(term: term, glyphs: glyphs, lang: lang, environment: environmentVariables())
    }
}

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render one frame of a screen or a pane to stdout, without a terminal."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, ansi }

    @OptionGroup var options: DataOptions
    @OptionGroup var display: GlyphOptions

    @Option(help: "The screen to render (a Screens/NAME.yaml).") var screen: String?
    @Option(help: "One pane to render on its own: \(PaneRegistry.ids.joined(separator: ", ")).") var pane: String?
    @Option(help: "District filter for the panes that filter by district: \(PaneRegistry.all.filter(\.filtersByDistrict).map(\.id).joined(separator: ", ")).")
    var district: String?
    // .unconditional: a value starting with "-" (`--size -5x10`) is this
    // option's value, refused below as invalid, not a "missing value".
    @Option(parsing: .unconditional, help: "Frame size as WIDTHxHEIGHT, each from 1 to 1000, e.g. 160x48.") var size: String = "160x48"
    @Option(help: "text: plain characters only; ansi: with colours.") var format: Format = .text
    @Option(help: "The clock for staleness and the header, ISO-8601 (default: now).") var now: String?
    @Option(help: "Draw as the live dashboard would on this terminal type (glyphs and language), e.g. linux.") var term: String?
    @Option(help: "The pane (1 to the number of panes on the screen, by position) that has the focus, as after pressing that key.") var focus: Int?
    @Flag(help: "Zoom the focused pane (default: the first) to the whole screen, as Enter does.") var zoom = false
    @Flag(name: .customLong("help-overlay"), help: "Show the key help over the screen, as ? does.") var helpOverlay = false

    func validate() throws {
        if (screen == nil) == (pane == nil) { throw ValidationError("give exactly one of --screen NAME or --pane ID") }
        if let pane, PaneRegistry.pane(pane) == nil {
            throw ValidationError("unknown pane \(pane) (panes: \(PaneRegistry.ids.joined(separator: ", ")))")
        }
        _ = try parseSize()
    }

    func parseSize() throws -> Size {
        let parts = size.lowercased().split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]) else {
            throw ValidationError("--size \(size) is invalid: expected WIDTHxHEIGHT in whole numbers, e.g. 160x48")
        }
        for (name, value) in [("width", w), ("height", h)] where !(1...1000).contains(value) {
            throw ValidationError("--size \(size) is invalid: the \(name) \(value) is not from 1 to 1000")
        }
        return Size(width: w, height: h)
    }

    func run() throws {
        let size = try parseSize()
        let choice = try display.choice(term: term, lang: options.lang)
        let language = choice.language
        var clock = wallClockNow()
        if let now {
            guard let instant = CalendarDate.parseInstant(now) else { throw ValidationError("--now \(now) is not an ISO-8601 date or date-time") }
            clock = instant
        }
        // Only the data shown is read: the pane's kind, or (as on the live wall)
        // the kinds the loaded screens show.
        var screenSet: (set: ScreenSet, problems: [Problem])?
        var kinds: [SnapshotKind] = []
        if let paneID = pane, let pane = PaneRegistry.pane(paneID) {
            kinds = [pane.kind]
        } else if let screenID = screen {
            let loaded = ScreenLoader.load(directory: options.screens)
            screenSet = loaded
            kinds = loaded.0.kindsShown()
        }
        let store = try options.store(kinds: kinds)
        store.refresh(now: clock)
        let theme = (format == .ansi ? Theme.color : Theme.monochrome).with(glyphs: choice.glyphs)
        let strings = Strings(language)
        var buffer = Buffer(width: size.width, height: size.height)
        if let paneID = pane, let pane = PaneRegistry.pane(paneID) {
            let context = PaneContext(strings: strings, theme: theme, now: clock, district: district.map { SafeText($0) })
            PaneRenderer.render(
                pane, state: store.state(pane.kind), freshness: store.freshness(pane.kind, now: clock), feed: store.feedNotice(pane.kind),
                context: context, in: buffer.area, buffer: &buffer)
            buffer.fold(to: theme.glyphs)
        } else if let screenID = screen, let (set, problems) = screenSet {
            guard let config = set.screens[screenID] else {
                for p in problems { printError(p.description) }
                throw ValidationError("no screen named \(screenID) in \(options.screens) (screens: \(set.screens.keys.sorted().joined(separator: ", ")))")
            }
            var view = ViewState(screen: config)
            view.district = district.map { SafeText($0) }
            let panes = config.layout.panes
            if let focus {
                guard (1...max(1, panes.count)).contains(focus) else { throw ValidationError("--focus must be from 1 to \(panes.count)") }
                view.focus = focus - 1
            }
            if zoom, !panes.isEmpty { view.zoomed = panes[view.focus ?? 0] }
            view.helpVisible = helpOverlay
            DashboardView(strings: strings, theme: theme, notice: choice.notice).render(view, store: store, now: clock, into: &buffer)
        }
        let text = format == .ansi ? TextBackend.ansi(buffer) : TextBackend.plain(buffer)
        print(text, terminator: "")
        for problem in store.problems { printError(problem.description) }
    }
}
