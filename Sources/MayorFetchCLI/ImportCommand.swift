import ArgumentParser
import Foundation
import MayorCore
import MayorIngest

/// `mayor import`: a publisher's command, so it lives in `mayor-fetch` with
/// its file libraries (SWXMLHash, ZIPFoundation, SwiftCSV: about 1.4 MB of the
/// idle wall's resident memory when linked into `mayor`); `mayor import ARGS`
/// execs `mayor-fetch import ARGS`.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mayor import",
        abstract: "Merge a file downloaded from Seoul's open data portal into a snapshot.",
        subcommands: [ImportCCTV.self]
    )
}

struct ImportCCTV: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cctv",
        abstract: "Per-district CCTV counts from the portal's OA-2722 XLSX (by purpose) or OA-2734 CSV (by year, CP949) into cctv.json.",
        discussion: """
            The districts, their scope, date and source are replaced; the age profile, programme and budgets are kept with \
            their own sources. The result is checked as the wall reads it, then written atomically; on any problem the file \
            is left as it was and the problem is printed with the file, row or cell.
            """
    )

    @Argument(help: "The downloaded .xlsx (OA-2722) or .csv (OA-2734).") var file: String
    @Option(help: "The data folder holding cctv.json.") var out = "Data"
    @Option(name: .customLong("as-of"), help: "The edition's date (YYYY-MM-DD) when the file and its name give none.") var asOf: String?

    func run() throws {
        do {
            let table = try CCTVImport.run(
                file: URL(fileURLWithPath: file), out: URL(fileURLWithPath: out, isDirectory: true), asOf: asOf, now: wallClockNow())
            print(
                "cctv.json: 25 districts, \(NumberFormat.grouped(table.total)) cameras (\(table.dataset.rawValue), "
                    + "\(table.asOf.map { "as of \($0)" } ?? "date unknown")) written to \((out as NSString).appendingPathComponent("cctv.json"))")
        } catch {
            printError("\(error)")
            throw ExitCode(1)
        }
    }
}
