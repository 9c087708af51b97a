import Foundation

/// The result code of a Seoul Open API answer (`INFO-000` is success; any
/// other code is an error, never "empty data").
public struct SeoulResult: Sendable, Equatable, Decodable {
    public var code: String
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    /// Both spellings: `CODE`/`MESSAGE` (classic services) and
    /// `RESULT.CODE`/`RESULT.MESSAGE` (the live city-data service).
    enum Keys: String, CodingKey {
        case code = "CODE"
        case message = "MESSAGE"
        case dottedCode = "RESULT.CODE"
        case dottedMessage = "RESULT.MESSAGE"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        guard let code = try c.decodeIfPresent(String.self, forKey: .code) ?? c.decodeIfPresent(String.self, forKey: .dottedCode) else {
            throw DecodingError.keyNotFound(Keys.code, .init(codingPath: c.codingPath, debugDescription: "RESULT has no CODE (nor RESULT.CODE)"))
        }
        self.code = code
        message = try c.decodeIfPresent(String.self, forKey: .message) ?? c.decodeIfPresent(String.self, forKey: .dottedMessage) ?? ""
    }

    public var isSuccess: Bool { code == "INFO-000" }

    /// Server-side trouble worth asking again for: `ERROR-500` (server),
    /// `ERROR-600` (database connection), `ERROR-601` (SQL). A bad key
    /// (`INFO-100`) or a bad request is never retried.
    public var isRetryable: Bool { ["ERROR-500", "ERROR-600", "ERROR-601"].contains(code) }
}

/// What the Seoul API said instead of data.
public struct SeoulAPIError: Error, Sendable, Equatable, CustomStringConvertible {
    public var result: SeoulResult
    public var description: String {
        // The message as one line (the server puts a newline inside it).
        let oneLine = result.message.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        return "\(result.code) \(oneLine)"
    }
}

/// The answer was not one the API documents (cut short, not JSON, no RESULT).
public struct MalformedResponse: Error, Sendable, CustomStringConvertible {
    public var description: String
}

/// Reads Seoul Open API bodies: the success envelope
/// `{"SERVICE": {"list_total_count": N, "RESULT": {…}, "row": [...]}}`, the
/// top-level `{"RESULT": {…}}` of "no data" and other errors, and the bare
/// XML `<RESULT>` a bad key or an over-long page gets even on `/json/` URLs.
public enum SeoulResponse {
    /// One JSON page of a paged service.
    public struct Page<Row: Decodable & Sendable>: Sendable {
        public var totalCount: Int
        public var rows: [Row]
    }

    /// Decodes one page of `service`, or throws the API's error
    /// (`SeoulAPIError`) or `MalformedResponse`.
    public static func page<Row: Decodable & Sendable>(_ body: [UInt8], service: String, as: Row.Type) throws -> Page<Row> {
        if let xml = xmlResult(body) {
            // A JSON service answering in XML: only ever an error (or a
            // success without the rows we asked for, which is an error too).
            if xml.isSuccess { throw MalformedResponse(description: "an XML answer where JSON was asked for") }
            throw SeoulAPIError(result: xml)
        }
        let decoded: Envelope<Row>
        do {
            let decoder = JSONDecoder()
            decoder.userInfo[serviceKey] = service
            decoded = try decoder.decode(Envelope<Row>.self, from: Data(body))
        } catch let error as SeoulAPIError {
            throw error
        } catch let error as MalformedResponse {
            throw error
        } catch {
            throw MalformedResponse(description: "not a \(service) answer: \(describe(error))")
        }
        return Page(totalCount: decoded.totalCount, rows: decoded.rows)
    }

    /// The top level: either `RESULT` (an error or no data) or the service's object.
    static let serviceKey = CodingUserInfoKey(rawValue: "seoulService")!

    struct Envelope<Row: Decodable & Sendable>: Decodable {
        var totalCount: Int
        var rows: [Row]

        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        struct Body: Decodable {
            var totalCount: Int
            var result: SeoulResult
            var row: [Row]?

            enum CodingKeys: String, CodingKey {
                case totalCount = "list_total_count"
                case result = "RESULT"
                case row
            }
        }

        init(from decoder: any Decoder) throws {
            let service = decoder.userInfo[SeoulResponse.serviceKey] as? String ?? ""
            let c = try decoder.container(keyedBy: Key.self)
            if let result = try c.decodeIfPresent(SeoulResult.self, forKey: Key(stringValue: "RESULT")), !c.contains(Key(stringValue: service)) {
                // Top-level RESULT: no data (INFO-200) or an error; never rows.
                throw SeoulAPIError(result: result.isSuccess ? SeoulResult(code: result.code, message: "success without \(service) data") : result)
            }
            guard c.contains(Key(stringValue: service)) else {
                throw MalformedResponse(description: "neither \(service) nor RESULT at the top level")
            }
            let body = try c.decode(Body.self, forKey: Key(stringValue: service))
            guard body.result.isSuccess else { throw SeoulAPIError(result: body.result) }
            totalCount = body.totalCount
            rows = body.row ?? []
        }
    }

    /// The `<RESULT><CODE>…</CODE><MESSAGE>…</MESSAGE></RESULT>` of an XML body
    /// (CDATA or not, with or without a declaration or a service wrapper); nil
    /// when the body is not XML.
    public static func xmlResult(_ body: [UInt8]) -> SeoulResult? {
        var i = 0
        if body.count >= 3, body[0] == 0xEF, body[1] == 0xBB, body[2] == 0xBF { i = 3 }
        while i < body.count, body[i] == 0x20 || body[i] == 0x0A || body[i] == 0x0D || body[i] == 0x09 { i += 1 }
        guard i < body.count, body[i] == UInt8(ascii: "<") else { return nil }
        let text = String(decoding: body[i...], as: UTF8.self)
        guard let code = element("CODE", in: text) else { return SeoulResult(code: "XML", message: "an XML answer with no CODE") }
        return SeoulResult(code: code.trimmingCharacters(in: .whitespacesAndNewlines), message: element("MESSAGE", in: text) ?? "")
    }

    /// The text of the first `<name>…</name>`, CDATA unwrapped and the five
    /// XML entities decoded.
    public static func element(_ name: String, in text: String) -> String? {
        guard let open = text.range(of: "<\(name)>"), let close = text.range(of: "</\(name)>", range: open.upperBound..<text.endIndex) else { return nil }
        var inner = String(text[open.upperBound..<close.lowerBound])
        if inner.hasPrefix("<![CDATA["), inner.hasSuffix("]]>") {
            inner = String(inner.dropFirst(9).dropLast(3))
            return inner
        }
        return decodeEntities(inner)
    }

    /// `&lt;` `&gt;` `&amp;` `&quot;` `&apos;` and numeric references.
    public static func decodeEntities(_ s: String) -> String {
        guard s.contains("&") else { return s }
        var out = ""
        var rest = Substring(s)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[amp...]
            guard let semi = after.firstIndex(of: ";"), after.distance(from: amp, to: semi) <= 10 else {
                out += "&"
                rest = rest[rest.index(after: amp)...]
                continue
            }
            let entity = after[after.index(after: amp)..<semi]
            var replacement: String?
            switch entity {
            case "lt": replacement = "<"
            case "gt": replacement = ">"
            case "amp": replacement = "&"
            case "quot": replacement = "\""
            case "apos": replacement = "'"
            default:
                if entity.hasPrefix("#x") || entity.hasPrefix("#X"), let v = UInt32(entity.dropFirst(2), radix: 16), let u = Unicode.Scalar(v) {
                    replacement = String(Character(u))
                } else if entity.hasPrefix("#"), let v = UInt32(entity.dropFirst()), let u = Unicode.Scalar(v) {
                    replacement = String(Character(u))
                }
            }
            if let replacement {
                out += replacement
                rest = rest[rest.index(after: semi)...]
            } else {
                out += "&"
                rest = rest[rest.index(after: amp)...]
            }
        }
        return out + rest
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context):
            return "not valid JSON (\(context.debugDescription.prefix(120)))"
        case DecodingError.keyNotFound(let key, let context):
            return "missing \(path(context.codingPath + [key]))"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "wrong type at \(path(context.codingPath))"
        default:
            return "cannot be decoded"
        }
    }

    static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().drop(while: { $0 == "." }).description
    }
}
