/// The metaverse pane's labels, in Korean and English.
extension Strings {
    public var metaverseTitle: String { t("메타버스 서울", "Metaverse Seoul") }
    public var visits: String { t("누적 방문", "visits") }
    public func goal(_ year: Int) -> String { t("\(year) 목표", "\(year) goal") }
    public var installs: String { t("앱 설치", "installs") }
    public var dailyAverageVisits: String { t("일평균 방문", "daily visits") }
    public var shareBySpace: String { t("공간별 이용 비중", "use by space") }
    public func goalAsOf(_ date: String) -> String { t("\(date) 기준", "as of \(date)") }
    public var cumulativeVisits: String { t("누적 방문", "cumulative visits") }
    public var monthlyVisits: String { t("월별 방문", "visits by month") }
    /// Before a cumulative figure's date-stamped value.
    public var cumulativeShort: String { t("누적", "total") }
    public var sinceLaunch: String { t("개통 이후", "since launch") }
    public var sources: String { t("출처", "sources") }
    /// A mark on figures from a second source, explained in the footer.
    public func markedSource(_ label: String) -> String { t("*: \(label)", "*: \(label)") }
}
