import ArgumentParser
import MayorBench
import MayorCore

/// `mayor bench`: the command line of the benchmarks in MayorBench.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure rendering, terminal bytes, snapshot parsing and latencies; print a table of medians.",
        discussion: """
            Large inputs are generated into a temporary folder (removed afterwards unless --keep): every \
            registered kind's bundled file grown to its shape's limits (at most 8 MiB), the samples of kinds \
            with their own generator (the largest at least --large-mib MiB: the file reloaded while keys are \
            pressed); the memory section loads each kind's 60 MB shapes in child processes; the feeds section runs \
            mayor-fetch bench (beside mayor): mayor fetch --once against a fake Seoul API, 25,000 Wi-Fi rows and \
            120 hotspots. Build with -c release for meaningful figures. Takes about a minute.
            """
    )

    @Option(name: .long, help: "The folder with the snapshot files.") var data: String = InstalledDefaults.data
    @Option(name: .long, help: "The folder with the screen files.") var screens: String = InstalledDefaults.screens
    @Option(help: "The screen rendered as the wall.") var screen: String = "wall"
    @Option(help: "The clock for the render benchmarks, ISO-8601.") var now: String = "2025-01-15T09:00:00+09:00"
    @Option(name: .customLong("large-mib"), help: "Size in MiB of the largest sample a kind's own generator writes.") var largeMiB: Double = 20
    @Option(help: "Folder for the generated inputs (default: a new folder under /tmp).") var work: String?
    @Flag(help: "Keep the generated inputs.") var keep = false
    @Flag(help: "Fewer iterations (a smoke test, not figures).") var quick = false
    @Option(help: "Run only these sections, comma-separated: render, bytes, parse, reload, keys, start, memory, feeds (reload and keys include parse).")
    var only: String?
    /// Internal: `KIND|DATA-FOLDER|FILE`, the child process of the memory section.
    @Option(name: .customLong("memory-probe"), help: .hidden) var memoryProbe: String?

    func run() throws {
        if let memoryProbe {
            try BenchRunner.memoryProbe(memoryProbe, now: CalendarDate.parseInstant(now) ?? 0)
            return
        }
        guard let clock = CalendarDate.parseInstant(now) else { throw ValidationError("--now \(now) is not an ISO-8601 date or date-time") }
        var options = BenchOptions(now: clock)
        if let only {
            switch BenchSections.parse(only) as Result<Set<BenchOptions.Section>, BenchSectionError> {
            case .success(let sections): options.sections = sections
            case .failure(let error): throw ValidationError(error.message)
            }
        }
        options.data = data
        options.screens = screens
        options.screen = screen
        options.largeMiB = largeMiB
        options.work = work
        options.keep = keep
        options.quick = quick
        options.publisher = Publisher.executableFolder().map { $0 + "/" + Publisher.name }
        try BenchRunner.run(options)
    }
}
