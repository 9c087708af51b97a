import Foundation
import MayorCore

/// Serialises updates of the status file (sources finish concurrently).
actor StatusWriter {
    let folder: String

    init(folder: String) { self.folder = folder }

    func update(_ name: String, at now: Double, _ change: (inout FeedStatus.Entry) -> Void) throws(FeedError) {
        var status = FeedStatus.read(folder)
        var entry = status.sources[name] ?? FeedStatus.Entry(state: "error", lastAttempt: "")
        change(&entry)
        status.sources[name] = entry
        status.updatedAt = Timestamp.iso(now)
        try AtomicFile.write(status.encoded(), to: (folder.hasSuffix("/") ? folder : folder + "/") + FeedStatus.fileName)
    }
}

/// Times as written in snapshots and the status file.
public enum Timestamp {
    /// `2026-11-29T17:05:00Z`.
    public static func iso(_ seconds: Double) -> String {
        let date = Date(timeIntervalSince1970: seconds.rounded(.down))
        return date.formatted(.iso8601)
    }

    /// A Seoul local time `yyyy-MM-dd HH:mm:ss(.S)` or `yyyy-MM-dd HH:mm` as
    /// ISO-8601 with its +09:00 offset (`2024-03-02T11:12:42+09:00`); nil
    /// when it is not such a time.
    public static func seoul(_ text: String) -> String? {
        let t = text.trimmingCharacters(in: .whitespaces)
        let parts = t.split(separator: " ")
        guard parts.count == 2 else { return nil }
        let date = parts[0]
        let time = parts[1]
        guard CalendarDate.parseDay(String(date)) != nil else { return nil }
        let clock = time.split(separator: ".")[0].split(separator: ":")
        guard clock.count == 2 || clock.count == 3, clock.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) && Int($0) != nil }) else { return nil }
        let h = Int(clock[0])!
        let m = Int(clock[1])!
        let s = clock.count == 3 ? Int(clock[2])! : 0
        guard h < 24, m < 60, s < 60 else { return nil }
        return "\(date)T\(clock[0]):\(clock[1]):\(clock.count == 3 ? String(clock[2]) : "00")+09:00"
    }
}
