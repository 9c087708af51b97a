import Foundation
import SWXMLHash

/// One answer of Seoul's Open API (openapi.seoul.go.kr:8088) in its XML form,
/// as the reference (`seoul-open-api.md` §0, §2, §4) describes it: HTTP 200
/// even for errors, success only when `RESULT/CODE` is `INFO-000`.
public enum SeoulXML {
    /// What an answer said.
    public enum Answer: Sendable, Equatable {
        /// `INFO-000`: the rows, each a mapping of tag to text, in order.
        case rows(total: Int?, [[String: String]])
        /// `INFO-200`: no data for what was asked (never an error, never rows).
        case noData
    }

    /// A `RESULT/CODE` other than INFO-000 and INFO-200.
    public struct ServiceError: Error, Sendable, Equatable, CustomStringConvertible {
        public var code: String
        public var message: String
        /// Transport-like failures on Seoul's side, worth asking again (ERROR-500/600/601).
        public var isRetryable: Bool { ["ERROR-500", "ERROR-600", "ERROR-601"].contains(code) }
        /// INFO-100: the key is refused; asking again does not help.
        public var isBadKey: Bool { code == "INFO-100" }
        public var description: String { "\(code) \(message)" }
    }

    /// Reads an answer of `service`. `source` names it in errors (the URL
    /// with the key removed). Throws `IngestError` for anything that is not a
    /// well-formed answer (with the line and column XML gives), and
    /// `ServiceError` for an error code, with its message made printable.
    public static func parse(_ data: Data, service: String, source: String) throws -> Answer {
        let first = data.first { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF) }
        guard let first else { throw IngestError(file: source, "empty answer") }
        // "No data" and some errors come as a top-level JSON RESULT, whatever was asked for.
        if first == UInt8(ascii: "{") { return try jsonResult(data, source: source) }
        let xml = XMLHash.config { $0.detectParsingErrors = true }.parse(data)
        if case .parsingError(let e) = xml {
            throw IngestError(file: source, place: "line \(e.line):\(e.column)", "not well-formed XML (cut short?)")
        }
        // A bad key or an over-long page: a bare <RESULT> with no service wrapper.
        if let bare = xml["RESULT"].element {
            return try result(code: bare, service: service, source: source, rows: nil, total: nil)
        }
        let root = xml[service]
        guard root.element != nil else {
            let name = xml.children.first?.element?.name ?? "nothing"
            throw IngestError(file: source, "expected a <\(service)> answer, found <\(shown(name, limit: 40))>")
        }
        guard let code = root["RESULT"].element else {
            throw IngestError(file: source, "<\(service)> has no <RESULT>")
        }
        let totalText = root["list_total_count"].element?.text.trimmingCharacters(in: .whitespacesAndNewlines)
        var total: Int?
        if let totalText {
            guard let n = Int(totalText), n >= 0 else {
                throw IngestError(file: source, place: "<list_total_count>", "'\(shown(totalText, limit: 20))' is not a count")
            }
            total = n
        }
        let rows = root["row"].all.map { row in
            var fields: [String: String] = [:]
            for child in row.children {
                guard let element = child.element else { continue }
                fields[element.name] = element.text.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            return fields
        }
        return try result(code: code, service: service, source: source, rows: rows, total: total)
    }

    private static func result(code element: XMLElement, service: String, source: String, rows: [[String: String]]?, total: Int?) throws -> Answer {
        var code = ""
        var message = ""
        for child in element.children {
            guard let e = child as? XMLElement else { continue }
            if e.name == "CODE" { code = e.text.trimmingCharacters(in: .whitespacesAndNewlines) }
            if e.name == "MESSAGE" { message = e.text }
        }
        return try answer(code: code, message: message, rows: rows, total: total, source: source)
    }

    private static func jsonResult(_ data: Data, source: String) throws -> Answer {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw IngestError(file: source, "not well-formed JSON")
        }
        // Both key forms: {"RESULT": {"CODE": …}} and {"RESULT": {"RESULT.CODE": …}}, or dotted at the top.
        let result = object["RESULT"] as? [String: Any] ?? object
        let code = (result["CODE"] ?? result["RESULT.CODE"]) as? String
        let message = (result["MESSAGE"] ?? result["RESULT.MESSAGE"]) as? String ?? ""
        guard let code else { throw IngestError(file: source, "a JSON answer with no RESULT code where XML was expected") }
        return try answer(code: code, message: message, rows: nil, total: nil, source: source)
    }

    private static func answer(code: String, message: String, rows: [[String: String]]?, total: Int?, source: String) throws -> Answer {
        switch code {
        case "INFO-000":
            guard let rows else { throw IngestError(file: source, "INFO-000 with no rows and no service wrapper") }
            return .rows(total: total, rows)
        case "INFO-200":
            return .noData
        case "":
            throw IngestError(file: source, "<RESULT> has no <CODE>")
        default:
            throw ServiceError(code: shown(code, limit: 20), message: shown(message))
        }
    }

    /// Decodes the HTML entities left in a value after XML parsing: TOPIS
    /// names carry `-&gt;` for arrows, and a value escaped twice still shows
    /// `&gt;` once the XML layer is undone. Named: amp, lt, gt, quot, apos;
    /// numeric: `&#62;`, `&#x3E;`. Anything else is left as it is.
    public static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            if let semi = after.prefix(10).firstIndex(of: ";"), let scalar = entity(after[..<semi]) {
                out.unicodeScalars.append(scalar)
                rest = after[after.index(after: semi)...]
            } else {
                out += "&"
                rest = after
            }
        }
        return out + rest
    }

    private static func entity(_ name: Substring) -> Unicode.Scalar? {
        switch name {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        default:
            guard name.hasPrefix("#") else { return nil }
            let digits = name.dropFirst()
            let value = digits.hasPrefix("x") || digits.hasPrefix("X") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            return value.flatMap(Unicode.Scalar.init)
        }
    }
}
