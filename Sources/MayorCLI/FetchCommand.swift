import ArgumentParser

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `mayor fetch ARGS`: runs `mayor-fetch ARGS`, the publisher's own executable
/// beside this one (issue 13). The wall's binary links no HTTP stack: only
/// `mayor-fetch` carries async-http-client and SwiftNIO. The process is
/// replaced (execv), so signals, standard streams and the exit status are the
/// publisher's own; `mayor fetch --help` is its help.
struct FetchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Fetch live data from the Seoul Open API into the snapshot files (runs mayor-fetch).",
        discussion: """
            Runs mayor-fetch, installed beside mayor, with the same arguments; `mayor fetch --help` shows its options \
            (--once, --config, --out, --base-url, --key-file). The key comes from SEOUL_API_KEY or --key-file.
            """
    )

    @Argument(parsing: .captureForPassthrough, help: "The arguments of mayor-fetch (see mayor fetch --help).") var arguments: [String] = []

    func run() throws {
        // mayor-fetch also carries `import` and `bench` as its first word: not for `mayor fetch`.
        if let first = arguments.first, Publisher.otherCommands.contains(first) {
            throw ValidationError("unexpected argument '\(first)'")
        }
        try Publisher.exec(command: "fetch", arguments)
    }
}

/// `mayor import ARGS`: runs `mayor-fetch import ARGS` (the file libraries it
/// needs are the publisher's, not the wall's); `mayor import cctv --help` is its help.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Merge a file downloaded from Seoul's open data portal into a snapshot (runs mayor-fetch import).",
        discussion: """
            Runs `mayor-fetch import` with the same arguments: `mayor import cctv FILE [--out DIR] [--as-of DATE]`; \
            `mayor import cctv --help` shows its options.
            """
    )

    @Argument(parsing: .captureForPassthrough, help: "The arguments of mayor-fetch import (see mayor import cctv --help).") var arguments: [String] = []

    func run() throws {
        try Publisher.exec(command: "import", ["import"] + arguments)
    }
}

/// The publisher's executables, found in the folder of the running `mayor`.
enum Publisher {
    /// The publisher's executable, installed beside `mayor`.
    static let name = "mayor-fetch"
    /// What mayor-fetch takes as its first word for another command than fetch.
    static let otherCommands: Set<String> = ["import", "bench"]

    /// Replaces this process with `mayor-fetch` from this binary's folder,
    /// given `arguments` unchanged; returns only by throwing (exit 2) when it
    /// is missing or cannot be run. `command` names `mayor COMMAND` in the error.
    static func exec(command: String, _ arguments: [String]) throws {
        guard let folder = executableFolder() else {
            printError("mayor: cannot find the folder of this executable (/proc/self/exe) to run \(name)")
            throw ExitCode(2)
        }
        let path = folder + "/" + name
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        execv(path, argv)
        let reason = String(cString: strerror(errno))
        argv.forEach { free($0) }
        printError(
            "mayor: cannot run \(path): \(reason). `mayor \(command)` is carried out by \(name), "
                + "which is installed beside mayor (Scripts/install.sh; in a build folder, swift build builds it).")
        throw ExitCode(2)
    }

    /// The folder of this binary (Linux: /proc/self/exe's).
    static func executableFolder() -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard n > 0 else { return nil }
        let path = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard let slash = path.lastIndex(of: "/") else { return nil }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
