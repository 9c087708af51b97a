import ArgumentParser
import MayorCore

@main
struct Mayor: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mayor",
        abstract: "DigitalMayor: a terminal wall dashboard for a digital mayor's office.",
        subcommands: [
            LiveCommand.self,
            DemoCommand.self,
            CheckCommand.self,
            GenerateCommand.self,
            RenderCommand.self,
            TerminalProbe.self,
            BenchCommand.self
        ],
        defaultSubcommand: LiveCommand.self
    )
}
