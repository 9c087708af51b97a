import ArgumentParser
import MayorBench
import MayorFeedsBench

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `mayor-fetch bench`: the publisher's rows of `mayor bench` (issue 13),
/// measured in the publisher's process space: a fake Seoul API on 127.0.0.1
/// in this process and `mayor-fetch --once` (this binary) as a child against
/// it. `mayor bench` runs it as a child and adds its rows (`--tsv`).
struct FeedBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mayor-fetch bench",
        abstract: "Measure mayor fetch against a fake Seoul API on loopback: 25,000 Wi-Fi rows, 120 hotspots.",
        discussion: """
            Each row runs mayor-fetch --once as a child process against a fake server in this process, with a feeds.yaml \
            in a temporary folder: the wall time from spawn to exit, the child's peak resident memory (ru_maxrss from \
            wait4) and the most requests the server had at once. The result is checked (every row or hotspot in the \
            written file), so a run that fails fast does not pass. Build with -c release for meaningful figures.
            """
    )

    @Option(help: "Run only these sections, comma-separated: wifi, hotspots.") var only: String?
    @Option(help: "The folder whose wifi.json and citydata.json seed the output folders.") var data: String = "Data"
    @Option(help: "Folder for the work (default: a new folder under /tmp).") var work: String?
    @Flag(help: "Keep the work folder.") var keep = false
    @Flag(help: "Print the rows as tab-separated lines (for mayor bench) instead of a table.") var tsv = false
    @Flag(help: "Accepted for mayor bench --quick; the rows are the same.") var quick = false

    func run() throws {
        guard let exe = Publisher.executablePath() else { throw ValidationError("cannot find this executable (/proc/self/exe)") }
        var options = FeedBenchOptions(publisher: exe)
        if let only {
            switch BenchSections.parse(only) as Result<Set<FeedBenchOptions.Section>, BenchSectionError> {
            case .success(let sections): options.sections = sections
            case .failure(let error): throw ValidationError(error.message)
            }
        }
        options.data = data
        options.work = work
        options.keep = keep
        let (notes, rows) = try FeedBench.run(options)
        if tsv {
            for note in notes { printError(note) }
            for row in rows { print(row.line) }
        } else {
            printBenchTable(notes: notes, rows: rows)
        }
    }
}

/// This executable.
enum Publisher {
    /// /proc/self/exe, resolved.
    static func executablePath() -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard n > 0 else { return nil }
        return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
