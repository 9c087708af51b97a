import Foundation
import MayorCore

/// `mayor import cctv FILE`: the portal's district CCTV file merged into
/// `cctv.json`. The per-district cameras, their scope, date and source come
/// from the file; the age profile, programme and budgets stay as they are,
/// with their own provenance (`additionalSources`). What is written is
/// checked with the wall's own parser first, and written atomically.
public enum CCTVImport {
    /// OA-2722 (.xlsx) or OA-2734 (.csv), by the file's extension.
    public static func read(_ url: URL, asOf: String? = nil) throws -> CCTVDistrictTable {
        switch url.pathExtension.lowercased() {
        case "xlsx": return try CCTVDistrictTable.byPurpose(xlsx: url, asOf: asOf)
        case "csv": return try CCTVDistrictTable.byYear(csv: url, asOf: asOf)
        default:
            throw IngestError(file: url.path, "expected the portal's OA-2722 .xlsx (by purpose) or OA-2734 .csv (by year)")
        }
    }

    /// The prefix of the note this import writes (and replaces when it runs again).
    static let notePrefix = "Per-district cameras"

    /// The existing file's bytes with the table merged in.
    public static func merged(existing: Data, path: String, table: CCTVDistrictTable, fileName: String, now: Double) throws -> Data {
        if case .failure(let problems) = SnapshotParser.parse(.cctv, data: existing, file: path, now: now) {
            throw IngestError(file: path, "cannot merge into a file that does not load:\n\(problems)")
        }
        var doc: OrderedJSON
        do { doc = try OrderedJSON.parse(existing) } catch { throw IngestError(file: path, "unreadable JSON") }
        let dataset = table.dataset
        let grouped = NumberFormat.grouped(table.total)
        let dateText = table.asOf.map { "기준 \($0)" } ?? "기준일 미상 (the file gives no date; pass --as-of)"
        doc["source"] = .object([
            ("document", .string(dataset.title)), ("agency", .string("서울특별시 (서울 열린데이터광장)")),
            ("dataset", .string(dataset.rawValue)), ("url", .string(dataset.url)), ("page", .string(fileName))
        ])
        doc["districtScope"] = .string(
            "자치구별 CCTV 설치 총계 — 서울 열린데이터광장 \(dataset.rawValue) (\(dataset.title)), file \(fileName); \(dateText); 25개 구 합계 \(grouped)대")
        doc["districtTotal"] = .number("\(table.total)")
        if let asOf = table.asOf {
            doc.set("districtsAsOf", .string(asOf), after: "districtScope")
            // The envelope's date is the newest its figures describe.
            if let current = doc["asOf"], case .string(let old) = current, String(old.prefix(10)) < asOf { doc["asOf"] = .string(asOf) }
        } else {
            doc["districtsAsOf"] = nil
        }
        doc.set(
            "districtsImport",
            .object([
                ("dataset", .string(dataset.rawValue)), ("file", .string(fileName)),
                ("importedAt", .string(JSONText.seoulInstant(now))), ("asOf", table.asOf.map(OrderedJSON.string) ?? .null)
            ]), after: "districtsAsOf")
        // The districts are written anew: a breakdown from another file went with the totals it added up to.
        doc["districts"] = .array(
            table.rows.map { row in
                .object([
                    ("code", .string(row.district.code)), ("name", .string(row.district.name)), ("nameEn", .string(row.district.nameEn)),
                    ("cameras", .number("\(row.cameras)")),
                    (dataset.breakdownKey, .object(row.breakdown.map { ($0.0, .number("\($0.1)")) }))
                ])
            })
        var notes: [OrderedJSON] = []
        if case .array(let old)? = doc["notes"] {
            notes = old.filter { if case .string(let s) = $0 { return !s.hasPrefix(notePrefix) } else { return true } }
        }
        let breakdown = dataset == .byPurpose ? "by purpose (byPurpose: the file's columns, groups and their parts)" : "by year of installation (byYear)"
        notes.insert(
            .string(
                "\(notePrefix) are the 25 districts of \(dataset.rawValue) (\(dataset.title)), imported from \(fileName) by mayor import cctv at \(JSONText.seoulInstant(now)); \(dateText); 합계 \(grouped), equal to the file's total row; each district also carries its counts \(breakdown). The age profile, programme and budgets are unchanged, each with its own source and date."
            ), at: 0)
        doc["notes"] = .array(notes)
        let data = Data((doc.text() + "\n").utf8)
        if case .failure(let problems) = SnapshotParser.parse(.cctv, data: data, file: path, now: now) {
            throw IngestError(file: path, "the merged file would not load, nothing written:\n\(problems)")
        }
        return data
    }

    /// Reads `file`, merges it into `out/cctv.json` and writes that atomically.
    @discardableResult
    public static func run(file: URL, out: URL, asOf: String?, now: Double) throws -> CCTVDistrictTable {
        if let asOf, CalendarDate.parseDay(asOf) == nil { throw IngestError(file: file.path, "--as-of \(shown(asOf, limit: 20)) is not a date (YYYY-MM-DD)") }
        guard FileManager.default.fileExists(atPath: file.path) else { throw IngestError(file: file.path, "no such file") }
        let table = try read(file, asOf: asOf)
        let target = out.appendingPathComponent(CCTVContent.kind.fileName)
        guard let existing = try? Data(contentsOf: target) else {
            throw IngestError(file: target.path, "no cctv.json to merge into (its age profile, programme and budgets come from elsewhere)")
        }
        let data = try merged(existing: existing, path: target.path, table: table, fileName: file.lastPathComponent, now: now)
        try AtomicFile.write(data, to: target)
        return table
    }
}
