import FoundationEssentials
import Testing

@testable import MayorCore

#if canImport(Glibc)
    import Glibc
#endif

@Suite struct DataStoreTests {
    /// A copy of the bundled data in a temporary folder.
    func copyOfData() -> String {
        let dir = makeTempDirectory()
        for kind in SnapshotKind.allCases {
            writeFile(dir + "/" + kind.fileName, String(decoding: readBundled(kind), as: UTF8.self))
        }
        return dir
    }

    func gwanak(_ store: DataStore) -> Int? {
        store.snapshot(.pledges)?.pledges?.districts.first?.programs.first?.achievement.map(tenths)
    }

    @Test func loadsEveryBundledSnapshot() {
        let store = DataStore(directory: bundledData)
        #expect(store.refresh(now: testNow))
        #expect(store.problems.isEmpty, "\(store.problems)")
        for kind in SnapshotKind.allCases { #expect(store.snapshot(kind) != nil) }
        #expect(gwanak(store) == 557)
    }

    @Test func unchangedFilesAreNotReparsed() {
        let dir = copyOfData()
        defer { removeTree(dir) }
        let store = DataStore(directory: dir)
        store.refresh(now: testNow)
        let generation = store.generation
        #expect(!store.refresh(now: testNow + 30))
        #expect(store.generation == generation)
        #expect(store.state(.pledges).loadedAt == testNow)
    }

    @Test func atomicRewriteIsPickedUpAndBrokenRewriteKeepsLastGood() {
        let dir = copyOfData()
        defer { removeTree(dir) }
        let store = DataStore(directory: dir)
        store.refresh(now: testNow)
        let path = dir + "/pledges.json"
        writeFile(path, bundledText(.pledges, replacing: "\"actual\": 41.6", with: "\"actual\": 91.6"))
        #expect(store.refresh(now: testNow + 2))
        #expect(gwanak(store) == 707)
        #expect(store.freshness(.pledges, now: testNow + 2) == .fresh)

        // Half-written: the last good figures stay, the problem names the file, data is stale.
        let full = String(decoding: readBundled(.pledges), as: UTF8.self)
        writeFile(path, String(full.prefix(900)))
        #expect(store.refresh(now: testNow + 4))
        #expect(gwanak(store) == 707)
        #expect(store.problems.first?.file.hasSuffix("pledges.json") == true)
        #expect(store.freshness(.pledges, now: testNow + 4) == .failing(since: testNow + 2))
        #expect(store.freshness(.wifi, now: testNow + 4) != .failing(since: nil))  // others unaffected

        // The writer finishes: recovered on the next tick.
        writeFile(path, full)
        #expect(store.refresh(now: testNow + 6))
        #expect(gwanak(store) == 557)
        #expect(store.problems.isEmpty)
    }

    /// Rewrites `path` in place (same inode) with `text`, then puts its old
    /// modification time back, as `cp -p` over it or `touch -r` after an edit do.
    func rewriteInPlaceKeepingTheTime(_ path: String, _ text: String) {
        var before = stat()
        #expect(stat(path, &before) == 0)
        let fd = open(path, O_WRONLY | O_TRUNC)
        #expect(fd >= 0)
        let bytes = Array(text.utf8)
        #expect(bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) } == bytes.count)
        let times = [before.st_atim, before.st_mtim]
        #expect(futimens(fd, times) == 0)
        close(fd)
        var after = stat()
        #expect(stat(path, &after) == 0)
        #expect(after.st_size == before.st_size && after.st_ino == before.st_ino)
        #expect(after.st_mtim.tv_sec == before.st_mtim.tv_sec && after.st_mtim.tv_nsec == before.st_mtim.tv_nsec)
    }

    @Test func sameSizeRewriteWithTheTimeKeptIsReloaded() {
        let dir = copyOfData()
        defer { removeTree(dir) }
        let store = DataStore(directory: dir)
        store.refresh(now: testNow)
        #expect(gwanak(store) == 557)
        // The kernel's change time moves in clock ticks of a few milliseconds.
        usleep(30_000)
        rewriteInPlaceKeepingTheTime(dir + "/pledges.json", bundledText(.pledges, replacing: "\"actual\": 41.6", with: "\"actual\": 91.6"))
        #expect(store.refresh(now: testNow + 2))
        #expect(gwanak(store) == 707)
        // And unchanged again: no reload.
        #expect(!store.refresh(now: testNow + 4))
    }

    /// A data or screens path that is not a folder says what it is.
    @Test func aFolderPathThatIsNotAFolderSaysWhatItIs() {
        let dir = makeTempDirectory()
        defer { removeTree(dir) }
        writeFile(dir + "/file", "x")
        symlink(dir + "/loop", dir + "/loop")
        for (path, words) in [
            (dir + "/file", "is a file, not a folder"), (dir + "/loop", "is a symbolic link loop"),
            (dir + "/none", "folder not found"), (dir + "/file/below", "folder not found")
        ] {
            let store = DataStore(directory: path)
            store.refresh(now: testNow)
            #expect(store.folderProblem?.message.contains(words) == true, "\(path): \(store.folderProblem?.description ?? "none")")
            #expect(store.folderProblem?.message.contains("data folder") == true)
            let (_, problems) = ScreenLoader.load(directory: path)
            #expect(problems.first?.message.contains(words) == true, "\(path): \(problems.map(\.description))")
            #expect(problems.first?.message.contains("screens folder") == true)
        }
    }

    @Test func missingFileDirectoryAndLinkLoopAreProblemsNotCrashes() throws {
        let dir = copyOfData()
        defer { removeTree(dir) }
        let store = DataStore(directory: dir)
        store.refresh(now: testNow)
        unlink(dir + "/wifi.json")
        unlink(dir + "/cctv.json")
        mkdir(dir + "/cctv.json", 0o755)
        unlink(dir + "/traffic.json")
        symlink(dir + "/traffic.json", dir + "/traffic.json")
        store.refresh(now: testNow + 1)
        let messages = Dictionary(uniqueKeysWithValues: store.problems.map { ($0.fileName, $0.message) })
        #expect(messages["wifi.json"]?.contains("missing") == true)
        #expect(messages["cctv.json"]?.contains("directory") == true)
        #expect(messages["traffic.json"]?.contains("link loop") == true)
        // Last good data is kept for all three; the rest is untouched.
        #expect(store.snapshot(.wifi) != nil && store.snapshot(.cctv) != nil && store.snapshot(.traffic) != nil)
        let asOf = try #require(store.snapshot(.metaverse)?.envelope.asOfInstant)
        let days = Int((testNow + 1 - asOf) / 86400)
        #expect(store.freshness(.metaverse, now: testNow + 1) == .old(seconds: days * 86400, unit: .days))
        #expect(store.state(.pledges).problems.isEmpty)
    }

    /// A named pipe where a snapshot should be (no writer ever comes): refused
    /// at once, both by the probe and by a read that raced past the probe.
    @Test func namedPipeIsRefusedWithoutBlocking() {
        let dir = copyOfData()
        defer { removeTree(dir) }
        let store = DataStore(directory: dir)
        store.refresh(now: testNow)
        unlink(dir + "/metaverse.json")
        #expect(mkfifo(dir + "/metaverse.json", 0o644) == 0)
        store.refresh(now: testNow + 1)
        #expect(store.state(.metaverse).problems.first?.message.contains("not a regular file") == true)
        #expect(store.snapshot(.metaverse) != nil)
        guard case .failure(let error) = FileProbe.read(dir + "/metaverse.json", limit: 1 << 20) else {
            Issue.record("a FIFO was read as a file")
            return
        }
        #expect(error.message.contains("not a regular file"))
    }

    @Test func missingFolderAtStartIsReported() {
        let store = DataStore(directory: "/tmp/mayor-test-does-not-exist")
        store.refresh(now: testNow)
        #expect(store.folderProblem?.message.contains("data folder not found") == true)
        #expect(store.freshness(.wifi, now: testNow) == .failing(since: nil))
    }

    @Test func oldDataIsStaleByKind() {
        let store = DataStore(directory: bundledData)
        store.refresh(now: testNow)
        // Traffic is a 2023-09-30 sample; its maximum age is 2 days.
        #expect(store.freshness(.traffic, now: CalendarDate.parseInstant("2023-10-01T12:00:00+09:00")!) == .fresh)
        if case .old(let seconds, let unit) = store.freshness(.traffic, now: testNow) {
            #expect(seconds > 400 * 86400 && seconds % 86400 == 0 && unit == .days)
        } else {
            Issue.record("traffic should be old")
        }
    }

    @Test func oversizedFileIsRefusedByTheStore() {
        let dir = copyOfData()
        defer { removeTree(dir) }
        let store = DataStore(directory: dir, maxBytes: 2000)
        store.refresh(now: testNow)
        #expect(store.state(.traffic).problems.first?.message.contains("more than the limit") == true)
        #expect(store.snapshot(.traffic) == nil)
    }

    /// `mayor generate traffic` refuses, before allocating, what the loader
    /// would refuse: dates past 9999 or in the future, more corridors or rows
    /// than a traffic file may have, a file over the size limit.
    @Test func theGeneratorRefusesWhatTheLoaderWouldRefuse() {
        let max = SnapshotParser.defaultMaxBytes
        let cases: [(start: String, days: Int, corridors: Int?, words: String)] = [
            ("9999-12-31", 3, nil, "after 9999-12-31"),
            ("2025-01-10", 30, nil, "in the future"),
            ("2023-07-03", 100_000, 1_000_000, "at most \(TrafficContent.maxCorridors) corridors"),
            ("2023-07-03", 100_000, 100, "at most \(TrafficContent.maxRows) daily rows"),
            ("2003-07-03", 7_000, 200, "more than the limit of 64 MB"),
            ("2023-07-03", 0, nil, "at least 1")
        ]
        for c in cases {
            let generator = TrafficSampleGenerator(startDate: c.start, days: c.days, seed: 1, corridorCount: c.corridors)
            let refusal = generator.refusal(now: testNow, maxBytes: max)
            #expect(refusal?.contains(c.words) == true, "\(c): \(refusal ?? "accepted")")
        }
        // What it accepts, the loader reads.
        let generator = TrafficSampleGenerator(startDate: "2024-12-01", days: 45, seed: 1, corridorCount: 40)
        #expect(generator.refusal(now: testNow, maxBytes: max) == nil)
        let result = SnapshotParser.parse(.traffic, data: Data(generator.makeJSON().utf8), file: "traffic.json", now: testNow)
        if case .failure(let list) = result { Issue.record("\(list.problems.prefix(3).map(\.description))") }
    }

    @Test func bundledTrafficSampleIsTheGeneratorsOutput() {
        let generated = TrafficSampleGenerator(startDate: "2023-07-03", days: 90, seed: 2023).makeJSON()
        #expect(generated == String(decoding: readBundled(.traffic), as: UTF8.self))
        let other = TrafficSampleGenerator(startDate: "2023-07-03", days: 90, seed: 7).makeJSON()
        #expect(other != generated)
    }

    /// The generator writes its dates with `CalendarDate.format(day:)`: what
    /// it writes, `parseDay` reads back, the year in four digits.
    @Test func calendarDateFormatsTheDaysItParses() {
        for text in ["0001-01-01", "0999-12-31", "1600-02-29", "1970-01-01", "2024-02-29", "9999-12-31"] {
            #expect(CalendarDate.parseDay(text).map { CalendarDate.format(day: $0) } == text, "\(text)")
        }
    }
}

@Suite struct CheckerTests {
    @Test func bundledDataAndScreensAreClean() {
        let problems = Checker.check(dataDirectory: bundledData, screensDirectory: bundledScreens, now: testNow)
        #expect(problems.isEmpty, "\(problems.map(\.description))")
    }

    @Test func briefingDistrictMustExist() {
        let dir = makeTempDirectory()
        defer { removeTree(dir) }
        for name in FileProbe.list(bundledScreens) ?? [] {
            if case .success(let data) = FileProbe.read(bundledScreens + "/" + name, limit: 1 << 20) {
                var text = String(decoding: data, as: UTF8.self)
                if name == "briefing.yaml" { text = text.replacing("district: 도봉구", with: "district: 도봉군") }
                writeFile(dir + "/" + name, text)
            }
        }
        let problems = Checker.check(dataDirectory: bundledData, screensDirectory: dir, now: testNow)
        #expect(problems.contains { $0.file.hasSuffix("briefing.yaml") && $0.message.contains("도봉군") })
    }

    /// A district no data has is named with the file as it is called (`.yml`
    /// too) and the line and column of the district value, in a briefing step
    /// and on a pane.
    @Test func unknownDistrictNamesTheRealFileAndThePlace() {
        let dir = makeTempDirectory()
        defer { removeTree(dir) }
        for name in FileProbe.list(bundledScreens) ?? [] where name != "briefing.yaml" {
            if case .success(let data) = FileProbe.read(bundledScreens + "/" + name, limit: 1 << 20) {
                writeFile(dir + "/" + name, String(decoding: data, as: UTF8.self))
            }
        }
        guard case .success(let briefing) = FileProbe.read(bundledScreens + "/briefing.yaml", limit: 1 << 20) else {
            Issue.record("cannot read the bundled briefing")
            return
        }
        // Line 39 of the bundled briefing is "    district: 도봉구".
        writeFile(dir + "/briefing.yml", String(decoding: briefing, as: UTF8.self).replacing("district: 도봉구", with: "district: 도봉군"))
        writeFile(
            dir + "/corner.yml",
            """
            kind: screen
            title: Corner
            layout:
              columns:
                - { pane: cctv, weight: 1 }
                - pane: pledges
                  district:   없는구
            """)
        let problems = Checker.check(dataDirectory: bundledData, screensDirectory: dir, now: testNow)
        let step = problems.first { $0.message.contains("도봉군") }
        #expect(step?.file == dir + "/briefing.yml", "\(problems.map(\.description))")
        #expect(step?.line == 39 && step?.column == 15, "\(problems.map(\.description))")
        let pane = problems.first { $0.message.contains("없는구") }
        #expect(pane?.file == dir + "/corner.yml", "\(problems.map(\.description))")
        #expect(pane?.line == 7 && pane?.column == 19, "\(problems.map(\.description))")
        #expect(problems.count == 2, "\(problems.map(\.description))")
    }
}

@Suite struct BackgroundLoadingTests {
    @Test func changedFilesParseOffThreadAndSwapInOnCollect() {
        let dir = makeTempDirectory()
        defer { removeTree(dir) }
        for kind in SnapshotKind.allCases {
            writeFile(dir + "/" + kind.fileName, String(decoding: readBundled(kind), as: UTF8.self))
        }
        let store = DataStore(directory: dir)
        store.refresh(now: testNow)
        let before = store.generation
        writeFile(dir + "/pledges.json", bundledText(.pledges, replacing: "\"actual\": 41.6", with: "\"actual\": 91.6"))
        store.refreshInBackground(now: testNow + 1, clock: { testNow + 1 })
        // Until collected, the old figures stay exactly as they were.
        #expect(store.loading == [.pledges])
        let old = store.snapshot(.pledges)?.pledges?.districts.first?.programs.first?.achievement.map(tenths)
        #expect(old == 557)
        // A second refresh while the parse runs starts no second worker.
        store.refreshInBackground(now: testNow + 1.5, clock: { testNow + 1.5 })
        store.waitForLoads()
        #expect(store.loading.isEmpty)
        #expect(store.generation > before)
        #expect(store.snapshot(.pledges)?.pledges?.districts.first?.programs.first?.achievement.map(tenths) == 707)
        #expect(store.state(.pledges).loadedAt == testNow + 1)
    }
}

/// A stale age is kept in seconds, rounded down to the kind's unit, and shown in it.
@Suite struct AgeUnitTests {
    @Test func ageIsWholeUnitsAndShownInTheUnit() {
        #expect(AgeUnit.days.whole(3 * 86400 + 86399) == 3 * 86400)
        #expect(AgeUnit.minutes.whole(22 * 60 + 59) == 22 * 60)
        #expect(AgeUnit.minutes.whole(-5) == 0)
        #expect(AgeUnit.days.whole(.infinity) == 0)
        let en = Strings(.en)
        let ko = Strings(.ko)
        #expect(en.age(seconds: 22 * 60, unit: .minutes) == "22 min old")
        #expect(ko.age(seconds: 22 * 60, unit: .minutes) == "22분 경과")
        #expect(en.age(seconds: 3 * 86400, unit: .days) == "3d old")
        #expect(en.age(seconds: 400 * 86400, unit: .days) == "1y old")
        // A live feed gone for days says days, not thousands of minutes.
        #expect(en.age(seconds: 2 * 86400 + 600, unit: .minutes) == "2d old")
    }
}
