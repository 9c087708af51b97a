import ArgumentParser
import MayorCore
import MayorTerminal

/// `mayor` with no subcommand: the live wall dashboard.
struct LiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "live",
        abstract: "Run the live dashboard (the default when no subcommand is given)."
    )

    @OptionGroup var options: DataOptions
    @OptionGroup var live: LiveOptions
    @OptionGroup var display: GlyphOptions
    @Option(help: "The screen to start on (default: the playlist's first).") var screen: String?

    func run() throws {
        try runLive(options: options, display: display, screen: screen, refresh: live.refresh, briefing: nil)
    }
}

/// Options of the commands that run the dashboard in a terminal (`live` and
/// `demo`), checked the same way for both.
struct LiveOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "Seconds between looks for changed data files, from 1 to 86400 (default: the screen's refresh, else 30).")
    var refresh: Double?

    func validate() throws {
        if let refresh, let problem = ScreenParser.secondsProblem(refresh, max: 86400) {
            throw ValidationError("--refresh \(problem)")
        }
    }
}

/// `mayor demo`: plays a briefing script.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Play a briefing: scripted screens and zoomed panes with captions.",
        discussion: "Keys: Space or → next step, ← previous, p pause, q quit."
    )

    @OptionGroup var options: DataOptions
    @OptionGroup var live: LiveOptions
    @OptionGroup var display: GlyphOptions
    @Option(help: "The briefing script (default: SCREENS/briefing.yaml).") var script: String?

    func run() throws {
        let path = script ?? (options.screens.hasSuffix("/") ? options.screens : options.screens + "/") + "briefing.yaml"
        try runLive(options: options, display: display, screen: nil, refresh: live.refresh, briefing: path)
    }
}

/// Shared by `live` and `demo`: check the terminal, load screens, run the loop.
func runLive(options: DataOptions, display: GlyphOptions, screen: String?, refresh: Double?, briefing: String?) throws {
    let choice = try display.choice(term: environmentVariables()["TERM"], lang: options.lang)
    let language = choice.language
    let (set, problems) = ScreenLoader.load(directory: options.screens)
    var mode = DashboardApp.Mode.wall
    var shown: BriefingConfig?
    if let briefing {
        let (script, scriptProblems) = ScreenLoader.briefingScript(briefing, screensDirectory: options.screens, set: set, folderProblems: problems)
        guard let script else {
            for p in scriptProblems { printError(p.description) }
            throw ValidationError("\(briefing) is not a valid briefing script")
        }
        mode = .briefing(script)
        shown = script
    }
    if set.screens.isEmpty {
        for p in problems { printError(p.description) }
        throw ValidationError("no usable screens in \(options.screens)")
    }
    if let screen, set.screens[screen] == nil {
        throw ValidationError("no screen named \(screen) (screens: \(set.screens.keys.sorted().joined(separator: ", ")))")
    }
    // Only the kinds the screens show are read: a file no screen shows may be missing.
    let store = try options.store(kinds: set.kindsShown(briefing: shown))
    let session: TerminalSession
    do {
        session = try TerminalSession(options: .fromEnvironment())
    } catch {
        printError("\(error)")
        throw ExitCode(1)
    }
    let theme = (session.colorMode == .none ? Theme.monochrome : Theme.color).with(glyphs: choice.glyphs)
    let app = DashboardApp(
        store: store, screens: set, mode: mode,
        options: .init(
            language: language, theme: theme, refreshSeconds: refresh, startScreen: screen,
            notice: choice.notice),
        clock: wallClockNow)
    let reason = LiveLoop.run(app: TestCrashHook.wrap(app), backend: session)
    session.close()
    for p in problems { printError(p.description) }
    switch reason {
    case .terminalLost: printError("mayor: the terminal went away; exiting")
    case .signal(let signal): printError("mayor: stopped by \(TerminalSession.signalName(signal))")
    case .quit: break
    }
    if reason.exitCode != 0 { throw ExitCode(reason.exitCode) }
}
