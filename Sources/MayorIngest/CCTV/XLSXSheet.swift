import Foundation
import SWXMLHash
import ZIPFoundation

/// The cells of one worksheet of an XLSX file (a ZIP of XML parts), as text:
/// shared strings resolved, inline strings and numbers as written.
public struct XLSXSheet: Sendable {
    /// Row number (1-based, as Excel shows it) → column number (1-based) → text.
    public var rows: [Int: [Int: String]] = [:]
    public var name: String

    /// Parts larger than this are refused (a ZIP bomb never fills memory).
    public static let maxPartBytes: UInt64 = 64 * 1024 * 1024

    public func text(_ row: Int, _ column: Int) -> String { rows[row]?[column] ?? "" }

    /// `B7` for row 7, column 2.
    public static func reference(row: Int, column: Int) -> String { columnLetters(column) + "\(row)" }

    static func columnLetters(_ column: Int) -> String {
        var n = column
        var out = ""
        while n > 0 {
            let r = (n - 1) % 26
            out = String(UnicodeScalar(UInt8(65 + r))) + out
            n = (n - 1) / 26
        }
        return out
    }

    /// `B7` → (7, 2).
    static func position(_ ref: String) -> (row: Int, column: Int)? {
        var column = 0
        var digits = ""
        for scalar in ref.unicodeScalars {
            if digits.isEmpty, (65...90).contains(scalar.value) {
                column = column * 26 + Int(scalar.value) - 64
            } else if (48...57).contains(scalar.value) {
                digits.unicodeScalars.append(scalar)
            } else {
                return nil
            }
        }
        guard column > 0, let row = Int(digits), row > 0 else { return nil }
        return (row, column)
    }

    /// The first worksheet of the workbook at `url` (in the workbook's order).
    public static func firstSheet(of url: URL) throws -> XLSXSheet {
        let file = url.path
        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw IngestError(file: file, "not an XLSX file (not a readable ZIP archive)")
        }
        func part(_ path: String) throws -> Data? {
            guard let entry = archive[path] else { return nil }
            guard entry.uncompressedSize <= maxPartBytes else {
                throw IngestError(file: file, place: path, "part is \(entry.uncompressedSize) bytes; at most \(maxPartBytes) are read")
            }
            var data = Data()
            do {
                _ = try archive.extract(entry) { data.append($0) }
            } catch {
                throw IngestError(file: file, place: path, "cannot be read from the archive (\(shown("\(error)", limit: 60)))")
            }
            return data
        }
        func xml(_ path: String) throws -> XMLIndexer {
            guard let data = try part(path) else { throw IngestError(file: file, "not an XLSX file: no \(path)") }
            let doc = XMLHash.config { $0.detectParsingErrors = true }.parse(data)
            if case .parsingError(let e) = doc { throw IngestError(file: file, place: "\(path) line \(e.line):\(e.column)", "not well-formed XML") }
            return doc
        }
        // The first <sheet> of the workbook, and its part through the workbook's relationships.
        let workbook = try xml("xl/workbook.xml")
        guard let sheet = workbook["workbook"]["sheets"]["sheet"].all.first?.element else {
            throw IngestError(file: file, place: "xl/workbook.xml", "the workbook lists no sheet")
        }
        let name = sheet.attribute(by: "name")?.text ?? "?"
        var sheetPath = "xl/worksheets/sheet1.xml"
        if let id = sheet.attribute(by: "r:id")?.text, let rels = try? xml("xl/_rels/workbook.xml.rels") {
            for rel in rels["Relationships"]["Relationship"].all {
                guard let e = rel.element, e.attribute(by: "Id")?.text == id, let target = e.attribute(by: "Target")?.text else { continue }
                sheetPath = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            }
        }
        var shared: [String] = []
        if archive["xl/sharedStrings.xml"] != nil {
            for si in try xml("xl/sharedStrings.xml")["sst"]["si"].all {
                shared.append(runText(si))
            }
        }
        var out = XLSXSheet(name: name)
        let sheetXML = try xml(sheetPath)
        for row in sheetXML["worksheet"]["sheetData"]["row"].all {
            for cell in row["c"].all {
                guard let c = cell.element, let ref = c.attribute(by: "r")?.text else { continue }
                guard let (r, col) = position(ref) else {
                    throw IngestError(file: file, place: "\(sheetPath) cell '\(shown(ref, limit: 12))'", "not a cell reference")
                }
                let type = c.attribute(by: "t")?.text ?? "n"
                let value = cell["v"].element?.text ?? ""
                let text: String
                switch type {
                case "s":
                    guard let i = Int(value), shared.indices.contains(i) else {
                        throw IngestError(file: file, place: "cell \(ref)", "shared string \(shown(value, limit: 12)) does not exist (\(shared.count) strings)")
                    }
                    text = shared[i]
                case "inlineStr": text = runText(cell["is"])
                default: text = value
                }
                out.rows[r, default: [:]][col] = text
            }
        }
        return out
    }

    /// The text of a string item: its `<t>`, or its rich-text runs' `<t>`s
    /// joined (phonetic `<rPh>` runs left out).
    static func runText(_ item: XMLIndexer) -> String {
        if let t = item["t"].element { return t.text }
        return item["r"].all.map { $0["t"].element?.text ?? "" }.joined()
    }
}
