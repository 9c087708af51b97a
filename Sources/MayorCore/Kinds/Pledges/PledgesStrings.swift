/// The pledges pane's labels, in Korean and English.
extension Strings {
    public var pledgesTitle: String { t("공약 이행", "Pledges") }
    /// A rate as the source publishes it.
    public var publishedRate: String { t("공표 이행률", "published rate") }
    /// A rate computed here with the source's weights, which it names.
    public func weightedRate(_ weights: [Double]) -> String {
        let w = weights.map { NumberFormat.decimal($0, places: 0) }
        return t("가중 산출 (가중치 \(w.joined(separator: "·")))", "weighted, computed (weights \(w.joined(separator: "/")))")
    }
    /// A rate computed here as the plain mean of `n` indicators.
    public func meanRate(_ n: Int) -> String { t("지표 \(n)개 단순평균", "mean of \(n) indicators") }
    /// The short name of a rate's method.
    public var weightedShort: String { t("가중", "weighted") }
    public var meanShort: String { t("평균", "mean") }
    /// A quarter's column heading: `3/4` / `Q3`.
    public func quarterColumn(_ q: Int) -> String { t("\(q)/4", "Q\(q)") }
    /// The spread of district rates: `자치구별 lo~hi` / `per district, lo to hi`.
    public func districtRange(_ lo: String, _ hi: String) -> String { t("자치구별 \(lo)~\(hi)", "per district, \(lo) to \(hi)") }
    public var noPublishedRate: String { t("공표 이행률 없음", "no published rate") }
    /// Marks a figure derived here, not published (참고).
    public var derived: String { t("참고", "derived") }
    public var indicatorsDerived: String { t("지표는 보고서 수치에서 산출", "indicators derived from the report's figures") }
    public var basis: String { t("근거", "basis") }
    public var indicator: String { t("지표", "indicator") }
    public var target: String { t("목표", "target") }
    public var actual: String { t("실적", "actual") }
    public var weight: String { t("가중치", "wt") }
    public var budget: String { t("예산", "budget") }
    public var spent: String { t("집행", "spent") }
    public var plan: String { t("계획", "plan") }
    public var secured: String { t("확보", "secured") }
    public var spendingNotPublished: String { t("집행액 미공표", "spending not published") }
    public var status: String { t("상태", "status") }
    public var millionWon: String { t("백만원", "M won") }
    public func figuresThrough(_ date: String) -> String { t("\(date) 기준", "as of \(date)") }
    public func quarter(_ year: Int, _ q: Int) -> String { t("\(year) \(q)/4", "\(year) Q\(q)") }
    public func behindTarget(_ period: String) -> String { t("\(period) 목표 미달", "behind the \(period) target") }
    public func onTarget(_ period: String) -> String { t("\(period) 목표 달성", "on the \(period) target") }
    public func quarterlyTargets(_ year: Int) -> String { t("\(year) 분기별 목표", "\(year) quarterly targets") }
    public var outputs: String { t("산출 (목표 없음)", "outputs (no target)") }
    public var districtRates: String { t("자치구별 이행률", "rates by district") }
}
