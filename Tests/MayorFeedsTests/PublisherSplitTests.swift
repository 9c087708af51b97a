import Foundation
import Testing

/// `mayor fetch` lives in its own executable, `mayor-fetch` (issue 13: the
/// live wall's idle memory must not grow because of the publisher): the wall's
/// binary links no HTTP stack, and `mayor fetch ARGS` replaces itself with
/// `mayor-fetch ARGS` from its own folder. Run on the debug build (swift build first).
@Suite(.serialized) struct PublisherSplitTests {
    static var wall: String { repositoryRoot + "/.build/debug/mayor" }
    static var publisher: String { repositoryRoot + "/.build/debug/mayor-fetch" }

    /// Swift symbol prefixes (mangled module names) and C symbol prefixes of
    /// the HTTP stack: async-http-client, SwiftNIO and its BoringSSL.
    static let httpStackMarkers = ["$s15AsyncHTTPClient", "$s7NIOCore", "$s8NIOPosix", "$s8NIOHTTP1", "$s6NIOSSL", "CNIOBoringSSL_"]

    /// The libraries of `mayor import` (MayorIngest): measured, they cost the
    /// idle wall about 1.4 MB resident, so they are the publisher's too.
    static let ingestMarkers = ["$s9SWXMLHash", "$s13ZIPFoundation", "$s8SwiftCSV", "$s11MayorIngest"]

    /// Whether `needle` occurs in the file's bytes (its symbol and string tables included).
    static func contains(_ path: String, _ needle: String) throws -> Bool {
        let data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        let pattern = Array(needle.utf8)
        return data.withUnsafeBytes { raw in
            pattern.withUnsafeBytes { p in
                // memchr for the first byte, memcmp for the rest (memmem is not in Glibc's module).
                guard let base = raw.baseAddress, raw.count >= p.count else { return false }
                var offset = 0
                while offset <= raw.count - p.count {
                    guard let hit = memchr(base + offset, Int32(pattern[0]), raw.count - p.count + 1 - offset) else { return false }
                    let at = base.distance(to: UnsafeRawPointer(hit))
                    if memcmp(base + at, p.baseAddress!, p.count) == 0 { return true }
                    offset = at + 1
                }
                return false
            }
        }
    }

    @Test func theWallLinksNoHTTPStackAndThePublisherDoes() throws {
        let inWall = try Self.httpStackMarkers.filter { try Self.contains(Self.wall, $0) }
        #expect(inWall.isEmpty, "mayor links the HTTP stack: \(inWall)")
        // The scan finds them where they are: the publisher's binary.
        let inPublisher = try Self.httpStackMarkers.filter { try Self.contains(Self.publisher, $0) }
        #expect(inPublisher.contains("$s15AsyncHTTPClient") && inPublisher.contains("$s7NIOCore"), "\(inPublisher)")
    }

    @Test func theWallLinksNoFileImportLibraries() throws {
        let inWall = try Self.ingestMarkers.filter { try Self.contains(Self.wall, $0) }
        #expect(inWall.isEmpty, "mayor links the import libraries: \(inWall)")
        let inPublisher = try Self.ingestMarkers.filter { try Self.contains(Self.publisher, $0) }
        #expect(inPublisher == Self.ingestMarkers, "\(inPublisher)")
    }

    @Test func mayorImportHelpIsThePublishersHelp() async throws {
        let help = try await FetchCommandTests.mayor(["import", "cctv", "--help"])
        #expect(help.status == 0, "\(help.stderr)")
        #expect(help.stdout.contains("USAGE: mayor import cctv") && help.stdout.contains("--as-of"), "\(help.stdout)")
        let top = try await FetchCommandTests.mayor(["--help"])
        #expect(top.stdout.contains("import") && top.stdout.contains("Merge a file downloaded"), "\(top.stdout)")
    }

    @Test func mayorFetchHelpIsThePublishersHelp() async throws {
        let help = try await FetchCommandTests.mayor(["fetch", "--help"])
        #expect(help.status == 0, "\(help.stderr)")
        for option in ["--once", "--config", "--out", "--base-url", "--key-file", "SEOUL_API_KEY"] {
            #expect(help.stdout.contains(option), "mayor fetch --help lacks \(option): \(help.stdout)")
        }
        #expect(help.stdout.contains("USAGE: mayor fetch"), "\(help.stdout)")
        // mayor --help still lists fetch.
        let top = try await FetchCommandTests.mayor(["--help"])
        #expect(top.stdout.contains("fetch") && top.stdout.contains("Fetch live data"), "\(top.stdout)")
    }

    @Test func aConfigurationErrorStillExitsTwoThroughTheExec() async throws {
        let folder = try seededFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let bad = try FetchCommandTests.config(folder, "  nosuch:\n    interval: 1d\n")
        let run = try await FetchCommandTests.mayor(["fetch", "--once", "--config", bad], environment: ["SEOUL_API_KEY": testKey])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("mayor fetch: ") && run.stderr.contains("feeds.yaml:8:3: unknown source \"nosuch\""), "\(run.stderr)")
    }

    @Test func theProcessIsReplacedSoSignalsReachThePublisher() throws {
        let folder = try seededFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let config = try FetchCommandTests.config(folder)
        // Runs until SIGTERM (no --once); port 1 refuses, which only makes the wifi source fail.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.wall)
        process.arguments = ["fetch", "--config", config, "--base-url", "http://127.0.0.1:1"]
        var env = ProcessInfo.processInfo.environment
        env["SEOUL_API_KEY"] = testKey
        process.environment = env
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let pid = process.processIdentifier
        // The same process becomes mayor-fetch (no child is started).
        var comm = ""
        for _ in 0..<200 {
            comm = ((try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            if comm == "mayor-fetch" { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        #expect(comm == "mayor-fetch")
        Thread.sleep(forTimeInterval: 0.5)
        kill(pid, SIGTERM)
        process.waitUntilExit()
        // mayor-fetch's own handler ends it cleanly: exit 0, not death by the signal.
        #expect(process.terminationReason == .exit && process.terminationStatus == 0, "\(process.terminationReason) \(process.terminationStatus)")
    }

    /// mayor-fetch also carries `import` and `bench`; `mayor fetch import …`
    /// must not reach them (a usage error, nothing imported).
    @Test func mayorFetchDoesNotReachThePublishersOtherCommands() async throws {
        for first in ["import", "bench"] {
            let run = try await FetchCommandTests.mayor(["fetch", first, "cctv", "nosuch.csv"])
            #expect(run.status == 64, "\(first): \(run.status) \(run.stderr)")
            #expect(run.stderr.contains("unexpected argument '\(first)'"), "\(run.stderr)")
        }
    }

    @Test func aMissingPublisherIsAClearErrorWithStatusTwo() throws {
        let folder = NSTemporaryDirectory() + "mayor-alone-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // A copy of mayor without mayor-fetch beside it (cp in a child: no write descriptor in this process).
        let copy = Process()
        copy.executableURL = URL(fileURLWithPath: "/bin/cp")
        copy.arguments = [Self.wall, folder + "/mayor"]
        try copy.run()
        copy.waitUntilExit()
        #expect(copy.terminationStatus == 0)
        let run = try FetchCommandTests.blockingMayorAt(folder + "/mayor", ["fetch", "--help"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("cannot run \(folder)/mayor-fetch") && run.stderr.contains("No such file"), "\(run.stderr)")
    }
}
