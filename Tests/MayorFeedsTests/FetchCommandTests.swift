import Foundation
import MayorCore
import Testing

@testable import MayorFeeds

/// The built `mayor fetch` (swift build first) against the fake Seoul API.
@Suite(.serialized) struct FetchCommandTests {
    static var binary: String { repositoryRoot + "/.build/debug/mayor" }

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `mayor ARGS` with `environment` added; stdout and stderr apart.
    /// Waits on a thread of its own: blocking a thread of the concurrency
    /// pool (two on this machine) would starve the fake server answering it.
    static func mayor(_ arguments: [String], environment: [String: String] = [:], in directory: String = repositoryRoot) async throws -> Run {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try blockingMayor(arguments, environment: environment, in: directory) })
            }
        }
    }

    static func blockingMayor(_ arguments: [String], environment: [String: String], in directory: String) throws -> Run {
        try blockingMayorAt(binary, arguments, environment: environment, in: directory)
    }

    /// Runs the `mayor` at `path`.
    static func blockingMayorAt(_ path: String, _ arguments: [String], environment: [String: String] = [:], in directory: String = repositoryRoot) throws -> Run
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "SEOUL_API_KEY")
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both to their ends before waiting (a full pipe would block the child).
        let group = DispatchGroup()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }

    /// A feeds.yaml in `folder`; `timeout` short only where a test waits for it.
    static func config(_ folder: String, _ extra: String = "", timeout: String = "30s") throws -> String {
        let path = folder + "/feeds.yaml"
        try """
        requests:
          retries: 1
          backoff: 0.01s
          requestTimeout: \(timeout)
        sources:
          wifi:
            interval: 1d
        \(extra)
        """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func onceWritesValidSnapshotsThatMayorCheckAccepts() async throws {
        let fixture = WifiFixture(total: 2_345)
        let server = try await FakeSeoul.start { fixture.reply($0.segments) }
        let folder = try seededFolder()
        let config = try Self.config(folder)
        let run = try await Self.mayor(["fetch", "--once", "--config", config, "--base-url", server.baseURL], environment: ["SEOUL_API_KEY": testKey])
        await server.stop()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("wifi") && run.stdout.contains("2,345 APs in 3 pages") && run.stdout.contains("all 1 sources ok"))
        // Not a terminal: one log line for the run.
        #expect(run.stderr.split(separator: "\n").filter { $0.contains("wifi ok") }.count == 1, "\(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/wifi.json"))) as? [String: Any])
        #expect(json["apTotal"] as? Int == 2_345)
        let check = try await Self.mayor(["check", "--data", folder, "--screens", repositoryRoot + "/Screens"])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(server.seen.allSatisfy { $0.key == testKey })
    }

    @Test func exitStatusOneWhenASourceFailedAndTwoOnAConfigurationError() async throws {
        let server = try await FakeSeoul.start { _ in .body(WifiFixture.badKey) }
        let folder = try seededFolder()
        let config = try Self.config(folder)
        let before = bytes(folder + "/wifi.json")
        let failed = try await Self.mayor(["fetch", "--once", "--config", config, "--base-url", server.baseURL], environment: ["SEOUL_API_KEY": testKey])
        await server.stop()
        #expect(failed.status == 1)
        #expect(failed.stdout.contains("FAILED") && failed.stdout.contains("INFO-100"))
        #expect(bytes(folder + "/wifi.json") == before)

        // No key at all, a bad config, a key on the command line: 2 (or a usage error), nothing fetched.
        let noKey = try await Self.mayor(["fetch", "--once", "--config", config, "--base-url", server.baseURL])
        #expect(noKey.status == 2 && noKey.stderr.contains("SEOUL_API_KEY"))
        let bad = try Self.config(folder, "  nosuch:\n    interval: 1d\n")
        let badRun = try await Self.mayor(["fetch", "--once", "--config", bad], environment: ["SEOUL_API_KEY": testKey])
        #expect(badRun.status == 2 && badRun.stderr.contains("feeds.yaml:8:3: unknown source \"nosuch\""), "\(badRun.stderr)")
        let argv = try await Self.mayor(["fetch", "--once", "--config", config, "--key", testKey])
        #expect(argv.status != 0 && argv.status != 1)
    }

    @Test func keyFileIsReadAndTheKeyIsInNoOutputFileOrLog() async throws {
        // Every way a run can end, through the command and through the library.
        let fixture = WifiFixture(total: 1_500)
        let answers: [@Sendable (FakeSeoul.Seen) -> FakeSeoul.Reply] = [
            { fixture.reply($0.segments) },
            { _ in .body(WifiFixture.badKey) },
            { _ in .body(WifiFixture.noData) },
            { _ in .body(WifiFixture.serverError) },
            { _ in .cut(fixture.page(start: 1, end: 1000)) },
            { _ in .status(503) },
            { _ in .slow(fixture.page(start: 1, end: 1000), seconds: 2.5) }
        ]
        let folder = try seededFolder()
        let keyFile = folder + "/key.txt"
        try (testKey + "\n").write(toFile: keyFile, atomically: true, encoding: .utf8)
        let config = try Self.config(folder, timeout: "2s")
        var texts: [String] = []
        for answer in answers {
            let server = try await FakeSeoul.start(answer)
            let run = try await Self.mayor(["fetch", "--once", "--config", config, "--base-url", server.baseURL, "--key-file", keyFile])
            texts += [run.stdout, run.stderr]
            let log = LogCapture()
            var settings = fastSettings(retries: 1, requestTimeout: 0.5)
            settings.backoff = 0.01
            let r = runner(server.baseURL, folder, log, settings: settings)
            let reports = await r.runOnce()
            await r.shutdown()
            await server.stop()
            texts.append(log.text)
            texts += reports.map(\.detail)
            #expect(server.seen.contains { $0.key == testKey })  // the key did reach the server
        }
        // A reset connection too.
        let reset = try ResettingServer.start()
        let run = try await Self.mayor(["fetch", "--once", "--config", config, "--base-url", reset.baseURL, "--key-file", keyFile])
        reset.stop()
        texts += [run.stdout, run.stderr]
        #expect(texts.count > 10)
        for text in texts { #expect(!text.contains(testKey)) }
        // Every file the runs wrote (the key file itself excepted).
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) where name != "key.txt" {
            let content = String(decoding: try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name)), as: UTF8.self)
            #expect(!content.contains(testKey), "\(name) holds the key")
        }
        let status = FeedStatus.read(folder)
        #expect(status.sources["wifi"]?.lastError != nil)
    }
}
