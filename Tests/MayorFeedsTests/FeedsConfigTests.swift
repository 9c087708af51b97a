import Foundation
import MayorCore
import Testing

@Suite struct FeedsConfigTests {
    @Test func aValidConfigIsRead() throws {
        let yaml = """
            output: out
            requests:
              connectTimeout: 2s
              requestTimeout: 1m
              retries: 2
              maxInFlight: 4
              perHostPerSecond: 5
            sources:
              wifi:
                interval: 1d
                pageSize: 500
            """
        let config = try FeedsConfig.parse(yaml, file: "Data/feeds.yaml").get()
        #expect(config.outputDirectory == "Data/out")
        #expect(config.requests.connectTimeout == 2 && config.requests.requestTimeout == 60 && config.requests.retries == 2)
        #expect(config.requests.maxInFlight == 4 && config.requests.perHostPerSecond == 5)
        #expect(config.sources.map(\.name) == ["wifi"])
        #expect(config.sources[0].interval == 86_400 && config.sources[0].integer("pageSize") == 500)
    }

    /// The bundled config states the defaults, so what `mayor bench` measures
    /// (the defaults) is what a publisher runs.
    @Test func theBundledConfigsRequestsAreTheDefaults() throws {
        let config = try FeedsConfig.load(repositoryRoot + "/Data/feeds.yaml").get()
        #expect(config.requests == FeedsConfig.Requests())
        #expect(config.requests.maxInFlight == 8)
    }

    @Test func problemsNameTheirPlace() {
        let yaml = """
            sources:
              wifi:
                interval: 5x
                pageSize: 5000
              wiifi: {}
            requests:
              maxInFlight: 20
              colour: red
            """
        guard case .failure(let list) = FeedsConfig.parse(yaml, file: "f.yaml") else {
            Issue.record("accepted a bad config")
            return
        }
        let lines = list.problems.map(\.description)
        #expect(lines.contains { $0.hasPrefix("f.yaml:3:15: sources.wifi.interval: expected a duration") })
        #expect(lines.contains { $0.hasPrefix("f.yaml:4:15: sources.wifi.pageSize: 5000 is out of range") })
        #expect(lines.contains { $0.hasPrefix("f.yaml:5:3: unknown source \"wiifi\"") })
        #expect(lines.contains { $0.hasPrefix("f.yaml:7:16: requests.maxInFlight: 20 is out of range (1 to 8)") })
        #expect(lines.contains { $0.hasPrefix("f.yaml:8:3: unknown key \"requests.colour\"") })
        #expect(list.problems.count == 5)
    }

    @Test func missingSourcesAndSyntaxErrorsAreProblems() {
        guard case .failure(let a) = FeedsConfig.parse("output: x\n", file: "f.yaml") else {
            Issue.record("accepted a config without sources")
            return
        }
        #expect(a.problems.map(\.message) == ["missing key \"sources\""])
        guard case .failure(let b) = FeedsConfig.parse("sources: [\n", file: "f.yaml") else {
            Issue.record("accepted broken YAML")
            return
        }
        #expect(b.problems.first?.code == .syntax && b.problems.first?.line != nil)
    }

    @Test func durations() {
        #expect(FeedsConfig.seconds("30s") == 30)
        #expect(FeedsConfig.seconds("5m") == 300)
        #expect(FeedsConfig.seconds("2h") == 7200)
        #expect(FeedsConfig.seconds("1d") == 86_400)
        #expect(FeedsConfig.seconds("0.25") == 0.25)
        #expect(FeedsConfig.seconds("-1s") == nil && FeedsConfig.seconds("m") == nil && FeedsConfig.seconds("nan") == nil && FeedsConfig.seconds("5x") == nil)
    }

    /// `mayor check --data DIR` (the built binary) reads DIR/feeds.yaml and
    /// names each problem with its place; an alias and bytes that are not
    /// UTF-8 are refused at theirs too, and `mayor fetch` stops with status 2.
    @Test func mayorCheckAndFetchNameABadFeedsConfigWithItsPlace() async throws {
        let folder = try seededFolder()
        let path = folder + "/feeds.yaml"
        try "sources:\n  wifi:\n    interval: -5m\n    pageSize: 0\n".write(toFile: path, atomically: true, encoding: .utf8)
        let check = try await FetchCommandTests.mayor(["check", "--data", folder])
        #expect(check.status == 1, "\(check.stdout)\(check.stderr)")
        let said = check.stdout + check.stderr
        #expect(said.contains("feeds.yaml:3:15: sources.wifi.interval: expected a duration"), "\(said)")
        #expect(said.contains("feeds.yaml:4:15: sources.wifi.pageSize: 0 is out of range (1 to 1000)"), "\(said)")

        try Data("sources:\n  wifi: {interval: 1d}\noutput: a\u{FF}b\n".utf8.map { $0 == 0xC3 ? 0xFE : $0 }).write(to: URL(fileURLWithPath: path))
        let fetch = try await FetchCommandTests.mayor(["fetch", "--once", "--config", path], environment: ["SEOUL_API_KEY": testKey])
        #expect(fetch.status == 2, "\(fetch.stdout)\(fetch.stderr)")
        #expect(fetch.stderr.contains("feeds.yaml:3:10: invalid UTF-8 (byte 0xFE)"), "\(fetch.stderr)")

        try "sources:\n  wifi: &w {interval: 1d}\n  citydata: *w\n".write(toFile: path, atomically: true, encoding: .utf8)
        let alias = try await FetchCommandTests.mayor(["check", "--data", folder])
        #expect(
            alias.status == 1 && (alias.stdout + alias.stderr).contains("feeds.yaml:3:13: YAML aliases (*name) are not allowed in the feeds config"),
            "\(alias.stdout)\(alias.stderr)")
    }
}

/// The `traffic` section (TOPIS spots, backfill) and the bundled Data/feeds.yaml.
@Suite struct TrafficConfigTests {
    @Test func aTrafficSectionIsRead() throws {
        let yaml = """
            sources:
              traffic:
                spots: [A-01, B-32, D-42]
                backfillDays: 14
            """
        let config = try FeedsConfig.parse(yaml, file: "f.yaml").get()
        let traffic = try #require(config.sources.first { $0.name == "traffic" })
        #expect(traffic.list("spots") == ["A-01", "B-32", "D-42"])
        #expect(traffic.integer("backfillDays") == 14)
        #expect(traffic.interval == 3600, "the default interval is an hour")
    }

    @Test func badTrafficValuesAreRefusedWithTheirPlace() {
        let yaml = """
            sources:
              traffic:
                interval: 1m
                spots:
                  - A-01
                  - a-1
                  - A-01
                  - "A-01; rm"
                backfillDays: 900
            """
        guard case .failure(let list) = FeedsConfig.parse(yaml, file: "f.yaml") else {
            Issue.record("accepted a bad traffic section")
            return
        }
        let lines = list.problems.map(\.description)
        #expect(lines.contains { $0.hasPrefix("f.yaml:3:15: sources.traffic.interval: 1m is out of range (10m to 1d)") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("f.yaml:6:9: sources.traffic.spots[1]: \"a-1\" is not a TOPIS spot number") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("f.yaml:7:9: sources.traffic.spots[2]: \"A-01\" is listed twice") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("f.yaml:8:9: sources.traffic.spots[3]: \"A-01; rm\" is not a TOPIS spot number") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("f.yaml:9:19: sources.traffic.backfillDays: 900 is out of range (0 to 366)") }, "\(lines)")
        #expect(list.problems.count == 5, "\(lines)")
    }

    @Test func spotsAreRequired() {
        guard case .failure(let list) = FeedsConfig.parse("sources:\n  traffic:\n    backfillDays: 2\n", file: "f.yaml") else {
            Issue.record("accepted a traffic section without spots")
            return
        }
        #expect(list.problems.map(\.description) == ["f.yaml:2:3: sources.traffic: missing key \"spots\""])
    }

    @Test func theBundledFeedsConfigPassesAndListsRealSpots() throws {
        let config = try FeedsConfig.load(repositoryRoot + "/Data/feeds.yaml").get()
        let spots = try #require(config.sources.first { $0.name == "traffic" }?.list("spots"))
        // Each one a station of the reference's SpotInfo list (seoul-open-api.md §4.1).
        let listed: Set = [
            "A-01", "A-02", "A-03", "A-04", "A-05", "A-06", "A-07", "A-08", "A-09", "A-10", "A-13", "A-20", "B-01", "B-11", "B-32", "C-01", "C-07",
            "C-09", "D-42", "F-01"
        ]
        #expect(!spots.isEmpty && spots.allSatisfy(listed.contains), "\(spots)")
        #expect(Checker.feedsProblems(dataDirectory: repositoryRoot + "/Data").isEmpty)
    }
}
