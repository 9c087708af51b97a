// TrafficSampleGenerator.swift
//
// Makes the illustrative `traffic` snapshot (Data/traffic.json, `sample: true`).
// The seeds publish no daily road-traffic figures, so the bundled file is
// generated. The output depends only on the arguments: the generator uses a
// hand-written SplitMix64 generator and integer arithmetic only (no Foundation,
// no floating point, no system random source), so the same arguments give
// byte-identical JSON on every machine and every Swift version.
//
// Useful properties (relied on by benchmarks and tests):
// - each corridor has its own random stream derived from (seed, corridor index),
//   so corridor i is the same whatever `corridorCount` is;
// - days are generated in order, so a longer run starts with the same days as a
//   shorter one from the same start date.

public struct TrafficSampleGenerator: Sendable {
    /// First day, `YYYY-MM-DD`.
    public let startDate: String
    /// Number of consecutive days per corridor (≥ 1).
    public let days: Int
    public let seed: UInt64
    /// Number of corridors; `nil` means the named corridors only. Beyond the
    /// named ones, sample stations `S-001`, `S-002`, … are synthesized.
    public let corridorCount: Int?

    public init(startDate: String, days: Int, seed: UInt64, corridorCount: Int? = nil) {
        self.startDate = startDate
        self.days = days
        self.seed = seed
        self.corridorCount = corridorCount
    }

    /// The real count stations used before synthesized ones are added.
    public static var namedCorridorCount: Int { named.count }

    /// The number of corridors `makeJSON()` writes.
    public var effectiveCorridorCount: Int { corridorCount ?? Self.named.count }

    /// A description of what is wrong with the arguments, or `nil` when
    /// `makeJSON()` can run: `refusal` without the clock and with the default
    /// file-size limit.
    public var problem: String? { refusal(now: nil, maxBytes: SnapshotParser.defaultMaxBytes) }

    /// The fewest bytes of one daily row, `        {"date": "YYYY-MM-DD",
    /// "volume": V, "speedKmh": SS.S},` and its line break, with V of one
    /// digit (the speed always has four characters, 15.0 … 70.0).
    static let leastRowBytes = 63

    /// What the snapshot loader would refuse in the file these arguments make,
    /// found from the arguments alone (nothing is allocated): a date it cannot
    /// read or (with `now`) in the future, more corridors or daily rows than a
    /// traffic file may have, or a file larger than `maxBytes`. Nil when the
    /// file would load.
    public func refusal(now: Double?, maxBytes: Int) -> String? {
        guard let start = Self.parseDate(startDate) else {
            return "startDate must be a valid date YYYY-MM-DD, got \"\(startDate)\""
        }
        if days < 1 { return "days must be at least 1, got \(days)" }
        let count = corridorCount ?? Self.named.count
        if count < 1 { return "corridorCount must be at least 1, got \(count)" }
        if count > TrafficContent.maxCorridors {
            return "\(count) corridors: a traffic file has at most \(TrafficContent.maxCorridors) corridors"
        }
        let (rows, overflow) = count.multipliedReportingOverflow(by: days)
        if overflow || rows > TrafficContent.maxRows {
            return "\(count) corridors × \(days) days: a traffic file has at most \(TrafficContent.maxRows) daily rows"
        }
        // Days are at most 2,000,000 here, so the day numbers cannot overflow.
        let last = start + Int64(days - 1)
        let lastDate = Self.civil(fromDays: last)
        if lastDate.year > 9999 {
            return "the last day would be in the year \(lastDate.year), after 9999-12-31 (dates are YYYY-MM-DD)"
        }
        // The file's asOf is its last day, checked as the loader checks it.
        if let now, let asOf = CalendarDate.parseInstant(Self.formatDate(last)), asOf > now + 86400 {
            return "the last day, \(Self.formatDate(last)), is in the future: a snapshot cannot be dated after today"
        }
        let least = 1_024 + rows * Self.leastRowBytes
        if least > maxBytes {
            return "the file would be at least \(least >> 20) MB, more than the limit of \(maxBytes >> 20) MB (--max-file-mb)"
        }
        return nil
    }

    /// The last generated day (`asOf`), or `nil` when the arguments are invalid.
    public var endDate: String? {
        guard problem == nil, let start = Self.parseDate(startDate) else { return nil }
        return Self.formatDate(start + Int64(days - 1))
    }

    /// The traffic snapshot as pretty-printed JSON (2-space indent, one line per
    /// daily record), ending with a newline. Precondition: `problem == nil`.
    public func makeJSON() -> String {
        if let problem { preconditionFailure("TrafficSampleGenerator: \(problem)") }
        guard let startDay = Self.parseDate(startDate) else { preconditionFailure("unreachable") }
        let count = effectiveCorridorCount
        let endDay = startDay + Int64(days - 1)
        let asOf = Self.formatDate(endDay)

        var out = ""
        out.reserveCapacity(2_048 + count * (160 + days * 64))
        out += "{\n"
        out += "  \"kind\": \"traffic\",\n"
        out += "  \"schemaVersion\": 1,\n"
        out += "  \"asOf\": \"\(asOf)\",\n"
        out += "  \"sample\": true,\n"
        out += "  \"source\": {\n"
        out += "    \"document\": \"Illustrative sample (no published daily traffic figures in the seeds)\",\n"
        out += "    \"agency\": \"DigitalMayor sample generator\"\n"
        out += "  },\n"
        out += "  \"generator\": {\n"
        out += "    \"name\": \"TrafficSampleGenerator\",\n"
        out += "    \"startDate\": \(Self.jsonString(startDate)),\n"
        out += "    \"days\": \(days),\n"
        out += "    \"seed\": \(seed),\n"
        out += "    \"corridorCount\": \(count)\n"
        out += "  },\n"
        out += "  \"notes\": [\n"
        let notes = [
            "Generated, not measured: every volume and speed here is illustrative. Same arguments give byte-identical output (SplitMix64 pseudo-random numbers, integer arithmetic only).",
            "Arguments: startDate \(startDate), days \(days), seed \(seed), corridors \(count).",
            "Model: daily volume = corridor base volume x weekday factor (weekends lower, Friday highest) x mild seasonal factor (summer-holiday dip in August) x slow per-corridor trend x autocorrelated noise (about 1.5 %), with occasional rainy days (fewer vehicles, slower). Average speed falls as volume rises above the corridor's base and is kept within 15.0-70.0 km/h.",
            "Fixed-date national holidays of every year, and 설날 and 추석 of 2023-2025, count as Sundays.",
            "Stations: A-01 성산로(금화터널), A-13 세종대로(서울역), A-20 남산1호터널, D-42 테헤란로(선릉역) and F-01 올림픽대로 are TOPIS count stations with the ids and names of the reference's SpotInfo list; D-43 강남대로(신사역), F-03 내부순환로 and F-05 동부간선도로 are not in that list: only their names are modelled on real roads, their ids are the sample's own. Every district value is the sample's own label, from no source. Base volumes and speeds are rough plausible levels, not published figures. Stations S-nnn (표본 구간) are synthesized."
        ]
        for (index, note) in notes.enumerated() {
            out += "    " + Self.jsonString(note) + (index + 1 < notes.count ? ",\n" : "\n")
        }
        out += "  ],\n"
        out += "  \"corridors\": [\n"
        for index in 0..<count {
            let corridor = corridorProfile(index: index)
            out += "    {\n"
            out += "      \"id\": \(Self.jsonString(corridor.id)),\n"
            out += "      \"name\": \(Self.jsonString(corridor.name)),\n"
            out += "      \"nameEn\": \(Self.jsonString(corridor.nameEn)),\n"
            if let district = corridor.district {
                out += "      \"district\": \(Self.jsonString(district)),\n"
            }
            out += "      \"daily\": [\n"
            appendDaily(corridor: corridor, index: index, startDay: startDay, to: &out)
            out += "      ]\n"
            out += index + 1 < count ? "    },\n" : "    }\n"
        }
        out += "  ]\n"
        out += "}\n"
        return out
    }

    // MARK: - Corridors

    private enum RoadKind: Sendable {
        case downtown  // office districts: quiet weekends
        case arterial  // city arterials and tunnels
        case expressway  // urban expressways: leisure traffic on weekends
    }

    private struct Profile: Sendable {
        let id: String
        let name: String
        let nameEn: String
        let district: String?
        let kind: RoadKind
        /// Typical weekday vehicles per day, both directions.
        let baseVolume: Int64
        /// Average speed at the base volume, in tenths of km/h.
        let baseSpeed: Int64
        /// Speed lost per 10 % of volume above base, in tenths of km/h.
        let speedSensitivity: Int64
    }

    /// The named corridors., D-42 and F-01 are TOPIS count
    /// stations as the reference's SpotInfo list gives them (`spot_num`,
    /// `spot_nm`); D-43, F-03 and F-05 only have names modelled on real roads
    /// (their ids are not in the reference). Districts are the sample's own
    /// labels. Base volumes and speeds are plausible illustrative levels, not
    /// published figures.
    private static let named: [Profile] = [
        Profile(
            id: "A-01", name: "성산로(금화터널)", nameEn: "Seongsan-ro (Geumhwa Tunnel)",
            district: "서대문구", kind: .arterial, baseVolume: 68_000, baseSpeed: 318, speedSensitivity: 42),
        Profile(
            id: "A-13", name: "세종대로(서울역)", nameEn: "Sejong-daero (Seoul Station)",
            district: "중구", kind: .downtown, baseVolume: 86_000, baseSpeed: 214, speedSensitivity: 30),
        Profile(
            id: "A-20", name: "남산1호터널", nameEn: "Namsan Tunnel 1",
            district: nil, kind: .arterial, baseVolume: 74_000, baseSpeed: 296, speedSensitivity: 45),
        Profile(
            id: "D-42", name: "테헤란로(선릉역)", nameEn: "Teheran-ro (Seolleung Station)",
            district: "강남구", kind: .downtown, baseVolume: 88_000, baseSpeed: 184, speedSensitivity: 28),
        Profile(
            id: "D-43", name: "강남대로(신사역)", nameEn: "Gangnam-daero (Sinsa Station)",
            district: "강남구", kind: .arterial, baseVolume: 97_000, baseSpeed: 196, speedSensitivity: 32),
        Profile(
            id: "F-01", name: "올림픽대로", nameEn: "Olympic-daero Expressway",
            district: nil, kind: .expressway, baseVolume: 198_000, baseSpeed: 512, speedSensitivity: 85),
        Profile(
            id: "F-03", name: "내부순환로", nameEn: "Naebu Expressway (Inner Ring Road)",
            district: nil, kind: .expressway, baseVolume: 152_000, baseSpeed: 548, speedSensitivity: 80),
        Profile(
            id: "F-05", name: "동부간선도로", nameEn: "Dongbu Expressway",
            district: nil, kind: .expressway, baseVolume: 166_000, baseSpeed: 476, speedSensitivity: 82)
    ]

    private func corridorProfile(index: Int) -> Profile {
        if index < Self.named.count { return Self.named[index] }
        let number = index - Self.named.count + 1
        var digits = String(number)
        while digits.utf8.count < 3 { digits = "0" + digits }
        // A separate stream for the station's constants, so they do not shift
        // the daily stream.
        var rng = SplitMix64(state: Self.streamSeed(seed, index: index, salt: 0x5EED_C0DE_0000_0001))
        let baseVolume = 30_000 + Int64(rng.next() % 150_001)  // 30k … 180k
        let kind: RoadKind
        switch rng.next() % 10 {
        case 0...2: kind = .downtown
        case 3...6: kind = .arterial
        default: kind = baseVolume >= 100_000 ? .expressway : .arterial
        }
        let baseSpeed: Int64
        let sensitivity: Int64
        switch kind {
        case .expressway:
            baseSpeed = 420 + Int64(rng.next() % 161)  // 42.0 … 58.0
            sensitivity = 70 + Int64(rng.next() % 21)
        case .arterial:
            baseSpeed = 200 + Int64(rng.next() % 141)  // 20.0 … 34.0
            sensitivity = 30 + Int64(rng.next() % 16)
        case .downtown:
            baseSpeed = 170 + Int64(rng.next() % 71)  // 17.0 … 24.0
            sensitivity = 25 + Int64(rng.next() % 11)
        }
        return Profile(
            id: "S-" + digits, name: "표본 구간 " + digits, nameEn: "Sample segment " + digits,
            district: nil, kind: kind, baseVolume: baseVolume, baseSpeed: baseSpeed,
            speedSensitivity: sensitivity)
    }

    // MARK: - Daily series

    private func appendDaily(corridor: Profile, index: Int, startDay: Int64, to out: inout String) {
        var rng = SplitMix64(state: Self.streamSeed(seed, index: index, salt: 0xDA11_7000_0000_0002))
        // Slow trend over a year, -2.0 % … +2.0 %, fixed per corridor.
        let trendPerYear = Int64(rng.next() % 41) - 20
        var noise: Int64 = 0  // AR(1) in permille
        // Warm the noise up so the first day is not special.
        for _ in 0..<8 { noise = noise * 6 / 10 + rng.symmetric(12) + rng.symmetric(12) + rng.symmetric(12) }

        for offset in 0..<Int64(days) {
            let day = startDay + offset
            let date = Self.civil(fromDays: day)
            let weekday = Self.weekday(ofDays: day)  // 0 = Sunday
            let holiday = Self.isHoliday(date)

            noise = noise * 6 / 10 + rng.symmetric(12) + rng.symmetric(12) + rng.symmetric(12)
            // About one day in 25 is rainy: a little less traffic, much slower.
            let rainy = rng.next() % 25 == 0
            let rainVolume: Int64 = rainy ? 920 + Int64(rng.next() % 51) : 1_000  // -8 % … -3 %
            let rainSpeed: Int64 = rainy ? 830 + Int64(rng.next() % 81) : 1_000  // -17 % … -9 %
            let speedJitter = rng.symmetric(6) + rng.symmetric(6)  // tenths of km/h

            var volume = corridor.baseVolume
            volume = Self.scale(volume, Self.weekdayFactor(kind: corridor.kind, weekday: holiday ? 0 : weekday))
            volume = Self.scale(volume, Self.seasonFactor(month: date.month, day: date.day))
            volume = Self.scale(volume, 1_000 + trendPerYear * offset / 365)
            volume = Self.scale(volume, 1_000 + noise)
            volume = Self.scale(volume, rainVolume)
            if volume < 0 { volume = 0 }

            // Load relative to the base, in permille; speed falls as load rises.
            let load = volume * 1_000 / max(corridor.baseVolume, 1)
            var speed = corridor.baseSpeed - corridor.speedSensitivity * (load - 1_000) / 100
            speed = Self.scale(speed, rainSpeed) + speedJitter
            speed = min(max(speed, 150), 700)

            out += "        {\"date\": \""
            out += Self.formatDate(day)
            out += "\", \"volume\": "
            out += String(volume)
            out += ", \"speedKmh\": "
            out += Self.formatTenths(speed)
            out += offset + 1 < Int64(days) ? "},\n" : "}\n"
        }
    }

    /// Weekday factor in permille; `weekday` 0 = Sunday … 6 = Saturday.
    private static func weekdayFactor(kind: RoadKind, weekday: Int) -> Int64 {
        switch (kind, weekday) {
        case (_, 1): return 990
        case (_, 2): return 1_000
        case (_, 3): return 1_005
        case (_, 4): return 1_010
        case (_, 5): return 1_040
        case (.downtown, 6): return 800
        case (.downtown, _): return 680
        case (.arterial, 6): return 920
        case (.arterial, _): return 800
        case (.expressway, 6): return 960
        case (.expressway, _): return 900
        }
    }

    /// Seasonal factor in permille, linear between the first days of months.
    private static func seasonFactor(month: Int, day: Int) -> Int64 {
        let table: [Int64] = [965, 975, 1_000, 1_010, 1_015, 1_005, 990, 972, 1_000, 1_015, 1_010, 990]
        let here = table[month - 1]
        let next = table[month % 12]
        return here + (next - here) * Int64(day - 1) / 31
    }

    // MARK: - Holidays

    private static let lunarHolidays: Set<Int> = [
        // 설날 and 추석 (three days each), 2023-2025.
        2023_01_21, 2023_01_22, 2023_01_23, 2023_09_28, 2023_09_29, 2023_09_30,
        2024_02_09, 2024_02_10, 2024_02_11, 2024_09_16, 2024_09_17, 2024_09_18,
        2025_01_28, 2025_01_29, 2025_01_30, 2025_10_05, 2025_10_06, 2025_10_07
    ]

    private static func isHoliday(_ date: (year: Int, month: Int, day: Int)) -> Bool {
        switch (date.month, date.day) {
        case (1, 1), (3, 1), (5, 5), (6, 6), (8, 15), (10, 3), (10, 9), (12, 25): return true
        default: return lunarHolidays.contains(date.year * 10_000 + date.month * 100 + date.day)
        }
    }

    // MARK: - Integer helpers

    /// `value × permille / 1000`, rounded half away from zero.
    private static func scale(_ value: Int64, _ permille: Int64) -> Int64 {
        let product = value * permille
        return product >= 0 ? (product + 500) / 1_000 : -((-product + 500) / 1_000)
    }

    /// Tenths as a decimal with one digit: 318 → "31.8". Non-negative input.
    private static func formatTenths(_ tenths: Int64) -> String {
        String(tenths / 10) + "." + String(tenths % 10)
    }

    private static func streamSeed(_ seed: UInt64, index: Int, salt: UInt64) -> UInt64 {
        var mixer = SplitMix64(state: seed ^ salt)
        let base = mixer.next()
        var second = SplitMix64(state: base &+ UInt64(truncatingIfNeeded: index) &* 0xD1B5_4A32_D192_ED03)
        return second.next()
    }

    private static func jsonString(_ value: String) -> String {
        var result = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = Array("0123456789abcdef")
                    result += "\\u00" + String(hex[Int(scalar.value >> 4)]) + String(hex[Int(scalar.value & 0xF)])
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    // MARK: - Calendar (CalendarDate's, on day numbers since 1970-01-01)

    /// Days since 1970-01-01 for a strict `YYYY-MM-DD` from the year 1 on, or `nil`.
    static func parseDate(_ text: String) -> Int64? {
        guard let day = CalendarDate.parseDay(text), day >= firstDay else { return nil }
        return Int64(day)
    }

    /// 0001-01-01: the generator writes no earlier day.
    private static let firstDay = CalendarDate.daysFromCivil(year: 1, month: 1, day: 1)

    private static func civil(fromDays days: Int64) -> (year: Int, month: Int, day: Int) {
        CalendarDate.civil(fromDays: Int(days))
    }

    /// 0 = Sunday … 6 = Saturday (`CalendarDate.weekday` counts from Monday).
    private static func weekday(ofDays days: Int64) -> Int {
        (CalendarDate.weekday(ofDays: Int(days)) + 1) % 7
    }

    /// `YYYY-MM-DD` of a day number.
    private static func formatDate(_ days: Int64) -> String {
        CalendarDate.format(day: Int(days))
    }
}

/// SplitMix64: a small, fast, deterministic pseudo-random generator (the
/// sample generator's, and the property tests').
struct SplitMix64: Sendable {
    var state: UInt64

    init(state: UInt64) { self.state = state }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform integer in `-bound ... bound`.
    mutating func symmetric(_ bound: Int64) -> Int64 {
        Int64(next() % UInt64(2 * bound + 1)) - bound
    }
}
