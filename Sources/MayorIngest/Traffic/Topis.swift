import Foundation

/// A TOPIS count station (SpotInfo row): its id (`A-01`) and name, with any
/// `-&gt;` arrows decoded.
public struct TopisSpot: Sendable, Hashable, Codable {
    public var id: String
    public var name: String

    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}

/// TOPIS traffic volumes (`seoul-open-api.md` §4): `SpotInfo` lists the
/// count stations; `VolInfo` gives one spot-hour, one row per direction
/// (`io_type`) and lane (`lane_num`).
public enum Topis {
    public static let spotService = "SpotInfo"
    public static let volumeService = "VolInfo"
    /// Rows asked for per spot-hour: about 8 are sent (directions × lanes).
    public static let rowsPerHour = 100

    /// The path after `{base}/{KEY}/xml/` for the station list.
    public static var spotPath: String { "\(spotService)/1/1000/" }

    /// The path after `{base}/{KEY}/xml/` for one spot-hour.
    public static func volumePath(_ hour: TrafficLedger.Hour) -> String {
        "\(volumeService)/1/\(rowsPerHour)/\(hour.spot)/\(hour.ymd)/\(hour.hh)/"
    }

    /// The stations of a SpotInfo answer. An answer holding fewer rows than
    /// its `list_total_count` is refused (a cut page is never a station list),
    /// and so is "no data" (INFO-200, thrown as that code: never an empty list).
    public static func spots(_ data: Data, source: String) throws -> [TopisSpot] {
        guard case .rows(let total, let rows) = try SeoulXML.parse(data, service: spotService, source: source) else {
            throw SeoulXML.ServiceError(code: "INFO-200", message: "SpotInfo answered no data: no stations")
        }
        if let total, total > rows.count {
            throw IngestError(file: source, "holds \(rows.count) of \(total) stations; the list would be cut")
        }
        var seen: Set<String> = []
        return try rows.enumerated().map { i, row in
            let place = "row \(i + 1)"
            guard let id = row["spot_num"], !id.isEmpty else { throw IngestError(file: source, place: place, "no <spot_num>") }
            guard let name = row["spot_nm"], !name.isEmpty else { throw IngestError(file: source, place: place, "no <spot_nm>") }
            guard seen.insert(id).inserted else { throw IngestError(file: source, place: place, "station \(shown(id, limit: 20)) listed twice") }
            return TopisSpot(id: id, name: SeoulXML.decodeEntities(name))
        }
    }

    /// The vehicles counted in one spot-hour: `vol` summed over every
    /// direction and lane. nil when the answer is INFO-200 (no data for that
    /// hour). Every row must be of the spot, day and hour asked for, with a
    /// whole, non-negative `vol`.
    public static func hourVolume(_ data: Data, source: String, hour: TrafficLedger.Hour) throws -> Int? {
        let rows: [[String: String]]
        switch try SeoulXML.parse(data, service: volumeService, source: source) {
        case .noData: return nil
        case .rows(let total, let list):
            if let total, total > list.count {
                throw IngestError(file: source, "holds \(list.count) of \(total) rows; the hour would be undercounted")
            }
            rows = list
        }
        if rows.isEmpty { return nil }
        var sum = 0
        var lanes: Set<String> = []
        for (i, row) in rows.enumerated() {
            let place = "row \(i + 1)"
            for (field, expected) in [("spot_num", hour.spot), ("ymd", hour.ymd), ("hh", hour.hh)] {
                let value = row[field] ?? ""
                // Hours may come as "7" or "07".
                let same = field == "hh" ? Int(value) == Int(expected) : value == expected
                guard same else {
                    throw IngestError(file: source, place: place, "\(field) is '\(shown(value, limit: 20))', asked for \(expected)")
                }
            }
            let lane = "\(row["io_type"] ?? "")/\(row["lane_num"] ?? "")"
            guard lanes.insert(lane).inserted else {
                throw IngestError(
                    file: source, place: place,
                    "direction \(shown(row["io_type"] ?? "", limit: 10)) lane \(shown(row["lane_num"] ?? "", limit: 10)) given twice")
            }
            let text = row["vol"] ?? ""
            guard let vol = wholeCount(text) else {
                throw IngestError(file: source, place: place, "vol '\(shown(text, limit: 20))' is not a whole number of vehicles")
            }
            sum += vol
        }
        return sum
    }

    /// "49", "49.0" → 49; negatives, fractions, blanks and past a million → nil.
    static func wholeCount(_ text: String) -> Int? {
        if let n = Int(text) { return (0...1_000_000).contains(n) ? n : nil }
        if let d = Double(text), d.rounded() == d, (0...1_000_000).contains(d) { return Int(d) }
        return nil
    }
}
