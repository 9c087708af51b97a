import Foundation
import MayorBench
import Testing

/// `mayor check` and `mayor render` on files inside every documented limit:
/// they end with status 0 or 1, never by a signal, and a load stays within
/// ten times the file's size in memory (issue 10, items 1 and 12).
@Suite(.serialized) struct DataLimitCommandTests {
    static let twoTo53 = "9007199254740992"
    static let envelope = #""schemaVersion": 1, "asOf": "2024-03-31", "source": {"document": "d", "agency": "a"}"#

    /// A copy of the bundled Data and Screens with `file` replaced by `text`.
    static func folder(_ file: String, _ text: String) throws -> String {
        let dir = NSTemporaryDirectory() + "mayor-limits-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: repoRoot + "/Data", toPath: dir + "/Data")
        try FileManager.default.copyItem(atPath: repoRoot + "/Screens", toPath: dir + "/Screens")
        try Data(text.utf8).write(to: URL(fileURLWithPath: dir + "/Data/" + file))
        return dir
    }

    /// Runs the built `mayor` with `arguments` on the Data and Screens in `directory`: its exit status
    /// (128 + N for a signal N), output, and peak resident memory in bytes.
    static func mayor(_ arguments: [String], in directory: String) throws -> (status: Int32, output: String, peak: Int) {
        let result = try ChildProcess.run([TmuxSession.binary] + arguments + ["--data", directory + "/Data", "--screens", directory + "/Screens"])
        return (result.status, result.output, result.peakBytes)
    }

    /// Inputs within every documented limit that once ended `check` and
    /// `render` with a signal.
    static let inputs: [(name: String, file: String, text: String)] = [
        (
            "1,024 corridors of 2^53", "traffic.json",
            "{\"kind\": \"traffic\", \(envelope), \"corridors\": [\n"
                + (0..<1024).map {
                    #"{"id": "C-\#($0)", "name": "n", "daily": [{"date": "2024-03-30", "volume": \#(twoTo53), "speedKmh": 30}]}"#
                }.joined(separator: ",\n") + "]}"
        ),
        (
            "1,000 districts of 2^53 cameras", "cctv.json",
            "{\"kind\": \"cctv\", \(envelope), \"districtScope\": \"s\", \"districts\": [\n"
                + (0..<1000).map {
                    #"{"code": "\#(10000 + $0)", "name": "d\#($0)", "cameras": \#(twoTo53)}"#
                }.joined(separator: ",\n")
                + #"], "ageProfile": {"asOf": "2024-01-01", "scope": "s", "total": \#(twoTo53), "aged8to10": \#(twoTo53), "aged10plus": 0}, "programme": {"year": 2024, "newCameras": \#(twoTo53), "sites": \#(twoTo53), "districts": 25, "replaced": \#(twoTo53)}}"#
        ),
        (
            "wifi counts of 2^53", "wifi.json",
            "{\"kind\": \"wifi\", \(envelope), \"apTotal\": \(twoTo53), \"apCategories\": [{\"id\": \"a\", \"name\": \"a\", \"group\": \"fixed\", \"count\": \(twoTo53)}], \"monthly\": [{\"month\": \"2024-01\", \"dailyUsers\": \(twoTo53), \"dailyTB\": 1e308}, {\"month\": \"2024-02\", \"dailyUsers\": 0, \"dailyTB\": 1e-300}]}"
        ),
        (
            "metaverse counts of 2^53", "metaverse.json",
            "{\"kind\": \"metaverse\", \(envelope), \"launched\": \"2023-01-01\", \"period\": {\"from\": \"2023-01-01\", \"to\": \"2023-12-31\", \"visits\": \(twoTo53), \"installs\": \(twoTo53)}, \"goal\": {\"year\": 2023, \"visits\": 1}, \"monthlyVisits\": [{\"month\": \"2023-01\", \"visits\": \(twoTo53)}], \"dailyAverage\": [{\"month\": \"2023-01\", \"visits\": \(twoTo53)}, {\"month\": \"2023-02\", \"visits\": 0}], \"spaceShare\": [{\"space\": \"s\", \"percent\": 100}], \"cumulative\": [{\"date\": \"2023-01-02\", \"visits\": \(twoTo53)}]}"
        ),
        (
            "pledges with extreme numbers", "pledges.json",
            "{\"kind\": \"pledges\", \(envelope), \"districts\": [{\"name\": \"d\", \"programs\": [{\"title\": \"t\", \"status\": \"정상추진\", \"publishedRate\": 100, \"budget\": {\"unit\": \"u\", \"planned\": 1e308, \"executed\": 1.7976931348623157e308}, \"indicators\": ["
                + Array(repeating: #"{"name": "i", "unit": "u", "weight": 1.7976931348623157e308, "target": 4.9e-324, "actual": 1e308}"#, count: 50).joined(
                    separator: ",") + "]}]}]}"
        )
    ]

    @Test(arguments: 0..<inputs.count)
    func checkAndRenderEndWithZeroOrOne(_ i: Int) throws {
        let input = Self.inputs[i]
        let dir = try Self.folder(input.file, input.text)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let kind = String(input.file.dropLast(5))
        for arguments in [
            ["check"], ["render", "--pane", kind, "--size", "80x24", "--now", "2024-04-01T09:00:00+09:00"],
            ["render", "--screen", "wall", "--size", "160x48", "--now", "2024-04-01T09:00:00+09:00"]
        ] {
            let result = try Self.mayor(arguments, in: dir)
            #expect(
                result.status == 0 || result.status == 1,
                "\(input.name): mayor \(arguments.joined(separator: " ")) ended with \(result.status): \(result.output.suffix(400))")
        }
    }

    /// The three shapes of issue 10 item 12, at about 32 MB each; the peak
    /// resident memory of `mayor check` must stay within 10 × the file's size.
    static func memoryShape(_ name: String) -> (file: String, text: String) {
        let target = 32 << 20
        switch name {
        case "ignored zeros":
            let count = (target - 400) / 2
            return (
                "wifi.json",
                "{\"kind\": \"wifi\", \(envelope), \"apTotal\": 1, \"apCategories\": [{\"id\": \"a\", \"name\": \"a\", \"group\": \"fixed\", \"count\": 1}], \"monthly\": [{\"month\": \"2024-01\", \"dailyUsers\": 1, \"dailyTB\": 1}], \"ignored\": ["
                    + String(repeating: "0,", count: count) + "0]}"
            )
        case "notes":
            let count = (target - 400) / 3
            return (
                "wifi.json",
                "{\"kind\": \"wifi\", \(envelope), \"notes\": [" + String(repeating: "\"\",", count: count)
                    + "\"\"], \"apTotal\": 1, \"apCategories\": [{\"id\": \"a\", \"name\": \"a\", \"group\": \"fixed\", \"count\": 1}], \"monthly\": [{\"month\": \"2024-01\", \"dailyUsers\": 1, \"dailyTB\": 1}]}"
            )
        default:
            let indicator = #"{"name": "지표", "unit": "건", "weight": 1, "target": 10, "actual": 5}"#
            let perProgram = 1000
            let programs = max(1, target / ((indicator.utf8.count + 1) * perProgram))
            let program = #"{"title": "t", "status": "정상추진", "indicators": ["# + Array(repeating: indicator, count: perProgram).joined(separator: ",") + "]}"
            return (
                "pledges.json",
                "{\"kind\": \"pledges\", \(envelope), \"districts\": [{\"name\": \"d\", \"programs\": ["
                    + Array(repeating: program, count: programs).joined(separator: ",\n") + "]}]}"
            )
        }
    }

    @Test(arguments: ["ignored zeros", "notes", "programmes × indicators"])
    func loadPeakStaysWithinTenTimesTheFile(_ shape: String) throws {
        let (file, text) = Self.memoryShape(shape)
        let dir = try Self.folder(file, text)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try Self.mayor(["check"], in: dir)
        #expect(result.status == 0 || result.status == 1, "\(shape): \(result.status) \(result.output.suffix(300))")
        let size = text.utf8.count
        #expect(result.peak <= 10 * size, "\(shape): peak \(result.peak >> 20) MB for a \(size >> 20) MB file")
    }
}
