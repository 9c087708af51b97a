import ArgumentParser
import MayorCore
import MayorHTTP

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the data snapshots and screen files; one line per problem.",
        discussion:
            "Exit status 0 when everything is valid, 1 otherwise. Problems are printed as FILE:LINE:COL: message or FILE: json.path: message; warnings (a caption with a relative time word such as 올해 or \"this year\") as FILE:LINE:COL: warning: message, and alone leave the status 0."
    )

    @OptionGroup var folders: FolderOptions

    @Option(name: .long, help: "Check staleness and future dates against this time (ISO-8601) instead of now.")
    var now: String?

    func run() throws {
        var clock = wallClockNow()
        if let now {
            guard let instant = CalendarDate.parseInstant(now) else {
                throw ValidationError("--now \(now) is not an ISO-8601 date or date-time")
            }
            clock = instant
        }
        let (problems, warnings, kinds) = Checker.report(
            dataDirectory: folders.data, screensDirectory: folders.screens, now: clock, maxBytes: try folders.maxBytes(),
            fetcher: isRemoteLocation(folders.data) ? SnapshotHTTPClient() : nil)
        for problem in problems { print(problem) }
        // Warnings alone leave the exit status 0.
        for warning in warnings { print(warning) }
        if !problems.isEmpty {
            printError("\(problems.count) problem\(problems.count == 1 ? "" : "s") found")
            throw ExitCode(1)
        }
        print(
            "ok: \(kinds.count) snapshots in \(folders.data), screens in \(folders.screens)"
                + (warnings.isEmpty ? "" : " (\(warnings.count) warning\(warnings.count == 1 ? "" : "s"))"))
    }
}

func printError(_ message: String) {
    var stderr = StandardError()
    print(message, to: &stderr)
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        var bytes = Array(string.utf8)
        _ = bytes.withUnsafeMutableBytes { writeToStandardError($0.baseAddress, $0.count) }
    }
}

/// The platform's `write(2)` (Glibc or Darwin), named apart from the stream's own `write`.
private func writeToStandardError(_ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    write(2, buffer, count)
}
