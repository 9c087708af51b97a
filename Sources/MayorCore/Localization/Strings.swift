/// Every label the dashboard itself draws, in Korean and English. Text from
/// data files (district names, titles) is shown as written, not translated.
public struct Strings: Sendable {
    public let language: Language

    public init(_ language: Language) { self.language = language }

    func t(_ ko: String, _ en: String) -> String { language == .ko ? ko : en }

    /// Text from a data file in the UI's language: the English form in English
    /// when the file gives one, else the Korean as written.
    public func dataText<T>(_ ko: T, _ en: T?) -> T { language == .en ? (en ?? ko) : ko }

    /// A count in the short form of the UI language: 183만 / 1.83M.
    public func short(_ value: Int) -> String { language == .ko ? NumberFormat.compactKorean(value) : NumberFormat.compact(value) }
    public func short(_ value: Double) -> String { language == .ko ? NumberFormat.compactKorean(value) : NumberFormat.compact(value) }

    static let monthsEn = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    /// Month 1...12 as `9월` / `Sep`; `narrow` (a column under 4 cells) drops the `월` in Korean.
    public func monthName(_ month: Int, narrow: Bool = false) -> String {
        language == .ko ? (narrow ? "\(month)" : "\(month)월") : Self.monthsEn[month - 1]
    }

    /// The UI language from `--lang`, else LC_ALL / LC_MESSAGES / LANG
    /// (Korean when it starts with `ko`), else English.
    public static func language(override: String?, environment: [String: String]) -> Language {
        if let override, let lang = Language(rawValue: override.lowercased()) { return lang }
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[key], !value.isEmpty {
                return value.lowercased().hasPrefix("ko") ? .ko : .en
            }
        }
        return .en
    }

    // MARK: pane chrome
    public var asOf: String { t("기준", "as of") }
    public var source: String { t("출처", "source") }
    public var sample: String { t("표본", "SAMPLE") }
    public var stale: String { t("지연", "STALE") }
    public var error: String { t("오류", "ERROR") }
    /// A remote file's server does not answer: the figures are the last good ones.
    public var offline: String { t("연결 끊김", "OFFLINE") }
    /// A file whose read has taken unusually long (a hung network mount).
    public var reading: String { t("읽는 중", "READING") }
    public var noData: String { t("데이터 없음", "no data") }
    public var lastGood: String { t("마지막 정상 자료", "last good data") }
    public var loadedAt: String { t("불러온 시각", "loaded") }
    public func daysOld(_ days: Int) -> String {
        days >= 365 ? t("\(days / 365)년 경과", "\(days / 365)y old") : t("\(days)일 경과", "\(days)d old")
    }
    public func minutesOld(_ minutes: Int) -> String { t("\(minutes)분 경과", "\(minutes) min old") }
    /// A stale age (seconds) in its kind's unit; minutes turn to days from a day on.
    public func age(seconds: Int, unit: AgeUnit) -> String {
        switch unit {
        case .minutes where seconds < 86400: return minutesOld(seconds / 60)
        case .days, .minutes: return daysOld(seconds / 86400)
        }
    }
    public var filter: String { t("필터", "filter") }
    public var allDistricts: String { t("전체", "all") }

    // MARK: header and status
    public var allFresh: String { t("자료 정상", "data fresh") }
    public func staleFiles(_ n: Int) -> String { t("지연 \(n)", "\(n) stale") }
    public var paused: String { t("회전 멈춤", "rotation paused") }
    public var rotating: String { t("자동 회전", "rotating") }
    public func tooSmall(needWidth: Int, needHeight: Int, width: Int, height: Int) -> String {
        t(
            "터미널이 너무 작습니다: \(needWidth)×\(needHeight) 필요 (현재 \(width)×\(height))",
            "terminal too small: need \(needWidth)×\(needHeight) (now \(width)×\(height))")
    }
    public func step(_ n: Int, of m: Int) -> String { t("\(m)단계 중 \(n)", "step \(n) of \(m)") }
    public var helpHint: String { t("? 도움말", "? help") }
    /// The key hints on the bottom row: in a briefing, and on the wall.
    public var briefingKeyHints: String { t("Space/→ 다음 · ← 이전 · p 멈춤 · q 종료", "Space/→ next · ← back · p pause · q quit") }
    public var keyHints: String {
        t(
            "1-5 창 · Tab 이동 · Enter 확대 · f 자치구 · r 새로고침 · p 회전 · [ ] 화면 · ? 도움말 · q 종료",
            "1-5 pane · Tab move · Enter zoom · f district · r reload · p rotate · [ ] screen · ? help · q quit")
    }
    /// Panes the layout leaves no room for at this size, said in place of the key hints.
    public func noRoom(_ names: String) -> String { t(" ⚠ 자리가 없어 안 보이는 창: \(names)", " ⚠ no room for \(names)") }
    public var helpTitle: String { t("도움말 — Esc 닫기", "Help — Esc to close") }
    /// The help box: key, what it does.
    public var helpRows: [(key: String, text: String)] {
        [
            ("1–5", t("창 선택 (순서대로)", "focus a pane (by position)")),
            ("Tab / Shift-Tab", t("다음 / 이전 창", "next / previous pane")),
            ("← ↑ → ↓", t("방향으로 창 이동", "move focus that way")),
            ("Enter", t("선택한 창 확대 / 되돌리기", "zoom the focused pane / back")),
            ("Esc", t("확대 해제, 도움말 닫기", "unzoom, close this help")),
            ("f", t("자치구 필터 바꾸기 (CCTV, 공약)", "cycle the district filter (CCTV, pledges)")),
            ("r", t("자료 다시 읽기", "reload the data now")),
            ("p", t("화면 자동 회전 멈춤 / 다시", "pause / resume screen rotation")),
            ("[ ]", t("이전 / 다음 화면", "previous / next screen")),
            ("?", t("도움말", "this help")),
            ("q", t("종료", "quit"))
        ]
    }

    // MARK: wifi
    public var wifiTitle: String { t("공공와이파이", "Public Wi-Fi") }
    public var accessPoints: String { t("AP 총계", "access points") }
    public var fixed: String { t("고정형", "fixed") }
    public var mobile: String { t("이동형", "mobile") }
    public var dailyUsers: String { t("일평균 접속자", "daily users") }
    public var dailyData: String { t("일평균 데이터", "daily data") }
    public var byCategory: String { t("설치 유형별 AP", "APs by category") }
    public func versus(_ label: String) -> String { t("\(label) 대비", "vs \(label)") }
    public var byGroup: String { t("유형별 AP", "APs by group") }
    public var byMonthTable: String { t("월별 이용 (일평균)", "use by month (daily average)") }
    public var month: String { t("월", "month") }
    public var users: String { t("접속자", "users") }
    public var byMonth: String { t("월별", "by month") }
    public var dailyDataByMonth: String { t("일평균 데이터량 (TB, 월별)", "daily data (TB, by month)") }

    // MARK: traffic
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
    public var date: String { t("날짜", "date") }
    public var reported: String { t("보고 구간", "reported") }
    public var total: String { t("합계", "total") }
    public var partial: String { t("부분", "partial") }
    /// The unit after a volume figure in a heading: `대` in Korean, none in English.
    public var volumeUnit: String { t("대", "") }
    public var trend30Days: String { t("30일 추이", "30-day trend") }
    public var weightedSpeed: String { t("평균 속도 (교통량 가중, 전체 구간)", "avg speed (volume-weighted, all corridors)") }

    // MARK: metaverse
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

    // MARK: budgets and works (wifi, metaverse)
    public func budget(_ asOf: String) -> String { t("예산 집행 (\(asOf) 기준)", "budget execution (as of \(asOf))") }
    public var budgetAmount: String { t("예산현액", "budget") }
    public var thousandWon: String { t("천원", "thousand won") }
    public var committed: String { t("원인행위", "committed") }
    public var paid: String { t("지출", "paid") }
    public func works(_ asOf: String) -> String { t("설치·교체 (\(asOf) 기준)", "installation and replacement (as of \(asOf))") }

    // MARK: cctv
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

    // MARK: pledges
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
    public var published: String { t("공표", "published") }
    public var status: String { t("상태", "status") }
    public var millionWon: String { t("백만원", "M won") }
    public func figuresThrough(_ date: String) -> String { t("\(date) 기준", "as of \(date)") }
    public func quarter(_ year: Int, _ q: Int) -> String { t("\(year) \(q)/4", "\(year) Q\(q)") }
    public func behindTarget(_ period: String) -> String { t("\(period) 목표 미달", "behind the \(period) target") }
    public func onTarget(_ period: String) -> String { t("\(period) 목표 달성", "on the \(period) target") }
    public func quarterlyTargets(_ year: Int) -> String { t("\(year) 분기별 목표", "\(year) quarterly targets") }
    public var outputs: String { t("산출 (목표 없음)", "outputs (no target)") }
    public var districtRates: String { t("자치구별 이행률", "rates by district") }

    // MARK: lists
    /// A list cut short: how many rows are not shown.
    public func more(_ n: Int) -> String { t("외 \(n)개", "+\(n) more") }
}
