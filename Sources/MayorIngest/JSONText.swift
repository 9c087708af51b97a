import Foundation
import MayorCore

/// Small helpers for writing snapshot JSON by hand, so a file keeps a stable
/// key order and one record per line (as the bundled files are written).
enum JSONText {
    /// A JSON string literal: quotes, backslashes and control characters escaped.
    static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// An ISO-8601 instant in Seoul time, `2026-11-29T10:05:00+09:00`.
    static func seoulInstant(_ epoch: Double) -> String {
        let local = Int((epoch + 9 * 3600).rounded(.down))
        let day = local >= 0 ? local / 86400 : (local - 86399) / 86400
        let second = local - day * 86400
        func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(CalendarDate.format(day: day))T\(pad(second / 3600)):\(pad(second / 60 % 60)):\(pad(second % 60))+09:00"
    }
}
