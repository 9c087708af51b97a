import MayorCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// MARK: - Feeds (issue 13): the publisher's benchmarks, in its own process

/// A row of the benchmark table as one line of text (`row`, then section,
/// measure, value, detail, target and verdict, tab-separated): how
/// `mayor-fetch bench --tsv` hands its rows to `mayor bench`.
public struct BenchRow: Sendable, Equatable {
    public var section: String
    public var name: String
    public var value: String
    public var detail: String
    public var target: String
    /// nil: no target.
    public var met: Bool?

    public init(section: String, name: String, value: String, detail: String = "", target: String = "", met: Bool? = nil) {
        self.section = section
        self.name = name
        self.value = value
        self.detail = detail
        self.target = target
        self.met = met
    }

    public var verdict: String { met.map { $0 ? "met" : "MISSED" } ?? "" }

    /// The row as one line (tabs and line breaks in a field become spaces).
    public var line: String {
        let fields = [section, name, value, detail, target, verdict].map { field in
            String(field.map { $0 == "\t" || $0.isNewline ? " " : $0 })
        }
        return (["row"] + fields).joined(separator: "\t")
    }

    /// A row from its line; nil for any other line.
    public init?(line: Substring) {
        let parts = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 7, parts[0] == "row" else { return nil }
        let met: Bool?? = parts[6] == "met" ? true : parts[6] == "MISSED" ? false : parts[6].isEmpty ? .some(nil) : nil
        guard let met else { return nil }
        self.init(section: parts[1], name: parts[2], value: parts[3], detail: parts[4], target: parts[5], met: met)
    }
}

/// Prints rows as `mayor bench` prints its own: the notes, then one table.
public func printBenchTable(notes: [String], rows: [BenchRow]) {
    var bench = Bench(quick: false)
    bench.notes = notes
    for row in rows { bench.add(row) }
    bench.printTable()
}

extension Bench {
    mutating func add(_ row: BenchRow) {
        rows.append(Row(section: row.section, name: row.name, value: row.value, detail: row.detail, target: row.target, verdict: row.verdict))
    }

    /// `mayor-fetch bench --tsv` as a child: the publisher's benchmarks run in
    /// its process space (the wall's binary links no HTTP stack), and their
    /// rows join this table.
    mutating func feeds(publisher: String?, dataDirectory: String) throws {
        guard let publisher, access(publisher, X_OK) == 0 else {
            row(
                "feeds", "the publisher's benchmarks (mayor-fetch bench)", "failed",
                "no mayor-fetch at \(publisher ?? "?"): it is built with mayor (swift build) and installed beside it", met: false)
            return
        }
        printError("feeds: \(publisher) bench")
        let child = try ChildProcess.run([publisher, "bench", "--tsv", "--data", dataDirectory] + (quick ? ["--quick"] : []))
        let found = child.output.split(separator: "\n").compactMap(BenchRow.init(line:))
        for line in child.output.split(separator: "\n") where BenchRow(line: line) == nil && !line.isEmpty {
            printError("  feeds: " + line)
        }
        for found in found {
            add(found)
            printError("  \(found.section) | \(found.name): \(found.value) \(found.detail)")
        }
        if child.status != 0 && found.isEmpty {
            row(
                "feeds", "the publisher's benchmarks (mayor-fetch bench)", "failed",
                "exit \(child.status): \(Sanitizer.clean(String(child.output.suffix(300))))", met: false)
        }
    }
}
