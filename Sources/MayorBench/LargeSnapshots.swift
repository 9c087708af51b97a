import MayorCore

/// Large but valid snapshot files for benchmarks, built in memory.
///
/// The bundled wifi, metaverse, cctv and pledges files are a few kilobytes;
/// these grow the arrays the schemas allow (categories, months, districts,
/// programmes, indicators, cumulative days) up to the validators' limits, so
/// the parse cost per megabyte can be measured on realistic structures.
/// Traffic comes from `TrafficSampleGenerator` instead. Deterministic: the
/// same arguments give the same bytes.
public enum LargeSnapshots {
    static let header =
        #""schemaVersion": 1, "asOf": "2024-12-31", "sample": true, "source": {"document": "Benchmark input (mayor bench)", "agency": "DigitalMayor benchmark generator"}"#

    static func pad(_ n: Int, _ width: Int) -> String {
        var s = String(n)
        while s.utf8.count < width { s = "0" + s }
        return s
    }

    /// `count` months ending at 2024-12 (at most 1,200: the schemas' limit).
    static func months(_ count: Int) -> [String] {
        let end = 2024 * 12 + 11
        return (0..<count).map { i in
            let k = end - (count - 1 - i)
            return pad(k / 12, 4) + "-" + pad(k % 12 + 1, 2)
        }
    }

    /// Wi-Fi: `categories` access-point categories (≤ 1,000) and `months` months (≤ 1,200).
    public static func wifi(categories: Int = 1_000, months count: Int = 1_200) -> String {
        var out = "{\"kind\": \"wifi\", " + header + ",\n"
        var total = 0
        var cats: [String] = []
        for i in 0..<categories {
            let n = 500 + (i * 7_919) % 4_500
            total += n
            cats.append(
                "  {\"id\": \"cat-\(pad(i, 4))\", \"name\": \"분류 \(pad(i, 4))\", \"nameEn\": \"Category \(pad(i, 4))\", \"group\": \"\(i % 4 == 0 ? "mobile" : "fixed")\", \"count\": \(n)}"
            )
        }
        out += "\"apTotal\": \(total),\n\"apCategories\": [\n" + cats.joined(separator: ",\n") + "\n],\n\"monthly\": [\n"
        out += months(count).enumerated().map { i, m in
            "  {\"month\": \"\(m)\", \"dailyUsers\": \(1_000_000 + (i * 104_729) % 900_000), \"dailyTB\": \(40 + i % 40).\(i % 10)}"
        }.joined(separator: ",\n")
        return out + "\n]\n}\n"
    }

    /// Metaverse: 1,200 months of visits and daily averages, 1,000 spaces and
    /// `cumulativeDays` cumulative counts (≤ 100,000), which sets the size.
    public static func metaverse(cumulativeDays: Int = 100_000) -> String {
        var out = "{\"kind\": \"metaverse\", " + header + ",\n"
        out += "\"launched\": \"1700-01-01\",\n\"period\": {\"from\": \"1700-01-01\", \"to\": \"2024-12-31\", \"visits\": 12345678, \"installs\": 234567},\n"
        out += "\"goal\": {\"year\": 2024, \"visits\": 20000000},\n"
        let ms = months(1_200)
        out +=
            "\"monthlyVisits\": [\n"
            + ms.enumerated().map { i, m in "  {\"month\": \"\(m)\", \"visits\": \(8_000 + (i * 31) % 9_000)}" }.joined(separator: ",\n") + "\n],\n"
        out +=
            "\"dailyAverage\": [\n" + ms.enumerated().map { i, m in "  {\"month\": \"\(m)\", \"visits\": \(200 + (i * 17) % 600)}" }.joined(separator: ",\n")
            + "\n],\n"
        out +=
            "\"spaceShare\": [\n"
            + (0..<1_000).map { i in "  {\"space\": \"공간 \(pad(i, 4))\", \"spaceEn\": \"Space \(pad(i, 4))\", \"percent\": 0.1}" }.joined(separator: ",\n")
            + "\n],\n"
        let endDay = CalendarDate.daysFromCivil(year: 2024, month: 12, day: 31)
        out += "\"cumulative\": [\n"
        var rows: [String] = []
        rows.reserveCapacity(cumulativeDays)
        for i in 0..<cumulativeDays {
            let d = CalendarDate.civil(fromDays: endDay - (cumulativeDays - 1 - i))
            rows.append("  {\"date\": \"\(pad(d.year, 4))-\(pad(d.month, 2))-\(pad(d.day, 2))\", \"visits\": \(i * 120)}")
        }
        return out + rows.joined(separator: ",\n") + "\n]\n}\n"
    }

    /// CCTV: `districts` districts (≤ 1,000).
    public static func cctv(districts: Int = 1_000) -> String {
        var out = "{\"kind\": \"cctv\", " + header + ",\n"
        out += "\"districtScope\": \"Benchmark: synthetic districts\",\n\"districts\": [\n"
        out += (0..<districts).map { i in
            "  {\"code\": \"\(pad(10_000 + i, 5))\", \"name\": \"구역 \(pad(i, 4))\", \"nameEn\": \"District \(pad(i, 4))\", \"cameras\": \(1_000 + (i * 7_919) % 5_000)}"
        }.joined(separator: ",\n")
        out += "\n],\n\"ageProfile\": {\"asOf\": \"2024-12-31\", \"scope\": \"synthetic\", \"total\": 100000, \"aged8to10\": 10000, \"aged10plus\": 5000},\n"
        out += "\"programme\": {\"year\": 2024, \"newCameras\": 2000, \"sites\": 500, \"districts\": 25, \"replaced\": 1500}\n}\n"
        return out
    }

    /// Pledges: `districts` districts × `programs` programmes × `indicators` indicators.
    public static func pledges(districts: Int = 100, programs: Int = 20, indicators: Int = 8) -> String {
        let out = "{\"kind\": \"pledges\", " + header + ",\n\"districts\": [\n"
        var ds: [String] = []
        for d in 0..<districts {
            var ps: [String] = []
            for p in 0..<programs {
                let inds = (0..<indicators).map { i in
                    "{\"name\": \"지표 \(i + 1)\", \"measure\": \"건수\", \"unit\": \"건\", \"weight\": \(5 + i), \"target\": \(10 + i * 5), \"actual\": \((d + p + i) % (10 + i * 5)).5}"
                }.joined(separator: ",\n        ")
                ps.append(
                    """
                      {"id": "\(d + 1)-\(p + 1)", "title": "공약 \(pad(d, 3))-\(pad(p, 2)) 스마트도시 조성", "status": "정상추진", "period": "2022~2026", "publishedRate": \(Double((d * 7 + p * 3) % 1000) / 10), "budget": {"unit": "백만원", "planned": \(1000 + p * 100), "executed": \(500 + p * 40)},
                        "indicators": [
                        \(inds)
                        ]}
                    """)
            }
            ds.append("  {\"name\": \"자치구 \(pad(d, 4))\", \"nameEn\": \"District \(pad(d, 4))\", \"programs\": [\n" + ps.joined(separator: ",\n") + "\n  ]}")
        }
        return out + ds.joined(separator: ",\n") + "\n]\n}\n"
    }

    // MARK: memory shapes (issue 10, item 12)

    /// The three shapes of file, inside the other limits, that once took
    /// gigabytes to load: `mayor bench --only memory` measures each near `bytes`.
    public enum MemoryShape: String, CaseIterable, Sendable {
        /// wifi.json with one ignored field of zeros making up the size.
        case ignoredZeros = "ignored-zeros"
        /// wifi.json with millions of empty notes.
        case notes
        /// pledges.json of 1,000 programmes × 1,000 indicators (within the 64 MB file limit).
        case programmesIndicators = "programmes-x-indicators"

        public var kind: SnapshotKind { self == .programmesIndicators ? .pledges : .wifi }

        public var description: String {
            switch self {
            case .ignoredZeros: return "wifi.json, one ignored field of zeros"
            case .notes: return "wifi.json, empty notes"
            case .programmesIndicators: return "pledges.json, 1,000 programmes x 1,000 indicators"
            }
        }
    }

    static let smallWifi =
        #""apTotal": 1, "apCategories": [{"id": "a", "name": "a", "group": "fixed", "count": 1}], "monthly": [{"month": "2024-01", "dailyUsers": 1, "dailyTB": 1}]"#

    /// The file of `shape`, about `bytes` long (the pledges grid is its own size, about 51 MB).
    public static func memoryShape(_ shape: MemoryShape, bytes: Int = 63_000_000) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes + 1024)
        switch shape {
        case .ignoredZeros:
            out += Array("{\"kind\": \"wifi\", \(header), \(smallWifi), \"ignored\": [".utf8)
            let zeros = max(1, (bytes - out.count - 3) / 2)
            for _ in 0..<(zeros - 1) { out += [UInt8(ascii: "0"), UInt8(ascii: ",")] }
            out += Array("0]}\n".utf8)
        case .notes:
            out += Array("{\"kind\": \"wifi\", \(header), \(smallWifi), \"notes\": [".utf8)
            let notes = max(1, (bytes - out.count - 4) / 3)
            for _ in 0..<(notes - 1) { out += [UInt8(ascii: "\""), UInt8(ascii: "\""), UInt8(ascii: ",")] }
            out += Array("\"\"]}\n".utf8)
        case .programmesIndicators:
            out += Array("{\"kind\": \"pledges\", \(header), \"districts\": [{\"name\": \"자치구\", \"programs\": [\n".utf8)
            // Compact, so the 1,000,000 indicators fit in the 64 MB file limit (about 51 MB).
            let indicator = Array(#"{"name":"지표","unit":"건","target":10,"actual":5}"#.utf8)
            for p in 0..<1_000 {
                out += Array(#"{"title": "공약 \#(p)", "status": "정상추진", "indicators": ["#.utf8)
                for i in 0..<1_000 {
                    if i > 0 { out.append(UInt8(ascii: ",")) }
                    out += indicator
                }
                out += Array((p < 999 ? "]},\n" : "]}\n").utf8)
            }
            out += Array("]}]}\n".utf8)
        }
        return out
    }
}
