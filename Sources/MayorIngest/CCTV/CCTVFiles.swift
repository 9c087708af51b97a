import Foundation
import SwiftCSV

extension CCTVDistrictTable {
    /// OA-2722, 서울시 자치구 (목적별) CCTV 설치현황, XLSX: title rows, a
    /// header of one or two rows (the second under merged groups), a total
    /// row (합계), the 25 districts (some without 구), `-` for zero, then
    /// footnotes. `asOf` overrides a date found in the title or file name.
    public static func byPurpose(xlsx url: URL, asOf: String? = nil) throws -> CCTVDistrictTable {
        let file = url.path
        let sheet = try XLSXSheet.firstSheet(of: url)
        let rowNumbers = sheet.rows.keys.sorted()
        func bare(_ s: String) -> String { String(s.unicodeScalars.filter { !$0.properties.isWhitespace }) }
        // The header: the first row with a 자치구 (or 구분) cell.
        var header: (row: Int, column: Int)?
        for r in rowNumbers {
            if let c = sheet.rows[r]!.keys.sorted().first(where: { ["자치구", "구분"].contains(bare(sheet.text(r, $0))) }) {
                header = (r, c)
                break
            }
        }
        guard let header else { throw IngestError(file: file, "no header row: no cell reads 자치구 (or 구분)") }
        let nameColumn = header.column
        guard let totalRow = rowNumbers.first(where: { $0 > header.row && SeoulDistricts.isTotal(sheet.text($0, nameColumn)) }) else {
            throw IngestError(file: file, "no total row (합계) under the header in column \(XLSXSheet.columnLetters(nameColumn))")
        }
        let headerRows = Array(header.row..<totalRow)
        guard headerRows.count <= 3 else {
            throw IngestError(file: file, place: "row \(totalRow)", "the total row is \(headerRows.count) rows under the header; expected 1 or 2")
        }
        // Columns: every one right of the district names with a header or a total.
        let lastColumn = ([totalRow] + headerRows).compactMap { sheet.rows[$0]?.keys.max() }.max() ?? nameColumn
        var columns: [Int] = []
        var headers: [String] = []
        var group = ""
        for c in (nameColumn + 1)...max(nameColumn + 1, lastColumn) {
            let upper = bare(sheet.text(header.row, c))
            let lower =
                headerRows.count > 1
                ? headerRows.dropFirst().map { sheet.text($0, c).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ") : ""
            // A merged group's name is written in its first cell only: carried to the cells under it.
            if !upper.isEmpty { group = lower.isEmpty ? "" : sheet.text(header.row, c).trimmingCharacters(in: .whitespaces) }
            let name: String
            if !lower.isEmpty {
                name = group.isEmpty ? lower : "\(group) \(lower)"
            } else {
                name = sheet.text(header.row, c).trimmingCharacters(in: .whitespaces)
            }
            if name.isEmpty && sheet.text(totalRow, c).trimmingCharacters(in: .whitespaces).isEmpty { continue }
            guard !name.isEmpty else {
                throw IngestError(file: file, place: "cell \(XLSXSheet.reference(row: header.row, column: c))", "a column with figures has no header")
            }
            columns.append(c)
            headers.append(name)
        }
        guard let first = headers.first, bare(first).hasSuffix("계") || bare(first).contains("총계") else {
            throw IngestError(
                file: file, place: "cell \(XLSXSheet.reference(row: header.row, column: nameColumn + 1))",
                "expected the total (총계) right of the district names, found '\(shown(headers.first ?? "", limit: 30))'")
        }
        func counts(_ r: Int) throws -> [Int] {
            try columns.map { c in
                let text = sheet.text(r, c)
                guard let n = count(text) else {
                    throw IngestError(
                        file: file, place: "cell \(XLSXSheet.reference(row: r, column: c))",
                        "'\(shown(text, limit: 20))' is not a count (a whole number, or - for zero)")
                }
                return n
            }
        }
        let total = try counts(totalRow)
        var districts: [(row: String, district: SeoulDistricts.District, counts: [Int])] = []
        for r in rowNumbers where r > totalRow {
            let name = sheet.text(r, nameColumn)
            if let district = SeoulDistricts.named(name) {
                districts.append(("row \(r)", district, try counts(r)))
                continue
            }
            let figures = columns.contains {
                count(sheet.text(r, $0)) != nil && !sheet.text(r, $0).trimmingCharacters(in: .whitespaces).isEmpty && sheet.text(r, $0) != "-"
            }
            // Footnotes (※ …) and blank rows carry no figures.
            if !figures { continue }
            throw IngestError(
                file: file, place: "cell \(XLSXSheet.reference(row: r, column: nameColumn))", "'\(shown(name, limit: 20))' is not one of Seoul's 25 districts")
        }
        let title = rowNumbers.filter { $0 < header.row }.flatMap { r in sheet.rows[r]!.values }.joined(separator: " ")
        let date = asOf ?? editionDate(in: title) ?? editionDate(in: url.lastPathComponent)
        return try checked(
            dataset: .byPurpose, file: file, districts: districts, headers: headers, total: total,
            totalPlace: { "cell \(XLSXSheet.reference(row: totalRow, column: columns[$0]))" }, asOf: date)
    }

    /// OA-2734, 서울시 자치구 년도별 CCTV 설치 현황, CSV in CP949 (UTF-8
    /// accepted too): `순번, 구분, 총 계, 2015년 이전 설치된 CCTV , 2015년, …`
    /// (headers matched without their spaces), a total row (계), the 25
    /// districts, counts as text with commas and spaces.
    public static func byYear(csv url: URL, asOf: String? = nil) throws -> CCTVDistrictTable {
        let file = url.path
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw IngestError(file: file, "cannot be read") }
        var text: String
        if let utf8 = String(validating: data, as: UTF8.self) {
            text = utf8
        } else {
            do {
                text = try CP949.decode(data)
            } catch .invalid(let offset) {
                throw IngestError(file: file, place: "byte \(offset)", "neither UTF-8 nor CP949")
            } catch {
                throw IngestError(file: file, "CP949 cannot be decoded here (no iconv converter)")
            }
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let csv: EnumeratedCSV
        do {
            csv = try EnumeratedCSV(string: text, delimiter: .comma, loadColumns: false)
        } catch {
            throw IngestError(file: file, "not CSV: \(shown("\(error)", limit: 80))")
        }
        func bare(_ s: String) -> String { String(s.unicodeScalars.filter { !$0.properties.isWhitespace }) }
        let header = csv.header.map(bare)
        guard let nameColumn = header.firstIndex(of: "구분") ?? header.firstIndex(of: "자치구") else {
            throw IngestError(file: file, place: "row 1", "no 구분 (district) column in the header")
        }
        guard let totalColumn = header.firstIndex(of: "총계") else {
            throw IngestError(file: file, place: "row 1", "no '총 계' (total) column in the header")
        }
        let columns = [totalColumn] + header.indices.filter { $0 > totalColumn && !header[$0].isEmpty }
        let headers = columns.map { csv.header[$0].trimmingCharacters(in: .whitespaces) }
        func counts(_ row: [String], _ r: Int) throws -> [Int] {
            try columns.map { c in
                let text = c < row.count ? row[c] : ""
                guard let n = count(text) else {
                    throw IngestError(
                        file: file, place: "row \(r), column '\(headers[columns.firstIndex(of: c)!])'",
                        "'\(shown(text, limit: 20))' is not a count (a whole number, or - for zero)")
                }
                return n
            }
        }
        var total: [Int]?
        var totalRow = 0
        var districts: [(row: String, district: SeoulDistricts.District, counts: [Int])] = []
        for (i, row) in csv.rows.enumerated() {
            let r = i + 2  // the header is row 1
            let name = nameColumn < row.count ? row[nameColumn] : ""
            if row.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            if SeoulDistricts.isTotal(name) {
                if total != nil { throw IngestError(file: file, place: "row \(r)", "a second total row (first at row \(totalRow))") }
                total = try counts(row, r)
                totalRow = r
            } else if let district = SeoulDistricts.named(name) {
                districts.append(("row \(r)", district, try counts(row, r)))
            } else {
                throw IngestError(file: file, place: "row \(r)", "'\(shown(name, limit: 20))' is not one of Seoul's 25 districts")
            }
        }
        guard let total else { throw IngestError(file: file, "no total row (계)") }
        return try checked(
            dataset: .byYear, file: file, districts: districts, headers: headers, total: total,
            totalPlace: { "row \(totalRow), column '\(headers[$0])'" }, asOf: asOf ?? editionDate(in: url.lastPathComponent))
    }
}
