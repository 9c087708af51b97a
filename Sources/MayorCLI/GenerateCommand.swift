import ArgumentParser
import MayorCore

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write generated snapshot files (the labelled traffic sample, large benchmark inputs).",
        subcommands: [GenerateTraffic.self]
    )
}

struct GenerateTraffic: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "traffic",
        abstract: "Write a deterministic, clearly labelled traffic sample (sample: true) to stdout.",
        discussion: "The bundled Data/traffic.json is: mayor generate traffic --start 2023-07-03 --days 90 --seed 2023"
    )

    @Option(help: "First day, YYYY-MM-DD.") var start = "2023-07-03"
    @Option(parsing: .unconditional, help: "Number of days.") var days = 90
    @Option(help: "Seed of the pseudo-random numbers.") var seed: UInt64 = 2023
    @Option(parsing: .unconditional, help: "Number of corridors, at most 10000 (more than the named ones are synthesised).") var corridors: Int?
    @Option(help: "Write to FILE (atomically) instead of stdout, e.g. large benchmark inputs: --corridors 846 --days 365 --output /tmp/traffic-20mb.json")
    var output: String?
    @Option(name: .customLong("max-file-mb"), help: "Refuse to write a file larger than this many megabytes (the loader's limit, 1 to 4096).")
    var maxFileMB: Int = SnapshotParser.defaultMaxBytes >> 20

    func run() throws {
        guard (1...4096).contains(maxFileMB) else { throw ValidationError("--max-file-mb must be from 1 to 4096") }
        let maxBytes = maxFileMB << 20
        let generator = TrafficSampleGenerator(startDate: start, days: days, seed: seed, corridorCount: corridors)
        // What the loader would refuse is refused here, before anything is generated.
        if let refusal = generator.refusal(now: wallClockNow(), maxBytes: maxBytes) { throw ValidationError(refusal) }
        let json = generator.makeJSON()
        // Near the limit only the real size tells.
        if json.utf8.count > maxBytes {
            throw ValidationError("the file would be \(json.utf8.count) bytes, more than the limit of \(maxBytes) bytes (--max-file-mb)")
        }
        if let output {
            if case .failure(let error) = FileProbe.writeAtomically(output, json.utf8) {
                printError("Error: \(output) \(error.message)")
                throw ExitCode.failure
            }
        } else {
            print(json, terminator: "")
        }
    }
}
