/// A year of 170 corridors (the benchmark's reference shape since issue 10),
/// then as many corridors over the same year as make up
/// `minimumBytes` (846 for 20 MiB).
extension TrafficKind: LargeSamples {
    public static func largeSamples(minimumBytes: Int) -> [(label: String, json: String)] {
        let year = TrafficSampleGenerator(startDate: "2023-07-03", days: 365, seed: 2023, corridorCount: 170).makeJSON()
        let corridors = Int((Double(minimumBytes) * 170 / Double(year.utf8.count)).rounded(.up))
        guard corridors > 170 else { return [("170 corridors x 365 days", year)] }
        let large = TrafficSampleGenerator(startDate: "2023-07-03", days: 365, seed: 2023, corridorCount: corridors).makeJSON()
        return [("170 corridors x 365 days", year), ("\(corridors) corridors x 365 days", large)]
    }
}
