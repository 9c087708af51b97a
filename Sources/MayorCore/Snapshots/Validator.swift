/// Collects problems while checking a decoded snapshot, with JSON paths.
public struct Validator {
    public let file: String
    public private(set) var problems: [Problem] = []

    public init(file: String) { self.file = file }

    /// A value that breaks its field's rule (`Problem.Code.invalid`).
    public mutating func fail(_ path: String, _ message: String) {
        problems.append(Problem(.invalid, file: file, path: path, message: message))
    }

    public var isClean: Bool { problems.isEmpty }

    // MARK: numbers

    public mutating func count(_ value: Int, _ path: @autoclosure () -> String) {
        if value < 0 { fail(path(), "must not be negative (found \(value))") }
    }

    public mutating func finite(_ value: Double, _ path: @autoclosure () -> String) -> Bool {
        if !value.isFinite {
            fail(path(), "must be a finite number")
            return false
        }
        return true
    }

    public mutating func nonNegative(_ value: Double, _ path: @autoclosure () -> String) {
        if finite(value, path()), value < 0 { fail(path(), "must not be negative (found \(value))") }
    }

    public mutating func range(_ value: Double, _ range: ClosedRange<Double>, _ path: @autoclosure () -> String) {
        if finite(value, path()), !range.contains(value) {
            fail(path(), "must be between \(range.lowerBound) and \(range.upperBound) (found \(value))")
        }
    }

    // MARK: text and dates

    public mutating func nonEmpty(_ text: SafeText, _ path: @autoclosure () -> String) {
        if text.isBlank { fail(path(), "must not be empty") }
    }

    @discardableResult
    public mutating func day(_ text: SafeText, _ path: @autoclosure () -> String) -> Int? {
        guard let d = CalendarDate.parseDay(text.value) else {
            fail(path(), "\"\(text)\" is not a date (YYYY-MM-DD)")
            return nil
        }
        return d
    }

    @discardableResult
    public mutating func month(_ text: SafeText, _ path: @autoclosure () -> String) -> Int? {
        guard let m = CalendarDate.parseMonth(text.value) else {
            fail(path(), "\"\(text)\" is not a month (YYYY-MM)")
            return nil
        }
        return m.year * 12 + m.month - 1
    }

    /// Values must strictly increase (dates or months ascending, no repeats).
    public mutating func ascending(_ keys: [Int?], _ path: (Int) -> String, what: String) {
        var previous: Int?
        for (i, key) in keys.enumerated() {
            guard let key else { continue }
            if let previous, key <= previous {
                fail(path(i), key == previous ? "repeats the previous \(what)" : "is earlier than the previous \(what): \(what)s must be in ascending order")
            }
            previous = key
        }
    }

    public mutating func unique(_ values: [SafeText], _ path: (Int) -> String, what: String) {
        var seen = Set<SafeText>()
        for (i, value) in values.enumerated() where !seen.insert(value).inserted {
            fail(path(i), "duplicate \(what) \"\(value)\"")
        }
    }

    public mutating func notEmpty<T>(_ array: [T], _ path: @autoclosure () -> String) {
        if array.isEmpty { fail(path(), "must have at least one entry") }
    }

    /// Guards memory and drawing time against absurd files.
    public mutating func atMost<T>(_ array: [T], _ limit: Int, _ path: @autoclosure () -> String) {
        if array.count > limit { fail(path(), "has \(array.count) entries; at most \(limit) are read") }
    }

    /// Checks the envelope against the clock.
    mutating func envelope(_ e: Envelope, now: Double) {
        nonEmpty(e.source.document, "source.document")
        nonEmpty(e.source.agency, "source.agency")
        if let instant = e.asOfInstant {
            if instant > now + 86400 {
                fail("asOf", "\"\(e.asOf)\" is in the future")
            }
        } else {
            fail("asOf", "\"\(e.asOf)\" is not an ISO-8601 date (YYYY-MM-DD) or date-time with offset (YYYY-MM-DDTHH:MM:SS+09:00)")
        }
        for (name, part) in [("fetch", e.fetch), ("provenance", e.provenance)] {
            if let fetchedAt = part?.fetchedAt, CalendarDate.parseInstant(fetchedAt.value) == nil {
                fail("\(name).fetchedAt", "\"\(fetchedAt)\" is not an ISO-8601 date-time with offset (YYYY-MM-DDTHH:MM:SSZ)")
            }
        }
        if let maxAge = e.maxAgeDays, !(maxAge.isFinite && maxAge > 0) {
            fail("maxAgeDays", "must be a positive number of days")
        }
    }
}
