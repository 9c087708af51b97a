/// A kind of snapshot, one file each: a name of a kind in `KindRegistry.all`,
/// where its file name, maximum age, panes and parser are looked up. Ordered
/// as the registry lists them.
public struct SnapshotKind: Hashable, Sendable, Comparable, Codable, CaseIterable, CustomStringConvertible {
    /// The kind's id (`DataKind.id`).
    public let rawValue: String

    init(id: String) { rawValue = id }

    /// The kind of `type`, which must be in `KindRegistry.all`.
    public init(_ type: any DataKind.Type) { rawValue = type.id }

    /// The registered kind named `rawValue`, or nil.
    public init?(rawValue: String) {
        guard KindRegistry.entries[rawValue] != nil else { return nil }
        self.rawValue = rawValue
    }

    /// Every registered kind, in registry order.
    public static var allCases: [SnapshotKind] { KindRegistry.kinds }

    public var description: String { rawValue }

    /// The kind's definition.
    public var type: any DataKind.Type { KindRegistry.entry(self).type }

    /// The file in the data folder that holds this kind.
    public var fileName: String { "\(rawValue).json" }

    /// After this many seconds past `asOf` the figures are shown as stale,
    /// unless the snapshot says otherwise (`maxAgeDays`).
    public var defaultMaxAge: Double { type.defaultMaxAge }

    /// The unit a stale age is shown in.
    public var ageUnit: AgeUnit { type.ageUnit }

    /// The panes that show this kind.
    public var panes: [any Pane] { type.panes }

    public static func < (a: SnapshotKind, b: SnapshotKind) -> Bool {
        KindRegistry.entry(a).index < KindRegistry.entry(b).index
    }

    public init(from decoder: any Decoder) throws {
        let id = try decoder.singleValueContainer().decode(String.self)
        guard let kind = SnapshotKind(rawValue: id) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "no data kind named \(id)"))
        }
        self = kind
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// Where the figures come from.
public struct Provenance: Decodable, Hashable, Sendable {
    public var document: SafeText
    public var agency: SafeText
    public var dataset: SafeText?
    public var url: SafeText?
    public var page: SafeText?
}

/// How a file written by `mayor fetch` was fetched (optional; only what the
/// wall reads of it: the rest of the object is allowed and ignored).
public struct FetchProvenance: Decodable, Hashable, Sendable {
    /// When the answer was received, ISO-8601 with offset.
    public var fetchedAt: SafeText?

    public init(fetchedAt: SafeText?) { self.fetchedAt = fetchedAt }
}

/// The part every snapshot file shares.
public struct Envelope: Decodable, Hashable, Sendable {
    public static let supportedSchemaVersion = 1

    public var kind: String
    public var schemaVersion: Int
    /// As written in the file, for display.
    public var asOf: SafeText
    public var source: Provenance
    public var sample: Bool?
    public var maxAgeDays: Double?
    public var notes: [SafeText]?
    /// How the file was fetched, for a file from `mayor fetch` (the Wi-Fi and
    /// live-city sources write `fetch`, the road-traffic source `provenance`).
    public var fetch: FetchProvenance? = nil
    public var provenance: FetchProvenance? = nil

    /// When it was fetched (`fetch.fetchedAt`, else `provenance.fetchedAt`), as
    /// written; nil when absent.
    public var fetchedAt: SafeText? { fetch?.fetchedAt ?? provenance?.fetchedAt }

    /// `fetchedAt` as seconds since the epoch (nil when absent; the validator
    /// refuses one that does not parse).
    public var fetchedAtInstant: Double? { fetchedAt.flatMap { CalendarDate.parseInstant($0.value) } }

    /// `asOf` as seconds since the epoch (nil when it does not parse; the
    /// validator reports that).
    public var asOfInstant: Double? { CalendarDate.parseInstant(asOf.value) }
    public var isSample: Bool { sample ?? false }
}

/// A decoded file: its envelope and its kind-specific content, read from the
/// same JSON object. The envelope is checked before the content is decoded,
/// so a wrong kind or schema version is reported as such, not as a cascade of
/// missing fields.
public struct SnapshotDocument<Content: SnapshotContent>: Decodable, Sendable {
    public let envelope: Envelope
    public let content: Content

    init(envelope: Envelope, content: Content) {
        self.envelope = envelope
        self.content = content
    }

    public init(from decoder: any Decoder) throws {
        envelope = try Envelope(from: decoder)
        guard envelope.kind == Content.kind.rawValue else {
            throw EnvelopeMismatch(
                code: .wrongKind, path: "kind",
                message: "kind is \"\(Sanitizer.clean(envelope.kind, maxWidth: 40))\", expected \"\(Content.kind.rawValue)\" in \(Content.kind.fileName)")
        }
        guard envelope.schemaVersion == Envelope.supportedSchemaVersion else {
            throw EnvelopeMismatch(
                code: .invalid, path: "schemaVersion",
                message: "unknown schemaVersion \(envelope.schemaVersion): this version of mayor reads schemaVersion \(Envelope.supportedSchemaVersion)")
        }
        content = try Content(from: decoder)
    }
}

struct EnvelopeMismatch: Error {
    let code: Problem.Code
    let path: String
    let message: String
}

/// The kind-specific content of a snapshot file.
///
/// Every field a model reads must also be in its kind's `SnapshotShape`:
/// values of keys missing there are blanked out before decoding
/// (`DataLimitTests.shapesNameEveryFieldTheModelsRead` checks the bundled files).
public protocol SnapshotContent: Decodable, Sendable {
    static var kind: SnapshotKind { get }
    /// Checks ranges and relations the types cannot express.
    func validate(_ v: inout Validator)
}
