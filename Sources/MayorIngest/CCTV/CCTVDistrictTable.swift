import Foundation

/// Cameras per district as one of the portal's files gives them: the 25
/// districts' totals and, per district, the file's other columns (by purpose
/// for OA-2722, by year of installation for OA-2734), checked against the
/// file's own total row.
public struct CCTVDistrictTable: Sendable, Equatable {
    public enum Dataset: String, Sendable {
        case byPurpose = "OA-2722"
        case byYear = "OA-2734"

        public var title: String {
            switch self {
            case .byPurpose: return "서울시 자치구 (목적별) CCTV 설치현황"
            case .byYear: return "서울시 자치구 년도별 CCTV 설치 현황"
            }
        }
        public var url: String { "https://data.seoul.go.kr/dataList/\(rawValue)/F/1/datasetView.do" }
        /// The extra field each district carries the file's other columns in.
        public var breakdownKey: String { self == .byPurpose ? "byPurpose" : "byYear" }
    }

    public struct Row: Sendable, Equatable {
        public var district: SeoulDistricts.District
        public var cameras: Int
        /// The file's other columns, in its order: (header, count).
        public var breakdown: [(String, Int)]

        public static func == (a: Row, b: Row) -> Bool {
            a.district == b.district && a.cameras == b.cameras && a.breakdown.map(\.0) == b.breakdown.map(\.0)
                && a.breakdown.map(\.1) == b.breakdown.map(\.1)
        }
    }

    public var dataset: Dataset
    /// In Seoul's code order.
    public var rows: [Row]
    public var total: Int
    /// The edition's date when the file or its name gives one (`('25.6.30 기준)`, `_230630기준`).
    public var asOf: String?

    /// A count cell: `1,234`, ` 1,234 `, `1234`, `1234.0`; `-` is zero. nil otherwise.
    static func count(_ text: String) -> Int? {
        let t = text.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: ",", with: "")
        if t == "-" || t == "－" { return 0 }
        if let n = Int(t), n >= 0 { return n }
        if let d = Double(t), d >= 0, d.rounded() == d, d < 9_007_199_254_740_992 { return Int(d) }
        return nil
    }

    /// A date in a file's name or title: `('25.6.30 기준)` → 2025-06-30,
    /// `230630기준` → 2023-06-30, `2024.12.31 기준` → 2024-12-31.
    public static func editionDate(in text: String) -> String? {
        let patterns = [
            #"'?(\d{2})\.\s?(\d{1,2})\.\s?(\d{1,2})\.?\s*기준"#, #"(20\d{2})[.\-년 ]\s?(\d{1,2})[.\-월 ]\s?(\d{1,2})일?\.?\s*기준"#,
            #"(\d{2})(\d{2})(\d{2})\s*기준"#
        ]
        for pattern in patterns {
            guard let regex = try? NSRegularExpression(pattern: pattern),
                let m = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)), m.numberOfRanges == 4
            else { continue }
            let parts = (1...3).compactMap { Range(m.range(at: $0), in: text).flatMap { Int(text[$0]) } }
            guard parts.count == 3 else { continue }
            let year = parts[0] < 100 ? 2000 + parts[0] : parts[0]
            guard (1...12).contains(parts[1]), (1...31).contains(parts[2]) else { continue }
            let day = "\(year)-\(parts[1] < 10 ? "0" : "")\(parts[1])-\(parts[2] < 10 ? "0" : "")\(parts[2])"
            return day
        }
        return nil
    }

    /// Checks the districts against the total row, column by column, and
    /// that all 25 districts are there once. `place(column)` names a cell of
    /// the total row, `rowPlace(i)` a district's row.
    static func checked(
        dataset: Dataset, file: String, districts: [(row: String, district: SeoulDistricts.District, counts: [Int])],
        headers: [String], total: [Int], totalPlace: (Int) -> String, asOf: String?
    ) throws -> CCTVDistrictTable {
        var seen: [String: String] = [:]
        for d in districts {
            if let first = seen[d.district.name] {
                throw IngestError(file: file, place: d.row, "\(d.district.name) again (first at \(first))")
            }
            seen[d.district.name] = d.row
        }
        let missing = SeoulDistricts.all.filter { seen[$0.name] == nil }.map(\.name)
        if !missing.isEmpty {
            throw IngestError(file: file, "\(districts.count) districts; missing \(missing.joined(separator: ", "))")
        }
        for (i, header) in headers.enumerated() {
            let sum = districts.reduce(0) { $0 + $1.counts[i] }
            if sum != total[i] {
                throw IngestError(file: file, place: totalPlace(i), "the total row gives \(total[i]) for '\(header)' but the 25 districts add up to \(sum)")
            }
        }
        let order = Dictionary(uniqueKeysWithValues: SeoulDistricts.all.enumerated().map { ($1.name, $0) })
        let rows = districts.sorted { order[$0.district.name]! < order[$1.district.name]! }.map {
            Row(district: $0.district, cameras: $0.counts[0], breakdown: Array(zip(headers.dropFirst(), $0.counts.dropFirst())))
        }
        return CCTVDistrictTable(dataset: dataset, rows: rows, total: total[0], asOf: asOf)
    }
}
