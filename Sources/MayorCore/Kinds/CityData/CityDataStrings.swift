/// The live city pane's labels, in Korean and English.
extension Strings {
    public var cityDataTitle: String { t("실시간 도시데이터", "Live city") }

    /// A congestion level in the UI's language (the feed's own word in Korean).
    public func congestion(_ level: CityDataContent.Level) -> String {
        switch level {
        case .relaxed: return t(level.word, "relaxed")
        case .normal: return t(level.word, "normal")
        case .slightlyBusy: return t(level.word, "slightly crowded")
        case .busy: return t(level.word, "crowded")
        }
    }

    /// A road traffic index in the UI's language.
    public func roadIndex(_ index: CityDataContent.RoadIndex) -> String {
        switch index {
        case .smooth: return t(index.word, "smooth")
        case .slow: return t(index.word, "slow")
        case .jammed: return t(index.word, "jammed")
        }
    }

    /// After the counts per level: "(20곳 중)" / "of 20".
    public func ofPlaces(_ n: Int) -> String { t("(\(n)곳 중)", "of \(n)") }
    public func places(_ n: Int) -> String { t("\(n)곳", "\(n) places") }
    /// The population reading's time: "인구 측정 08:50" / "population at 08:50".
    public func populationAt(_ time: String) -> String { t("인구 측정 \(time)", "population at \(time)") }
    public func roadAt(_ time: String) -> String { t("도로 \(time)", "roads at \(time)") }
    public var place: String { t("장소", "place") }
    public var congestionColumn: String { t("혼잡도", "congestion") }
    public var populationEstimate: String { t("추정 인구", "est. people") }
    public var road: String { t("주변 도로", "roads nearby") }
    public var hotspotAreaType: String { t("유형", "area type") }
    public var hotspotDistrict: String { t("자치구", "district") }
    /// The forecast chart's heading: the hotspot, its hours, what the bars are.
    public func forecastHeading(_ name: String, hours: Int) -> String {
        t("\(name) 향후 \(hours)시간 예측 (추정 인구 상한, 막대 색은 혼잡도)", "\(name): forecast, next \(hours) h (upper estimate; bar colour = congestion)")
    }
    public func forecastHeadingShort(_ name: String) -> String { t("\(name) 예측", "\(name) forecast") }
    public var forecastTime: String { t("시각", "time") }
    public var noForecast: String { t("예측 없음", "no forecast") }
    /// The footer: the reading time (KST) and the source.
    public func readingProvenance(_ time: String, _ agency: String, _ dataset: String?) -> String {
        let set = dataset.map { " \($0)" } ?? ""
        return t("측정 \(time) KST · 출처: \(agency)\(set)", "read \(time) KST · source: \(agency)\(set)")
    }
    public func readingProvenanceShort(_ time: String) -> String { t("측정 \(time) KST", "read \(time) KST") }
}
