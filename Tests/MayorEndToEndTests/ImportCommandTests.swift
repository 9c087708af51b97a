import Foundation
import Testing

/// `mayor import cctv` as a user runs it: a good file is merged and `mayor
/// check` passes on the result; a bad one exits 1 naming the file and the
/// row, and leaves cctv.json byte-identical.
@Suite struct ImportCommandTests {
    func mayor(_ arguments: [String], in directory: String) throws -> (status: Int32, output: String) {
        try TmuxSession.run([
            "sh", "-c", "cd \(shellQuote(directory)) && \(shellQuote(TmuxSession.binary)) \(arguments.map(shellQuote).joined(separator: " ")) 2>&1"
        ])
    }

    /// An OA-2734-shaped CSV (UTF-8 here; CP949 is covered by CCTVImportTests)
    /// whose districts add up to its total row, plus `delta` on the total.
    static func csv(delta: Int = 0) -> String {
        let names = [
            "종로구", "중구", "용산구", "성동구", "광진구", "동대문", "중랑구", "성북구", "강북구", "도봉구", "노원구", "은평구", "서대문",
            "마포구", "양천구", "강서구", "구로구", "금천구", "영등포", "동작구", "관악구", "서초구", "강남구", "송파구", "강동구"
        ]
        var lines = ["순번,구분,총 계,2015년 이전 설치된 CCTV ,2015년"]
        var total = [0, 0, 0]
        var rows: [String] = []
        for (i, name) in names.enumerated() {
            let counts = [1000 + i, 10 + i]
            total[0] += counts[0] + counts[1]
            total[1] += counts[0]
            total[2] += counts[1]
            rows.append("\(i + 2),\(name),\(counts[0] + counts[1]),\(counts[0]),\(counts[1])")
        }
        lines.append("1,계,\(total[0] + delta),\(total[1]),\(total[2])")
        return (lines + rows).joined(separator: "\r\n") + "\r\n"
    }

    @Test func importMergesAGoodFileAndRefusesABadOne() throws {
        let dir = NSTemporaryDirectory() + "mayor-import-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.copyItem(atPath: repoRoot + "/Data", toPath: dir + "/Data")
        try FileManager.default.copyItem(atPath: repoRoot + "/Screens", toPath: dir + "/Screens")
        let cctv = dir + "/Data/cctv.json"
        let before = try Data(contentsOf: URL(fileURLWithPath: cctv))

        try Self.csv(delta: 1).write(toFile: dir + "/bad.csv", atomically: true, encoding: .utf8)
        var result = try mayor(["import", "cctv", "bad.csv"], in: dir)
        #expect(result.status == 1, "\(result.output)")
        #expect(result.output.contains("bad.csv: row 2, column '총 계': the total row gives"), "\(result.output)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: cctv)) == before)

        try Self.csv().write(toFile: dir + "/cctv_240630기준.csv", atomically: true, encoding: .utf8)
        result = try mayor(["import", "cctv", "cctv_240630기준.csv", "--out", "Data"], in: dir)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("25 districts, 25,850 cameras (OA-2734, as of 2024-06-30)"), "\(result.output)")
        result = try mayor(["check"], in: dir)
        #expect(result.status == 0, "\(result.output)")
    }
}
