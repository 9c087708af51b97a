import Foundation
import MayorCore
import Testing

@testable import MayorIngest

@Suite struct TopisTests {
    let source = "http://127.0.0.1:1/xml/VolInfo/"

    @Test func spotInfoOnOneLineWithArrowsDecoded() throws {
        let spots = try Topis.spots(Data(TopisFixtures.spotInfo.utf8), source: "SpotInfo")
        #expect(spots.map(\.id) == ["A-01", "A-09", "D-77", "F-01"])
        #expect(spots[0].name == "성산로(금화터널)")
        #expect(spots[2].name == "석촌호수로(방이삼거리->석촌호수)")
        #expect(spots[3].name == "올림픽대로(A->B)", "an arrow escaped twice is decoded too")
    }

    @Test func hourVolumeSumsEveryDirectionAndLane() throws {
        let hour = TrafficLedger.Hour(spot: "A-10", ymd: "20220203", hour: 22)
        let rows = TopisFixtures.rows(spot: "A-10", ymd: "20220203", hour: 22)
        var expected = 0
        for row in rows { expected += row.vol }
        let xml = TopisFixtures.volInfo(spot: "A-10", ymd: "20220203", hour: 22, rows: rows)
        #expect(rows.count == 8)
        #expect(try Topis.hourVolume(Data(xml.utf8), source: source, hour: hour) == expected)
    }

    @Test func noDataIsNilNotZero() throws {
        let hour = TrafficLedger.Hour(spot: "A-10", ymd: "20190101", hour: 0)
        #expect(try Topis.hourVolume(Data(TopisFixtures.noDataJSON.utf8), source: source, hour: hour) == nil)
        #expect(try Topis.hourVolume(Data(TopisFixtures.noDataXML.utf8), source: source, hour: hour) == nil)
    }

    @Test func errorBodiesAreErrorsNeverData() {
        let hour = TrafficLedger.Hour(spot: "A-10", ymd: "20220203", hour: 22)
        do {
            _ = try Topis.hourVolume(Data(TopisFixtures.badKey.utf8), source: source, hour: hour)
            Issue.record("INFO-100 read as data")
        } catch let e as SeoulXML.ServiceError {
            #expect(e.code == "INFO-100" && e.isBadKey && !e.isRetryable)
            #expect(!e.message.contains("\n"), "the CDATA newline is not printed raw: \(e.message)")
            #expect(e.message.hasPrefix("인증키가 유효하지 않습니다."))
        } catch { Issue.record("\(error)") }
        do {
            _ = try Topis.hourVolume(Data(TopisFixtures.serverError.utf8), source: source, hour: hour)
            Issue.record("ERROR-500 read as data")
        } catch let e as SeoulXML.ServiceError {
            #expect(e.code == "ERROR-500" && e.isRetryable)
        } catch { Issue.record("\(error)") }
    }

    @Test func badAnswersNameTheSourceAndThePlace() {
        let hour = TrafficLedger.Hour(spot: "A-10", ymd: "20220203", hour: 22)
        let full = TopisFixtures.volInfo(spot: "A-10", ymd: "20220203", hour: 22, rows: TopisFixtures.rows(spot: "A-10", ymd: "20220203", hour: 22))
        func message(_ text: String) -> String {
            do {
                _ = try Topis.hourVolume(Data(text.utf8), source: source, hour: hour)
                return "accepted"
            } catch { return "\(error)" }
        }
        // A body cut in half.
        let cut = message(String(full.prefix(full.utf8.count / 2)))
        #expect(cut.hasPrefix(source + ": line "), "\(cut)")
        #expect(cut.contains("not well-formed XML"), "\(cut)")
        // A row of another hour, a fractional or negative volume, fewer rows than announced, a lane twice.
        #expect(
            message(full.replacingOccurrences(of: "<hh>22</hh><io_type>2</io_type><lane_num>3", with: "<hh>21</hh><io_type>2</io_type><lane_num>3"))
                == "\(source): row 7: hh is '21', asked for 22")
        let firstVol = TopisFixtures.rows(spot: "A-10", ymd: "20220203", hour: 22)[0].vol
        #expect(
            message(full.replacingOccurrences(of: "<vol>\(firstVol)</vol>", with: "<vol>12.5</vol>"))
                == "\(source): row 1: vol '12.5' is not a whole number of vehicles")
        #expect(
            message(full.replacingOccurrences(of: "<vol>\(firstVol)</vol>", with: "<vol>-3</vol>"))
                == "\(source): row 1: vol '-3' is not a whole number of vehicles")
        #expect(
            message(full.replacingOccurrences(of: "<list_total_count>8<", with: "<list_total_count>9<"))
                == "\(source): holds 8 of 9 rows; the hour would be undercounted")
        #expect(
            message(full.replacingOccurrences(of: "<lane_num>2</lane_num>", with: "<lane_num>1</lane_num>"))
                == "\(source): row 2: direction 1 lane 1 given twice")
        #expect(message("<SpotInfo></SpotInfo>") == "\(source): expected a <VolInfo> answer, found <SpotInfo>")
        #expect(message("") == "\(source): empty answer")
    }

    @Test func entitiesDecode() {
        #expect(SeoulXML.decodeEntities("a-&gt;b &lt;&amp;&quot;&apos; &#62;&#x3E; &unknown; & x") == "a->b <&\"' >> &unknown; & x")
    }
}
