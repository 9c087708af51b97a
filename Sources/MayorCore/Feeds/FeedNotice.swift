/// A failed live feed, as the pane of its kind says it on its problem line:
/// `⚠ feed failed 19:40: ERROR-500 server error · showing 18:00 data`. The
/// figures drawn stay the last good ones; this only says the feed behind
/// them failed, when, why, and how old what is shown is.
public struct FeedNotice: Hashable, Sendable {
    public var report: FeedReport
    /// When the data shown was fetched (the snapshot's `fetch.fetchedAt`,
    /// else the feed's last success); nil when there is none to show.
    public var showing: Double?

    public init(report: FeedReport, showing: Double?) {
        self.report = report
        self.showing = showing
    }

    /// The notice for a feed's `report` beside the `snapshot` held, or nil:
    /// nothing when the feed is fine, and nothing when the snapshot was
    /// fetched after the failure (the status file read is older than the
    /// snapshot: a newer good file is not contradicted).
    public static func make(_ report: FeedReport?, snapshot: Snapshot?) -> FeedNotice? {
        guard let report, report.failed else { return nil }
        let fetchedAt = snapshot?.envelope.fetchedAtInstant
        if let fetchedAt, let failedAt = report.failedAt, fetchedAt > failedAt { return nil }
        let showing = snapshot == nil ? nil : (fetchedAt ?? report.lastSuccess)
        return FeedNotice(report: report, showing: showing)
    }

    /// A time on the line: `19:40` on the day of `now` (Seoul), `11-28 19:40`
    /// in the same year, `2025-11-28 19:40` before.
    static func time(_ instant: Double, now: Double) -> String {
        let day = CalendarDate.seoulDay(of: instant)
        let clock = String(CalendarDate.seoulTime(of: instant).prefix(5))
        let today = CalendarDate.seoulDay(of: now)
        if day == today { return clock }
        if day.prefix(5) == today.prefix(5) { return "\(day.dropFirst(5)) \(clock)" }
        return "\(day) \(clock)"
    }

    /// The line in at most `width` columns. What goes first when it is
    /// narrow: the end of the error text (cut between words, a figure never
    /// cut: `TextFit.truncate`), then the error text, then how old the data
    /// shown is, then the code; `⚠ feed failed 19:40` stays longest.
    public func line(_ strings: Strings, now: Double, width: Int) -> String {
        guard width > 0 else { return "" }
        let head = "⚠ " + strings.feedFailed(at: report.failedAt.map { Self.time($0, now: now) })
        var code = report.code.map { ": " + $0.value } ?? ""
        var message = report.message?.value ?? ""
        // "ERROR-500 server error" already starts with its code: said once.
        if let c = report.code?.value, !c.isEmpty, message.hasPrefix(c) {
            code = ": " + c
            message = String(message.dropFirst(c.count).drop { $0 == " " || $0 == ":" })
        }
        let lead = code.isEmpty ? ": " : " "
        let tail = showing.map { " · " + strings.showingData(Self.time($0, now: now)) } ?? ""
        func fits(_ s: String) -> Bool { s.displayWidth <= width }
        func withMessage(_ before: String, _ after: String) -> String? {
            guard !message.isEmpty else { return nil }
            let full = before + lead + message + after
            if fits(full) { return full }
            let room = width - before.displayWidth - lead.displayWidth - after.displayWidth
            guard room >= 8 else { return nil }
            let cut = TextFit.truncate(message, to: room)
            guard cut.displayWidth >= 4 else { return nil }
            return before + lead + cut + after
        }
        let candidates: [String?] = [
            withMessage(head + code, tail),
            head + code + tail,
            withMessage(head + code, ""),
            head + code,
            head + tail,
            head
        ]
        for candidate in candidates {
            if let candidate, fits(candidate) { return candidate }
        }
        return TextFit.truncate(head, to: width)
    }
}
