import Foundation
import MayorCore

/// 서울시 공공와이파이 서비스 위치 정보 (`TbPublicWifiInfo`, OA-20883): every
/// access point, about 25 pages of 1,000 rows, counted by install category,
/// by district and indoor/outdoor into `wifi.json`. All pages or nothing: a
/// failure on any page leaves the last good file as it was.
///
/// No API gives usage (users, TB a day): the `monthly` series, the budget and
/// the works are carried over from the existing `wifi.json`, each keeping
/// the source it was published in (`usageSource`).
public struct WifiInventorySource: FeedSource {
    public static let service = "TbPublicWifiInfo"
    public static let dataset = "OA-20883"
    public static let districts = [
        "강남구", "강동구", "강북구", "강서구", "관악구", "광진구", "구로구", "금천구", "노원구", "도봉구", "동대문구", "동작구", "마포구",
        "서대문구", "서초구", "성동구", "성북구", "송파구", "양천구", "영등포구", "용산구", "은평구", "종로구", "중구", "중랑구"
    ]
    /// More pages than this means the total is not the one expected (25 today).
    public static let maxPages = 200

    public let name = "wifi"
    public let interval: Double
    public let pageSize: Int

    public init(_ section: FeedsConfig.Source) {
        interval = section.interval
        pageSize = section.integer("pageSize") ?? 1000
    }

    public init(interval: Double = 86_400, pageSize: Int = 1000) {
        self.interval = interval
        self.pageSize = pageSize
    }

    /// The fields read from each row (the other ten are not needed).
    public struct Row: Decodable, Sendable {
        public var number: String?
        public var district: String?
        public var category: String?
        public var inOut: String?
        public var lat: String?
        public var lnt: String?
        public var workTime: String?

        enum CodingKeys: String, CodingKey {
            case number = "X_SWIFI_MGR_NO"
            case district = "X_SWIFI_WRDOFC"
            case category = "X_SWIFI_INSTL_TY"
            case inOut = "X_SWIFI_INOUT_DOOR"
            case lat = "LAT"
            case lnt = "LNT"
            case workTime = "WORK_DTTM"
        }
    }

    public func run(_ context: FeedContext) async throws -> FeedOutput {
        let client = context.client
        let size = pageSize
        let first = try await client.get(["json", Self.service, "1", "\(size)"]) { body in
            try SeoulResponse.page(body, service: Self.service, as: Row.self)
        }
        let total = first.totalCount
        guard total > 0 else { throw FeedError(.data, "\(Self.service) reports list_total_count \(total)") }
        let pages = (total + size - 1) / size
        guard pages <= Self.maxPages else { throw FeedError(.data, "\(Self.service) reports \(total) rows: over \(Self.maxPages) pages, refused") }
        let done = Counter()
        context.progress("1/\(pages) pages")
        _ = await done.add()
        var tally = Tally()
        tally.add(first.rows, page: 1)
        var totals: [Int: Int] = [1: first.totalCount]
        if pages > 1 {
            // The client keeps at most maxInFlight requests going at once.
            try await withThrowingTaskGroup(of: (Int, SeoulResponse.Page<Row>).self) { group in
                for page in 2...pages {
                    let start = (page - 1) * size + 1
                    let end = page * size
                    group.addTask {
                        let result = try await client.get(["json", Self.service, "\(start)", "\(end)"]) { body in
                            try SeoulResponse.page(body, service: Self.service, as: Row.self)
                        }
                        return (page, result)
                    }
                }
                // The first failure ends the group (the others are cancelled).
                for try await (page, result) in group {
                    tally.add(result.rows, page: page)
                    totals[page] = result.totalCount
                    let n = await done.add()
                    context.progress("\(n)/\(pages) pages")
                }
            }
        }
        if let changed = totals.first(where: { $0.value != total }) {
            throw FeedError(.data, "list_total_count changed during the pull (\(total) on page 1, \(changed.value) on page \(changed.key)): nothing written")
        }
        guard tally.rows == total else {
            throw FeedError(.data, "\(tally.rows) rows received in \(pages) pages, but list_total_count is \(total): nothing written")
        }
        guard let stamp = tally.latestStamp, let asOf = Timestamp.seoul(stamp) else {
            throw FeedError(.data, "no row has a WORK_DTTM to date the data by: nothing written")
        }
        let fetchedAt = context.now()
        let previous = context.existingFile("wifi.json").flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
        guard let previous, let monthly = previous["monthly"] as? [Any], !monthly.isEmpty else {
            throw FeedError(
                .data,
                "no usage series to carry over: \(context.path("wifi.json")) is missing or has no monthly figures (no API publishes Wi-Fi usage; start from the bundled Data/wifi.json)"
            )
        }
        let document = Self.document(
            tally: tally, total: total, pages: pages, asOf: asOf, stamp: stamp, fetchedAt: fetchedAt,
            requestURL: client.displayURL(["json", Self.service, "1", "\(size)"]), previous: previous)
        var warnings: [String] = []
        if !tally.outside.isEmpty {
            let list = tally.outside.sorted { $0.key < $1.key }.map { "\($0.key.isEmpty ? "(blank)" : $0.key) \($0.value)" }.joined(separator: ", ")
            warnings.append("\(Exact.sum(tally.outside.values)) APs outside Seoul's 25 districts, counted apart: \(list)")
        }
        if tally.swapped > 0 { warnings.append("\(tally.swapped) rows with LAT and LNT swapped (read by range)") }
        if tally.badCoordinates > 0 { warnings.append("\(tally.badCoordinates) rows with coordinates outside Korea or unreadable") }
        let data = try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return FeedOutput(
            files: [.init(name: "wifi.json", bytes: Array(data) + [0x0A], kind: .wifi)],
            summary: "\(NumberText.grouped(total)) APs in \(pages) page\(pages == 1 ? "" : "s"), \(tally.categories.count) categories",
            asOf: asOf, warnings: warnings)
    }

    /// Counts as the pages come in (in any order).
    struct Tally {
        struct CategoryKey: Hashable {
            /// `7-1` of `7-1. 공공 - 행정`; empty when the text has no number.
            var number: String
            var name: String
        }
        var rows = 0
        var categories: [CategoryKey: Int] = [:]
        var districts: [String: Int] = [:]
        var outside: [String: Int] = [:]
        var indoor = 0
        var outdoor = 0
        var inOutOther = 0
        var swapped = 0
        var badCoordinates = 0
        var latestStamp: String?

        mutating func add(_ batch: [Row], page: Int) {
            for row in batch {
                rows += 1
                categories[Self.category(row.category ?? ""), default: 0] += 1
                let district = (row.district ?? "").trimmingCharacters(in: .whitespaces)
                if WifiInventorySource.districts.contains(district) {
                    districts[district, default: 0] += 1
                } else {
                    outside[district, default: 0] += 1
                }
                switch (row.inOut ?? "").trimmingCharacters(in: .whitespaces) {
                case "실내": indoor += 1
                case "실외": outdoor += 1
                default: inOutOther += 1
                }
                switch Self.coordinates(lat: row.lat, lnt: row.lnt) {
                case .ok: break
                case .swapped: swapped += 1
                case .bad: badCoordinates += 1
                }
                if let stamp = row.workTime?.trimmingCharacters(in: .whitespaces), Timestamp.seoul(stamp) != nil, stamp > (latestStamp ?? "") {
                    latestStamp = stamp
                }
            }
        }

        /// `7-1. 공공 - 행정` is number `7-1`, name `공공 - 행정`; text without
        /// such a number is a category of its own (its text as the name);
        /// blank is the unknown category.
        static func category(_ text: String) -> CategoryKey {
            let t = text.trimmingCharacters(in: .whitespaces)
            if let dot = t.firstIndex(of: "."), dot > t.startIndex {
                let number = t[..<dot]
                let name = t[t.index(after: dot)...].trimmingCharacters(in: .whitespaces)
                if number.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-") }), number.first!.isNumber, !name.isEmpty {
                    return CategoryKey(number: String(number), name: name)
                }
            }
            return CategoryKey(number: "", name: t)
        }

        enum Place { case ok, swapped, bad }

        /// Korea by range: latitude 33–39, longitude 124–132.
        static func coordinates(lat: String?, lnt: String?) -> Place {
            guard let a = lat.flatMap({ Double($0.trimmingCharacters(in: .whitespaces)) }),
                let b = lnt.flatMap({ Double($0.trimmingCharacters(in: .whitespaces)) })
            else { return .bad }
            let isLat = { (v: Double) in (33.0...39.0).contains(v) }
            let isLon = { (v: Double) in (124.0...132.0).contains(v) }
            if isLat(a), isLon(b) { return .ok }
            if isLon(a), isLat(b) { return .swapped }
            return .bad
        }
    }

    /// The category's id in the snapshot: `instl-7-1`, `instl-text-N` for a
    /// category without a number, `instl-unknown` for a blank one.
    static func categoryID(_ key: Tally.CategoryKey, unnumbered: inout [String: Int]) -> String {
        if !key.number.isEmpty { return "instl-\(key.number)" }
        if key.name.isEmpty { return "instl-unknown" }
        if let n = unnumbered[key.name] { return "instl-text-\(n)" }
        let n = unnumbered.count + 1
        unnumbered[key.name] = n
        return "instl-text-\(n)"
    }

    /// Orders `7-1` after `7` and `10` after `9`.
    static func numberOrder(_ a: String, _ b: String) -> Bool {
        let x = a.split(separator: "-").map { Int($0) ?? Int.max }
        let y = b.split(separator: "-").map { Int($0) ?? Int.max }
        return x.lexicographicallyPrecedes(y)
    }

    static func document(
        tally: Tally, total: Int, pages: Int, asOf: String, stamp: String, fetchedAt: Double, requestURL: String, previous: [String: Any]
    ) -> [String: Any] {
        // Categories: numbered ones in number order, then unnumbered by name, the unknown last.
        let keys = tally.categories.keys.sorted { a, b in
            switch (a.number.isEmpty, b.number.isEmpty) {
            case (false, false): return a.number == b.number ? a.name < b.name : numberOrder(a.number, b.number)
            case (false, true): return true
            case (true, false): return false
            case (true, true):
                if a.name.isEmpty != b.name.isEmpty { return !a.name.isEmpty }
                return a.name < b.name
            }
        }
        var unnumbered: [String: Int] = [:]
        var seenIDs: [String: Int] = [:]
        var categories: [[String: Any]] = []
        for key in keys {
            var id = categoryID(key, unnumbered: &unnumbered)
            // Two names under one number (a renamed category) stay two rows.
            if let n = seenIDs[id] {
                seenIDs[id] = n + 1
                id += "-\(n + 1)"
            } else {
                seenIDs[id] = 1
            }
            let label = key.number.isEmpty ? (key.name.isEmpty ? "분류 없음" : key.name) : "\(key.number). \(key.name)"
            var entry: [String: Any] = ["id": id, "name": label, "group": "fixed", "count": tally.categories[key]!]
            if key.name.isEmpty { entry["nameEn"] = "No category given" }
            categories.append(entry)
        }
        var document: [String: Any] = [
            "kind": "wifi",
            "schemaVersion": 1,
            "asOf": asOf,
            "source": [
                "document": "서울시 공공와이파이 서비스 위치 정보 (Open API \(service))",
                "agency": "서울특별시 (서울 열린데이터 광장)",
                "dataset": dataset,
                "url": requestURL
            ],
            "fetch": [
                "service": service,
                "dataset": dataset,
                "fetchedAt": Timestamp.iso(fetchedAt),
                "asOf": asOf,
                "asOfField": "WORK_DTTM \(stamp)",
                "requestURL": requestURL,
                "pages": pages,
                "rows": total
            ],
            "apTotal": total,
            "apCategories": categories,
            "districts": WifiInventorySource.districts.map { ["name": $0, "count": tally.districts[$0] ?? 0] as [String: Any] },
            "outsideSeoul": tally.outside.keys.sorted().map { ["name": $0.isEmpty ? "(blank)" : $0, "count": tally.outside[$0]!] as [String: Any] },
            "indoor": tally.indoor,
            "outdoor": tally.outdoor,
            "inOutUnknown": tally.inOutOther
        ]
        // Usage, budget and works: carried over with the source they were published in.
        for key in ["monthly", "budget", "upkeep"] {
            if let value = previous[key] { document[key] = value }
        }
        let usageSource: Any =
            previous["usageSource"]
            ?? [
                "document": (previous["source"] as? [String: Any])?["document"] ?? "",
                "agency": (previous["source"] as? [String: Any])?["agency"] ?? "",
                "asOf": previous["asOf"] ?? ""
            ]
        document["usageSource"] = usageSource
        var notes = [
            "Access points: every row of \(service) (\(pages) pages, list_total_count \(total)), counted by X_SWIFI_INSTL_TY (number and name), X_SWIFI_WRDOFC and X_SWIFI_INOUT_DOOR. The inventory holds fixed sites only: every category is in the fixed group.",
            "Usage (monthly), budget and upkeep are not published by any API: carried over from the previous wifi.json, as of its own date (usageSource)."
        ]
        if !tally.outside.isEmpty {
            notes.append(
                "\(Exact.sum(tally.outside.values)) APs are listed under a district outside Seoul's 25 (outsideSeoul); they are in apTotal and the categories, not in districts."
            )
        }
        if tally.swapped > 0 { notes.append("\(tally.swapped) rows have LAT and LNT swapped (detected by range).") }
        if tally.inOutOther > 0 { notes.append("\(tally.inOutOther) rows are neither 실내 nor 실외 (inOutUnknown).") }
        document["notes"] = notes
        return document
    }
}

/// A count shared by the page tasks.
actor Counter {
    private var value = 0
    func add() -> Int {
        value += 1
        return value
    }
}

/// `24,578`.
enum NumberText {
    static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }
}
