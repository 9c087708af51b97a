import Testing

@testable import MayorCore

/// A ratio as tenths of a percent, rounded half up: 0.5574 -> 557 (55.7 %).
func tenths(_ ratio: Double) -> Int { Int((ratio * 1000).rounded()) }

@Suite struct PledgeArithmeticTests {
    func bundledPledges() throws -> PledgesContent {
        let result = SnapshotParser.parse(.pledges, data: readBundled(.pledges), file: "Data/pledges.json", now: testNow)
        let snapshot = try result.get()
        return try #require(snapshot.pledges)
    }

    func district(_ name: String) throws -> PledgesContent.District {
        try #require(try bundledPledges().districts.first { $0.name.value == name })
    }

    @Test func gwanakWeightedAchievementIsThePublished55Point7() throws {
        let program = try #require(try district("관악구").programs.first)
        let achievement = try #require(program.achievement)
        #expect(tenths(achievement) == 557)
        #expect(abs(achievement - 0.5574) < 0.0001)
        #expect(program.indicators.map { $0.weight ?? 0 } == [20, 30, 35, 15])
    }

    @Test func movingGwanakInfrastructureTo91Point6Gives70Point7() throws {
        var program = try #require(try district("관악구").programs.first)
        program.indicators[1].actual = 91.6
        #expect(tenths(try #require(program.achievement)) == 707)
    }

    @Test func dobongIndicatorsAre100And100And90() throws {
        let program = try #require(try district("도봉구").programs.first)
        let values = program.indicators.compactMap(\.achievement).map(tenths)
        #expect(values == [1000, 1000, 900])
        // No weights published: all weigh the same.
        #expect(tenths(try #require(program.achievement)) == 967)
    }

    @Test func achievementIsCappedAtOneAndNeverDividesByZero() {
        let over = PledgesContent.Indicator(name: "x", unit: "건", weight: 1, target: 10, actual: 25)
        #expect(over.achievement == 1)
        let zero = PledgesContent.Indicator(name: "x", unit: "건", weight: 1, target: 0, actual: 5)
        #expect(zero.achievement == nil)
        let missing = PledgesContent.Indicator(name: "x", unit: "건", weight: 1, target: nil, actual: 5)
        #expect(missing.achievement == nil)
        let program = PledgesContent.Program(title: "p", status: "정상추진", indicators: [over, zero], budget: nil, publishedRate: nil)
        #expect(program.achievement == nil)
    }

    @Test func mixedWeightsGiveNoAchievement() {
        let a = PledgesContent.Indicator(name: "a", unit: "%", weight: 1, target: 100, actual: 50)
        let b = PledgesContent.Indicator(name: "b", unit: "%", weight: nil, target: 100, actual: 100)
        let program = PledgesContent.Program(title: "p", status: "정상추진", indicators: [a, b], budget: nil, publishedRate: nil)
        #expect(program.achievement == nil)
    }
}
