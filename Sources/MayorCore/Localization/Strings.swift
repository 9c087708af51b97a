/// Every label the dashboard itself draws, in Korean and English: the shared
/// ones here, each data kind's own in its folder (`Kinds/<Kind>/<Kind>Strings.swift`,
/// an extension of this type). Text from data files (district names, titles)
/// is shown as written, not translated.
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
    /// A live feed's last run failed (`mayor fetch`, feeds-status.json), at `time` when known.
    public func feedFailed(at time: String?) -> String {
        guard let time else { return t("수집 실패", "feed failed") }
        return t("수집 실패 \(time)", "feed failed \(time)")
    }
    /// The figures shown are those fetched at `time`.
    public func showingData(_ time: String) -> String { t("\(time) 자료 표시 중", "showing \(time) data") }
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
    /// `panes`: how many panes the screen has (the digit keys focus them, 1 to 9).
    public func keyHints(panes: Int) -> String {
        let keys = Self.paneKeys(panes, dash: "-")
        return t(
            "\(keys) 창 · Tab 이동 · Enter 확대 · f 자치구 · r 새로고침 · p 회전 · [ ] 화면 · ? 도움말 · q 종료",
            "\(keys) pane · Tab move · Enter zoom · f district · r reload · p rotate · [ ] screen · ? help · q quit")
    }
    /// The digit keys that focus one of `panes` panes: `1-5`; `1` alone; at most `1-9`.
    static func paneKeys(_ panes: Int, dash: String) -> String {
        let n = min(9, max(1, panes))
        return n == 1 ? "1" : "1\(dash)\(n)"
    }
    /// Panes the layout leaves no room for at this size, said in place of the key hints.
    public func noRoom(_ names: String) -> String { t(" ⚠ 자리가 없어 안 보이는 창: \(names)", " ⚠ no room for \(names)") }
    public var helpTitle: String { t("도움말 — Esc 닫기", "Help — Esc to close") }
    /// The help box: key, what it does.
    /// `panes`: how many panes the screen has; `districtPanes`: the titles of the
    /// panes the district filter applies to.
    public func helpRows(panes: Int, districtPanes: [String]) -> [(key: String, text: String)] {
        let filtered = districtPanes.joined(separator: ", ")
        return [
            (Self.paneKeys(panes, dash: "–"), t("창 선택 (순서대로)", "focus a pane (by position)")),
            ("Tab / Shift-Tab", t("다음 / 이전 창", "next / previous pane")),
            ("← ↑ → ↓", t("방향으로 창 이동", "move focus that way")),
            ("Enter", t("선택한 창 확대 / 되돌리기", "zoom the focused pane / back")),
            ("Esc", t("확대 해제, 도움말 닫기", "unzoom, close this help")),
            ("f", t("자치구 필터 바꾸기 (\(filtered))", "cycle the district filter (\(filtered))")),
            ("r", t("자료 다시 읽기", "reload the data now")),
            ("p", t("화면 자동 회전 멈춤 / 다시", "pause / resume screen rotation")),
            ("[ ]", t("이전 / 다음 화면", "previous / next screen")),
            ("?", t("도움말", "this help")),
            ("q", t("종료", "quit"))
        ]
    }

    // MARK: shared by several panes
    public var date: String { t("날짜", "date") }
    public var partial: String { t("부분", "partial") }
    public var published: String { t("공표", "published") }

    // MARK: budgets and works (PaneKit)
    public func budget(_ asOf: String) -> String { t("예산 집행 (\(asOf) 기준)", "budget execution (as of \(asOf))") }
    public var budgetAmount: String { t("예산현액", "budget") }
    public var thousandWon: String { t("천원", "thousand won") }
    public var committed: String { t("원인행위", "committed") }
    public var paid: String { t("지출", "paid") }
    public func works(_ asOf: String) -> String { t("설치·교체 (\(asOf) 기준)", "installation and replacement (as of \(asOf))") }

    // MARK: lists
    /// A list cut short: how many rows are not shown.
    public func more(_ n: Int) -> String { t("외 \(n)개", "+\(n) more") }
}
