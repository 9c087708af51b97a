import MayorCore
import Synchronization
import Testing

@testable import MayorFeeds

/// `mayor fetch`'s progress on a terminal: the running sources side by side
/// on one line, an ended source on a line of its own above it.
@Suite struct ProgressBoardTests {
    /// A board of `width` columns that keeps what it wrote.
    final class Screen: Sendable {
        final class Writes: Sendable {
            let list = Mutex<[String]>([])
            func withLock<T>(_ body: (inout [String]) -> T) -> T { list.withLock { body(&$0) } }
        }
        let writes = Writes()
        let board: ProgressBoard

        init(width: Int) {
            let writes = self.writes
            board = ProgressBoard(width: { width }, write: { text in writes.withLock { $0.append(text) } })
        }

        /// The text after the last carriage-return-and-clear and newline: the board's line now.
        var line: String {
            let last = writes.withLock { $0.last ?? "" }
            let drawn = last.components(separatedBy: "\r\u{1B}[K").last ?? ""
            return drawn.components(separatedBy: "\n").last ?? ""
        }

        /// The lines ended with a newline so far (sources that ended, log lines).
        var lines: [String] {
            writes.withLock { $0.joined() }.components(separatedBy: "\n").dropLast().map { $0.components(separatedBy: "\r\u{1B}[K").last ?? "" }
        }
    }

    @Test func runningSourcesShareOneLine() {
        let screen = Screen(width: 120)
        screen.board.show("wifi", "1/25 pages")
        screen.board.show("traffic", "3/246 hours")
        screen.board.show("citydata", "5/20 hotspots")
        screen.board.show("wifi", "12/25 pages")
        #expect(screen.line == "wifi 12/25 pages · traffic 3/246 hours · citydata 5/20 hotspots")
        #expect(screen.lines.isEmpty)
    }

    @Test func anEndedSourceGetsItsOwnLineAndTheOthersStay() {
        let screen = Screen(width: 120)
        screen.board.show("wifi", "24/25 pages")
        screen.board.show("citydata", "5/20 hotspots")
        screen.board.show("wifi", "ok: 24,578 APs in 25 pages")
        #expect(screen.lines == ["wifi ok: 24,578 APs in 25 pages"])
        #expect(screen.line == "citydata 5/20 hotspots")
        screen.board.show("citydata", "failed: hotspot POI014: timeout")
        #expect(screen.lines == ["wifi ok: 24,578 APs in 25 pages", "citydata failed: hotspot POI014: timeout"])
        #expect(screen.line == "")
    }

    @Test func theLineFitsTheTerminalByDisplayWidthAndCountsWhatDoesNotFit() {
        let screen = Screen(width: 40)
        screen.board.show("wifi", "12/25 pages")
        screen.board.show("traffic", "37/246 hours")
        screen.board.show("광화문·덕수궁", "3/5 시간")
        // 39 columns usable: the first two fit with room for the count of the third.
        #expect(screen.line == "wifi 12/25 pages · +2 more" || screen.line == "wifi 12/25 pages · traffic 37/246 hours · +1 more")
        #expect(DisplayWidth.of(screen.line) <= 39, "\(screen.line)")
        let narrow = Screen(width: 12)
        narrow.board.show("citydata", "57/120 hotspots")
        #expect(DisplayWidth.of(narrow.line) <= 11, "\(narrow.line)")
        #expect(narrow.line.hasPrefix("citydata"))
        let korean = Screen(width: 30)
        korean.board.show("광화문·덕수궁", "3/5 hours")
        korean.board.show("wifi", "1/25 pages")
        #expect(DisplayWidth.of(korean.line) <= 29, "\(korean.line): \(DisplayWidth.of(korean.line)) columns")
    }

    @Test func textFromTheNetworkIsNeutralised() {
        let screen = Screen(width: 200)
        screen.board.show("traffic", "3/5 \u{1B}[2J\u{1B}]0;owned\u{07}hours")
        screen.board.show("citydata", "failed: hotspot \u{1B}]0;owned\u{07}\u{1B}[2J강남역: INFO-200")
        let all = screen.writes.withLock { $0.joined() }
        // The board's own control sequence is the only escape written.
        #expect(all.replacingOccurrences(of: "\r\u{1B}[K", with: "").unicodeScalars.allSatisfy { $0.value >= 0x20 || $0 == "\n" }, "\(all.debugDescription)")
        #expect(screen.lines.first?.contains("강남역: INFO-200") == true)
    }

    @Test func aLogLineGoesAboveAndTheBoardIsDrawnAgain() {
        let screen = Screen(width: 120)
        screen.board.show("traffic", "37/246 hours")
        screen.board.log("critical: cannot write the status file")
        #expect(screen.lines == ["critical: cannot write the status file"])
        #expect(screen.line == "traffic 37/246 hours")
        screen.board.finish()
        #expect(screen.line == "")
    }

    @Test func updatesFromManyTasksAtOnceKeepEverySource() async {
        let screen = Screen(width: 400)
        await withTaskGroup(of: Void.self) { group in
            for source in 0..<6 {
                group.addTask {
                    for n in 1...300 { screen.board.show("s\(source)", "\(n)/300") }
                }
            }
        }
        let parts = Set(screen.line.components(separatedBy: " · "))
        #expect(parts == Set((0..<6).map { "s\($0) 300/300" }), "\(screen.line)")
        #expect(screen.writes.withLock { $0.count } == 1_800)
    }

    /// The runner puts every source on the board when its run starts, before
    /// its first answer (a slow first page would otherwise leave it off).
    @Test func theRunnerReportsEachSourceAsItStarts() async throws {
        let seen = Mutex<[String]>([])
        let folder = try seededFolder()
        let r = FeedRunner(
            sources: [WifiInventorySource()], settings: fastSettings(retries: 0), key: testKey, baseURL: "http://127.0.0.1:9",
            outputDirectory: folder, logger: LogCapture().logger, progress: { source, text in seen.withLock { $0.append("\(source) \(text)") } })
        _ = await r.runOnce()
        await r.shutdown()
        let lines = seen.withLock { $0 }
        #expect(lines.first == "wifi starting", "\(lines)")
        #expect(lines.last?.hasPrefix("wifi failed: ") == true, "\(lines)")
    }
}
