import ArgumentParser
import MayorCore

@main
struct Mayor: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mayor",
        abstract: "DigitalMayor: a terminal wall dashboard for a digital mayor's office.",
        version: "mayor \(Mayor.version) (commit \(BuildInfo.commit))",
        subcommands: [
            LiveCommand.self,
            DemoCommand.self,
            CheckCommand.self,
            FetchCommand.self,
            GenerateCommand.self,
            ImportCommand.self,
            RenderCommand.self,
            HeadlessCommand.self,
            TerminalProbe.self,
            BenchCommand.self
        ],
        defaultSubcommand: LiveCommand.self
    )

    /// The release; the commit comes from the build (Plugins/BuildInfo).
    static let version = "0.5.0"
}
