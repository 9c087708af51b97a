/// The traffic pane's labels, in Korean and English.
extension Strings {
    public var trafficTitle: String { t("교통", "Traffic") }
    public var dailyVolume: String { t("일 교통량", "daily volume") }
    public var averageSpeed: String { t("평균 속도", "avg speed") }
    public var busiest: String { t("최다 통행", "busiest") }
    public var corridors: String { t("구간별", "by corridor") }
    public var vehicles: String { t("대", "veh") }
    public var allCorridors: String { t("전체 구간 합계", "all corridors") }
    /// How many of the corridors reported a day.
    public func coverage(_ n: Int, of m: Int) -> String { t("\(m)개 구간 중 \(n)개", "\(n) of \(m) corridors") }
    /// A newest day that not every corridor reported: named, not totalled.
    public func partialDay(_ date: String, _ n: Int, of m: Int) -> String {
        t("\(date): \(m)개 구간 중 \(n)개만 보고 (부분 집계, 합계에서 제외)", "\(date): \(n) of \(m) corridors reported so far (partial, not totalled)")
    }
    public func weekBefore(_ date: String) -> String { t("1주 전(\(date)) 대비", "vs a week before (\(date))") }
    public func corridorVolumes(_ date: String) -> String { t("구간별 교통량 (\(date))", "volume by corridor (\(date))") }
    public var recentDays: String { t("최근 일자별 집계", "recent days") }
    public var reported: String { t("보고 구간", "reported") }
    public var total: String { t("합계", "total") }
    /// The unit after a volume figure in a heading: `대` in Korean, none in English.
    public var volumeUnit: String { t("대", "") }
    public var trend30Days: String { t("30일 추이", "30-day trend") }
    public var weightedSpeed: String { t("평균 속도 (교통량 가중, 전체 구간)", "avg speed (volume-weighted, all corridors)") }
}
