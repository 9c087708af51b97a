/// The Wi-Fi pane's labels, in Korean and English.
extension Strings {
    public var wifiTitle: String { t("공공와이파이", "Public Wi-Fi") }
    public var accessPoints: String { t("AP 총계", "access points") }
    public var fixed: String { t("고정형", "fixed") }
    public var mobile: String { t("이동형", "mobile") }
    public var dailyUsers: String { t("일평균 접속자", "daily users") }
    public var dailyData: String { t("일평균 데이터", "daily data") }
    public var byCategory: String { t("설치 유형별 AP", "APs by category") }
    public func versus(_ label: String) -> String { t("\(label) 대비", "vs \(label)") }
    public var byGroup: String { t("유형별 AP", "APs by group") }
    public var apsByDistrict: String { t("자치구별 AP", "APs by district") }
    public var outsideSeoul: String { t("서울 외", "outside Seoul") }
    public var usageAsOf: String { t("이용 기준", "usage as of") }
    public var byMonthTable: String { t("월별 이용 (일평균)", "use by month (daily average)") }
    public var month: String { t("월", "month") }
    public var users: String { t("접속자", "users") }
    public var byMonth: String { t("월별", "by month") }
    public var dailyDataByMonth: String { t("일평균 데이터량 (TB, 월별)", "daily data (TB, by month)") }
}
