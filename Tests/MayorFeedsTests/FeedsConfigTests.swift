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
}
