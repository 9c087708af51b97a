/// `citydata` answers for the benchmark (shared/reference/seoul-open-api.md
/// §3): no service wrapper, the dotted `RESULT.CODE` keys, `LIVE_PPLTN_STTS`
/// an array of one with its figures as strings and 12 hourly forecasts,
/// `AVG_ROAD_DATA` with the speed as a number, and road links with their
/// coordinate lists: `links` of them make an answer about the size of the
/// reference's saved one (234 KB), most of which the source does not read.
/// An answer is a pure function of the code it is for (`POI001`…).
public struct CityAnswers: Sendable {
    public static let service = "citydata"
    static let levels = ["여유", "보통", "약간 붐빔", "붐빔"]
    static let roadIndexes = ["원활", "서행", "정체"]

    /// Road links per answer (each about 0.7 KB).
    public let links: Int

    public init(links: Int = 320) { self.links = links }

    /// `POI001`, `POI002`… (Seoul's codes run to POI128).
    public static func codes(_ count: Int) -> [String] { (1...count).map { "POI" + digits($0, 3) } }

    /// The answer for `code`; Seoul's no-data answer for anything but `POI` and a number.
    public func answer(for code: String) -> String {
        guard code.hasPrefix("POI"), let n = Int(code.dropFirst(3)) else {
            return #"{"RESULT":{"RESULT.CODE":"INFO-200","RESULT.MESSAGE":"해당하는 데이터가 없습니다."}}"#
        }
        let name = "시험 장소 \(n)"
        let low = 1000 + (n * 733) % 40_000 / 500 * 500
        let high = low + 500 * (1 + n % 4)
        let minute = n % 3 == 1 ? "25" : "30"
        let forecast = (0..<12).map { h -> String in
            let hour = 15 + h
            let time = hour < 24 ? "2026-11-27 \(digits(hour, 2)):00" : "2026-11-28 \(digits(hour - 24, 2)):00"
            let fmin = 500 + ((n + 1) * (h + 3) * 977) % 50_000 / 500 * 500
            return #"{"FCST_TIME":"\#(time)","FCST_CONGEST_LVL":"\#(Self.levels[(n + h) % 4])","FCST_PPLTN_MIN":"\#(fmin)","FCST_PPLTN_MAX":"\#(fmin + 500)"}"#
        }.joined(separator: ",")
        let population = """
            {"AREA_NM":"\(name)","AREA_CD":"\(code)","AREA_CONGEST_LVL":"\(Self.levels[n % 4])",\
            "AREA_CONGEST_MSG":"사람이 몰려있을 가능성이 낮고 붐빔은 거의 느껴지지 않아요. 도보 이동이 자유로워요.",\
            "AREA_PPLTN_MIN":"\(low)","AREA_PPLTN_MAX":"\(high)","MALE_PPLTN_RATE":"56.8","FEMALE_PPLTN_RATE":"43.2",\
            "PPLTN_RATE_0":"1.0","PPLTN_RATE_10":"3.0","PPLTN_RATE_20":"11.1","PPLTN_RATE_30":"16.4","PPLTN_RATE_40":"19.7",\
            "PPLTN_RATE_50":"21.8","PPLTN_RATE_60":"17.6","PPLTN_RATE_70":"9.4","RESNT_PPLTN_RATE":"48.2","NON_RESNT_PPLTN_RATE":"51.8",\
            "REPLACE_YN":"N","PPLTN_TIME":"2026-11-27 14:\(minute)","FCST_YN":"Y","FCST_PPLTN":[\(forecast)]}
            """
        let roadLinks = (0..<links).map { i -> String in
            let points = (0..<24).map { p in "126.97\(digits((n * 131 + i * 17 + p) % 1000, 3))_37.57\(digits((n * 71 + i * 13 + p) % 1000, 3))" }
            return """
                {"LINK_ID":"10000\(digits(n * 1000 + i, 6))","ROAD_NM":"세종대로","START_ND_CD":"1000008607","START_ND_NM":"세종로사거리",\
                "START_ND_XY":"126.9768_37.5710","END_ND_CD":"1000008700","END_ND_NM":"광화문","END_ND_XY":"126.9770_37.5740",\
                "DIST":"\(40 + i % 300).0","SPD":\(10 + i % 40).3,"IDX":"\(Self.roadIndexes[i % 3])","XYLIST":"\(points.joined(separator: "|"))"}
                """
        }.joined(separator: ",")
        let road = """
            {"AVG_ROAD_DATA":{"ROAD_MSG":"해당 장소로 이동·진입시 시간이 다소 소요될 수 있어요.","ROAD_TRAFFIC_IDX":"\(Self.roadIndexes[n % 3])",\
            "ROAD_TRAFFIC_SPD":\(8 + (n * 7) % 40),"ROAD_TRAFFIC_TIME":"2026-11-27 14:55"},"ROAD_TRAFFIC_STTS":[\(roadLinks)]}
            """
        return """
            {"list_total_count":1,"RESULT":{"RESULT.CODE":"INFO-000","RESULT.MESSAGE":"정상 처리되었습니다."},\
            "CITYDATA":{"AREA_NM":"\(name)","AREA_CD":"\(code)","LIVE_PPLTN_STTS":[\(population)],"ROAD_TRAFFIC_STTS":\(road),\
            "PRK_STTS":[],"SUB_STTS":[],"CHARGER_STTS":[],"EVENT_STTS":[],"WEATHER_STTS":[],"LIVE_DST_MESSAGE":[],"LIVE_YNA_NEWS":[]}}
            """
    }

    /// The hotspot a request asked for (`json`, `citydata`, `1`, `5`, AREA), nil for another request.
    public static func hotspot(_ segments: [String]) -> String? {
        guard segments.count == 5, segments[0] == "json", segments[1] == service else { return nil }
        return segments[4]
    }
}
