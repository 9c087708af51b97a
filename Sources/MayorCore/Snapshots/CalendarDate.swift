/// Dates as the snapshots write them, parsed strictly without locale or
/// calendar machinery: `YYYY-MM-DD`, `YYYY-MM`, or an ISO-8601 date-time
/// `YYYY-MM-DDTHH:MM[:SS[.fff]](Z|±HH:MM)`.
///
/// Instants are seconds since 1970-01-01T00:00:00Z. A bare date means the
/// start of that day in Seoul (UTC+9), where every source is.
public enum CalendarDate {
    public static let seoulOffsetSeconds = 9 * 3600

    /// Days from 1970-01-01 to the given civil date (proleptic Gregorian).
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// The civil date of a day number (inverse of `daysFromCivil`).
    public static func civil(fromDays z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// 0 = Monday … 6 = Sunday.
    public static func weekday(ofDays days: Int) -> Int {
        ((days % 7) + 7 + 3) % 7
    }

    /// Reads the UTF-8 bytes of the text in place (no copy: these run once
    /// per row of large files).
    struct Cursor {
        let chars: UnsafeBufferPointer<UInt8>
        var i = 0
        mutating func number(_ digits: Int) -> Int? {
            guard i + digits <= chars.count else { return nil }
            var n = 0
            for k in 0..<digits {
                let c = chars[i + k]
                guard c >= 0x30 && c <= 0x39 else { return nil }
                n = n * 10 + Int(c - 0x30)
            }
            i += digits
            return n
        }
        mutating func expect(_ c: Unicode.Scalar) -> Bool {
            guard i < chars.count, UInt32(chars[i]) == c.value else { return false }
            i += 1
            return true
        }
        var atEnd: Bool { i == chars.count }
    }

    static func reading<R>(_ text: String, _ body: (inout Cursor) -> R) -> R {
        var text = text
        return text.withUTF8 { bytes in
            var c = Cursor(chars: bytes)
            return body(&c)
        }
    }

    /// Parses `YYYY-MM-DD` to a day number.
    public static func parseDay(_ text: String) -> Int? {
        reading(text) { c in
            guard let d = parseDate(&c), c.atEnd else { return nil }
            return d
        }
    }

    /// Parses `YYYY-MM` to (year, month).
    public static func parseMonth(_ text: String) -> (year: Int, month: Int)? {
        reading(text) { c in
            guard let y = c.number(4), c.expect("-"), let m = c.number(2), c.atEnd, (1...12).contains(m) else { return nil }
            return (y, m)
        }
    }

    static func parseDate(_ c: inout Cursor) -> Int? {
        guard let y = c.number(4), c.expect("-"), let m = c.number(2), c.expect("-"), let d = c.number(2) else { return nil }
        guard (1...12).contains(m), d >= 1, d <= daysInMonth(year: y, month: m) else { return nil }
        return daysFromCivil(year: y, month: m, day: d)
    }

    /// Parses a date or date-time to seconds since the epoch (see type docs).
    public static func parseInstant(_ text: String) -> Double? {
        reading(text) { c in parseInstant(&c) }
    }

    static func parseInstant(_ c: inout Cursor) -> Double? {
        guard let days = parseDate(&c) else { return nil }
        if c.atEnd { return Double(days * 86400 - seoulOffsetSeconds) }
        guard c.expect("T") || c.expect(" ") else { return nil }
        guard let hh = c.number(2), c.expect(":"), let mm = c.number(2), hh < 24, mm < 60 else { return nil }
        var seconds = Double(hh * 3600 + mm * 60)
        if c.expect(":") {
            guard let ss = c.number(2), ss < 61 else { return nil }
            seconds += Double(ss)
            if c.expect(".") {
                var scale = 0.1
                var any = false
                while let digit = c.number(1) {
                    seconds += Double(digit) * scale
                    scale /= 10
                    any = true
                }
                guard any else { return nil }
            }
        }
        var offset = 0
        if c.expect("Z") {
            offset = 0
        } else if c.expect("+") || c.expect("-") {
            let sign = c.chars[c.i - 1] == UInt8(ascii: "-") ? -1 : 1
            guard let oh = c.number(2), c.expect(":") || true, let om = c.number(2), oh < 24, om < 60 else { return nil }
            offset = sign * (oh * 3600 + om * 60)
        } else {
            return nil  // a date-time must say its offset
        }
        guard c.atEnd else { return nil }
        return Double(days * 86400) + seconds - Double(offset)
    }

    /// `YYYY-MM-DD` of an instant in Seoul.
    public static func seoulDay(of instant: Double) -> String {
        let (y, m, d) = civil(fromDays: Int(((instant + Double(seoulOffsetSeconds)) / 86400).rounded(.down)))
        return "\(y)-\(pad2(m))-\(pad2(d))"
    }

    /// `YYYY-MM-DD` of a day number, the year written with at least four
    /// digits (`0001-01-01`), as `parseDay` reads it back.
    public static func format(day: Int) -> String {
        let (y, m, d) = civil(fromDays: day)
        var year = String(y)
        while year.utf8.count < 4 { year = "0" + year }
        return "\(year)-\(pad2(m))-\(pad2(d))"
    }

    /// `HH:MM:SS` of an instant in Seoul.
    public static func seoulTime(of instant: Double) -> String {
        let local = Int((instant + Double(seoulOffsetSeconds)).rounded(.down))
        let s = ((local % 86400) + 86400) % 86400
        return "\(pad2(s / 3600)):\(pad2(s / 60 % 60)):\(pad2(s % 60))"
    }

    static func pad2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
