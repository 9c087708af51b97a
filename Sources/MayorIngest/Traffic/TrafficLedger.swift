import Foundation
import MayorCore

/// What the traffic feed has fetched so far, hour by hour, kept beside the
/// snapshot (`traffic.state.json`) so that each run asks only for the hours
/// it does not have yet. A day's volume is written only when all 24 of its
/// hours are known; an hour Seoul still has no data for after
/// `settleHours` is a gap at the source, and its day is never totalled.
public struct TrafficLedger: Codable, Sendable, Equatable {
    public static let fileName = "traffic.state.json"
    public static let currentVersion = 1
    /// Seoul is UTC+9 all year.
    static let seoulOffset = 9 * 3600.0

    /// One spot-hour: `ymd` as VolInfo wants it (`20250701`), `hh` two digits.
    public struct Hour: Hashable, Sendable, CustomStringConvertible {
        public var spot: String
        public var ymd: String
        public var hour: Int
        public var hh: String { hour < 10 ? "0\(hour)" : "\(hour)" }
        public var description: String { "\(spot) \(ymd) \(hh)h" }

        public init(spot: String, ymd: String, hour: Int) {
            self.spot = spot
            self.ymd = ymd
            self.hour = hour
        }
    }

    public struct Day: Codable, Sendable, Equatable {
        /// Vehicles per hour 00…23 (all directions and lanes); null: not known yet.
        public var volumes: [Int?] = Array(repeating: nil, count: 24)
        /// Hours Seoul answered INFO-200 for ("05" → when it was last asked, epoch seconds).
        public var noData: [String: Double]? = nil

        public var isComplete: Bool { volumes.allSatisfy { $0 != nil } }
        public var total: Int { volumes.reduce(0) { $0 + ($1 ?? 0) } }
    }

    public var version = TrafficLedger.currentVersion
    /// Spot id → day (`YYYYMMDD`) → its hours.
    public var spots: [String: [String: Day]] = [:]

    public init() {}

    /// Reads the state file; a missing file is an empty ledger, a bad one an error naming it.
    public static func load(from url: URL) throws -> TrafficLedger {
        guard let data = try? Data(contentsOf: url) else { return TrafficLedger() }
        do {
            let ledger = try JSONDecoder().decode(TrafficLedger.self, from: data)
            guard ledger.version == currentVersion else {
                throw IngestError(file: url.path, "state version \(ledger.version); this build reads \(currentVersion)")
            }
            for (spot, days) in ledger.spots {
                for (ymd, day) in days where day.volumes.count != 24 || Self.dayNumber(ymd) == nil {
                    throw IngestError(file: url.path, place: "spots.\(shown(spot, limit: 20)).\(shown(ymd, limit: 20))", "not a day of 24 hours")
                }
            }
            return ledger
        } catch let error as IngestError {
            throw error
        } catch {
            throw IngestError(file: url.path, "unreadable state: \(shown("\(error)", limit: 120))")
        }
    }

    public func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Encoding plain integers, strings and doubles cannot fail.
        return (try? encoder.encode(self)) ?? Data()
    }

    /// Day number (days since 1970-01-01) of `YYYYMMDD`.
    static func dayNumber(_ ymd: String) -> Int? {
        let u = Array(ymd.utf8)
        guard u.count == 8, u.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        return CalendarDate.parseDay("\(ymd.prefix(4))-\(ymd.dropFirst(4).prefix(2))-\(ymd.suffix(2))")
    }

    static func ymd(_ day: Int) -> String { CalendarDate.format(day: day).replacingOccurrences(of: "-", with: "") }

    /// The hours to ask for now: every hour of `spots` from the start of the
    /// Seoul day `backfillDays` before today up to the last hour that has
    /// ended, that is neither known nor a settled gap. An hour answered
    /// "no data" is asked again at most once an hour, until `settleHours`
    /// after it ended. Spots in order, then hours oldest first.
    public func pending(spots ids: [String], now: Double, backfillDays: Int, settleHours: Double = 48) -> [Hour] {
        let local = now + Self.seoulOffset
        let currentHour = Int((local / 3600).rounded(.down))
        let lastEnded = currentHour - 1
        let today = Int((local / 86400).rounded(.down))
        let firstDay = today - max(0, backfillDays)
        var out: [Hour] = []
        for id in ids {
            let days = spots[id] ?? [:]
            for day in firstDay...today {
                let ymd = Self.ymd(day)
                let record = days[ymd]
                for h in 0..<24 {
                    let index = day * 24 + h
                    if index > lastEnded { break }
                    if record?.volumes[h] != nil { continue }
                    if let asked = record?.noData?[Hour(spot: id, ymd: ymd, hour: h).hh] {
                        let ended = Double(index + 1) * 3600 - Self.seoulOffset
                        if now - ended > settleHours * 3600 || now - asked < 3600 { continue }
                    }
                    out.append(Hour(spot: id, ymd: ymd, hour: h))
                }
            }
        }
        return out
    }

    /// Records an answer: the hour's volume, or nil for INFO-200.
    public mutating func record(_ hour: Hour, volume: Int?, at now: Double) {
        var day = spots[hour.spot, default: [:]][hour.ymd, default: Day()]
        if let volume {
            day.volumes[hour.hour] = volume
            day.noData?[hour.hh] = nil
            if day.noData?.isEmpty == true { day.noData = nil }
        } else if day.volumes[hour.hour] == nil {
            day.noData = day.noData ?? [:]
            day.noData?[hour.hh] = now
        }
        spots[hour.spot, default: [:]][hour.ymd] = day
    }

    /// Drops days more than `keepDays` before `now`'s Seoul day.
    public mutating func prune(now: Double, keepDays: Int) {
        let today = Int(((now + Self.seoulOffset) / 86400).rounded(.down))
        for (id, days) in spots {
            spots[id] = days.filter { (Self.dayNumber($0.key) ?? 0) >= today - keepDays }
        }
    }

    /// The complete days of `spot`, ascending: (`YYYY-MM-DD`, vehicles).
    public func dailyVolumes(of spot: String) -> [(date: String, volume: Int)] {
        (spots[spot] ?? [:]).compactMap { ymd, day -> (Int, Int)? in
            guard day.isComplete, let n = Self.dayNumber(ymd) else { return nil }
            return (n, day.total)
        }.sorted { $0.0 < $1.0 }.map { (CalendarDate.format(day: $0.0), $0.1) }
    }

    /// Days of `spot` that will never be complete: some hour is a settled gap
    /// (Seoul had no data `settleHours` after it ended). `YYYY-MM-DD` → missing hours.
    public func gaps(of spot: String, now: Double, settleHours: Double = 48) -> [(date: String, hours: [String])] {
        (spots[spot] ?? [:]).compactMap { ymd, day -> (Int, [String])? in
            guard let n = Self.dayNumber(ymd), let noData = day.noData else { return nil }
            let settled = noData.keys.filter { hh in
                guard let h = Int(hh) else { return false }
                let ended = Double(n * 24 + h + 1) * 3600 - Self.seoulOffset
                return now - ended > settleHours * 3600
            }.sorted()
            return settled.isEmpty ? nil : (n, settled)
        }.sorted { $0.0 < $1.0 }.map { (CalendarDate.format(day: $0.0), $0.1) }
    }
}
