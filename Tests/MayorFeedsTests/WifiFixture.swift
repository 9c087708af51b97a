import Foundation
import Synchronization

/// TbPublicWifiInfo rows written from the reference's documented facts
/// (shared/reference/seoul-open-api.md §1): 16 string fields in the order
/// sent, MGR_NO with leading dashes and the `서울-NNNN` form, the documented
/// install categories (and a blank one, and one without a number), the 25
/// districts plus 과천시, 실내/실외, `""` floors and one garbage floor, LAT and
/// LNT swapped on the `---GR`/`---EP`/`서울-` rows, and one WORK_DTTM on every row.
struct WifiFixture: Sendable {
    static let districts = [
        "강남구", "강동구", "강북구", "강서구", "관악구", "광진구", "구로구", "금천구", "노원구", "도봉구", "동대문구", "동작구", "마포구",
        "서대문구", "서초구", "성동구", "성북구", "송파구", "양천구", "영등포구", "용산구", "은평구", "종로구", "중구", "중랑구"
    ]
    static let categories = [
        "1. 주요거리", "3. 공원(하천)", "6-3. 복지 - 장애인", "6-4. 복지 - 아동청소년", "7-1. 공공 - 행정", "7-1-3. 공공 - 시산하기관",
        "", "기타시설"
    ]
    static let workTime = "2026-11-27 11:12:42.0"

    struct Row: Sendable {
        var number: String
        var district: String
        var category: String
        var inOut: String
        var floor: String
        var lat: String
        var lnt: String
        var swapped: Bool
    }

    let total: Int

    /// Row `i` (0-based), a pure function of `i`.
    func row(_ i: Int) -> Row {
        let district = i % 997 == 5 ? "과천시" : Self.districts[(i * 7) % 25]
        let category = Self.categories[(i / 3) % Self.categories.count]
        let inOut = i % 3 == 0 ? "실외" : "실내"
        let floor = i % 500 == 7 ? "SKT고장시 자동해지" : (i % 11 == 0 ? "1" : "")
        let lat = 37.4 + Double(i % 300) / 1000
        let lon = 126.8 + Double(i % 400) / 1000
        let form = i % 10
        let number: String
        let swapped: Bool
        switch form {
        case 0: (number, swapped) = (String(format: "---GR%06d", i), true)
        case 1: (number, swapped) = (String(format: "---EP%06d", i), true)
        case 2: (number, swapped) = ("서울-\(9000 + i)", true)
        case 3, 4, 5: (number, swapped) = (String(format: "-WF%06d", i), false)
        default: (number, swapped) = (String(format: "ARI%05d", i), false)
        }
        let (a, b) = swapped ? (lon, lat) : (lat, lon)
        return Row(
            number: number, district: district, category: category, inOut: inOut, floor: floor,
            lat: String(format: "%.6f", a), lnt: String(format: "%.6f", b), swapped: swapped)
    }

    /// The JSON of one row, fields in the order the API sends them.
    func rowJSON(_ i: Int) -> String {
        let r = row(i)
        let fields: [(String, String)] = [
            ("X_SWIFI_MGR_NO", r.number), ("X_SWIFI_WRDOFC", r.district), ("X_SWIFI_MAIN_NM", "다동어린이공원 \(i)"),
            ("X_SWIFI_ADRES1", "서소문로 51"), ("X_SWIFI_ADRES2", "본관 1F"), ("X_SWIFI_INSTL_FLOOR", r.floor),
            ("X_SWIFI_INSTL_TY", r.category), ("X_SWIFI_INSTL_MBY", "서울시(AP)"), ("X_SWIFI_SVC_SE", "공공WiFi"),
            ("X_SWIFI_CMCWR", "자가망_U무선망"), ("X_SWIFI_CNSTC_YEAR", "\(2011 + i % 12)"), ("X_SWIFI_INOUT_DOOR", r.inOut),
            ("X_SWIFI_REMARS3", ""), ("LAT", r.lat), ("LNT", r.lnt), ("WORK_DTTM", Self.workTime)
        ]
        return "{" + fields.map { "\"\($0.0)\":\"\($0.1)\"" }.joined(separator: ",") + "}"
    }

    /// Pages already written, by total, start and end (a loaded machine
    /// answers from here at once, not after rebuilding 1,000 rows).
    static let cache = Mutex<[String: String]>([:])

    /// The page `start...end` (1-based, inclusive) as the API sends it.
    func page(start: Int, end: Int) -> String {
        let key = "\(total)/\(start)/\(end)"
        if let page = Self.cache.withLock({ $0[key] }) { return page }
        let page = build(start: start, end: end)
        Self.cache.withLock { $0[key] = page }
        return page
    }

    func build(start: Int, end: Int) -> String {
        guard start >= 1, start <= total, end >= start else {
            return #"{"RESULT":{"CODE":"INFO-200","MESSAGE":"해당하는 데이터가 없습니다."}}"#
        }
        let rows = (start - 1..<min(end, total)).map(rowJSON).joined(separator: ",")
        return #"{"TbPublicWifiInfo":{"list_total_count":\#(total),"RESULT":{"CODE":"INFO-000","MESSAGE":"정상 처리되었습니다"},"row":[\#(rows)]}}"#
    }

    /// The reply for a request's segments (`json`, `TbPublicWifiInfo`, start, end).
    func reply(_ segments: [String]) -> FakeSeoul.Reply {
        guard segments.count >= 4, segments[1] == "TbPublicWifiInfo", let start = Int(segments[2]), let end = Int(segments[3]) else {
            return .body(Self.missingService)
        }
        if end - start + 1 > 1000 { return .body(Self.overLong) }
        return .body(page(start: start, end: end))
    }

    static let badKey = "<RESULT><CODE>INFO-100</CODE><MESSAGE><![CDATA[인증키가 유효하지 않습니다.\n인증키가 없는 경우, 열린 데이터 광장 홈페이지에서 인증키를 신청하십시오.]]></MESSAGE></RESULT>"
    static let overLong =
        "<RESULT><CODE>ERROR-336</CODE><MESSAGE><![CDATA[데이터요청은 한번에 최대 1000건을 넘을 수 없습니다.\n요청종료위치에서 요청시작위치를 뺀 값이 1000을 넘지 않도록 수정하세요.]]></MESSAGE></RESULT>"
    static let noData = #"{"RESULT":{"CODE":"INFO-200","MESSAGE":"해당하는 데이터가 없습니다."}}"#
    static let serverError = #"{"RESULT":{"CODE":"ERROR-500","MESSAGE":"서버 오류입니다.\n지속적으로 발생시 열린 데이터 광장으로 문의(Q&A) 바랍니다."}}"#
    static let missingService = #"{"RESULT":{"CODE":"ERROR-310","MESSAGE":"해당하는 서비스를 찾을 수 없습니다.\n요청인자 중 SERVICE를 확인하십시오."}}"#
}
