import Foundation

/// Fixtures written from `seoul-open-api.md` §0, §2 and §4 (no real key, no
/// live answer): SpotInfo on one line with `standalone="yes"`, VolInfo with
/// one row per direction and lane, the XML error bodies and the top-level
/// JSON "no data".
enum TopisFixtures {
    /// A row of VolInfo: direction, lane, vehicles.
    struct Row {
        var io: Int
        var lane: Int
        var vol: Int
    }

    /// SpotInfo as one line, real case of the tags, with an arrow escaped once
    /// (`-&gt;`) and one escaped twice (`-&amp;gt;`, which XML turns into `-&gt;`).
    static let spotInfo =
        #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><SpotInfo><list_total_count>4</list_total_count><RESULT><CODE>INFO-000</CODE><MESSAGE>정상 처리되었습니다</MESSAGE></RESULT><row><spot_num>A-01</spot_num><spot_nm>성산로(금화터널)</spot_nm><grs80tm_x>195489</grs80tm_x><grs80tm_y>452136</grs80tm_y></row><row><spot_num>A-09</spot_num><spot_nm>퇴계로(신당역)</spot_nm><grs80tm_x>201850.055284</grs80tm_x><grs80tm_y>451769.96985</grs80tm_y></row><row><spot_num>D-77</spot_num><spot_nm>석촌호수로(방이삼거리-&gt;석촌호수)</spot_nm><grs80tm_x>210000</grs80tm_x><grs80tm_y>445000</grs80tm_y></row><row><spot_num>F-01</spot_num><spot_nm>올림픽대로(A-&amp;gt;B)</spot_nm><grs80tm_x>190000</grs80tm_x><grs80tm_y>447000</grs80tm_y></row></SpotInfo>"#

    /// Eight rows (two directions × four lanes), volumes varying with the spot, day and hour.
    static func rows(spot: String, ymd: String, hour: Int) -> [Row] {
        let seed = spot.unicodeScalars.reduce(0) { $0 &* 31 &+ Int($1.value) } & 0xFFFF
        let day = Int(ymd.suffix(2)) ?? 1
        return (1...2).flatMap { io in
            (1...4).map { lane in Row(io: io, lane: lane, vol: (seed % 97 + day * 7 + hour * 13 + io * 5 + lane * 31) % 400 + 10) }
        }
    }

    static func volInfo(spot: String, ymd: String, hour: Int, rows: [Row], total: Int? = nil) -> String {
        let hh = hour < 10 ? "0\(hour)" : "\(hour)"
        let body = rows.map {
            "<row><spot_num>\(spot)</spot_num><ymd>\(ymd)</ymd><hh>\(hh)</hh><io_type>\($0.io)</io_type><lane_num>\($0.lane)</lane_num><vol>\($0.vol)</vol></row>"
        }.joined(separator: "\n  ")
        return
            "<VolInfo><list_total_count>\(total ?? rows.count)</list_total_count><RESULT><CODE>INFO-000</CODE><MESSAGE>정상 처리되었습니다</MESSAGE></RESULT>\n  \(body)</VolInfo>"
    }

    /// INFO-100 as observed: XML with no declaration and no service wrapper, CDATA with a newline.
    static let badKey = "<RESULT><CODE>INFO-100</CODE><MESSAGE><![CDATA[인증키가 유효하지 않습니다.\n인증키가 없는 경우, 열린 데이터 광장 홈페이지에서 인증키를 신청하십시오.]]></MESSAGE></RESULT>"
    static let serverError =
        "<VolInfo><RESULT><CODE>ERROR-500</CODE><MESSAGE><![CDATA[서버 오류입니다.\n지속적으로 발생시 열린 데이터 광장으로 문의(Q&A) 바랍니다.]]></MESSAGE></RESULT></VolInfo>"
    /// INFO-200 as a top-level JSON RESULT.
    static let noDataJSON = #"{"RESULT":{"CODE":"INFO-200","MESSAGE":"해당하는 데이터가 없습니다."}}"#
    static let noDataXML = "<VolInfo><RESULT><CODE>INFO-200</CODE><MESSAGE>해당하는 데이터가 없습니다.</MESSAGE></RESULT></VolInfo>"

    static func ymd(_ y: Int, _ m: Int, _ d: Int) -> String {
        "\(y)\(m < 10 ? "0" : "")\(m)\(d < 10 ? "0" : "")\(d)"
    }

    /// The Seoul instant `yyyy-mm-dd hh:mm` as epoch seconds.
    static func seoul(_ y: Int, _ m: Int, _ d: Int, _ h: Int, _ min: Int = 0) -> Double {
        var c = DateComponents()
        (c.year, c.month, c.day, c.hour, c.minute) = (y, m, d, h, min)
        c.timeZone = TimeZone(secondsFromGMT: 9 * 3600)
        return Calendar(identifier: .gregorian).date(from: c)!.timeIntervalSince1970
    }
}
