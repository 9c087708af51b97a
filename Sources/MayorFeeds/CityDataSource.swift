import Foundation
import MayorCore

/// 서울시 실시간 도시데이터 (`citydata`, OA-21285): one call per configured
/// hotspot (`…/{KEY}/json/citydata/1/5/{AREA_NM or AREA_CD}`), all of them
/// at once through the shared client (which keeps at most `maxInFlight` in
/// flight and spaces them per host), into `citydata.json`. All hotspots or
/// nothing: one that fails after the client's retries fails the run, named
/// with its error, and the last good file stays as it was.
///
/// The feed gives no area type, district or English name: those are carried
/// over, by area code, from the existing `citydata.json` (the bundled file has
/// them written by hand), and left out for a place it does not list.
public struct CityDataSource: FeedSource {
    public static let service = "citydata"
    public static let dataset = "OA-21285"
    public static let datasetPage = "https://data.seoul.go.kr/dataList/OA-21285/A/1/datasetView.do"
    public static let fileName = "citydata.json"

    public let name = "citydata"
    public let interval: Double
    /// Area codes (`POI014`) or names (`강남역`), in the order written.
    public let hotspots: [String]

    public init(_ section: FeedsConfig.Source) {
        interval = section.interval
        hotspots = section.list("hotspots") ?? []
    }

    public init(hotspots: [String], interval: Double = 300) {
        self.hotspots = hotspots
        self.interval = interval
    }

    /// The request's segments after the key for one hotspot.
    public static func segments(_ hotspot: String) -> [String] { ["json", service, "1", "5", hotspot] }

    /// True for an area code (`POI014`), false for an area name.
    static func isCode(_ hotspot: String) -> Bool {
        hotspot.count == 6 && hotspot.hasPrefix("POI") && hotspot.dropFirst(3).allSatisfy { $0.isASCII && $0.isNumber }
    }

    public func run(_ context: FeedContext) async throws -> FeedOutput {
        guard !hotspots.isEmpty else { throw FeedError(.data, "no hotspots configured (sources.citydata.hotspots)") }
        let client = context.client
        let done = Counter()
        context.progress("0/\(hotspots.count) hotspots")
        var readings = [Reading?](repeating: nil, count: hotspots.count)
        try await withThrowingTaskGroup(of: (Int, Reading).self) { group in
            for (i, hotspot) in hotspots.enumerated() {
                group.addTask {
                    let answer: Answer
                    do {
                        answer = try await client.get(Self.segments(hotspot)) { body in try Self.parse(body) }
                    } catch let error as FeedError {
                        throw FeedError(error.kind, "hotspot \(hotspot): \(error.message)", code: error.code)
                    }
                    return (i, try Self.reading(answer, asked: hotspot))
                }
            }
            // The first failure ends the group (the other calls are cancelled).
            for try await (i, reading) in group {
                readings[i] = reading
                let n = await done.add()
                context.progress("\(n)/\(hotspots.count) hotspots")
            }
        }
        let all = readings.compactMap { $0 }
        var byCode: [String: String] = [:]
        for (reading, asked) in zip(all, hotspots) {
            if let other = byCode[reading.code] {
                throw FeedError(.data, "hotspots \(other) and \(asked) are the same place (\(reading.name), \(reading.code)): list it once")
            }
            byCode[reading.code] = asked
        }
        guard let oldest = all.map(\.time).min(), let asOf = Timestamp.seoul(oldest) else {
            throw FeedError(.data, "no hotspot has a reading time")
        }
        let previous = context.existingFile(Self.fileName).flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
        let document = Self.document(
            all, asked: hotspots, asOf: asOf, oldest: oldest, fetchedAt: context.now(), client: client, previous: previous)
        let data = try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        var levels: [String: Int] = [:]
        for r in all { levels[r.level, default: 0] += 1 }
        let counts = ["붐빔", "약간 붐빔", "보통", "여유"].compactMap { word in levels[word].map { "\(word) \($0)" } }.joined(separator: " · ")
        return FeedOutput(
            files: [.init(name: Self.fileName, bytes: Array(data) + [0x0A], kind: .citydata)],
            summary: "\(all.count) hotspot\(all.count == 1 ? "" : "s"): \(counts)", asOf: asOf, warnings: all.flatMap(\.warnings))
    }

    // MARK: - The answer

    /// A value the feed sends as a string, a number, `null` or `""`.
    enum Loose: Decodable, Sendable, Equatable {
        case text(String)
        case number(Double)
        case null
        case other

        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() {
                self = .null
            } else if let s = try? c.decode(String.self) {
                self = .text(s)
            } else if let d = try? c.decode(Double.self) {
                self = .number(d)
            } else {
                self = .other
            }
        }

        /// The text, trimmed; nil when absent, `null`, blank or not text.
        var text: String? {
            guard case .text(let s) = self else { return nil }
            let t = s.trimmingCharacters(in: .whitespacesAndNewlines)
            return t.isEmpty ? nil : t
        }

        /// A finite number, from a JSON number or a numeric string.
        var number: Double? {
            switch self {
            case .number(let d): return d.isFinite ? d : nil
            case .text(let s):
                let t = s.trimmingCharacters(in: .whitespaces)
                guard !t.isEmpty, t.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }), let d = Double(t) else { return nil }
                return d
            default: return nil
            }
        }

        /// A whole number 0…2^53 (`"4000"`, `4000`, `"4000.0"`).
        var count: Int? {
            guard let d = number, d >= 0, d <= 9_007_199_254_740_992, d == d.rounded() else { return nil }
            return Int(d)
        }

        /// How the value was sent, for messages.
        var shown: String {
            switch self {
            case .text(let s): return "\"\(s.prefix(40))\""
            case .number(let d): return d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
            case .null: return "null"
            case .other: return "not a string or number"
            }
        }
    }

    /// `LIVE_PPLTN_STTS[0]`.
    struct Population: Decodable, Sendable {
        var areaName: Loose?
        var areaCode: Loose?
        var level: Loose?
        var min: Loose?
        var max: Loose?
        var time: Loose?
        var replaced: Loose?
        /// nil when absent or `null`; `unreadable` when it is there but not a list of hours.
        var forecast: [ForecastRow]?
        var forecastUnreadable = false

        enum CodingKeys: String, CodingKey {
            case areaName = "AREA_NM"
            case areaCode = "AREA_CD"
            case level = "AREA_CONGEST_LVL"
            case min = "AREA_PPLTN_MIN"
            case max = "AREA_PPLTN_MAX"
            case time = "PPLTN_TIME"
            case replaced = "REPLACE_YN"
            case forecast = "FCST_PPLTN"
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            areaName = c.loose(.areaName)
            areaCode = c.loose(.areaCode)
            level = c.loose(.level)
            min = c.loose(.min)
            max = c.loose(.max)
            time = c.loose(.time)
            replaced = c.loose(.replaced)
            if c.contains(.forecast), (try? c.decodeNil(forKey: .forecast)) != true {
                if let rows = try? c.decode([ForecastRow].self, forKey: .forecast) {
                    forecast = rows
                } else if (try? c.decode(String.self, forKey: .forecast))?.trimmingCharacters(in: .whitespaces).isEmpty != true {
                    forecastUnreadable = true
                }
            }
        }
    }

    /// One hour of `FCST_PPLTN`.
    struct ForecastRow: Decodable, Sendable {
        var time: Loose?
        var level: Loose?
        var min: Loose?
        var max: Loose?

        enum CodingKeys: String, CodingKey {
            case time = "FCST_TIME"
            case level = "FCST_CONGEST_LVL"
            case min = "FCST_PPLTN_MIN"
            case max = "FCST_PPLTN_MAX"
        }
    }

    /// `ROAD_TRAFFIC_STTS.AVG_ROAD_DATA`; the time under either spelling.
    struct Road: Decodable, Sendable {
        var index: Loose?
        var speed: Loose?
        var time: Loose?

        enum CodingKeys: String, CodingKey {
            case index = "ROAD_TRAFFIC_IDX"
            case speed = "ROAD_TRAFFIC_SPD"
            case time = "ROAD_TRAFFIC_TIME"
            /// The spelling of older answers.
            case oldTime = "ROAD_TRFFIC_TIME"
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            index = c.loose(.index)
            speed = c.loose(.speed)
            let time = c.loose(.time)
            let old = c.loose(.oldTime)
            self.time = time?.text != nil ? time : (old ?? time)
        }
    }

    struct RoadStatus: Decodable, Sendable {
        var average: Road?
        enum CodingKeys: String, CodingKey { case average = "AVG_ROAD_DATA" }
        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            average = try? c.decodeIfPresent(Road.self, forKey: .average)
        }
    }

    /// `CITYDATA`.
    struct City: Decodable, Sendable {
        var areaName: Loose?
        var areaCode: Loose?
        var population: Population?
        var road: Road?

        enum CodingKeys: String, CodingKey {
            case areaName = "AREA_NM"
            case areaCode = "AREA_CD"
            case population = "LIVE_PPLTN_STTS"
            case road = "ROAD_TRAFFIC_STTS"
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            areaName = c.loose(.areaName)
            areaCode = c.loose(.areaCode)
            // An array of one in the real answer; an object is read the same.
            if let list = try? c.decodeIfPresent([Population].self, forKey: .population) {
                population = list.first
            } else {
                population = try? c.decodeIfPresent(Population.self, forKey: .population)
            }
            road = (try? c.decodeIfPresent(RoadStatus.self, forKey: .road))?.average
        }
    }

    /// A whole answer: `{"list_total_count": 1, "RESULT": {…}, "CITYDATA": {…}}`,
    /// or the top-level `{"RESULT": {…}}` of no data and errors.
    struct Answer: Decodable, Sendable {
        var result: SeoulResult?
        var city: City?

        enum CodingKeys: String, CodingKey {
            case result = "RESULT"
            case city = "CITYDATA"
        }
    }

    /// Reads one body: the answer, or the API's error (`SeoulAPIError`, also
    /// from an XML body on the JSON URL) or `MalformedResponse`. `INFO-200`
    /// and any other code than `INFO-000` are errors, never an empty reading.
    static func parse(_ body: [UInt8]) throws -> Answer {
        if let xml = SeoulResponse.xmlResult(body) {
            if xml.isSuccess { throw MalformedResponse(description: "an XML answer where JSON was asked for") }
            throw SeoulAPIError(result: xml)
        }
        let answer: Answer
        do {
            answer = try JSONDecoder().decode(Answer.self, from: Data(body))
        } catch {
            throw MalformedResponse(description: "not a citydata answer: \(SeoulResponse.describe(error))")
        }
        guard let result = answer.result else { throw MalformedResponse(description: "a citydata answer without RESULT") }
        guard result.isSuccess else { throw SeoulAPIError(result: result) }
        guard answer.city != nil else { throw MalformedResponse(description: "\(result.code) without CITYDATA") }
        return answer
    }

    // MARK: - One hotspot's reading

    /// What one hotspot's answer gives the snapshot.
    struct Reading: Sendable {
        var code: String
        var name: String
        var level: String
        var min: Int
        var max: Int
        /// PPLTN_TIME, `YYYY-MM-DD HH:MM`.
        var time: String
        var road: (index: String, speed: Double, time: String?)?
        var forecast: [(time: String, level: String, min: Int, max: Int)]?
        var replaced: Bool
        var warnings: [String]
    }

    static let levels: Set<String> = ["여유", "보통", "약간 붐빔", "붐빔"]
    static let roadIndexes: Set<String> = ["원활", "서행", "정체"]

    /// `YYYY-MM-DD HH:MM`, a real Seoul time.
    static func isReadingTime(_ text: String) -> Bool {
        text.utf8.count == 16 && Timestamp.seoul(text) != nil
    }

    /// Checks the answer is the place asked for and holds the figures the
    /// snapshot needs; the optional parts (road, forecast) that do not read
    /// are left out with a warning.
    static func reading(_ answer: Answer, asked: String) throws -> Reading {
        let city = answer.city
        let population = city?.population
        let code = population?.areaCode?.text ?? city?.areaCode?.text
        let name = population?.areaName?.text ?? city?.areaName?.text
        guard let code, let name else {
            throw FeedError(.malformed, "hotspot \(asked): the answer names no area (AREA_CD and AREA_NM)")
        }
        let matches = isCode(asked) ? code == asked : name == asked
        guard matches else {
            let hint = code == "POI009" ? " (the sample key answers 광화문·덕수궁 whatever is asked: use a real key)" : ""
            throw FeedError(.data, "hotspot \(asked): the answer is for \(name) (\(code)), not the place asked for\(hint)")
        }
        let at = "hotspot \(asked)"
        guard let population else { throw FeedError(.malformed, "\(at): the answer has no LIVE_PPLTN_STTS") }
        guard let level = population.level?.text, levels.contains(level) else {
            throw FeedError(
                .data, "\(at): AREA_CONGEST_LVL \(population.level?.shown ?? "missing") is not a congestion level (여유, 보통, 약간 붐빔, 붐빔)")
        }
        guard let min = population.min?.count else {
            throw FeedError(.data, "\(at): AREA_PPLTN_MIN \(population.min?.shown ?? "missing") is not a whole number")
        }
        guard let max = population.max?.count else {
            throw FeedError(.data, "\(at): AREA_PPLTN_MAX \(population.max?.shown ?? "missing") is not a whole number")
        }
        guard min <= max else { throw FeedError(.data, "\(at): AREA_PPLTN_MIN \(min) is more than AREA_PPLTN_MAX \(max)") }
        guard let time = population.time?.text, isReadingTime(time) else {
            throw FeedError(.data, "\(at): PPLTN_TIME \(population.time?.shown ?? "missing") is not a time YYYY-MM-DD HH:MM")
        }
        var warnings: [String] = []
        var reading = Reading(
            code: code, name: name, level: level, min: min, max: max, time: time, road: nil, forecast: nil,
            replaced: population.replaced?.text == "Y", warnings: [])
        if let road = city?.road {
            if let index = road.index?.text, roadIndexes.contains(index), let speed = road.speed?.number, (0...300).contains(speed) {
                let roadTime = road.time?.text
                if let roadTime, !isReadingTime(roadTime) {
                    warnings.append("\(name): road time \(road.time?.shown ?? "") unreadable, left out")
                }
                reading.road = (index, speed, roadTime.flatMap { isReadingTime($0) ? $0 : nil })
            } else {
                warnings.append(
                    "\(name): road traffic left out (ROAD_TRAFFIC_IDX \(road.index?.shown ?? "missing"), ROAD_TRAFFIC_SPD \(road.speed?.shown ?? "missing"))")
            }
        }
        if population.forecastUnreadable {
            warnings.append("\(name): FCST_PPLTN is not a list of hours, forecast left out")
        } else if let rows = population.forecast, !rows.isEmpty {
            switch forecast(rows) {
            case .success(let hours): reading.forecast = hours
            case .failure(let problem): warnings.append("\(name): forecast left out (\(problem.text))")
            }
        }
        if reading.replaced { warnings.append("\(name): population reading substituted (REPLACE_YN Y)") }
        reading.warnings = warnings
        return reading
    }

    struct Problem: Error { var text: String }

    /// The forecast hours, when every one reads and they are in order.
    static func forecast(_ rows: [ForecastRow]) -> Result<[(time: String, level: String, min: Int, max: Int)], Problem> {
        guard rows.count <= CityDataContent.maxForecast else { return .failure(Problem(text: "\(rows.count) hours, at most \(CityDataContent.maxForecast)")) }
        var out: [(time: String, level: String, min: Int, max: Int)] = []
        for (i, row) in rows.enumerated() {
            guard let time = row.time?.text, isReadingTime(time) else {
                return .failure(Problem(text: "hour \(i + 1): FCST_TIME \(row.time?.shown ?? "missing")"))
            }
            guard let level = row.level?.text, levels.contains(level) else {
                return .failure(Problem(text: "hour \(i + 1): FCST_CONGEST_LVL \(row.level?.shown ?? "missing")"))
            }
            guard let min = row.min?.count, let max = row.max?.count, min <= max else {
                return .failure(
                    Problem(text: "hour \(i + 1): FCST_PPLTN_MIN \(row.min?.shown ?? "missing"), FCST_PPLTN_MAX \(row.max?.shown ?? "missing")"))
            }
            if let last = out.last, last.time >= time { return .failure(Problem(text: "hour \(i + 1): \(time) is not after \(last.time)")) }
            out.append((time, level, min, max))
        }
        return .success(out)
    }

    // MARK: - The snapshot

    static func document(
        _ readings: [Reading], asked: [String], asOf: String, oldest: String, fetchedAt: Double, client: SeoulClient, previous: [String: Any]?
    ) -> [String: Any] {
        // Area type, district and English name: only from the previous file, by code.
        var carried: [String: [String: String]] = [:]
        for spot in previous?["hotspots"] as? [[String: Any]] ?? [] {
            guard let code = spot["code"] as? String else { continue }
            var fields: [String: String] = [:]
            for key in ["nameEn", "category", "district"] { if let v = spot[key] as? String, !v.isEmpty { fields[key] = v } }
            carried[code] = fields
        }
        let template = client.displayURL(["json", service, "1", "5"]) + "{AREA_NM or AREA_CD}/"
        var hotspots: [[String: Any]] = []
        var carriedCount = 0
        for r in readings {
            var spot: [String: Any] = [
                "code": r.code, "name": r.name, "level": r.level, "populationMin": r.min, "populationMax": r.max, "time": r.time
            ]
            if let fields = carried[r.code], !fields.isEmpty {
                carriedCount += 1
                for (k, v) in fields { spot[k] = v }
            }
            if let road = r.road {
                var o: [String: Any] = ["index": road.index, "speedKmh": road.speed]
                if let t = road.time { o["time"] = t }
                spot["road"] = o
            }
            if let forecast = r.forecast {
                spot["forecast"] = forecast.map { ["time": $0.time, "level": $0.level, "populationMin": $0.min, "populationMax": $0.max] as [String: Any] }
            }
            hotspots.append(spot)
        }
        var notes = [
            "From the feed (service citydata, one call per hotspot): level = LIVE_PPLTN_STTS[0].AREA_CONGEST_LVL; populationMin/Max = AREA_PPLTN_MIN/MAX; time = PPLTN_TIME; forecast = FCST_PPLTN; road = ROAD_TRAFFIC_STTS.AVG_ROAD_DATA (ROAD_TRAFFIC_IDX, ROAD_TRAFFIC_SPD, ROAD_TRAFFIC_TIME or ROAD_TRFFIC_TIME).",
            "asOf is the oldest population reading time (PPLTN_TIME, KST) of the \(readings.count) hotspots (\(oldest)); each hotspot's time is its own reading, road.time the road reading's (it can differ by tens of minutes)."
        ]
        notes.append(
            carriedCount > 0
                ? "nameEn, category and district are not in the feed: carried over by area code from the previous citydata.json for \(carriedCount) of \(readings.count) hotspots; left out for the others."
                : "nameEn, category and district are not in the feed and no previous citydata.json had them: left out.")
        let replaced = readings.filter(\.replaced).count
        if replaced > 0 { notes.append("\(replaced) hotspots' population readings are substituted (REPLACE_YN Y).") }
        return [
            "kind": "citydata",
            "schemaVersion": 1,
            "asOf": asOf,
            "source": [
                "document": "서울시 실시간 도시데이터 (Open API \(service))",
                "agency": "서울특별시 (서울 열린데이터 광장)",
                "dataset": dataset,
                "url": datasetPage
            ],
            "fetch": [
                "service": service,
                "dataset": dataset,
                "fetchedAt": Timestamp.iso(fetchedAt),
                "asOf": asOf,
                "asOfField": "PPLTN_TIME \(oldest) (the oldest of \(readings.count))",
                "requestURL": template,
                "requestURLs": asked.map { client.displayURL(segments($0)) },
                "hotspots": readings.count
            ],
            "notes": notes,
            "hotspots": hotspots
        ]
    }
}

extension KeyedDecodingContainer {
    /// A value that is there, `null` included (`decodeIfPresent` would call
    /// `null` absent); nil only when the key is missing.
    fileprivate func loose(_ key: Key) -> CityDataSource.Loose? {
        guard contains(key) else { return nil }
        return (try? decode(CityDataSource.Loose.self, forKey: key)) ?? .other
    }
}
