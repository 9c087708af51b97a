import Foundation
import MayorCore

/// Writes `traffic.json` from the ledger: the same envelope and schema as
/// the bundled file, not marked sample, with the feed's provenance.
public enum TrafficFeedSnapshot {
    public static let document = "서울시 교통량 이력 정보 (TOPIS 지점별 시간대별 교통량, VolInfo; 지점 정보 SpotInfo)"
    public static let agency = "서울특별시 교통정보센터 (TOPIS), 서울 열린데이터광장"

    /// The snapshot's bytes. `spots` are the configured stations in order,
    /// with their SpotInfo names; `url` is the VolInfo request URL with the
    /// key removed. A spot with no complete day yet is left out (and named in
    /// the notes); nil when no spot has one yet (nothing to write: the
    /// previous file stays, and that is not an error).
    public static func make(
        ledger: TrafficLedger, spots: [TopisSpot], fetchedAt: Double, url: String, settleHours: Double = 48
    ) -> Data? {
        var corridors: [String] = []
        var newest: String?
        var waiting: [String] = []
        var gapNotes: [String] = []
        for spot in spots {
            let days = ledger.dailyVolumes(of: spot.id)
            for gap in ledger.gaps(of: spot.id, now: fetchedAt, settleHours: settleHours) {
                gapNotes.append("\(spot.id) \(gap.date): no data at the source for hour(s) \(gap.hours.joined(separator: ", ")); the day is not totalled")
            }
            guard let last = days.last else {
                waiting.append(spot.id)
                continue
            }
            if newest.map({ last.date > $0 }) ?? true { newest = last.date }
            let rows = days.map { "        {\"date\": \"\($0.date)\", \"volume\": \($0.volume)}" }.joined(separator: ",\n")
            corridors.append(
                """
                    {
                      "id": \(JSONText.string(spot.id)),
                      "name": \(JSONText.string(spot.name)),
                      "daily": [
                \(rows)
                      ]
                    }
                """)
        }
        guard let asOf = newest else { return nil }
        var notes = [
            "Measured, not generated: daily volume = the vehicles of the 24 hourly VolInfo answers of the day, summed over every direction (io_type) and lane (lane_num). A day is written only when all 24 hours are known.",
            "VolInfo counts vehicles only: no speed is given (speedKmh is left out)."
        ]
        if !waiting.isEmpty { notes.append("Spots with no complete day yet, left out: \(waiting.joined(separator: ", ")).") }
        notes += gapNotes
        let fetched = JSONText.seoulInstant(fetchedAt)
        let text = """
            {
              "kind": "traffic",
              "schemaVersion": 1,
              "asOf": "\(asOf)",
              "source": {
                "document": \(JSONText.string(document)),
                "agency": \(JSONText.string(agency)),
                "dataset": "\(Topis.volumeService)",
                "url": \(JSONText.string(url))
              },
              "provenance": {
                "service": "\(Topis.volumeService)",
                "spotService": "\(Topis.spotService)",
                "fetchedAt": "\(fetched)",
                "asOf": "\(asOf)",
                "url": \(JSONText.string(url))
              },
              "notes": [
            \(notes.map { "    " + JSONText.string($0) }.joined(separator: ",\n"))
              ],
              "corridors": [
            \(corridors.joined(separator: ",\n"))
              ]
            }

            """
        return Data(text.utf8)
    }
}
