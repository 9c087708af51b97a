import FoundationEssentials
import Testing

@testable import MayorBench
@testable import MayorCore

private let bundledData: String = {
    var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast(3)  // Tests/MayorBenchTests/LargeSnapshotsTests.swift
    return parts.joined(separator: "/") + "/Data"
}()

private func bundled(_ kind: SnapshotKind) throws -> [UInt8] {
    switch FileProbe.read(bundledData + "/" + kind.fileName, limit: 1 << 26) {
    case .success(let data): return Array(data)
    case .failure(let error): throw BenchError("\(kind.fileName) \(error.message)")
    }
}

private let now = 1_900_000_000.0

/// The benchmark's large inputs come from the registry: every kind's bundled
/// file grows, still valid, and the memory shapes are made for every kind.
@Suite struct LargeSnapshotsTests {
    /// Every registered kind's bundled file grows within the budget, its
    /// arrays within their limits, and the kind's own parser accepts it.
    @Test(arguments: SnapshotKind.allCases.map(\.rawValue))
    func everyKindGrowsFromItsBundledFileAndStillParses(_ id: String) throws {
        let kind = try #require(SnapshotKind(rawValue: id))
        let original = try bundled(kind)
        let budget = max(96 * 1024, 4 * original.count)
        let grown = try LargeSnapshots.grow(kind, bundled: original, budget: budget, now: now)
        #expect(grown.bytes.count > 2 * original.count, "\(id): \(grown.bytes.count) bytes from \(original.count)")
        #expect(grown.bytes.count <= budget, "\(id): \(grown.bytes.count) bytes")
        #expect(!grown.counts.isEmpty)
        if case .failure(let problems) = SnapshotParser.parse(kind, data: Data(grown.bytes), file: "grown.json", now: now) {
            Issue.record("\(id): \(problems)")
        }
        // The same inputs give the same bytes.
        #expect(try LargeSnapshots.grow(kind, bundled: original, budget: budget, now: now).bytes == grown.bytes)
    }

    /// A time series grows backwards: the file's own latest entries stay last,
    /// the copies continue the days or months before the first.
    @Test func seriesContinueBackwardsAcrossMonthsAndYears() {
        let months = LargeSnapshots.Run.series([
            .object([("month", .scalar("\"2024-02\"")), ("n", .scalar("1"))]),
            .object([("month", .scalar("\"2024-03\"")), ("n", .scalar("2"))])
        ])
        #expect(months.map(\.key) == ["month"])
        #expect(months.first?.text(1) == "2024-01")
        #expect(months.first?.text(2) == "2023-12")
        #expect(months.first?.text(14) == "2022-12")
        let days = LargeSnapshots.Run.series([.object([("date", .scalar("\"2024-03-01\""))]), .object([("date", .scalar("\"2024-03-02\""))])])
        #expect(days.first?.text(1) == "2024-02-29")
        // Not ascending: not a series (copies keep their dates).
        #expect(LargeSnapshots.Run.series([.object([("date", .scalar("\"2024-03-02\""))]), .object([("date", .scalar("\"2024-03-01\""))])]).isEmpty)
    }

    /// A series of date-times (`YYYY-MM-DD HH:MM`, as Seoul's live feeds write
    /// them) continues backwards by its own step, across days and years.
    @Test func dateTimeSeriesContinueBackwardsByTheirStep() {
        let hourly = LargeSnapshots.Run.series([
            .object([("time", .scalar("\"2025-01-15 10:00\"")), ("n", .scalar("1"))]),
            .object([("time", .scalar("\"2025-01-15 11:00\"")), ("n", .scalar("2"))])
        ])
        #expect(hourly.map(\.key) == ["time"])
        #expect(hourly.first?.text(1) == "2025-01-15 09:00")
        #expect(hourly.first?.text(11) == "2025-01-14 23:00")
        let fiveMinutes = LargeSnapshots.Run.series([
            .object([("time", .scalar("\"2025-01-01 00:05\""))]), .object([("time", .scalar("\"2025-01-01 00:10\""))])
        ])
        #expect(fiveMinutes.first?.text(2) == "2024-12-31 23:55")
        // Not ascending, or not a date-time: not a series.
        #expect(
            LargeSnapshots.Run.series([.object([("time", .scalar("\"2025-01-15 11:00\""))]), .object([("time", .scalar("\"2025-01-15 10:00\""))])])
                .isEmpty)
        #expect(
            LargeSnapshots.Run.series([.object([("time", .scalar("\"2025-01-15 1:00\""))]), .object([("time", .scalar("\"2025-01-15 2:00\""))])])
                .isEmpty)
    }

    /// The memory shapes of every kind: zeros in an unknown field load, empty
    /// notes are refused at `notes`, and each is about the size asked for.
    @Test(arguments: SnapshotKind.allCases.map(\.rawValue))
    func memoryShapesForEveryKind(_ id: String) throws {
        let kind = try #require(SnapshotKind(rawValue: id))
        let size = 400_000
        for name in ["ignored-zeros", "notes"] {
            let shape = try #require(try LargeSnapshots.memoryShape(name, kind, bundled: bundled(kind), bytes: size))
            #expect(abs(shape.bytes.count - size) < 16, "\(id) \(name): \(shape.bytes.count) bytes")
            let result = SnapshotParser.parse(kind, data: Data(shape.bytes), file: "shape.json", now: now)
            switch (name, result) {
            case ("ignored-zeros", .failure(let problems)): Issue.record("\(id) \(name): \(problems)")
            case ("notes", .success): Issue.record("\(id) \(name): loaded")
            case ("notes", .failure(let problems)): #expect(problems.problems.first?.path == "notes", "\(problems)")
            default: break
            }
        }
        // A nested shape exactly for the kinds whose shape bounds an inner array across the file.
        let nested = try LargeSnapshots.memoryShape("nested", kind, bundled: bundled(kind), bytes: size)
        #expect((nested != nil) == Self.hasTotalInsideAnArray(kind.type.shape, depth: 0), "\(id)")
        if let nested { #expect(nested.bytes.count >= size / 2, "\(id): \(nested.bytes.count) bytes") }
    }

    static func hasTotalInsideAnArray(_ fields: [String: SnapshotShape], depth: Int) -> Bool {
        fields.values.contains { shape in
            switch shape.node {
            case .array(let element, _, let total):
                if total != nil && depth > 0 { return true }
                if case .object(let inner) = element.node { return hasTotalInsideAnArray(inner, depth: depth + 1) }
                return false
            case .object(let inner): return hasTotalInsideAnArray(inner, depth: depth)
            default: return false
            }
        }
    }
}
