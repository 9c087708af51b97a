import Foundation
import MayorCore
import Testing

@testable import MayorIngest

@Suite struct CCTVImportTests {
    /// The bundled cctv.json, found from this file's place in the checkout.
    static let bundled = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Data/cctv.json")
    static let now = CalendarDate.parseInstant("2026-11-29T12:00:00+09:00")!

    static func error(_ body: () throws -> Any) -> String {
        do {
            _ = try body()
            return "accepted"
        } catch { return "\(error)" }
    }

    // MARK: OA-2722 (XLSX)

    @Test func purposeXLSXGivesEachDistrictsFigures() throws {
        let folder = CCTVFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("서울시 자치구 (목적별) CCTV 설치현황('25.6.30 기준).xlsx")
        try CCTVFixtures.purposeXLSX(at: url)
        let table = try CCTVDistrictTable.byPurpose(xlsx: url)
        #expect(table.dataset == .byPurpose)
        #expect(table.asOf == "2025-06-30")
        #expect(table.rows.map(\.district.name) == SeoulDistricts.all.map(\.name), "동대문, 서대문, 영등포 found as districts, in code order")
        var expectedTotal = 0
        for (i, name) in CCTVFixtures.fileNames.enumerated() {
            let p = CCTVFixtures.purposes(i)
            var sum = 0
            for n in p { sum += n }
            expectedTotal += sum
            let row = try #require(table.rows.first { $0.district.name.hasPrefix(name) })
            #expect(row.cameras == sum, "\(name)")
            #expect(row.breakdown.map(\.1) == [p[0] + p[1] + p[2]] + p, "\(name): '-' is zero")
        }
        #expect(table.total == expectedTotal)
        #expect(
            table.rows[0].breakdown.map(\.0) == [
                "범죄예방·수사 소계", "범죄예방·수사 방범", "범죄예방·수사 어린이보호구역", "범죄예방·수사 공원·놀이터", "쓰레기무단투기", "시설안전·화재예방", "교통단속",
                "교통정보수집·분석", "기타(다른 법령)"
            ])
    }

    @Test func purposeXLSXErrorsNameTheFileTheCellAndTheProblem() throws {
        let dir = CCTVFixtures.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        func problem(_ options: CCTVFixtures.XLSXOptions) throws -> String {
            let url = dir.appendingPathComponent("oa2722.xlsx")
            try CCTVFixtures.purposeXLSX(at: url, options)
            return Self.error { try CCTVDistrictTable.byPurpose(xlsx: url) }
        }
        let file = dir.appendingPathComponent("oa2722.xlsx").path
        var o = CCTVFixtures.XLSXOptions()
        o.overrides["3,4"] = "12a"
        let badCell = try problem(o)
        #expect(badCell == "\(file): cell F9: '12a' is not a count (a whole number, or - for zero)")
        o = CCTVFixtures.XLSXOptions()
        o.totalDelta = 5
        let sum = (0..<25).reduce(0) { $0 + CCTVFixtures.purposeRow($1)[0] }
        #expect(try problem(o) == "\(file): cell B5: the total row gives \(sum + 5) for '총계(CCTV수량)' but the 25 districts add up to \(sum)")
        o = CCTVFixtures.XLSXOptions()
        o.names[5] = "동대문구청"
        #expect(try problem(o) == "\(file): cell A11: '동대문구청' is not one of Seoul's 25 districts")
        o = CCTVFixtures.XLSXOptions()
        o.names[12] = "동대문구"
        #expect(try problem(o) == "\(file): row 18: 동대문구 again (first at row 11)")
        o = CCTVFixtures.XLSXOptions()
        o.names.removeLast()
        let missing = try problem(o)
        #expect(missing == "\(file): 24 districts; missing 강동구")
        let notZip = dir.appendingPathComponent("fake.xlsx")
        try Data("순번,구분".utf8).write(to: notZip)
        #expect(Self.error { try CCTVDistrictTable.byPurpose(xlsx: notZip) } == "\(notZip.path): not an XLSX file (not a readable ZIP archive)")
    }

    @Test func editionDates() {
        #expect(CCTVDistrictTable.editionDate(in: "서울시 자치구 (목적별) CCTV 설치현황('25.6.30 기준).xlsx") == "2025-06-30")
        #expect(CCTVDistrictTable.editionDate(in: "서울시 자치구 년도별 CCTV 설치 현황_230630기준.csv") == "2023-06-30")
        #expect(CCTVDistrictTable.editionDate(in: "2024.12.31 기준") == "2024-12-31")
        #expect(CCTVDistrictTable.editionDate(in: "CCTV.xlsx") == nil)
    }

    // MARK: OA-2734 (CSV, CP949)

    @Test func cp949DecodesOnThisPlatform() throws {
        // 구분 in CP949 is B1 B8 BA D0 (KS X 1001), not UTF-8.
        #expect([UInt8](CCTVFixtures.cp949("구분")) == [0xB1, 0xB8, 0xBA, 0xD0])
        #expect(try CP949.decode(Data([0xB1, 0xB8, 0xBA, 0xD0, 0x2C, 0x41])) == "구분,A")
        #expect(throws: CP949.Failure.invalid(offset: 2)) { try CP949.decode(Data([0x41, 0x42, 0xFF, 0xFF])) }
        // A syllable outside EUC-KR's 2,350 (UHC extension): 똠 is 8C 63.
        #expect(try CP949.decode(CCTVFixtures.cp949("똠방각하")) == "똠방각하")
    }

    @Test func yearCSVInCP949GivesEachDistrictsFigures() throws {
        let folder = CCTVFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("서울시 자치구 년도별 CCTV 설치 현황_230630기준.csv")
        let bytes = CCTVFixtures.cp949(CCTVFixtures.yearCSV())
        #expect(String(validating: bytes, as: UTF8.self) == nil, "the fixture is really CP949")
        try bytes.write(to: url)
        let table = try CCTVDistrictTable.byYear(csv: url)
        #expect(table.asOf == "2023-06-30")
        var expectedTotal = 0
        for (i, name) in CCTVFixtures.fileNames.enumerated() {
            var sum = 0
            for n in CCTVFixtures.years(i) { sum += n }
            expectedTotal += sum
            let row = try #require(table.rows.first { $0.district.name.hasPrefix(name) })
            #expect(row.cameras == sum)
            #expect(row.breakdown.map(\.1) == CCTVFixtures.years(i))
        }
        #expect(table.total == expectedTotal)
        #expect(table.rows[0].breakdown.first?.0 == "2015년 이전 설치된 CCTV", "the header's trailing space is dropped")
        // The same file saved as UTF-8 (as students re-save it) reads the same.
        let utf8 = url.deletingLastPathComponent().appendingPathComponent("utf8.csv")
        try Data(("\u{FEFF}" + CCTVFixtures.yearCSV()).utf8).write(to: utf8)
        #expect(try CCTVDistrictTable.byYear(csv: utf8, asOf: "2023-06-30") == table)
    }

    @Test func yearCSVErrorsNameTheFileTheRowAndTheProblem() throws {
        let dir = CCTVFixtures.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("oa2734.csv")
        func problem(_ text: String) throws -> String {
            try CCTVFixtures.cp949(text).write(to: url)
            return Self.error { try CCTVDistrictTable.byYear(csv: url) }
        }
        let badCount = try problem(CCTVFixtures.yearCSV(override: (2, 3, "\"1,2x4\"")))
        #expect(badCount == "\(url.path): row 5, column '2016년': '1,2x4' is not a count (a whole number, or - for zero)")
        let sum = (0..<25).reduce(0) { $0 + CCTVFixtures.years($1).reduce(0, +) }
        #expect(
            try problem(CCTVFixtures.yearCSV(totalDelta: -1))
                == "\(url.path): row 2, column '총 계': the total row gives \(sum - 1) for '총 계' but the 25 districts add up to \(sum)")
        var names = CCTVFixtures.fileNames
        names[3] = "성동"
        #expect(try problem(CCTVFixtures.yearCSV(names: names)) == "accepted", "성동 is 성동구")
        names[3] = "세종시"
        #expect(try problem(CCTVFixtures.yearCSV(names: names)) == "\(url.path): row 6: '세종시' is not one of Seoul's 25 districts")
        #expect(try problem(CCTVFixtures.yearCSV().replacingOccurrences(of: "총 계", with: "합")) == "\(url.path): row 1: no '총 계' (total) column in the header")
        try Data([0x41, 0x2C, 0xFF, 0xFF, 0x0A]).write(to: url)
        #expect(Self.error { try CCTVDistrictTable.byYear(csv: url) } == "\(url.path): byte 2: neither UTF-8 nor CP949")
    }

    // MARK: merging into cctv.json

    @Test func importMergesTheDistrictsAndKeepsTheRest() throws {
        let dir = CCTVFixtures.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("cctv.json")
        try FileManager.default.copyItem(at: Self.bundled, to: target)
        let before = try #require(Self.parse(try Data(contentsOf: target)))
        let xlsx = dir.appendingPathComponent("서울시 자치구 (목적별) CCTV 설치현황('25.6.30 기준).xlsx")
        try CCTVFixtures.purposeXLSX(at: xlsx)
        try CCTVImport.run(file: xlsx, out: dir, asOf: nil, now: Self.now)
        let data = try Data(contentsOf: target)
        let after = try #require(Self.parse(data))
        let cctv = try #require(after.cctv)
        var expected = 0
        for i in 0..<25 { expected += CCTVFixtures.purposes(i).reduce(0, +) }
        #expect(cctv.totalCameras == expected)
        #expect(cctv.districts.map(\.code.value) == before.cctv!.districts.map(\.code.value))
        #expect(cctv.districts[5].name.value == "동대문구" && cctv.districts[5].cameras == CCTVFixtures.purposes(5).reduce(0, +))
        #expect(cctv.districtsAsOf?.value == "2025-06-30")
        #expect(after.envelope.asOf.value == "2025-06-30")
        #expect(after.envelope.source.dataset?.value == "OA-2722")
        // Everything else as it was.
        #expect(cctv.ageProfile == before.cctv!.ageProfile)
        #expect(cctv.programme == before.cctv!.programme)
        #expect(cctv.budgets == before.cctv!.budgets)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"additionalSources\""))
        #expect(text.contains("\"byPurpose\""))
        #expect(!text.contains("as recorded in reference/seoul-districts.csv. No source gives"), "the superseded per-district note is replaced")
        // Then the by-year CSV: its totals replace those, and the by-purpose breakdown goes with them.
        let csv = dir.appendingPathComponent("서울시 자치구 년도별 CCTV 설치 현황_230630기준.csv")
        try CCTVFixtures.cp949(CCTVFixtures.yearCSV()).write(to: csv)
        try CCTVImport.run(file: csv, out: dir, asOf: nil, now: Self.now)
        let again = try Data(contentsOf: target)
        let third = try #require(Self.parse(again))
        #expect(third.cctv!.totalCameras == (0..<25).reduce(0) { $0 + CCTVFixtures.years($1).reduce(0, +) })
        #expect(third.cctv!.districtsAsOf?.value == "2023-06-30")
        #expect(third.envelope.asOf.value == "2025-06-30", "the envelope's date does not go back")
        let againText = String(decoding: again, as: UTF8.self)
        #expect(!againText.contains("\"byPurpose\"") && againText.contains("\"byYear\""))
        #expect(againText.components(separatedBy: CCTVImport.notePrefix).count == 2, "one note of the import, not two")
    }

    @Test func aFailedImportLeavesTheFileByteIdentical() throws {
        let dir = CCTVFixtures.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("cctv.json")
        try FileManager.default.copyItem(at: Self.bundled, to: target)
        let before = try Data(contentsOf: target)
        let csv = dir.appendingPathComponent("bad.csv")
        try CCTVFixtures.cp949(CCTVFixtures.yearCSV(totalDelta: 3)).write(to: csv)
        #expect(Self.error { try CCTVImport.run(file: csv, out: dir, asOf: nil, now: Self.now) }.hasPrefix("\(csv.path): row 2, column '총 계'"))
        #expect(try Data(contentsOf: target) == before)
        // A date in the future is refused by the wall's own validation before anything is written.
        let good = dir.appendingPathComponent("good.csv")
        try CCTVFixtures.cp949(CCTVFixtures.yearCSV()).write(to: good)
        let future = Self.error { try CCTVImport.run(file: good, out: dir, asOf: "2027-01-01", now: Self.now) }
        #expect(future.hasPrefix("\(target.path): the merged file would not load"), "\(future)")
        #expect(try Data(contentsOf: target) == before)
        #expect(
            Self.error { try CCTVImport.run(file: good, out: dir, asOf: "2023-13-01", now: Self.now) }
                == "\(good.path): --as-of 2023-13-01 is not a date (YYYY-MM-DD)")
        #expect(try Data(contentsOf: target) == before)
        // No folder file to merge into.
        let empty = CCTVFixtures.folder()
        defer { try? FileManager.default.removeItem(at: empty) }
        #expect(
            Self.error { try CCTVImport.run(file: good, out: empty, asOf: nil, now: Self.now) }.hasSuffix(
                "cctv.json: no cctv.json to merge into (its age profile, programme and budgets come from elsewhere)"))
    }

    static func parse(_ data: Data) -> Snapshot? {
        switch SnapshotParser.parse(.cctv, data: data, file: "cctv.json", now: now) {
        case .success(let s): return s
        case .failure(let problems):
            Issue.record("\(problems)")
            return nil
        }
    }
}
