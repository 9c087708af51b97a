import Foundation

/// TOPIS traffic volumes as the fake Seoul API serves them, written from the
/// documented facts (shared/reference/seoul-open-api.md §0, §2, §4; no live
/// answer, no real key): `SpotInfo` on one line with `standalone="yes"`, the
/// real spot numbers and names of §4.1 (and one name with `-&gt;`);
/// `VolInfo` one spot-hour per call, one row per direction (`io_type`) and
/// lane (`lane_num`): 6 or 8 rows; hours without data answered INFO-200; the
/// error bodies.
///
/// For a test of `mayor fetch` as a whole: `reply(_:)` answers SpotInfo and
/// VolInfo requests (nil for any other service, so handlers chain:
/// `topis.reply(seen) ?? wifi.reply(seen.segments)`), and `expectedDays`
/// gives the daily volumes a run must write, summed here from the rows
/// without the source's code.
struct TopisFixture: Sendable {
    /// The stations SpotInfo lists: the reference's 20 real pairs (§4.1), and
    /// the name §4.1 quotes with an escaped arrow, under an id of the
    /// fixture's own (the reference gives that name without its number).
    static let stations: [(id: String, name: String)] = [
        ("A-01", "성산로(금화터널)"), ("A-02", "사직로(사직터널)"), ("A-03", "자하문로(자하문터널)"), ("A-04", "대사관로(삼청터널)"),
        ("A-05", "율곡로(안국역)"), ("A-06", "창경궁로(서울여자대학교)"), ("A-07", "대학로(한국방송통신대학교)"), ("A-08", "종로(동묘앞역)"),
        ("A-09", "퇴계로(신당역)"), ("A-10", "동호로(장충체육관)"), ("A-13", "세종대로(서울역)"), ("A-20", "남산1호터널"),
        ("B-01", "도봉로(도봉산역)"), ("B-11", "경부고속도로(양재IC)"), ("B-32", "올림픽대로(개화IC)"), ("C-01", "행주대교"),
        ("C-07", "마포대교"), ("C-09", "한강대교"), ("D-42", "테헤란로(선릉역)"), ("F-01", "올림픽대로"),
        ("D-77", "석촌호수로(방이삼거리-&gt;석촌호수)")
    ]

    /// A station's name as the wall must show it (`-&gt;` decoded).
    static func shownName(_ id: String) -> String? {
        stations.first { $0.id == id }?.name.replacingOccurrences(of: "&gt;", with: ">")
    }

    /// One VolInfo row.
    struct Row: Sendable {
        var io: Int
        var lane: Int
        var vol: Int
    }

    /// Spot-hours answered INFO-200 (`A-01 20261127 05`), the others with rows.
    var noData: Set<String> = []
    /// INFO-200 sent as a top-level JSON RESULT (as observed on other
    /// services); false: inside a `<VolInfo>` XML answer. Both are documented forms.
    var noDataAsJSON = true

    init(noData: Set<String> = [], noDataAsJSON: Bool = true) {
        self.noData = noData
        self.noDataAsJSON = noDataAsJSON
    }

    static func hh(_ hour: Int) -> String { hour < 10 ? "0\(hour)" : "\(hour)" }

    static func noDataKey(_ spot: String, _ ymd: String, _ hour: Int) -> String { "\(spot) \(ymd) \(hh(hour))" }

    /// The rows of one spot-hour: two directions, three or four lanes each
    /// (by spot), volumes a pure function of spot, day and hour.
    static func rows(spot: String, ymd: String, hour: Int) -> [Row] {
        let seed = spot.unicodeScalars.reduce(7) { ($0 * 31 + Int($1.value)) % 100_003 }
        let day = Int(ymd) ?? 0
        let lanes = seed % 2 == 0 ? 4 : 3
        let rush = (7...9).contains(hour) || (17...19).contains(hour) ? 3 : (hour < 6 ? 0 : 1)
        return (1...2).flatMap { io in
            (1...lanes).map { lane in
                Row(io: io, lane: lane, vol: 20 + (seed + day % 997 * 13 + hour * 29 + io * 7 + lane * 41) % 300 + rush * 90 * (5 - lane))
            }
        }
    }

    /// One line, as the reference's real SpotInfo answer.
    static let spotInfo: String = {
        let rows = stations.enumerated().map { i, s in
            "<row><spot_num>\(s.id)</spot_num><spot_nm>\(s.name)</spot_nm><grs80tm_x>\(195_489 + i * 731)</grs80tm_x><grs80tm_y>\(452_136 - i * 517).969850</grs80tm_y></row>"
        }.joined()
        return
            #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><SpotInfo><list_total_count>\#(stations.count)</list_total_count><RESULT><CODE>INFO-000</CODE><MESSAGE>정상 처리되었습니다</MESSAGE></RESULT>\#(rows)</SpotInfo>"#
    }()

    /// A VolInfo answer with these rows, laid out as the reference's README excerpt.
    static func volInfo(spot: String, ymd: String, hour: Int, rows: [Row]) -> String {
        let body = rows.map {
            "<row><spot_num>\(spot)</spot_num><ymd>\(ymd)</ymd><hh>\(hh(hour))</hh><io_type>\($0.io)</io_type><lane_num>\($0.lane)</lane_num><vol>\($0.vol)</vol></row>"
        }.joined(separator: "\n  ")
        return
            "<VolInfo><list_total_count>\(rows.count)</list_total_count><RESULT><CODE>INFO-000</CODE><MESSAGE>정상 처리되었습니다</MESSAGE></RESULT>\n  \(body)</VolInfo>"
    }

    /// The answer to a request (`xml`, service, start, end, params…), or nil
    /// when it is not for SpotInfo or VolInfo.
    func reply(_ seen: FakeSeoul.Seen) -> FakeSeoul.Reply? {
        let s = seen.segments
        guard s.count >= 2, s[1] == "SpotInfo" || s[1] == "VolInfo" else { return nil }
        guard s[0] == "xml" else { return .body(Self.missingType) }
        if s[1] == "SpotInfo" { return .body(Self.spotInfo) }
        guard s.count >= 7, let hour = Int(s[6]), (0..<24).contains(hour) else { return .body(Self.missingValue) }
        let (spot, ymd) = (s[4], s[5])
        guard Self.stations.contains(where: { $0.id == spot }) else { return .body(Self.noDataXML) }
        if noData.contains(Self.noDataKey(spot, ymd, hour)) { return .body(noDataAsJSON ? Self.noDataJSON : Self.noDataXML) }
        return .body(Self.volInfo(spot: spot, ymd: ymd, hour: hour, rows: Self.rows(spot: spot, ymd: ymd, hour: hour)))
    }

    /// Whether a request is VolInfo for this spot-hour.
    static func isVolume(_ seen: FakeSeoul.Seen, spot: String, ymd: String, hour: Int) -> Bool {
        let s = seen.segments
        return s.count >= 7 && s[1] == "VolInfo" && s[4] == spot && s[5] == ymd && Int(s[6]) == hour
    }

    static func isVolume(_ seen: FakeSeoul.Seen) -> Bool { seen.segments.count >= 2 && seen.segments[1] == "VolInfo" }

    /// A day's vehicles at a spot: every row of its 24 hours.
    static func dayTotal(spot: String, ymd: String) -> Int {
        (0..<24).reduce(0) { sum, hour in sum + rows(spot: spot, ymd: ymd, hour: hour).reduce(0) { $0 + $1.vol } }
    }

    /// The days a run at `now` (backfilling `backfillDays`) must write per
    /// spot, oldest first: each day from `backfillDays` before today (Seoul)
    /// to yesterday that has no INFO-200 hour, as `YYYY-MM-DD` and its total.
    func expectedDays(spots: [String], now: Double, backfillDays: Int) -> [String: [(date: String, volume: Int)]] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 9 * 3600)!
        let today = calendar.startOfDay(for: Date(timeIntervalSince1970: now))
        var out: [String: [(date: String, volume: Int)]] = [:]
        for spot in spots {
            var days: [(date: String, volume: Int)] = []
            for back in stride(from: backfillDays, through: 1, by: -1) {
                let day = calendar.date(byAdding: .day, value: -back, to: today)!
                let c = calendar.dateComponents([.year, .month, .day], from: day)
                let ymd = String(format: "%04d%02d%02d", c.year!, c.month!, c.day!)
                if (0..<24).contains(where: { noData.contains(Self.noDataKey(spot, ymd, $0)) }) { continue }
                days.append((String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!), Self.dayTotal(spot: spot, ymd: ymd)))
            }
            out[spot] = days
        }
        return out
    }

    /// The Seoul (KST) instant `y-m-d h:min` in seconds since the epoch.
    static func seoul(_ y: Int, _ m: Int, _ d: Int, _ h: Int, _ min: Int = 0) -> Double {
        var c = DateComponents()
        (c.year, c.month, c.day, c.hour, c.minute) = (y, m, d, h, min)
        c.timeZone = TimeZone(secondsFromGMT: 9 * 3600)
        return Calendar(identifier: .gregorian).date(from: c)!.timeIntervalSince1970
    }

    /// INFO-100 as observed: bare XML, CDATA with a newline, whatever the type asked.
    static let badKey = "<RESULT><CODE>INFO-100</CODE><MESSAGE><![CDATA[인증키가 유효하지 않습니다.\n인증키가 없는 경우, 열린 데이터 광장 홈페이지에서 인증키를 신청하십시오.]]></MESSAGE></RESULT>"
    /// ERROR-500 in the bare XML form (which form Seoul uses for it is not documented; retried).
    static let serverError =
        "<RESULT><CODE>ERROR-500</CODE><MESSAGE><![CDATA[서버 오류입니다.\n지속적으로 발생시 열린 데이터 광장으로 문의(Q&A) 바랍니다.]]></MESSAGE></RESULT>"
    /// ERROR-336 (over 1,000 rows) as observed: bare XML.
    static let overLong =
        "<RESULT><CODE>ERROR-336</CODE><MESSAGE><![CDATA[데이터요청은 한번에 최대 1000건을 넘을 수 없습니다.\n요청종료위치에서 요청시작위치를 뺀 값이 1000을 넘지 않도록 수정하세요.]]></MESSAGE></RESULT>"
    static let noDataJSON = #"{"RESULT":{"CODE":"INFO-200","MESSAGE":"해당하는 데이터가 없습니다."}}"#
    static let noDataXML = "<VolInfo><RESULT><CODE>INFO-200</CODE><MESSAGE>해당하는 데이터가 없습니다.</MESSAGE></RESULT></VolInfo>"
    static let missingType = "<RESULT><CODE>ERROR-301</CODE><MESSAGE><![CDATA[파일타입 값이 누락 혹은 유효하지 않습니다.\n요청인자 중 TYPE을 확인하십시오.]]></MESSAGE></RESULT>"
    static let missingValue = "<RESULT><CODE>ERROR-300</CODE><MESSAGE><![CDATA[필수 값이 누락되어 있습니다.\n요청인자를 참고 하십시오.]]></MESSAGE></RESULT>"
    /// A VolInfo answer cut inside a tag: not well-formed XML (a complete HTTP body).
    static func brokenXML(spot: String, ymd: String, hour: Int) -> String {
        String(volInfo(spot: spot, ymd: ymd, hour: hour, rows: rows(spot: spot, ymd: ymd, hour: hour)).prefix(150))
    }
}
