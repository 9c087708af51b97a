import Foundation
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
        try nginx.publish("pledges.json", Data(original.replacingOccurrences(of: "\"actual\": 41.6", with: "\"actual\": 91.6").utf8))
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
