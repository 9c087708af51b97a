/// Series laid out on the calendar rather than by array position: a missing
/// month or day is a slot of its own (nil), and "the month before" or "a week
/// before" is found by date, never by index.
public enum CalendarSeries {
    /// One slot per calendar month from the first entry's month to the last
    /// one's (at most `maxMonths`, the newest), with the entry's value or nil.
    /// Entries must be ascending by month (the validator checks); entries
    /// whose month does not parse are left out.
    public static func months<T>(_ entries: [(month: SafeText, value: T)], maxMonths: Int = 1200) -> [(month: String, value: T?)] {
        let keyed = entries.compactMap { e in CalendarDate.parseMonth(e.month.value).map { (key: $0.year * 12 + $0.month - 1, value: e.value) } }
        guard let first = keyed.first, let last = keyed.last, last.key >= first.key else { return [] }
        let start = max(first.key, last.key - (maxMonths - 1))
        var out: [(month: String, value: T?)] = []
        out.reserveCapacity(last.key - start + 1)
        var i = keyed.firstIndex { $0.key >= start } ?? keyed.count
        for key in start...last.key {
            if i < keyed.count, keyed[i].key == key {
                out.append((monthString(key), keyed[i].value))
                i += 1
            } else {
                out.append((monthString(key), nil))
            }
        }
        return out
    }

    /// `YYYY-MM` of the calendar month before `month` (`2023-01` → `2022-12`).
    public static func previousMonth(of month: SafeText) -> String? {
        guard let m = CalendarDate.parseMonth(month.value) else { return nil }
        return monthString(m.year * 12 + m.month - 2)
    }

    /// The entry for the calendar month before the last entry's month, if there is one.
    public static func previous<T>(_ entries: [T], month: (T) -> SafeText) -> T? {
        guard let last = entries.last, let wanted = previousMonth(of: month(last)) else { return nil }
        return entries.dropLast().last { month($0).value == wanted }
    }

    /// `YYYY-MM` of a month key (year × 12 + month − 1).
    static func monthString(_ key: Int) -> String {
        let year = key >= 0 ? key / 12 : (key - 11) / 12
        let month = key - year * 12 + 1
        return "\(pad(year, 4))-\(pad(month, 2))"
    }

    /// `YYYY-MM-DD` of a day number (days since 1970-01-01).
    static func dayString(_ day: Int) -> String {
        let (y, m, d) = CalendarDate.civil(fromDays: day)
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
