/// Deterministic number formatting for the wall: no locale, no Foundation, the
/// same output on every machine.
///
/// - Rounding is half away from zero on the number's shortest decimal form
///   (what `Double.description` prints), so `1.005` rounds to `1.01` as a
///   reader expects, and a result that rounds to zero never shows as `-0.0`.
/// - NaN and ±∞ format as `"–"` (an en dash), never as "nan" or a crash.
/// - Plain negatives use ASCII `-`; signed changes use `+` and `−` (U+2212).
public enum NumberFormat {
    /// What any non-finite value formats as.
    public static let invalid = "–"

    /// Integer with thousands separators: `31245` → `"31,245"`, `-1200` → `"-1,200"`.
    public static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        return (value < 0 ? "-" : "") + group(Substring(digits))
    }

    /// `value` rounded to a whole number, with thousands separators.
    public static func grouped(_ value: Double) -> String {
        groupedDecimal(value, places: 0)
    }

    /// `value` with exactly `places` decimals: `decimal(55.74, places: 1)` → `"55.7"`.
    public static func decimal(_ value: Double, places: Int) -> String {
        guard let d = Digits(value) else { return invalid }
        return d.formatted(places: max(0, places), grouping: false)
    }

    /// `decimal` with thousands separators: `1234567.891` → `"1,234,567.9"`.
    public static func groupedDecimal(_ value: Double, places: Int) -> String {
        guard let d = Digits(value) else { return invalid }
        return d.formatted(places: max(0, places), grouping: true)
    }

    /// A ratio as a percentage: `percent(0.557, places: 1)` → `"55.7%"`.
    /// The ratio is scaled by shifting its decimal digits, not by multiplying,
    /// so no binary rounding error creeps in.
    public static func percent(_ ratio: Double, places: Int = 1) -> String {
        guard var d = Digits(ratio) else { return invalid }
        if !d.isZero { d.point += 2 }
        return d.formatted(places: max(0, places), grouping: true) + "%"
    }

    /// Change from `from` to `to` in percent of `from`, always signed:
    /// `"+12.3%"`, `"−4.0%"`, `"0.0%"`. Nil when `from` is zero (no base to
    /// compare with); `"–"` when either value is not finite.
    public static func signedPercentChange(from: Double, to: Double, places: Int = 1) -> String? {
        guard from.isFinite, to.isFinite else { return invalid }
        guard from != 0 else { return nil }
        let change = (to - from) / from.magnitude * 100
        guard var d = Digits(change) else { return invalid }
        let places = max(0, places)
        d.round(places: places)
        let sign = d.isZero ? "" : d.negative ? "\u{2212}" : "+"
        d.negative = false
        return sign + d.formatted(places: places, grouping: true) + "%"
    }

    /// Short form for tight spaces, three significant digits and K/M/B/T
    /// units: `1_830_000` → `"1.83M"`, `127_242` → `"127K"`, `999` → `"999"`,
    /// `12.345` → `"12.3"`. Trailing zeros are dropped (`1_800_000` → `"1.8M"`).
    public static func compact(_ value: Double) -> String {
        compact(value, groupSize: 3, units: ["", "K", "M", "B", "T"])
    }

    public static func compact(_ value: Int) -> String { compact(Double(value)) }

    /// Korean short form with 만 (10⁴), 억 (10⁸) and 조 (10¹²), three
    /// significant digits: `1_830_000` → `"183만"`, `127_242` → `"12.7만"`,
    /// `250_000_000` → `"2.5억"`. Below 10,000 the plain number is shown
    /// (`"9,999"`); within a unit all integer digits are kept (`"1,234만"`).
    public static func compactKorean(_ value: Double) -> String {
        compact(value, groupSize: 4, units: ["", "만", "억", "조", "경"])
    }

    public static func compactKorean(_ value: Int) -> String { compactKorean(Double(value)) }

    // MARK: - Implementation

    private static func compact(_ value: Double, groupSize: Int, units: [String]) -> String {
        guard let d = Digits(value) else { return invalid }
        if d.isZero { return "0" }
        // The unit follows the count of integer digits: with groups of three,
        // 1…3 digits take no unit, 4…6 take K; with groups of four, 5…8 take 만.
        var unit = d.point <= 0 ? 0 : min((d.point - 1) / groupSize, units.count - 1)
        while true {
            var scaled = d
            scaled.point -= unit * groupSize
            let places = max(0, 3 - scaled.point)
            scaled.round(places: places)
            if scaled.point > groupSize, unit + 1 < units.count {
                unit += 1  // rounding carried into the next unit: 999.6K → 1M
                continue
            }
            var text = scaled.formatted(places: places, grouping: true)
            if places > 0 {
                while text.last == "0" { text.removeLast() }
                if text.last == "." { text.removeLast() }
            }
            return text + units[unit]
        }
    }

    /// Inserts a comma every three digits from the right.
    private static func group(_ digits: Substring) -> String {
        let count = digits.utf8.count
        guard count > 3 else { return String(digits) }
        var out = ""
        out.reserveCapacity(count + count / 3)
        for (i, c) in digits.enumerated() {
            if i > 0, (count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }

    /// A finite number as decimal digits: value = 0.d₁d₂d₃… × 10^point.
    struct Digits {
        var negative: Bool
        var digits: [UInt8]  // no leading zeros; empty means zero
        var point: Int

        var isZero: Bool { digits.isEmpty }

        init?(_ value: Double) {
            guard value.isFinite else { return nil }
            negative = value < 0
            digits = []
            point = 0
            // Shortest round-trip form, e.g. "55.74", "1e-05", "1.234e+20".
            var mantissa = Substring(value.magnitude.description)
            var exponent = 0
            if let e = mantissa.firstIndex(where: { $0 == "e" || $0 == "E" }) {
                exponent = Int(mantissa[mantissa.index(after: e)...]) ?? 0
                mantissa = mantissa[..<e]
            }
            var intDigits = 0
            var seenPoint = false
            for byte in mantissa.utf8 {
                if byte == UInt8(ascii: ".") {
                    seenPoint = true
                    continue
                }
                guard byte >= 48, byte <= 57 else { continue }
                if digits.isEmpty && byte == 48 {
                    if seenPoint { intDigits -= 1 }  // leading zeros after the point
                    continue
                }
                digits.append(byte - 48)
                if !seenPoint { intDigits += 1 }
            }
            while digits.last == 0 { digits.removeLast() }
            point = digits.isEmpty ? 0 : intDigits + exponent
        }

        /// Rounds half away from zero to `places` decimals.
        mutating func round(places: Int) {
            let keep = point + places
            guard keep < digits.count else { return }
            if keep < 0 {
                digits = []
                point = 0
                return
            }
            let up = digits[keep] >= 5
            digits.removeSubrange(keep...)
            if up {
                var i = keep - 1
                while i >= 0 {
                    if digits[i] == 9 {
                        digits[i] = 0
                        i -= 1
                    } else {
                        digits[i] += 1
                        break
                    }
                }
                if i < 0 {
                    digits.insert(1, at: 0)
                    point += 1
                }
            }
            while digits.last == 0 { digits.removeLast() }
            if digits.isEmpty { point = 0 }
        }

        func formatted(places: Int, grouping: Bool) -> String {
            var d = self
            d.round(places: places)
            var intPart = ""
            if d.point <= 0 {
                intPart = "0"
            } else {
                intPart.reserveCapacity(d.point)
                for i in 0..<d.point { intPart.append(Character(Unicode.Scalar(48 + (i < d.digits.count ? d.digits[i] : 0)))) }
            }
            var out = d.negative && !d.isZero ? "-" : ""
            out += grouping ? NumberFormat.group(Substring(intPart)) : intPart
            if places > 0 {
                out.append(".")
                for k in 0..<places {
                    let i = d.point + k
                    out.append(Character(Unicode.Scalar(48 + (i >= 0 && i < d.digits.count ? d.digits[i] : 0))))
                }
            }
            return out
        }
    }
}
