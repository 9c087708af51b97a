import Dispatch
import Testing

@testable import MayorCore

/// A clock the test moves by hand.
final class FakeClock: @unchecked Sendable {
    var now: Double
    init(_ now: Double) { self.now = now }
}

@Suite struct DashboardAppTests {
    let clock = FakeClock(testNow)

    func makeApp(mode: DashboardApp.Mode = .wall, refresh: Double? = nil, data: String = bundledData) -> DashboardApp {
        let (set, problems) = ScreenLoader.load(directory: bundledScreens)
        precondition(problems.isEmpty)
        let clock = self.clock
        return DashboardApp(
            store: DataStore(directory: data), screens: set, mode: mode,
            options: .init(language: .ko, theme: .monochrome, refreshSeconds: refresh),
            clock: { clock.now })
    }

    func frame(_ app: DashboardApp, _ w: Int = 160, _ h: Int = 48) -> String {
        var buffer = Buffer(width: w, height: h)
        app.render(into: &buffer)
        return buffer.text
    }

    /// A temporary copy of the bundled snapshots the test may change.
    func dataCopy() -> String {
        let dir = makeTempDirectory()
        for kind in SnapshotKind.allCases {
            writeFile(dir + "/" + kind.fileName, String(decoding: readBundled(kind), as: UTF8.self))
        }
        return dir
    }

    /// A tick, then waits for background loads and lets the app take them in.
    func settle(_ app: DashboardApp) {
        _ = app.handle(.tick)
        app.store.waitForLoads()
        _ = app.handle(.tick)
    }

    func key(_ app: DashboardApp, _ keys: KeyEvent...) {
        for k in keys { _ = app.handle(.key(k)) }
    }

    @Test func startsOnTheWallWithEveryPane() {
        let app = makeApp()
        #expect(app.currentScreen?.id == "wall")
        let text = frame(app)
        #expect(text.contains("55.7%") && text.contains("31,245") && text.contains("127,242"))
    }

    @Test func focusZoomAndHelp() {
        let app = makeApp()
        _ = frame(app)
        key(app, .character("5"))
        #expect(app.focus == 4)
        key(app, .enter)
        #expect(app.zoomed?.id == "pledges")
        let zoomed = frame(app)
        #expect(zoomed.contains("55.7") && !zoomed.contains("31,245"))
        key(app, .character("?"))
        #expect(frame(app).contains("도움말"))
        key(app, .escape)
        #expect(!app.helpVisible && app.zoomed != nil)
        key(app, .escape)
        #expect(app.zoomed == nil)
        key(app, .tab)
        #expect(app.focus == 0)
        key(app, .backTab)
        #expect(app.focus == 4)
        #expect(app.handle(.key(.character("q"))) == false)
    }

    @Test func arrowsMoveFocusSpatially() {
        let app = makeApp()
        _ = frame(app)
        key(app, .character("1"))  // wifi, top left
        key(app, .right)
        #expect(app.focus == 1)  // metaverse
        key(app, .down)
        #expect([3, 4].contains(app.focus ?? -1))  // a pane of the bottom row
        key(app, .character("4"), .up)
        #expect(app.focus == 0)
    }

    @Test func wallRotatesAndAKeyHoldsIt() throws {
        let app = makeApp()
        // The bundled playlist's order, whatever screens follow its first three.
        let order = app.order
        #expect(Array(order.prefix(3)) == ["wall", "city", "districts"])
        let wallSeconds = try #require(app.currentScreen?.rotateSeconds)
        clock.now += wallSeconds + 0.1
        _ = app.handle(.tick)
        #expect(app.currentScreen?.id == "city")
        // A key press holds the rotation for resumeAfter (120 s).
        key(app, .character("1"))
        clock.now += 100
        _ = app.handle(.tick)
        #expect(app.currentScreen?.id == "city")
        clock.now += 21
        _ = app.handle(.tick)  // hold over: rotation restarts its interval
        clock.now += 31
        _ = app.handle(.tick)
        #expect(app.currentScreen?.id == "districts")
        key(app, .character("p"))
        clock.now += 1000
        _ = app.handle(.tick)
        #expect(app.currentScreen?.id == "districts")
        key(app, .character("]"))
        #expect(app.currentScreen?.id == order[3 % order.count])
        key(app, .character("["), .character("["))
        #expect(app.currentScreen?.id == "city")
        // Past either end, the screens wrap around.
        key(app, .character("["), .character("["))
        #expect(app.currentScreen?.id == order.last)
        key(app, .character("]"))
        #expect(app.currentScreen?.id == "wall")
    }

    @Test func districtFilterCycles() {
        let app = makeApp()
        _ = frame(app)
        key(app, .character("5"), .character("f"))
        #expect(app.district?.value == "관악구")
        key(app, .character("f"))
        #expect(app.district?.value == "도봉구")
        #expect(frame(app).contains("도봉구 · 환경, 교통, 관광 스마트도봉 조성"))
        key(app, .character("f"), .character("f"))
        #expect(app.district == nil)
        key(app, .character("3"), .character("f"))  // CCTV: its 25 districts
        #expect(app.district?.value == "종로구")
    }

    @Test func idleWakesOnlyForTheClockAndRendersOnlyOnChange() {
        let app = makeApp(refresh: 30)
        _ = frame(app)
        clock.now = (clock.now + 0.2)
        #expect(!app.needsRender)
        // Idle, the loop sleeps until the header clock's next second: 800 ms
        // from here (a busy loop would wake every millisecond or so).
        let wait = app.millisecondsUntilNextTick() ?? 0
        #expect((799...801).contains(wait), "woke after \(wait) ms, expected 800 (the next second)")
        // And from later in the second, only the rest of it.
        clock.now = clock.now.rounded(.down) + 0.95
        let late = app.millisecondsUntilNextTick() ?? 0
        #expect((49...51).contains(late), "woke after \(late) ms, expected 50")
        clock.now = clock.now.rounded(.down) + 1.001
        #expect(app.needsRender)  // the header clock moved on
    }

    @Test func reloadPicksUpARewrittenFile() {
        let dir = dataCopy()
        defer { removeTree(dir) }
        let app = makeApp(refresh: 2, data: dir)
        #expect(frame(app).contains("55.7%"))
        writeFile(dir + "/pledges.json", bundledText(.pledges, replacing: "\"actual\": 41.6", with: "\"actual\": 91.6"))
        clock.now += 2.5
        settle(app)
        #expect(frame(app).contains("70.7%"))
        writeFile(dir + "/pledges.json", "{\"kind\": \"pledges\", \"schemaVe")
        clock.now += 2.5
        settle(app)
        let broken = frame(app)
        #expect(broken.contains("70.7%"))
        #expect(broken.contains("pledges.json"))
        // The pane's problem line names the place, not only the file.
        #expect(broken.contains("⚠ pledges.json:1:"), "\(broken)")
        key(app, .character("r"))
        settle(app)
        #expect(frame(app).contains("70.7%"))
    }

    @Test func briefingStepsAdvanceAndShowCaptions() throws {
        let (set, _) = ScreenLoader.load(directory: bundledScreens)
        let briefing = try #require(set.briefings["briefing"])
        let app = makeApp(mode: .briefing(briefing))
        #expect(frame(app).contains(briefing.steps[0].caption.ko.value))
        #expect(frame(app).contains("\(briefing.steps.count)단계 중 1"))
        key(app, .character(" "))
        #expect(app.step == 1)
        #expect(app.zoomed?.id == "wifi")
        key(app, .left)
        #expect(app.step == 0)
        clock.now += briefing.steps[0].seconds + 0.1
        _ = app.handle(.tick)
        #expect(app.step == 1)
        key(app, .character("p"))
        clock.now += 1000
        _ = app.handle(.tick)
        #expect(app.step == 1)
        // Step with a district: Gwanak's pledges.
        while app.step != 5 { key(app, .right) }
        #expect(app.district?.value == "관악구")
        #expect(frame(app).contains("55.7%"))
    }

    @Test func tooSmallTerminalShowsANotice() {
        let app = makeApp()
        let text = frame(app, 24, 6)
        #expect(text.contains("터미널이 너무") || text.contains("78×18"))
        #expect(frame(app).contains("55.7%"))
    }

    /// When only the clock moved, the app redraws just the header and bottom
    /// rows over its last frame; the result must be the frame a full redraw gives.
    @Test func clockOnlyFramesEqualFullFrames() {
        let app = makeApp()
        _ = frame(app)
        #expect(app.fullFrames == 1)
        for step in [1.0, 1, 7, 1] {
            clock.now += step
            let partial = frame(app)
            let fresh = makeApp()
            #expect(partial == frame(fresh), "after \(step) s")
        }
        #expect(app.fullFrames == 1, "clock-only seconds must not redraw the panes")
        // A new minute, a key, a resize and the help each bring a full frame.
        clock.now += 60
        _ = frame(app)
        #expect(app.fullFrames == 2)
        key(app, .character("2"))
        _ = frame(app)
        #expect(app.fullFrames == 3)
        _ = frame(app, 120, 40)
        #expect(app.fullFrames == 4)
        key(app, .character("?"))
        _ = frame(app)
        #expect(app.fullFrames == 5)
        clock.now += 1
        _ = frame(app)
        #expect(app.fullFrames == 6, "the help box covers the panes: no clock-only path under it")
    }

    /// A read that does not finish (a hung network mount): after
    /// `slowLoadSeconds` its pane says it is still reading, keeps the last good
    /// figures, and the loop stops polling fast; when the read ends, the new
    /// figures come in and the mark goes.
    @Test func aHangingReadIsMarkedOnItsPane() {
        let dir = dataCopy()
        defer { removeTree(dir) }
        let app = makeApp(refresh: 2, data: dir)
        key(app, .character("p"))  // no rotation: the wall stays on screen
        #expect(frame(app).contains("55.7%"))
        // Every worker is held, so the read below cannot finish.
        let gate = DispatchSemaphore(value: 0)
        app.store.workers.async(flags: .barrier) { gate.wait() }
        writeFile(dir + "/pledges.json", bundledText(.pledges, replacing: "\"actual\": 41.6", with: "\"actual\": 91.6"))
        clock.now += 2.5
        _ = app.handle(.tick)
        #expect(app.store.loading.contains(.pledges))
        #expect(!frame(app).contains("읽는 중"))
        #expect(app.millisecondsUntilNextTick()! <= 20, "a fresh read is looked at often")
        clock.now += DataStore.slowLoadSeconds + 0.25
        _ = app.handle(.tick)
        let slow = frame(app)
        #expect(slow.contains("읽는 중") && slow.contains("55.7%"), "\(slow)")
        #expect(app.millisecondsUntilNextTick()! > 20, "a long read is looked at less often")
        gate.signal()
        app.store.waitForLoads()
        _ = app.handle(.tick)
        let done = frame(app)
        #expect(done.contains("70.7%") && !done.contains("읽는 중"), "\(done)")
    }
}
