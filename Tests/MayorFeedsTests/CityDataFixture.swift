import Foundation

/// `citydata` answers written from the reference's documented facts
/// (shared/reference/seoul-open-api.md §0, §2, §3): no service wrapper, the
/// dotted `RESULT.CODE`/`RESULT.MESSAGE` keys with the trailing period,
/// `LIVE_PPLTN_STTS` an array of one whose figures are all strings,
/// `ROAD_TRAFFIC_SPD` a number, link `DIST` a string with `.0` and link `SPD`
/// fractional, `null` in fields the source does not read (`PAY_YN`), 12 hourly
/// forecasts, and the error bodies (top-level INFO-200, the XML INFO-100 with
/// CDATA and a newline, ERROR-500).
///
/// Reusable: `CityDataFixture.spot(for:)` is what an answer says (to compare
/// a written file with), `answer(for:variant:)` the JSON text, and
/// `reply(_:variant:)` a route for `FakeSeoul`.
///
/// ```swift
/// let server = try await FakeSeoul.start { CityDataFixture.reply($0) }
/// ```
enum CityDataFixture {
    /// The real code/name pairs of the reference (§3.4).
    static let places: [(code: String, name: String)] = [
        ("POI001", "강남 MICE 관광특구"), ("POI002", "동대문 관광특구"), ("POI003", "명동 관광특구"), ("POI004", "이태원 관광특구"),
        ("POI005", "잠실 관광특구"), ("POI006", "종로·청계 관광특구"), ("POI007", "홍대 관광특구"), ("POI008", "경복궁"),
        ("POI009", "광화문·덕수궁"), ("POI010", "보신각"), ("POI014", "강남역"), ("POI033", "서울역"), ("POI034", "선릉역"),
        ("POI055", "홍대입구역(2호선)"), ("POI059", "가로수길"), ("POI088", "광화문광장"), ("POI101", "서울숲공원"),
        ("POI105", "여의도한강공원"), ("POI108", "이촌한강공원"), ("POI127", "올림픽공원")
    ]

    /// `count` hotspots by code, `POI001`, `POI002`… (the bench's 120: Seoul's
    /// codes run to POI128; those without a known name get a made-up one).
    static func codes(_ count: Int) -> [String] { (1...count).map { String(format: "POI%03d", $0) } }

    static let levels = ["여유", "보통", "약간 붐빔", "붐빔"]
    static let roadIndexes = ["원활", "서행", "정체"]

    /// What the fixture's answer for one place says.
    struct Spot: Sendable, Equatable {
        struct Hour: Sendable, Equatable {
            var time: String
            var level: String
            var min: Int
            var max: Int
        }
        var code: String
        var name: String
        var level: String
        var min: Int
        var max: Int
        /// PPLTN_TIME.
        var time: String
        var roadIndex: String
        var roadSpeed: Int
        /// ROAD_TRAFFIC_TIME: 25 minutes after PPLTN_TIME, as in the reference's real answer.
        var roadTime: String
        var forecast: [Hour]
    }

    /// The place a hotspot (code or name) stands for, and its number.
    static func place(_ hotspot: String) -> (code: String, name: String, number: Int) {
        if let p = places.first(where: { $0.code == hotspot || $0.name == hotspot }) {
            return (p.code, p.name, Int(p.code.dropFirst(3))!)
        }
        if hotspot.hasPrefix("POI"), let n = Int(hotspot.dropFirst(3)) {
            return (hotspot, "시험 장소 \(n)", n)
        }
        // An unknown name: a code of its own from a stable hash of the name.
        var hash: UInt32 = 2_166_136_261
        for byte in hotspot.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        let n = 500 + Int(hash % 400)
        return ("POI\(n)", hotspot, n)
    }

    /// The figures of a place, a pure function of its number.
    static func spot(for hotspot: String) -> Spot {
        let p = place(hotspot)
        let n = p.number
        let min = 1000 + (n * 733) % 40_000 / 500 * 500
        // Every third place read five minutes earlier: asOf is the oldest.
        let minute = n % 3 == 1 ? 25 : 30
        let forecast = (0..<12).map { h in
            let fmin = 500 + ((n + 1) * (h + 3) * 977) % 50_000 / 500 * 500
            return Spot.Hour(time: forecastHour(15 + h), level: levels[(n + h) % 4], min: fmin, max: fmin + 500 * (1 + h % 3))
        }
        return Spot(
            code: p.code, name: p.name, level: levels[n % 4], min: min, max: min + 500 * (1 + n % 4),
            time: String(format: "2026-11-27 14:%02d", minute), roadIndex: roadIndexes[n % 3], roadSpeed: 8 + (n * 7) % 40,
            roadTime: String(format: "2026-11-27 14:%02d", minute + 25), forecast: forecast)
    }

    /// `2026-11-27 HH:00`; hours past midnight fall on the next day.
    static func forecastHour(_ hour: Int) -> String {
        hour < 24 ? String(format: "2026-11-27 %02d:00", hour) : String(format: "2026-11-28 %02d:00", hour - 24)
    }

    /// How an answer is written.
    struct Variant: Sendable {
        /// `RESULT.CODE`/`RESULT.MESSAGE` (citydata's own) or `CODE`/`MESSAGE`.
        var dottedResult = true
        /// `ROAD_TRFFIC_TIME`, the spelling of older answers.
        var oldTimeSpelling = false
        /// Population figures as JSON numbers and the road speed as a string (the reverse of the real answer).
        var swappedTypes = false
        /// `null` road speed and `""` forecast figures (the parts the snapshot may leave out).
        var blanks = false
        /// Answer for this place whatever is asked (the sample key: 광화문·덕수궁).
        var answerFor: String?

        static let standard = Variant()
        static let plainResult = Variant(dottedResult: false)
        static let oldTimeSpelling = Variant(oldTimeSpelling: true)
        static let swappedTypes = Variant(swappedTypes: true)
        static let blanks = Variant(blanks: true)
        static let sampleKey = Variant(answerFor: "광화문·덕수궁")
    }

    static func q(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }

    /// The JSON text the service sends for `hotspot`.
    static func answer(for hotspot: String, variant: Variant = .standard) -> String {
        let s = spot(for: variant.answerFor ?? hotspot)
        let num = { (v: Int) in variant.swappedTypes ? "\(v)" : q("\(v)") }
        let result =
            variant.dottedResult
            ? #""RESULT":{"RESULT.CODE":"INFO-000","RESULT.MESSAGE":"정상 처리되었습니다."}"# : #""RESULT":{"CODE":"INFO-000","MESSAGE":"정상 처리되었습니다."}"#
        let forecast = s.forecast.map { h in
            let lo = variant.blanks ? q("") : q("\(h.min)")
            return "{\"FCST_TIME\":\(q(h.time)),\"FCST_CONGEST_LVL\":\(q(h.level)),\"FCST_PPLTN_MIN\":\(lo),\"FCST_PPLTN_MAX\":\(q("\(h.max)"))}"
        }.joined(separator: ",")
        let population = """
            {"AREA_NM":\(q(s.name)),"AREA_CD":\(q(s.code)),"AREA_CONGEST_LVL":\(q(s.level)),\
            "AREA_CONGEST_MSG":"사람이 몰려있을 가능성이 낮고 붐빔은 거의 느껴지지 않아요. 도보 이동이 자유로워요.",\
            "AREA_PPLTN_MIN":\(num(s.min)),"AREA_PPLTN_MAX":\(num(s.max)),"MALE_PPLTN_RATE":"56.8","FEMALE_PPLTN_RATE":"43.2",\
            "PPLTN_RATE_0":"1.0","PPLTN_RATE_10":"3.0","PPLTN_RATE_20":"11.1","PPLTN_RATE_30":"16.4","PPLTN_RATE_40":"19.7",\
            "PPLTN_RATE_50":"21.8","PPLTN_RATE_60":"17.6","PPLTN_RATE_70":"9.4","RESNT_PPLTN_RATE":"48.2","NON_RESNT_PPLTN_RATE":"51.8",\
            "REPLACE_YN":"N","PPLTN_TIME":\(q(s.time)),"FCST_YN":"Y","FCST_PPLTN":[\(forecast)]}
            """
        let speed = variant.blanks ? "null" : (variant.swappedTypes ? q("\(s.roadSpeed)") : "\(s.roadSpeed)")
        let timeKey = variant.oldTimeSpelling ? "ROAD_TRFFIC_TIME" : "ROAD_TRAFFIC_TIME"
        let road = """
            {"AVG_ROAD_DATA":{"ROAD_MSG":"해당 장소로 이동·진입시 시간이 다소 소요될 수 있어요.","ROAD_TRAFFIC_IDX":\(q(s.roadIndex)),\
            "ROAD_TRAFFIC_SPD":\(speed),"\(timeKey)":\(q(s.roadTime))},\
            "ROAD_TRAFFIC_STTS":[{"LINK_ID":"1000000301","ROAD_NM":"종로","START_ND_CD":"1000081900","START_ND_NM":"종로1가 82-2",\
            "START_ND_XY":"126.9798999832241719_37.5701535606807582","END_ND_CD":"1000008607","END_ND_NM":"종로구청입구교차로",\
            "END_ND_XY":"126.9793805233784241_37.5701494116837509","DIST":"46.0","SPD":12,"IDX":"정체",\
            "XYLIST":"126.97938_37.57014|126.97989_37.57015"},\
            {"LINK_ID":"1000000302","ROAD_NM":"세종대로","START_ND_CD":"1000008607","START_ND_NM":"세종로사거리",\
            "START_ND_XY":"126.9768_37.5710","END_ND_CD":"1000008700","END_ND_NM":"광화문","END_ND_XY":"126.9770_37.5740",\
            "DIST":"320.0","SPD":49.3,"IDX":"원활","XYLIST":"126.9768_37.5710|126.9770_37.5740"}]}
            """
        return """
            {"list_total_count":1,\(result),"CITYDATA":{"AREA_NM":\(q(s.name)),"AREA_CD":\(q(s.code)),\
            "LIVE_PPLTN_STTS":[\(population)],"ROAD_TRAFFIC_STTS":\(road),"PRK_STTS":[],"SUB_STTS":[],\
            "CHARGER_STTS":[],"EVENT_STTS":[{"EVENT_NM":"행사","EVENT_X":126.9769,"EVENT_Y":37.5759,"PAY_YN":null,"NOWTSDT":null}],\
            "LIVE_CMRCL_STTS":{"CMRCL_TIME":"20260826 0110","AREA_SH_PAYMENT_AMT_MIN":40000,"AREA_SH_PAYMENT_CNT":"6"},\
            "WEATHER_STTS":[],"LIVE_DST_MESSAGE":[],"LIVE_YNA_NEWS":[]}}
            """
    }

    /// No data (§2.2, 6: citydata's own dotted keys, top level, no CITYDATA).
    static let noData = #"{"RESULT":{"RESULT.CODE":"INFO-200","RESULT.MESSAGE":"해당하는 데이터가 없습니다."}}"#
    /// No data with the classic keys (§2.2, 3).
    static let noDataPlain = #"{"RESULT":{"CODE":"INFO-200","MESSAGE":"해당하는 데이터가 없습니다."}}"#
    /// A bad key: XML on the JSON URL, CDATA with a real newline (§2.2, 1).
    static let badKey = "<RESULT><CODE>INFO-100</CODE><MESSAGE><![CDATA[인증키가 유효하지 않습니다.\n인증키가 없는 경우, 열린 데이터 광장 홈페이지에서 인증키를 신청하십시오.]]></MESSAGE></RESULT>"
    static let serverError = #"{"RESULT":{"RESULT.CODE":"ERROR-500","RESULT.MESSAGE":"서버 오류입니다.\n지속적으로 발생시 열린 데이터 광장으로 문의(Q&A) 바랍니다."}}"#
    static let missingService = #"{"RESULT":{"CODE":"ERROR-310","MESSAGE":"해당하는 서비스를 찾을 수 없습니다.\n요청인자 중 SERVICE를 확인하십시오."}}"#

    /// The hotspot a request asked for (`json/citydata/1/5/{AREA}`), nil for another request.
    static func hotspot(_ seen: FakeSeoul.Seen) -> String? {
        let s = seen.segments
        guard s.count == 5, s[0] == "json", s[1] == "citydata" else { return nil }
        return s[4]
    }

    /// A route for `FakeSeoul`: the answer for the hotspot asked for; ERROR-310
    /// for another service.
    static func reply(_ seen: FakeSeoul.Seen, variant: Variant = .standard) -> FakeSeoul.Reply {
        guard let hotspot = hotspot(seen) else { return .body(missingService) }
        return .body(answer(for: hotspot, variant: variant))
    }
}
