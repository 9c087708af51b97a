import Testing

@testable import MayorCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The live loop on the in-memory `TestBackend`: keys, resizes, clock-only
/// frames, data reloads and stops, with a fake clock (no test sleeps and no
/// terminal; the same loop runs on ncurses, end to end in `LiveDashboardTests`).
@Suite struct LiveLoopTests {
    let clock = TestClock(testNow)

    func makeApp(data: String = bundledData, refresh: Double? = nil) -> DashboardApp {
        let (set, problems) = ScreenLoader.load(directory: bundledScreens)
        precondition(problems.isEmpty)
        let clock = self.clock
        return DashboardApp(
            store: DataStore(directory: data), screens: set,
            options: .init(language: .ko, theme: .monochrome, refreshSeconds: refresh),
            clock: { clock.now })
    }

    /// The frame the app's state shows now at `size`, drawn by the view alone
    /// (the app's own render would change what the loop does next).
    func expected(_ app: DashboardApp, _ size: Size) -> Buffer {
        var buffer = Buffer(width: size.width, height: size.height)
        if let state = app.viewState(now: clock.now) {
            app.view.render(state, store: app.store, now: clock.now, into: &buffer)
        }
        return buffer
    }

    /// The column where `text` (ASCII) starts on `row` of `buffer`, or nil.
    func column(of text: String, row: Int, in buffer: Buffer) -> Int? {
        var symbols: [(x: Int, symbol: String)] = []
        for x in 0..<buffer.width where !buffer[x, row].isContinuation { symbols.append((x, buffer[x, row].symbol)) }
        let wanted = text.map(String.init)
        guard wanted.count <= symbols.count else { return nil }
        for start in 0...(symbols.count - wanted.count) where (0..<wanted.count).allSatisfy({ symbols[start + $0].symbol == wanted[$0] }) {
            return symbols[start].x
        }
        return nil
    }

    /// The header clock's text at the test clock's time.
    var clockText: String { "\(CalendarDate.seoulDay(of: clock.now)) \(CalendarDate.seoulTime(of: clock.now)) KST" }

    // MARK: - Keys

    /// Focus 1..N, zoom, help, the district filter and q, each checked on
    /// what the backend shows after the key (the loop rendered and sent it).
    @Test func keysFocusZoomHelpFilterAndQuit() {
        let app = makeApp()
        let size = Size(width: 160, height: 48)
        let backend = TestBackend(width: size.width, height: size.height, clock: clock)
        let panes = app.currentScreen?.layout.panes.count ?? 0
        #expect(panes == 5)
        var script: [TestBackend.Input] = []
        for n in 1...panes {
            var before = 0
            script.append(.perform { before = backend.outputs.count })
            script.append(.key(.character(Character("\(n)"))))
            script.append(
                .perform {
                    #expect(app.focus == n - 1)
                    #expect(backend.outputs.count > before, "focus \(n) sent nothing")
                    #expect(backend.screen == expected(app, size), "the screen is not the frame of focus \(n)")
                })
        }
        script += [
            .key(.enter),
            .perform {
                #expect(app.zoomed?.id == "pledges")
                #expect(backend.screen.text.contains("55.7") && !backend.screen.text.contains("31,245"))
                #expect(backend.screen == expected(app, size))
            },
            .key(.character("?")),
            .perform {
                #expect(app.helpVisible)
                #expect(backend.screen.text.contains("도움말 — Esc"))
                #expect(backend.screen == expected(app, size))
            },
            .key(.escape), .key(.escape),
            .perform {
                #expect(!app.helpVisible && app.zoomed == nil)
                #expect(!backend.screen.text.contains("도움말 — Esc") && backend.screen.text.contains("31,245"))
            },
            .key(.character("f")),
            .perform {
                #expect(app.district?.value == "관악구")
                #expect(backend.screen.textLines().last?.contains("관악구") == true, "the filter is not on the bottom line")
                #expect(backend.screen == expected(app, size))
            },
            .key(.character("q")),
            // Never reached: q ends the loop.
            .perform { Issue.record("the loop went on after q") }
        ]
        backend.append(script)
        let reason = LiveLoop.run(app: app, backend: backend)
        #expect(reason == .quit)
        #expect(backend.cellsOutside.isEmpty)
    }

    /// A key that changes nothing on screen renders a frame the same as the
    /// last: zero cells go out, not even an empty refresh.
    @Test func anUnchangedFrameSendsNothing() {
        let app = makeApp()
        let backend = TestBackend(width: 160, height: 48, clock: clock)
        var sent = 0
        var fullFrames = 0
        backend.append([
            .key(.character("1")),  // holds the rotation: the status line changes once
            .perform {
                sent = backend.outputs.count
                fullFrames = app.fullFrames
            },
            .key(.character("x")), .key(.character("9"))  // no such key, no such pane
        ])
        _ = LiveLoop.run(app: app, backend: backend)
        #expect(app.fullFrames == fullFrames + 2, "the app did render the two frames")
        #expect(backend.outputs.count == sent, "an unchanged frame sent \(backend.outputs.count - sent) outputs")
    }

    /// Every frame the loop flushes leaves the cursor in the bottom-right
    /// cell, the one cell the terminal edge never draws.
    @Test func framesLeaveTheCursorInTheBottomRightCell() {
        let app = makeApp()
        let backend = TestBackend(width: 100, height: 30, clock: clock)
        backend.append([.key(.character("2")), .resize(width: 90, height: 25), .key(.character("?"))])
        _ = LiveLoop.run(app: app, backend: backend)
        #expect(backend.frames.count >= 3)
        for frame in backend.frames {
            #expect(frame.cursor == CellPosition(x: frame.size.width - 1, y: frame.size.height - 1))
        }
    }

    // MARK: - Resize

    /// Smaller, larger and tiny sizes: after each change of size the next
    /// frame clears and repaints every cell, fits the new size, and is the
    /// frame the app draws at that size.
    @Test func resizeRepaintsTheWholeFrameAtTheNewSize() {
        let app = makeApp()
        let backend = TestBackend(width: 160, height: 48, clock: clock)
        var sizes = [Size(width: 120, height: 40), Size(width: 220, height: 60), Size(width: 24, height: 6), Size(width: 3, height: 2)]
        sizes += [Size(width: 1, height: 1), Size(width: 0, height: 0), Size(width: 160, height: 48)]
        for size in sizes {
            var before = 0
            backend.append([
                .perform { before = backend.outputs.count },
                .resize(width: size.width, height: size.height),
                .perform {
                    let sent = backend.outputs.dropFirst(before)
                    #expect(sent.count == 1, "\(size): \(sent.count) outputs after the resize")
                    guard case .frame(let frame) = sent.first else {
                        Issue.record("\(size): no frame after the resize")
                        return
                    }
                    #expect(frame.cleared, "\(size): the frame after a resize did not clear the screen")
                    #expect(frame.size == size)
                    let all = (0..<size.height).reduce(0) { n, y in
                        n + (0..<size.width).filter { !backend.screen[$0, y].isContinuation }.count
                    }
                    #expect(frame.cells.count == all, "\(size): \(frame.cells.count) cells sent, the frame has \(all)")
                    #expect(backend.cellsOutside.isEmpty, "\(size): cells outside the screen: \(backend.cellsOutside.prefix(3))")
                    #expect(backend.screen == expected(app, size), "\(size): the screen is not the app's frame")
                }
            ])
        }
        backend.append([.key(.character("q"))])
        #expect(LiveLoop.run(app: app, backend: backend) == .quit)
        #expect(backend.screen.text.contains("55.7"), "the wall did not come back at 160x48")
    }

    /// A resize notice that changes nothing (a tmux client attaching re-sends
    /// SIGWINCH) neither clears nor repaints: nothing is sent.
    @Test func aResizeToTheSameSizeSendsNothing() {
        let app = makeApp()
        let backend = TestBackend(width: 160, height: 48, clock: clock)
        var before = 0
        backend.append([
            .perform { before = backend.outputs.count },
            .resize(width: 160, height: 48),
            .perform { #expect(backend.outputs.count == before, "a same-size resize sent \(backend.outputs.dropFirst(before))") }
        ])
        _ = LiveLoop.run(app: app, backend: backend)
        #expect(backend.frames.count == 1)
    }

    /// Back from Ctrl-Z the screen is unknown: the next frame repaints all.
    @Test func aResumeRepaintsEverything() {
        let app = makeApp()
        let backend = TestBackend(width: 160, height: 48, clock: clock)
        backend.append([.resume])
        _ = LiveLoop.run(app: app, backend: backend)
        #expect(backend.frames.count == 2)
        #expect(backend.frames.last?.cleared == true)
        #expect(backend.screen == expected(app, Size(width: 160, height: 48)))
    }

    // MARK: - Clock-only frames

    /// A minute goes by with no data change: each second, and the new minute
    /// too, only the header clock's cells go out (as ticks where the backend
    /// takes them, else as small frames), and the loop waits for the next
    /// second each time.
    @Test(arguments: [true, false]) func clockOnlyFramesSendOnlyTheClock(takesTicks: Bool) throws {
        let app = makeApp()
        let size = Size(width: 160, height: 48)
        let backend = TestBackend(width: size.width, height: size.height, clock: clock, takesTicks: takesTicks)
        var clockColumn: Int?
        var clockWidth = 0
        backend.append([
            .key(.character("p")),  // rotation off: the wall stays
            .wait(seconds: 58.5),
            .perform {
                clockColumn = column(of: clockText, row: 0, in: backend.screen)
                clockWidth = clockText.count
                backend.clearOutputs()
            },
            .wait(seconds: 3)  // 00:00:58.5 to 00:01:01.5 KST
        ])
        let fullFramesBefore = app.fullFrames
        _ = LiveLoop.run(app: app, backend: backend)
        let clockX = try #require(clockColumn, "no clock on the header row")
        #expect(app.fullFrames >= fullFramesBefore + 1, "the new minute was not a full frame in the app")
        #expect(backend.outputs.count == 3, "one output per second, got \(backend.outputs.count)")
        for output in backend.outputs {
            if case .frame(let frame) = output { #expect(!frame.cleared) }
            #expect(takesTicks == (output.cells.count > 0 && { if case .tick = output { return true } else { return false } }()))
            for change in output.cells {
                #expect(change.y == 0 && change.x >= clockX && change.x < clockX + clockWidth, "a cell outside the clock was sent: \(change)")
            }
        }
        #expect(backend.screen == expected(app, size))
        #expect(column(of: "00:01:01", row: 0, in: backend.screen) != nil)
    }

    /// Idle, the loop wakes once a second (for the clock), not more often.
    @Test func idleTheLoopWaitsForTheNextSecond() {
        let app = makeApp(refresh: 30)
        let backend = TestBackend(width: 160, height: 48, clock: clock)
        clock.now += 0.25
        backend.append([.key(.character("p")), .wait(seconds: 10)])
        _ = LiveLoop.run(app: app, backend: backend)
        let waits = backend.timeouts.compactMap { $0 }
        #expect(waits.count >= 11 && waits.count <= 13, "\(waits.count) wakes in 10 s")
        #expect(waits.dropFirst(2).allSatisfy { $0 >= 999 && $0 <= 1000 }, "\(waits)")
    }

    // MARK: - Data reload

    /// A rewritten data file comes in at the refresh time: the frame after it
    /// redraws the pledges pane (with the new figure), and nothing else but the clock.
    @Test func aDataReloadRedrawsThePane() throws {
        let dir = makeTempDirectory()
        defer { removeTree(dir) }
        for kind in SnapshotKind.allCases {
            writeFile(dir + "/" + kind.fileName, String(decoding: readBundled(kind), as: UTF8.self))
        }
        let app = makeApp(data: dir, refresh: 2)
        let size = Size(width: 160, height: 48)
        let backend = TestBackend(width: size.width, height: size.height, clock: clock)
        backend.append([
            .key(.character("p")),
            .wait(seconds: 0.5),
            .perform {
                #expect(backend.screen.text.contains("55.7%") && !backend.screen.text.contains("70.7%"))
                writeFile(dir + "/pledges.json", bundledText(.pledges, replacing: "\"actual\": 41.6", with: "\"actual\": 91.6"))
                backend.clearOutputs()
            },
            .wait(seconds: 1.6),  // past the refresh at 2 s: the read starts
            .perform { app.store.waitForLoads() },
            .wait(seconds: 0.5)
        ])
        _ = LiveLoop.run(app: app, backend: backend)
        #expect(backend.screen.text.contains("70.7%"), "the reloaded figure is not on screen")
        let state = try #require(app.viewState(now: clock.now))
        let pane = try #require(app.view.placements(state, width: size.width, height: size.height).first { $0.pane.id == "pledges" }?.rect)
        let cells = backend.outputs.flatMap(\.cells)
        #expect(cells.contains { pane.contains(x: $0.x, y: $0.y) }, "nothing was sent in the pledges pane")
        for change in cells {
            #expect(change.y == 0 || pane.contains(x: change.x, y: change.y), "a cell outside the pledges pane and the header: \(change)")
        }
        #expect(!backend.frames.contains { $0.cleared }, "a reload is not a full repaint")
        #expect(backend.screen == expected(app, size))
    }

    // MARK: - Stops

    @Test func aQuitSignalStopsTheLoop() {
        let app = makeApp()
        let backend = TestBackend(width: 160, height: 48, clock: clock)
        backend.append([.wait(seconds: 2), .signal(SIGTERM), .key(.character("2"))])
        #expect(LiveLoop.run(app: app, backend: backend) == .signal(SIGTERM))
        #expect(app.focus == nil, "a key after the signal was handled")
        #expect(LiveLoop.ExitReason.signal(SIGTERM).description == "SIGTERM")
        #expect(LiveLoop.ExitReason.signal(SIGTERM).exitCode == 0)
    }

    @Test func aLostTerminalStopsTheLoop() {
        let app = makeApp()
        let backend = TestBackend(width: 160, height: 48, clock: clock)
        backend.append([.key(.character("1")), .terminalLost, .key(.character("2"))])
        #expect(LiveLoop.run(app: app, backend: backend) == .terminalLost)
        #expect(app.focus == 0)
        #expect(LiveLoop.ExitReason.terminalLost.exitCode == 1)
    }
}
