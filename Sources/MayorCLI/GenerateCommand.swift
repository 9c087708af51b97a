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
    @Option(help: "Number of days.") var days = 90
    @Option(help: "Seed of the pseudo-random numbers.") var seed: UInt64 = 2023
    @Option(help: "Number of corridors (more than the named ones are synthesised).") var corridors: Int?
    @Option(help: "Write to FILE (atomically) instead of stdout, e.g. large benchmark inputs: --corridors 846 --days 365 --output /tmp/traffic-20mb.json") var output: String?

    func run() throws {
        let generator = TrafficSampleGenerator(startDate: start, days: days, seed: seed, corridorCount: corridors)
        if let problem = generator.problem { throw ValidationError(problem) }
        if let output {
            try writeFileAtomically(output, generator.makeJSON().utf8)
        } else {
            print(generator.makeJSON(), terminator: "")
        }
    }
}
