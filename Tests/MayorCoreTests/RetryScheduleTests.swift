import MayorCore
import Testing

struct RetryScheduleTests {
    @Test func waitsDoubleUpToTheCap() {
        let schedule = RetrySchedule(base: 2, cap: 60)
        #expect((0...7).map { schedule.wait(after: $0) } == [0, 2, 4, 8, 16, 32, 60, 60])
        #expect(schedule.wait(after: 10_000) == 60)
    }

    @Test func jitterSpreadsTheNextTryFromHalfToOneAndAHalfTimes() {
        var early = RetrySchedule(base: 10, cap: 300)
        var late = early
        early.failed(at: 1000, random: 0)
        late.failed(at: 1000, random: 0.999)
        #expect(early.notBefore == 1005)
        #expect(late.notBefore! > 1014.9 && late.notBefore! < 1015)
        #expect(!early.isDue(1004.9))
        #expect(early.isDue(1005))
    }

    @Test func aSuccessStartsOver() {
        var schedule = RetrySchedule(base: 2, cap: 60)
        for i in 0..<5 { schedule.failed(at: Double(i), random: 0.5) }
        #expect(schedule.failures == 5)
        schedule.succeeded()
        #expect(schedule.failures == 0)
        #expect(schedule.isDue(0))
        schedule.failed(at: 100, random: 0.5)
        #expect(schedule.notBefore == 102)
    }

    /// 500 walls that failed at the same instant spread their retries over
    /// the jitter window instead of coming back in one burst.
    @Test func wallsThatFailedTogetherDoNotRetryTogether() {
        var generator = SystemRandomNumberGenerator()
        let retries = (0..<500).map { _ -> Double in
            var s = RetrySchedule(base: 8, cap: 300)
            s.failed(at: 0, random: Double.random(in: 0..<1, using: &generator))
            return s.notBefore!
        }
        // No one-second window holds more than a fifth of them.
        let busiest = (4..<12).map { second in retries.filter { $0 >= Double(second) && $0 < Double(second + 1) }.count }.max()!
        #expect(busiest < 100)
        #expect(retries.min()! >= 4 && retries.max()! <= 12)
    }
}
