import Testing

@testable import MayorCore

@Suite struct NumberFormatTests {
    @Test func groupedIntegers() {
        #expect(NumberFormat.grouped(31245) == "31,245")
        #expect(NumberFormat.grouped(-1_234_567) == "-1,234,567")
        #expect(NumberFormat.grouped(999) == "999")
        #expect(NumberFormat.grouped(0) == "0")
        #expect(NumberFormat.grouped(1000) == "1,000")
        #expect(NumberFormat.grouped(Int.min) == "-9,223,372,036,854,775,808")
        #expect(NumberFormat.grouped(31244.5) == "31,245")
        #expect(NumberFormat.grouped(-0.4) == "0")
    }

    @Test func decimalsRoundHalfAwayFromZero() {
        #expect(NumberFormat.decimal(55.74, places: 1) == "55.7")
        #expect(NumberFormat.decimal(55.75, places: 1) == "55.8")
        #expect(NumberFormat.decimal(-55.75, places: 1) == "-55.8")
        #expect(NumberFormat.decimal(1.005, places: 2) == "1.01")  // as written, not as stored in binary
        #expect(NumberFormat.decimal(0.5, places: 0) == "1")
        #expect(NumberFormat.decimal(-0.5, places: 0) == "-1")
        #expect(NumberFormat.decimal(9.96, places: 1) == "10.0")
        #expect(NumberFormat.decimal(99.999, places: 2) == "100.00")
        #expect(NumberFormat.decimal(3, places: 2) == "3.00")
        #expect(NumberFormat.decimal(0.00001, places: 5) == "0.00001")
        #expect(NumberFormat.decimal(1e20, places: 0) == "100000000000000000000")
        #expect(NumberFormat.decimal(12.5, places: -1) == "13")
    }

    @Test func noNegativeZero() {
        #expect(NumberFormat.decimal(-0.04, places: 1) == "0.0")
        #expect(NumberFormat.decimal(-0.0, places: 2) == "0.00")
        #expect(NumberFormat.groupedDecimal(-0.0001, places: 3) == "0.000")
        #expect(NumberFormat.percent(-0.00001, places: 1) == "0.0%")
    }

    @Test func groupedDecimals() {
        #expect(NumberFormat.groupedDecimal(1234567.891, places: 1) == "1,234,567.9")
        #expect(NumberFormat.groupedDecimal(-999999.96, places: 1) == "-1,000,000.0")
        #expect(NumberFormat.groupedDecimal(123.456, places: 2) == "123.46")
    }

    @Test func percents() {
        #expect(NumberFormat.percent(0.557, places: 1) == "55.7%")
        #expect(NumberFormat.percent(0.0285, places: 1) == "2.9%")  // shifted, not multiplied
        #expect(NumberFormat.percent(1, places: 0) == "100%")
        #expect(NumberFormat.percent(12.5, places: 1) == "1,250.0%")
        #expect(NumberFormat.percent(0.5) == "50.0%")
        #expect(NumberFormat.percent(0) == "0.0%")
        #expect(NumberFormat.percent(0.00004, places: 0) == "0%")
    }

    @Test func signedPercentChanges() {
        #expect(NumberFormat.signedPercentChange(from: 100, to: 112.3) == "+12.3%")
        #expect(NumberFormat.signedPercentChange(from: 100, to: 96) == "\u{2212}4.0%")
        #expect(NumberFormat.signedPercentChange(from: -50, to: -25) == "+50.0%")  // relative to |from|
        #expect(NumberFormat.signedPercentChange(from: 100, to: 100.001) == "0.0%")
        #expect(NumberFormat.signedPercentChange(from: 3, to: 4, places: 0) == "+33%")
        #expect(NumberFormat.signedPercentChange(from: 0, to: 5) == nil)
        #expect(NumberFormat.signedPercentChange(from: .nan, to: 5) == "–")
    }

    @Test func compactEnglish() {
        #expect(NumberFormat.compact(1_830_000) == "1.83M")
        #expect(NumberFormat.compact(127_242) == "127K")
        #expect(NumberFormat.compact(12_345) == "12.3K")
        #expect(NumberFormat.compact(1_800_000) == "1.8M")
        #expect(NumberFormat.compact(1_000_000) == "1M")
        #expect(NumberFormat.compact(999) == "999")
        #expect(NumberFormat.compact(999.6) == "1K")
        #expect(NumberFormat.compact(999_999) == "1M")
        #expect(NumberFormat.compact(12.345) == "12.3")
        #expect(NumberFormat.compact(0.001234) == "0.00123")
        #expect(NumberFormat.compact(-1_830_000) == "-1.83M")
        #expect(NumberFormat.compact(2_500_000_000) == "2.5B")
        #expect(NumberFormat.compact(0) == "0")
        #expect(NumberFormat.compact(4.2e18) == "4,200,000T")
    }

    @Test func compactKorean() {
        #expect(NumberFormat.compactKorean(1_830_000) == "183만")
        #expect(NumberFormat.compactKorean(127_242) == "12.7만")
        #expect(NumberFormat.compactKorean(250_000_000) == "2.5억")
        #expect(NumberFormat.compactKorean(12_345) == "1.23만")
        #expect(NumberFormat.compactKorean(9_999) == "9,999")
        #expect(NumberFormat.compactKorean(12_340_000) == "1,234만")
        #expect(NumberFormat.compactKorean(99_996_000) == "1억")
        #expect(NumberFormat.compactKorean(3.2e12) == "3.2조")
        #expect(NumberFormat.compactKorean(-127_242) == "-12.7만")
    }

    @Test func nonFiniteShowsADash() {
        for v in [Double.nan, .infinity, -.infinity] {
            #expect(NumberFormat.decimal(v, places: 1) == "–")
            #expect(NumberFormat.groupedDecimal(v, places: 1) == "–")
            #expect(NumberFormat.grouped(v) == "–")
            #expect(NumberFormat.percent(v) == "–")
            #expect(NumberFormat.compact(v) == "–")
            #expect(NumberFormat.compactKorean(v) == "–")
            #expect(NumberFormat.signedPercentChange(from: 1, to: v) == "–")
        }
    }

    @Test func extremeFiniteValuesDoNotTrap() {
        for v in [Double.greatestFiniteMagnitude, -Double.greatestFiniteMagnitude, Double.leastNonzeroMagnitude, 1e-300] {
            _ = NumberFormat.groupedDecimal(v, places: 2)
            _ = NumberFormat.compact(v)
            _ = NumberFormat.compactKorean(v)
            _ = NumberFormat.signedPercentChange(from: Double.leastNonzeroMagnitude, to: v)
        }
        #expect(NumberFormat.decimal(Double.leastNonzeroMagnitude, places: 3) == "0.000")
    }
}
