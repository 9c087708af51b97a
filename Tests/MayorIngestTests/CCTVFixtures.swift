import Foundation
import ZIPFoundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Small files in the portal's shapes (`seoul-open-api.md` §5), made by the
/// tests: an OA-2722 XLSX (title and unit rows, a two-row header under a
/// merged group, a total row, 25 districts with three names lacking 구, `-`
/// for zero, a footnote) and an OA-2734 CSV (CP949, CRLF, a header with a
/// trailing space, counts with commas and spaces, the total row first).
enum CCTVFixtures {
    /// The 25 districts as the files name them: 동대문, 서대문 and 영등포 without 구.
    static let fileNames = [
        "종로구", "중구", "용산구", "성동구", "광진구", "동대문", "중랑구", "성북구", "강북구", "도봉구", "노원구", "은평구", "서대문",
        "마포구", "양천구", "강서구", "구로구", "금천구", "영등포", "동작구", "관악구", "서초구", "강남구", "송파구", "강동구"
    ]

    /// By-purpose counts of district `i`: 방범, 어린이보호구역, 공원·놀이터, 쓰레기무단투기,
    /// 시설안전·화재예방, 교통단속, 교통정보수집·분석, 기타; some zero (written `-`).
    static func purposes(_ i: Int) -> [Int] {
        [2000 + i * 37, 300 + i * 11, i % 4 == 0 ? 0 : 150 + i * 3, 100 + i, i % 5 == 1 ? 0 : 80 + i * 2, 40 + i % 7, i % 3 == 0 ? 0 : 20 + i, 10 + i % 9]
    }

    /// The columns right of the names: 총계, 소계, then the eight purposes.
    static func purposeRow(_ i: Int) -> [Int] {
        let p = purposes(i)
        let crime = p[0] + p[1] + p[2]
        return [p.reduce(0, +), crime] + p
    }

    struct XLSXOptions {
        var names = fileNames
        /// (row index 0…24, column index 0…9) → the cell's text instead of its count.
        var overrides: [String: String] = [:]
        var totalDelta = 0
        var title = "서울시 자치구 (목적별) CCTV 설치현황('25.6.30 기준)"
    }

    static func columnLetter(_ i: Int) -> String { String(UnicodeScalar(UInt8(65 + i))) }

    /// An XLSX with the layout of OA-2722. Numbers are number cells; `-`,
    /// names and headers shared strings; one name an inline string.
    static func purposeXLSX(at url: URL, _ options: XLSXOptions = XLSXOptions()) throws {
        var shared: [String] = []
        func s(_ text: String) -> Int {
            if let i = shared.firstIndex(of: text) { return i }
            shared.append(text)
            return shared.count - 1
        }
        func esc(_ t: String) -> String { t.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;") }
        var rows: [String] = []
        func row(_ r: Int, _ cells: [String]) { rows.append("<row r=\"\(r)\">\(cells.joined())</row>") }
        func str(_ ref: String, _ text: String) -> String { "<c r=\"\(ref)\" t=\"s\"><v>\(s(text))</v></c>" }
        func num(_ ref: String, _ n: Int) -> String { n == 0 ? str(ref, "-") : "<c r=\"\(ref)\"><v>\(n)</v></c>" }
        row(1, [str("A1", options.title)])
        row(2, [str("A2", "(단위: 대)")])
        let upper = ["자치구", "총계(CCTV수량)", "범죄예방·수사", "", "", "", "쓰레기무단투기", "시설안전·화재예방", "교통단속", "교통정보수집·분석", "기타(다른 법령)"]
        row(3, upper.enumerated().compactMap { $1.isEmpty ? nil : str("\(columnLetter($0))3", $1) })
        row(4, ["소계", "방범", "어린이보호구역", "공원·놀이터"].enumerated().map { str("\(columnLetter($0 + 2))4", $1) })
        var total = Array(repeating: 0, count: 10)
        for i in 0..<25 { for (c, n) in purposeRow(i).enumerated() { total[c] += n } }
        total[0] += options.totalDelta
        row(5, [str("A5", "합계")] + total.enumerated().map { num("\(columnLetter($0 + 1))5", $1) })
        for (i, name) in options.names.enumerated() {
            let r = 6 + i
            let nameCell = i == 1 ? "<c r=\"A\(r)\" t=\"inlineStr\"><is><t>\(esc(name))</t></is></c>" : str("A\(r)", name)
            let counts = purposeRow(i).enumerated().map { c, n -> String in
                let ref = "\(columnLetter(c + 1))\(r)"
                if let text = options.overrides["\(i),\(c)"] { return str(ref, text) }
                return num(ref, n)
            }
            row(r, [nameCell] + counts)
        }
        row(6 + options.names.count, [str("A\(6 + options.names.count)", "※ 자료: 각 자치구 (2025. 6. 30. 기준)")])
        let sheet = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetData>\(rows.joined())</sheetData><mergeCells count="1"><mergeCell ref="C3:F3"/></mergeCells></worksheet>
            """
        let strings = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="\(shared.count)" uniqueCount="\(shared.count)">\(shared.map { "<si><t>\(esc($0))</t></si>" }.joined())</sst>
            """
        let parts: [(String, String)] = [
            (
                "[Content_Types].xml",
                #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#
            ),
            (
                "xl/workbook.xml",
                #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="목적별" sheetId="1" r:id="rId3"/></sheets></workbook>"#
            ),
            (
                "xl/_rels/workbook.xml.rels",
                #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/data.xml"/></Relationships>"#
            ),
            ("xl/sharedStrings.xml", strings),
            ("xl/worksheets/data.xml", sheet)
        ]
        try? FileManager.default.removeItem(at: url)
        let archive = try Archive(url: url, accessMode: .create)
        for (path, text) in parts {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
    }

    // MARK: OA-2734

    static let yearHeaders = ["2015년 이전 설치된 CCTV ", "2015년", "2016년", "2017년", "2018년", "2019년", "2020년", "2021년", "2022년", "2023년"]

    static func years(_ i: Int) -> [Int] {
        (0..<yearHeaders.count).map { y in y == 0 ? 1200 + i * 41 : (y + i) % 6 == 0 ? 0 : 90 + (i * 7 + y * 13) % 300 }
    }

    /// `1,234 ` (commas and a trailing space, quoted), `-` for zero.
    static func cell(_ n: Int) -> String {
        if n == 0 { return "-" }
        let digits = String(n)
        var out = ""
        for (k, ch) in digits.enumerated() {
            if k > 0, (digits.count - k) % 3 == 0 { out += "," }
            out.append(ch)
        }
        return "\"\(out) \""
    }

    static func yearCSV(names: [String] = fileNames, totalDelta: Int = 0, override: (row: Int, column: Int, text: String)? = nil) -> String {
        var lines = ["순번,구분,총 계," + yearHeaders.joined(separator: ",")]
        var total = Array(repeating: 0, count: yearHeaders.count + 1)
        for i in 0..<25 {
            let y = years(i)
            total[0] += y.reduce(0, +)
            for (k, n) in y.enumerated() { total[k + 1] += n }
        }
        total[0] += totalDelta
        lines.append("1,계," + total.map(cell).joined(separator: ","))
        for (i, name) in names.enumerated() {
            let y = years(i)
            var cells = ([y.reduce(0, +)] + y).map(cell)
            if let o = override, o.row == i { cells[o.column] = o.text }
            lines.append("\(i + 2),\(name)," + cells.joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// UTF-8 text to CP949 bytes, with the C library's iconv.
    static func cp949(_ text: String) -> Data {
        let cd = iconv_open("CP949", "UTF-8")
        precondition(cd != iconv_t(bitPattern: -1), "no CP949 encoder")
        defer { iconv_close(cd) }
        var input = Array(text.utf8)
        var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
        let produced = input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf -> Int in
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress)?.assumingMemoryBound(to: CChar.self)
                var inLeft = inBuf.count
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress)?.assumingMemoryBound(to: CChar.self)
                var outLeft = outBuf.count
                precondition(iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) != -1, "not encodable in CP949")
                return outBuf.count - outLeft
            }
        }
        return Data(output[..<produced])
    }

    static func folder() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mayor-cctv-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
