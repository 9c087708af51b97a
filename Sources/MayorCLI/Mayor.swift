import ArgumentParser
import MayorCore

@main
struct Mayor: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mayor",
        abstract: "DigitalMayor: a terminal wall dashboard for a digital mayor's office.",
        subcommands: [
            CheckCommand.self,
            GenerateCommand.self,
        ]
    )
}
