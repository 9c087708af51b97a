import Foundation
import MayorCore
import Testing

/// A wall reading its snapshots from a real nginx on loopback (`--data URL`):
/// conditional GETs, a rewrite shown within the refresh, an outage shown as
/// OFFLINE with the figures kept and cleared on its own.
@Suite(.serialized)
struct FleetTests {
    static var nginxRequired: Bool { ProcessInfo.processInfo.environment["CI"] != nil }

    /// nginx serving a copy of the bundled Data/.
    func serveBundledData() throws -> NginxServer {
        let nginx = try NginxServer()
        let files = try FileManager.default.contentsOfDirectory(atPath: repoRoot + "/Data").filter { $0.hasSuffix(".json") }
        for file in files { try nginx.publish(file, try Data(contentsOf: URL(fileURLWithPath: repoRoot + "/Data/" + file))) }
        try nginx.start()
        return nginx
    }

    func mayor(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try TmuxSession.run(["sh", "-c", "cd \(shellQuote(repoRoot)) && \(shellQuote(TmuxSession.binary)) \(arguments.map(shellQuote).joined(separator: " "))"])
    }

    @Test func renderAndCheckReadTheSnapshotsFromNginx() throws {
        guard NginxServer.available || Self.nginxRequired else { return }
        let nginx = try serveBundledData()
        defer { nginx.remove() }
        let render = try mayor(["render", "--data", nginx.baseURL, "--pane", "pledges", "--size", "100x30"])
        #expect(render.status == 0, "\(render.output)")
        #expect(render.output.contains("55.7"), "\(render.output)")
        let check = try mayor(["check", "--data", nginx.baseURL])
        #expect(check.status == 0, "\(check.output)")

        // A broken file on the server is named by its URL, with its place.
        let text = try String(contentsOfFile: repoRoot + "/Data/pledges.json", encoding: .utf8)
        try nginx.publish("pledges.json", Data(text.replacingOccurrences(of: "\"target\": 1000", with: "\"target\": \"1000\"").utf8))
        let broken = try mayor(["check", "--data", nginx.baseURL])
        #expect(broken.status == 1)
        #expect(broken.output.contains(nginx.baseURL + "pledges.json:"), "\(broken.output)")
    }

    /// libcurl (and the thirty libraries it maps) is loaded only by a wall
    /// given a URL: a wall on local files keeps its start-up and memory.
    @Test func onlyAWallOnAURLLoadsLibcurl() throws {
        // Read with cat: /proc files report a size of 0, which a one-read file API may trust.
        func maps(_ pid: Int32) -> String { (try? TmuxSession.run(["cat", "/proc/\(pid)/maps"]).output) ?? "" }
        let local = try TmuxSession()
        try local.start([])
        #expect(local.waitFor(text: "55.7").ok)
        let localPID = try #require(local.mayorPID())
        #expect(!maps(localPID).contains("libcurl"), "a wall on local files mapped libcurl")
        local.send("q")
        #expect(local.exitStatus() == 0)

        guard NginxServer.available || Self.nginxRequired else { return }
        let nginx = try serveBundledData()
        defer { nginx.remove() }
        let remote = try TmuxSession()
        try remote.start(["--data", nginx.baseURL])
        #expect(remote.waitFor(text: "55.7").ok)
        let remotePID = try #require(remote.mayorPID())
        #expect(maps(remotePID).contains("libcurl"), "a wall on a URL should have loaded libcurl")
        remote.send("q")
        #expect(remote.exitStatus() == 0)
    }

    @Test func liveWallFollowsRewritesWith304sAndShowsAnOutage() throws {
        guard NginxServer.available || Self.nginxRequired else { return }
        let nginx = try serveBundledData()
        defer { nginx.remove() }
        let t = try TmuxSession()
        try t.start(["--data", nginx.baseURL, "--refresh", "1", "--screen", "wall"])
        let first = t.waitFor(text: "55.7")
        #expect(first.ok, "the wall did not show 55.7 from nginx:\n\(first.screen)")

        // Unchanged files: 304 from the second poll on.
        Thread.sleep(forTimeInterval: 3.5)
        let polls = nginx.statuses(for: "/pledges.json", atLeast: 3)
        #expect(polls.first == 200 && polls.count >= 3 && polls.dropFirst().allSatisfy { $0 == 304 }, "\(polls)")

        // A rewrite is on the wall within the refresh interval (1 s; 3 s allowed).
        let original = try String(contentsOfFile: repoRoot + "/Data/pledges.json", encoding: .utf8)
        let published = Date()
        try nginx.publish("pledges.json", Data(original.replacingOccurrences(of: "\"actual\": 41.6", with: "\"actual\": 91.60").utf8))
        let reloaded = t.waitFor(text: "70.7", timeout: 3)
        #expect(reloaded.ok, "70.7 did not appear within 3 s:\n\(reloaded.screen)")
        #expect(Date().timeIntervalSince(published) < 3)

        // nginx stops: OFFLINE within two refresh intervals, the figures kept.
        nginx.stop()
        let offline = t.waitFor("offline", timeout: 2.5) { $0.contains("OFFLINE") || $0.contains("연결 끊김") }
        #expect(offline.ok, "no OFFLINE mark within two refresh intervals:\n\(offline.screen)")
        #expect(offline.screen.contains("70.7"), "the figures went with the server:\n\(offline.screen)")
        #expect(!offline.screen.contains("ERROR") && !offline.screen.contains("오류"), "an outage is not a broken file:\n\(offline.screen)")

        // nginx back: the mark clears with no key pressed.
        try nginx.start()
        let back = t.waitFor("back", timeout: 20) { !$0.contains("OFFLINE") && !$0.contains("연결 끊김") && $0.contains("70.7") }
        #expect(back.ok, "the OFFLINE mark stayed after nginx came back:\n\(back.screen)")
        t.send("q")
        #expect(t.exitStatus() == 0)
    }
}

/// `mayor headless`: the live loop with no terminal, one line per change.
@Suite(.serialized)
struct HeadlessWallTests {
    @Test func headlessWallPrintsEachVersionAndEachOutage() throws {
        guard NginxServer.available || FleetTests.nginxRequired else { return }
        let nginx = try NginxServer()
        defer { nginx.remove() }
        let files = try FileManager.default.contentsOfDirectory(atPath: repoRoot + "/Data").filter { $0.hasSuffix(".json") }
        for file in files { try nginx.publish(file, try Data(contentsOf: URL(fileURLWithPath: repoRoot + "/Data/" + file))) }
        try nginx.start()

        let out = Pipe()
        let wall = Process()
        wall.executableURL = URL(fileURLWithPath: TmuxSession.binary)
        // On a screen that does not show pledges: a change must be reported
        // whether or not the screen shows it (seen failing when lines were
        // printed only after a frame that changed cells).
        wall.arguments = ["headless", "--data", nginx.baseURL, "--refresh", "1", "--screens", repoRoot + "/Screens", "--screen", "city"]
        wall.standardOutput = out
        wall.standardError = out
        try wall.run()
        defer { if wall.isRunning { wall.terminate() } }
        let reader = LineCollector(out.fileHandleForReading)

        let original = try Data(contentsOf: URL(fileURLWithPath: repoRoot + "/Data/pledges.json"))
        let first = reader.waitFor { $0.contains(" snapshot pledges 2024-03-31 \(hex(SnapshotParser.fnv1a64(original)))") }
        #expect(first, "no line for the first pledges.json:\n\(reader.text)")
        #expect(files.allSatisfy { file in reader.text.contains(" snapshot \(file.dropLast(5)) ") }, "\(reader.text)")

        // Another size: nginx's ETag is the modification time (to the second)
        // and the size, so a same-size rewrite within the second would be a 304.
        let rewritten = Data(String(decoding: original, as: UTF8.self).replacingOccurrences(of: "\"actual\": 41.6", with: "\"actual\": 91.60").utf8)
        try nginx.publish("pledges.json", rewritten)
        #expect(reader.waitFor { $0.contains(" snapshot pledges 2024-03-31 \(hex(SnapshotParser.fnv1a64(rewritten)))") }, "\(reader.text)")

        nginx.stop()
        #expect(reader.waitFor { $0.contains(" problem pledges ") && $0.contains("unreachable") }, "\(reader.text)")
        try nginx.start()
        #expect(reader.waitFor(timeout: 20) { $0.contains(" ok pledges") }, "\(reader.text)")

        wall.terminate()
        wall.waitUntilExit()
        #expect(wall.terminationStatus == 0)
        #expect(reader.waitFor { $0.contains("stopped by SIGTERM") }, "\(reader.text)")
    }

    func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

/// Collects a pipe's output on a thread; waits for a line that matches.
final class LineCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var collected = ""

    init(_ handle: FileHandle) {
        let thread = Thread { [weak self] in
            while true {
                let data = handle.availableData
                if data.isEmpty { return }
                guard let self else { return }
                self.lock.lock()
                self.collected += String(decoding: data, as: UTF8.self)
                self.lock.unlock()
            }
        }
        thread.start()
    }

    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return collected
    }

    func waitFor(timeout: Double = 10, _ predicate: (String) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if text.split(separator: "\n").contains(where: { predicate(String($0)) }) { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return false
    }
}
