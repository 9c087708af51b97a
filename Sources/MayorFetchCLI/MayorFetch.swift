import ArgumentParser

/// `mayor-fetch`, the publisher's executable: `mayor fetch` (issue 13) and
/// `mayor import` in a binary of their own, so what they need (async-http-client,
/// SwiftNIO; SWXMLHash, ZIPFoundation, SwiftCSV) is never linked into `mayor`,
/// the live wall. Installed beside `mayor`, which runs it (exec, the same
/// arguments) for `mayor fetch ARGS` (`mayor-fetch ARGS`) and `mayor import
/// ARGS` (`mayor-fetch import ARGS`).
@main
enum MayorFetch {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        switch arguments.first {
        case "import": ImportCommand.main(Array(arguments.dropFirst()))
        // The publisher's benchmarks (hidden: mayor bench runs them).
        case "bench": FeedBenchCommand.main(Array(arguments.dropFirst()))
        default: FetchCommand.main(arguments)
        }
    }
}
