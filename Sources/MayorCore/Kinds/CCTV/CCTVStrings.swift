/// The CCTV pane's labels, in Korean and English.
extension Strings {
    public var cctvTitle: String { t("CCTV", "CCTV") }
    public var cameras: String { t("자치구 CCTV", "district cameras") }
    public var byDistrict: String { t("자치구별", "by district") }
    public var ageing: String { t("노후 (8년 이상)", "aged 8+ years") }
    public var aged8to10: String { t("8–10년", "8–10 y") }
    public var aged10plus: String { t("10년 이상", "10+ y") }
    public func programme(_ year: Int) -> String { t("\(year) 사업", "\(year) programme") }
    public var newCameras: String { t("신설", "new") }
    public var replaced: String { t("교체", "replaced") }
    public func sites(_ n: Int) -> String { t("\(NumberFormat.grouped(n))개소", "\(NumberFormat.grouped(n)) sites") }
    public func districtCount(_ n: Int) -> String { t("\(n)개 구", "\(n) districts") }
    public var ageingRate: String { t("노후율", "ageing rate") }
    public var under8: String { t("8년 미만", "under 8 y") }
    public func ageProfile(_ date: String) -> String { t("자치구 CCTV 노후 현황 (\(date) 기준)", "district cameras by age (as of \(date))") }
    /// "<district> CCTV n · 서울 N 중 x%" / "· of Seoul's N x%".
    public func shareOfSeoul(_ total: String, _ share: String) -> String { t("서울 \(total) 중 \(share)", "of Seoul's \(total)  \(share)") }
    public var asOfUnknown: String { t("기준일 미상", "date unknown") }
    /// The source's word for a programme's stage, in the UI's language.
    public func stage(_ word: String) -> String {
        switch word {
        case "추진중": return t(word, "under way")
        case "교체예정", "예정": return t(word, "planned")
        case "완료", "추진완료": return t(word, "completed")
        default: return word
        }
    }
    public func budgets(_ date: String) -> String { t("예산 (천원, \(date) 기준)", "budgets (thousand won, as of \(date))") }
}
