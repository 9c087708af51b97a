import Dispatch
import Testing

@testable import MayorCore

#if canImport(Glibc)
    import Glibc
#endif

/// The README's "Bad input, and what the user sees" table, row by row, where
/// no other test checked what the row says: the exact words quoted there, the
/// place, and what the pane keeps.
@Suite struct BadInputTableTests {
    final class Clock: @unchecked Sendable {
        var now: Double
        init(_ now: Double) { self.now = now }
    }

    let clock = Clock(testNow)

    func app(data: String, refresh: Double = 2, language: Language = .en) -> DashboardApp {
        let (set, problems) = ScreenLoader.load(directory: bundledScreens)
        precondition(problems.isEmpty)
        let clock = self.clock
        let app = DashboardApp(
            store: DataStore(directory: data), screens: set, mode: .wall,
            options: .init(language: language, theme: .monochrome, refreshSeconds: refresh),
            clock: { clock.now })
        _ = app.handle(.key(.character("p")))  // no rotation: the wall stays on screen
        return app
    }

    func frame(_ app: DashboardApp) -> String {
        var buffer = Buffer(width: 160, height: 48)
        app.render(into: &buffer)
        return buffer.text
    }

    /// The next look at the files, with every background read taken in.
    func nextLook(_ app: DashboardApp) {
        clock.now += 2.5
        _ = app.handle(.tick)
        app.store.waitForLoads()
        _ = app.handle(.tick)
    }

    func dataCopy() -> String {
        let dir = makeTempDirectory()
        for kind in SnapshotKind.allCases {
            writeFile(dir + "/" + kind.fileName, String(decoding: readBundled(kind), as: UTF8.self))
        }
        return dir
    }

    /// The title row of the pane titled `title`, from its corner to the next.
    func titleRow(_ text: String, _ title: String) -> String {
        guard let row = text.split(separator: "\n").first(where: { $0.contains("─ \(title) ") }),
            let start = row.range(of: "─ \(title) ")
        else { return "" }
        let rest = row[start.lowerBound...]
        return String(rest.prefix { $0 != "┐" })
    }

    /// The first problem's full text (`file:line:col: path: message`).
    func firstProblem(_ kind: SnapshotKind, replacing old: String, with new: String) -> String {
        problems(kind, bundledText(kind, replacing: old, with: new)).first?.description ?? "accepted"
    }

    // MARK: truncated or half-written JSON

    /// The metaverse file cut after its 17th line: the problem is at the end
    /// of what is there, the pane keeps its figures marked ERROR with a line
    /// naming the file and the place, and the whole file brings it back.
    @Test func truncatedFileIsPlacedAndThePaneKeepsItsFigures() {
        let full = String(decoding: readBundled(.metaverse), as: UTF8.self)
        let cut = full.split(separator: "\n", omittingEmptySubsequences: false).prefix(17).joined(separator: "\n") + "\n"
        let message = problems(.metaverse, cut).first?.description
        #expect(message == "Data/metaverse.json:18:1: unexpected end of file inside an object: the file is truncated", "\(message ?? "accepted")")

        let dir = dataCopy()
        defer { removeTree(dir) }
        let app = app(data: dir)
        let good = frame(app)
        #expect(good.contains("visits 127,242") && !titleRow(good, "Metaverse Seoul").contains("ERROR"))
        writeFile(dir + "/metaverse.json", cut)
        nextLook(app)
        let broken = frame(app)
        #expect(broken.contains("visits 127,242"), "the last good figures went:\n\(broken)")
        #expect(titleRow(broken, "Metaverse Seoul").contains("ERROR"), "no ERROR mark on the pane:\n\(broken)")
        #expect(broken.contains("⚠ metaverse.json:18:1: unexpected end of file"), "no line with the file and the place:\n\(broken)")
        writeFile(dir + "/metaverse.json", full)
        nextLook(app)
        let recovered = frame(app)
        #expect(
            recovered.contains("visits 127,242") && !titleRow(recovered, "Metaverse Seoul").contains("ERROR") && !recovered.contains("⚠ metaverse.json"),
            "\(recovered)")
    }

    // MARK: wrong type; zero, negative or missing target

    @Test func aWrongTypeIsNamedWithItsPlaceAndPath() {
        #expect(
            firstProblem(.pledges, replacing: "\"target\": 1000", with: "\"target\": \"1000\"")
                == "Data/pledges.json:28:25: districts[0].programs[0].indicators[0].target: expected a number, found a string")
    }

    @Test func aTargetThatIsZeroNegativeOrMissingIsRefused() {
        let path = "districts[0].programs[0].indicators[0].target"
        #expect(
            firstProblem(.pledges, replacing: "\"target\": 1000", with: "\"target\": 0")
                == "Data/pledges.json:28:25: \(path): is 0.0: an achievement needs a positive target")
        #expect(
            firstProblem(.pledges, replacing: "\"target\": 1000", with: "\"target\": -5")
                == "Data/pledges.json:28:25: \(path): is -5.0: an achievement needs a positive target")
        let missing = firstProblem(.pledges, replacing: "\"target\": 1000,", with: "")
        #expect(missing.hasPrefix("Data/pledges.json:") && missing.hasSuffix("\(path): is missing: an achievement needs a positive target"), "\(missing)")
    }

    // MARK: negative counts, percentages over 100, categories not adding up

    @Test func rangesAndTotalsNameTheRuleAndThePlace() {
        #expect(
            firstProblem(.wifi, replacing: "\"count\": 3694", with: "\"count\": -3694")
                == "Data/wifi.json:21:16: apCategories[0].count: must not be negative (found -3694)")
        #expect(
            firstProblem(.metaverse, replacing: "\"percent\": 15", with: "\"percent\": 150")
                == "Data/metaverse.json:100:18: spaceShare[0].percent: must be between 0.0 and 100.0 (found 150.0)")
        let total = firstProblem(.wifi, replacing: "\"apTotal\": 31245", with: "\"apTotal\": 31246")
        #expect(total.hasPrefix("Data/wifi.json:10:14: apTotal: is 31246 but the categories add up to "), "\(total)")
    }

    // MARK: dates

    @Test func badDatesAreRefusedWithThePath() {
        func asOf(_ value: String) -> String {
            firstProblem(.wifi, replacing: "\"asOf\": \"2023-09-30\"", with: "\"asOf\": \"\(value)\"")
        }
        let future = asOf("2031-01-01")
        #expect(future.hasPrefix("Data/wifi.json:") && future.hasSuffix(": asOf: \"2031-01-01\" is in the future"), "\(future)")
        for bad in ["30/09/2023", "2023-02-30"] {
            let text = asOf(bad)
            #expect(text.hasPrefix("Data/wifi.json:") && text.contains("asOf: ") && text.contains("not an ISO-8601 date"), "\(bad): \(text)")
        }
    }

    // MARK: order, repeats, duplicates

    @Test func repeatsAndDuplicatesNameTheSecondOne() {
        let district = firstProblem(.pledges, replacing: "\"name\": \"도봉구\"", with: "\"name\": \"관악구\"")
        #expect(district.hasPrefix("Data/pledges.json:") && district.hasSuffix("districts[1].name: duplicate district \"관악구\""), "\(district)")
        let month = firstProblem(.wifi, replacing: "\"month\": \"2023-02\"", with: "\"month\": \"2023-01\"")
        #expect(month.hasPrefix("Data/wifi.json:") && month.contains("monthly[1].month: ") && month.contains("repeats the previous month"), "\(month)")
        let date = firstProblem(.traffic, replacing: "\"date\": \"2023-07-04\"", with: "\"date\": \"2023-07-01\"")
        #expect(date.hasPrefix("Data/traffic.json:") && date.contains("corridors[0].daily[1].date: ") && date.contains("ascending order"), "\(date)")
        let key = firstProblem(.metaverse, replacing: "\"goal\": {", with: "\"goal\": {\"a\": 1, \"a\": 2,")
        #expect(key.hasPrefix("Data/metaverse.json:") && key.contains("duplicate key \"a\""), "\(key)")
    }

    // MARK: unknown kind or schemaVersion

    @Test func anUnknownKindOrSchemaVersionSaysWhatIsRead() {
        let kind = firstProblem(.wifi, replacing: "\"kind\": \"wifi\"", with: "\"kind\": \"cctv\"")
        #expect(kind.hasPrefix("Data/wifi.json:") && kind.contains("kind: kind is \"cctv\", expected \"wifi\""), "\(kind)")
        let version = firstProblem(.wifi, replacing: "\"schemaVersion\": 1", with: "\"schemaVersion\": 2")
        #expect(
            version.hasPrefix("Data/wifi.json:")
                && version.hasSuffix("schemaVersion: unknown schemaVersion 2: this version of mayor reads schemaVersion 1"), "\(version)")
    }

    // MARK: a file that goes away

    /// A deleted file: its pane says so under the last good figures; another
    /// pane's file rewritten meanwhile is shown with its new figures.
    @Test func aDeletedFileLeavesTheOtherPanesUpdating() {
        let dir = dataCopy()
        defer { removeTree(dir) }
        let app = app(data: dir)
        #expect(frame(app).contains("31,245") && frame(app).contains("55.7%"))
        unlink(dir + "/wifi.json")
        writeFile(dir + "/pledges.json", bundledText(.pledges, replacing: "\"actual\": 41.6", with: "\"actual\": 91.6"))
        nextLook(app)
        let text = frame(app)
        #expect(text.contains("⚠ wifi.json: file is missing"), "\(text)")
        #expect(text.contains("31,245"), "wifi's last good figures went:\n\(text)")
        #expect(text.contains("70.7%"), "the pledges pane stopped updating:\n\(text)")
    }

    // MARK: a read that never finishes

    /// A hanging read is marked READING on its pane after 10 s, not before.
    /// While a read hangs, no second read of that file is started however
    /// often the loop looks, and after 2 s the loop looks 4 times a second
    /// (every 250 ms), not 50.
    @Test func aHangingReadIsOneReadLookedAtFourTimesASecond() {
        let dir = dataCopy()
        defer { removeTree(dir) }
        let app = app(data: dir)
        _ = frame(app)
        let gate = DispatchSemaphore(value: 0)
        app.store.workers.async(flags: .barrier) { gate.wait() }
        clock.now = clock.now.rounded(.down)
        writeFile(dir + "/pledges.json", bundledText(.pledges, replacing: "\"actual\": 41.6", with: "\"actual\": 91.6"))
        clock.now += 2.1
        _ = app.handle(.tick)
        #expect(app.store.loading == [.pledges])
        #expect(app.millisecondsUntilNextTick() == 20, "a fresh read is looked at every 20 ms")
        // Marked READING after 10 s, not before, over the last good figures.
        #expect(DataStore.slowLoadSeconds == 10)
        clock.now += 9.5
        _ = app.handle(.tick)
        #expect(!titleRow(frame(app), "Pledges").contains("READING"))
        clock.now += 0.6
        _ = app.handle(.tick)
        let slow = frame(app)
        #expect(titleRow(slow, "Pledges").contains("READING") && slow.contains("55.7%"), "\(slow)")
        for step in 1...20 {
            // The file keeps changing, and the loop keeps looking.
            writeFile(dir + "/pledges.json", bundledText(.pledges, replacing: "\"actual\": 41.6", with: "\"actual\": \(50 + step)"))
            clock.now += 2.5
            _ = app.handle(.tick)
        }
        clock.now = clock.now.rounded(.down) + 0.1
        #expect(app.millisecondsUntilNextTick() == 250, "a long read must be looked at every 250 ms")
        gate.signal()
        app.store.workers.sync(flags: .barrier) {}
        let finished = app.store.mailbox.results.withLock { $0.count }
        #expect(finished == 1, "\(finished) reads of one file ran at once")
    }

    // MARK: the data folder missing at start

    /// `Data` missing: the header names the folder, every pane says no data,
    /// the wall runs; when the folder and its files appear they are shown.
    @Test func aMissingDataFolderIsNamedAndPickedUpWhenItAppears() {
        let root = makeTempDirectory()
        defer { removeTree(root) }
        let data = root + "/Data"
        let app = app(data: data)
        let empty = frame(app)
        let header = empty.split(separator: "\n").first.map(String.init) ?? ""
        // The folder and each file of the kinds the screens show (all five report kinds and any others).
        #expect(app.store.kinds.count >= 5)
        #expect(header.contains("ERROR \(app.store.kinds.count + 1): Data, wifi.json"), "the header does not name the folder: \(header)")
        let rows = empty.components(separatedBy: "no data").count - 1
        #expect(rows >= 5, "\(rows) panes say no data:\n\(empty)")
        #expect(app.handle(.tick))
        mkdir(data, 0o755)
        for kind in SnapshotKind.allCases {
            writeFile(data + "/" + kind.fileName, String(decoding: readBundled(kind), as: UTF8.self))
        }
        nextLook(app)
        let full = frame(app)
        #expect(full.contains("31,245") && full.contains("55.7%") && !full.contains("no data"), "\(full)")
        let after = full.split(separator: "\n").first.map(String.init) ?? ""
        #expect(!after.contains("ERROR"), "\(after)")
    }

    // MARK: control characters in any text

    /// A briefing caption from a screen file carrying a clear-screen and a
    /// window-title sequence: drawn as visible stand-ins, no control byte in
    /// the frame.
    @Test func escapeSequencesInACaptionAreShownAsStandIns() throws {
        let dir = makeTempDirectory()
        defer { removeTree(dir) }
        for name in FileProbe.list(bundledScreens) ?? [] where name.hasSuffix(".yaml") {
            var text = String(decoding: try FileProbe.read(bundledScreens + "/" + name, limit: 1 << 24).get(), as: UTF8.self)
            if name == "briefing.yaml" {
                text = text.replacing("      ko: 서울 디지털 시장실 — ", with: "      ko: \"서울 \\e[2J\\e]0;PWNED\\a시장실 \\u202E\\u200B끝\" # ", maxReplacements: 1)
            }
            writeFile(dir + "/" + name, text)
        }
        let (set, problems) = ScreenLoader.load(directory: dir)
        #expect(problems.isEmpty, "\(problems.map(\.description))")
        let briefing = try #require(set.briefings["briefing"])
        #expect(briefing.steps[0].caption.ko.value.contains("서울 "))
        let clock = self.clock
        let app = DashboardApp(
            store: DataStore(directory: bundledData), screens: set, mode: .briefing(briefing),
            options: .init(language: .ko, theme: .monochrome), clock: { clock.now })
        let text = frame(app)
        #expect(text.contains("서울 ␛[2J␛]0;PWNED␇시장실 \u{FFFD}\u{FFFD}끝"), "\(text)")
        #expect(
            !text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || (0x7F..<0xA0).contains($0.value) || $0.value == 0x202E || $0.value == 0x200B })
    }

    // MARK: the table itself

    /// Every Swift file under Tests/, as one text.
    static func testSources(_ dir: String = repoRoot + "/Tests") -> String {
        var text = ""
        for name in (FileProbe.list(dir) ?? []).sorted() {
            let path = dir + "/" + name
            if FileProbe.isDirectory(path) {
                text += testSources(path)
            } else if name.hasSuffix(".swift"), case .success(let data) = FileProbe.read(path, limit: 1 << 22) {
                text += String(decoding: data, as: UTF8.self) + "\n"
            }
        }
        return text
    }

    /// Every row of the README's bad-input table names at least one test,
    /// every test named exists, and the command under the table runs exactly
    /// the suites the rows name.
    @Test func everyRowNamesTestsThatExistAndTheRunLineHasTheirSuites() throws {
        let readme = String(decoding: try FileProbe.read(repoRoot + "/README.md", limit: 1 << 22).get(), as: UTF8.self)
        let start = try #require(readme.range(of: "## Bad input, and what the user sees"))
        let end = readme.range(of: "\n## ", range: start.upperBound..<readme.endIndex)?.lowerBound ?? readme.endIndex
        let lines = readme[start.upperBound..<end].split(separator: "\n").map(String.init)
        let rows = lines.filter { $0.hasPrefix("| ") && !$0.hasPrefix("| input ") }
        #expect(rows.count >= 30, "\(rows.count) rows found")
        let sources = Self.testSources()
        var suites: Set<String> = []
        for row in rows {
            var names: [String] = []
            for match in row.matches(of: /tests?: ([^)]*)\)/) {
                names += match.output.1.matches(of: /`([^`]+)`/).map { String($0.output.1) }
            }
            names = names.filter { !$0.hasPrefix("mayor") && !$0.hasPrefix("MAYOR") && !$0.contains(" ") }
            let namesSome = !names.isEmpty
            #expect(namesSome, "a row names no test: \(row.prefix(80))")
            for name in names {
                let parts = name.split(separator: ".").map(String.init)
                if parts.count == 2 {
                    suites.insert(parts[0])
                    let suiteFound = sources.contains("struct \(parts[0]) ")
                    let testFound = sources.contains("func \(parts[1])(")
                    #expect(suiteFound, "no suite \(parts[0]) (row: \(row.prefix(60)))")
                    #expect(testFound, "no test \(name) (row: \(row.prefix(60)))")
                } else if sources.contains("struct \(name) ") {
                    suites.insert(name)
                } else {
                    let testFound = sources.contains("func \(name)(")
                    #expect(testFound, "no test \(name) (row: \(row.prefix(60)))")
                }
            }
        }
        let run = try #require(lines.first { $0.contains("swift test --filter '\\.(") }, "no command under the table")
        let listed = try #require(run.firstMatch(of: /\\\.\(([A-Za-z0-9|]+)\)\//)).output.1.split(separator: "|").map(String.init)
        #expect(Set(listed) == suites, "the command lacks \(suites.subtracting(listed).sorted()), has unnamed \(Set(listed).subtracting(suites).sorted())")
    }
}
