/// TbPublicWifiInfo pages for the benchmark (shared/reference/seoul-open-api.md
/// §1): `total` rows of the 16 string fields in the order the API sends them,
/// spread over the 25 districts (and 과천시, outside Seoul, every 997th row),
/// the documented install categories (a blank one too), 실내/실외, LAT and LNT
/// swapped on the `---GR` rows, one WORK_DTTM. A row is a pure function of its
/// number, so every page can be written again.
public struct WifiPages: Sendable {
    public static let service = "TbPublicWifiInfo"
    static let districts = [
        "강남구", "강동구", "강북구", "강서구", "관악구", "광진구", "구로구", "금천구", "노원구", "도봉구", "동대문구", "동작구", "마포구",
        "서대문구", "서초구", "성동구", "성북구", "송파구", "양천구", "영등포구", "용산구", "은평구", "종로구", "중구", "중랑구"
    ]
    static let categories = [
        "1. 주요거리", "2. 주요거리(버스정류장)", "3. 공원(하천)", "4. 전통시장", "5. 문화관광", "6-3. 복지 - 장애인", "7-1. 공공 - 행정", "",
        "기타시설"
    ]
    public static let workTime = "2026-11-27 11:12:42.0"

    public let total: Int
    public let pageSize: Int

    public init(total: Int, pageSize: Int = 1000) {
        self.total = total
        self.pageSize = pageSize
    }

    public var pages: Int { (total + pageSize - 1) / pageSize }

    /// Row `i` (0-based) as the API sends it.
    func row(_ i: Int) -> String {
        let district = i % 997 == 5 ? "과천시" : Self.districts[(i * 7) % 25]
        let category = Self.categories[(i / 3) % Self.categories.count]
        let swapped = i % 10 == 0
        let number = swapped ? "---GR" + digits(i, 6) : "ARI" + digits(i, 6)
        let lat = "37." + digits(400_000 + (i * 37) % 300_000, 6)
        let lnt = "126." + digits(800_000 + (i * 53) % 400_000, 6)
        let (a, b) = swapped ? (lnt, lat) : (lat, lnt)
        let fields: [(String, String)] = [
            ("X_SWIFI_MGR_NO", number), ("X_SWIFI_WRDOFC", district), ("X_SWIFI_MAIN_NM", "다동어린이공원 \(i)"),
            ("X_SWIFI_ADRES1", "서소문로 51"), ("X_SWIFI_ADRES2", "본관 1F"), ("X_SWIFI_INSTL_FLOOR", i % 11 == 0 ? "1" : ""),
            ("X_SWIFI_INSTL_TY", category), ("X_SWIFI_INSTL_MBY", "서울시(AP)"), ("X_SWIFI_SVC_SE", "공공WiFi"),
            ("X_SWIFI_CMCWR", "자가망_U무선망"), ("X_SWIFI_CNSTC_YEAR", "\(2011 + i % 12)"), ("X_SWIFI_INOUT_DOOR", i % 3 == 0 ? "실외" : "실내"),
            ("X_SWIFI_REMARS3", ""), ("LAT", a), ("LNT", b), ("WORK_DTTM", Self.workTime)
        ]
        return "{" + fields.map { "\"\($0.0)\":\"\($0.1)\"" }.joined(separator: ",") + "}"
    }

    /// The answer to `START/END` (1-based, inclusive): the rows, or Seoul's
    /// no-data answer past the end, or its error for more than 1,000 rows.
    public func page(start: Int, end: Int) -> String {
        guard start >= 1, start <= total, end >= start else {
            return #"{"RESULT":{"CODE":"INFO-200","MESSAGE":"해당하는 데이터가 없습니다."}}"#
        }
        guard end - start < 1000 else {
            return "<RESULT><CODE>ERROR-336</CODE><MESSAGE><![CDATA[데이터요청은 한번에 최대 1000건을 넘을 수 없습니다.]]></MESSAGE></RESULT>"
        }
        let rows = (start - 1..<min(end, total)).map(row).joined(separator: ",")
        return #"{"\#(Self.service)":{"list_total_count":\#(total),"RESULT":{"CODE":"INFO-000","MESSAGE":"정상 처리되었습니다"},"row":[\#(rows)]}}"#
    }

    /// `START` and `END` from a request's segments (`json`, `TbPublicWifiInfo`, START, END).
    public static func range(_ segments: [String]) -> (start: Int, end: Int)? {
        guard segments.count >= 4, segments[1] == service, let start = Int(segments[2]), let end = Int(segments[3]) else { return nil }
        return (start, end)
    }

    static let missingService =
        #"{"RESULT":{"CODE":"ERROR-310","MESSAGE":"해당하는 서비스를 찾을 수 없습니다."}}"#
}

/// `value` in decimal, zero-padded to `width` digits.
func digits(_ value: Int, _ width: Int) -> String {
    let text = String(value)
    return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
}
