/// Seoul's 25 autonomous districts (자치구): administrative code, Korean and
/// English names, in the code order the bundled files use.
public enum SeoulDistricts {
    public struct District: Sendable, Hashable {
        public var code: String
        public var name: String
        public var nameEn: String
    }

    public static let all: [District] = [
        ("11110", "종로구", "Jongno-gu"), ("11140", "중구", "Jung-gu"), ("11170", "용산구", "Yongsan-gu"),
        ("11200", "성동구", "Seongdong-gu"), ("11215", "광진구", "Gwangjin-gu"), ("11230", "동대문구", "Dongdaemun-gu"),
        ("11260", "중랑구", "Jungnang-gu"), ("11290", "성북구", "Seongbuk-gu"), ("11305", "강북구", "Gangbuk-gu"),
        ("11320", "도봉구", "Dobong-gu"), ("11350", "노원구", "Nowon-gu"), ("11380", "은평구", "Eunpyeong-gu"),
        ("11410", "서대문구", "Seodaemun-gu"), ("11440", "마포구", "Mapo-gu"), ("11470", "양천구", "Yangcheon-gu"),
        ("11500", "강서구", "Gangseo-gu"), ("11530", "구로구", "Guro-gu"), ("11545", "금천구", "Geumcheon-gu"),
        ("11560", "영등포구", "Yeongdeungpo-gu"), ("11590", "동작구", "Dongjak-gu"), ("11620", "관악구", "Gwanak-gu"),
        ("11650", "서초구", "Seocho-gu"), ("11680", "강남구", "Gangnam-gu"), ("11710", "송파구", "Songpa-gu"),
        ("11740", "강동구", "Gangdong-gu")
    ].map { District(code: $0.0, name: $0.1, nameEn: $0.2) }

    /// The district a cell names: `동대문` and `동대문구` alike, spaces
    /// ignored (`동 대 문 구` is not a spelling seen, but costs nothing). nil
    /// for anything else.
    public static func named(_ text: String) -> District? {
        let bare = String(text.unicodeScalars.filter { !$0.properties.isWhitespace })
        return all.first { $0.name == bare || $0.name == bare + "구" }
    }

    /// `합계`, `계`, `총계`, `소계`: a total row's label.
    static func isTotal(_ text: String) -> Bool {
        ["합계", "계", "총계", "전체"].contains(String(text.unicodeScalars.filter { !$0.properties.isWhitespace }))
    }
}
