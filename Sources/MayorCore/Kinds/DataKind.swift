import FoundationEssentials

/// One kind of data file: everything the dashboard needs to load, check and
/// show it. A kind lives in its own folder (`Kinds/<Kind>/`): its content
/// model and validation, its shape, its pane(s), its labels, and a type
/// conforming to this protocol; one line in `KindRegistry.all` makes it known
/// to the loader, `mayor check`, the screens, the tests and the fuzzer.
public protocol DataKind: Sendable {
    associatedtype Content: SnapshotContent
    /// The file's name without `.json` and the envelope's `kind` value.
    static var id: String { get }
    /// Seconds after `asOf` past which figures are STALE, unless the file sets
    /// its own maximum age (`maxAgeDays`).
    static var defaultMaxAge: Double { get }
    /// How the wall counts the age of stale figures: days (reports) or minutes (live feeds).
    static var ageUnit: AgeUnit { get }
    /// The content fields the model reads (see `SnapshotShape`); the core adds the envelope's.
    static var shape: [String: SnapshotShape] { get }
    /// The panes that show this kind (usually one).
    static var panes: [any Pane] { get }
    /// A faster decoder for large files: the document, or nil when the general
    /// path must decide (it then reports any problem). Default: always nil.
    static func fastDecode(_ data: Data, maxDepth: Int) -> SnapshotDocument<Content>?
    /// Bad edits of the bundled file and the problem each must give (the
    /// generic refusal tests apply them). Default: none.
    static var refusals: [KindRefusal] { get }
    /// What an accepted file's content must never hold (a figure that cannot
    /// be shown exactly, say), said in a few words; nil when it is sound. The
    /// fuzzer traps when an accepted input breaks it. Default: always nil.
    static func contractBreach(in content: Content) -> String?
}

extension DataKind {
    public static func fastDecode(_ data: Data, maxDepth: Int) -> SnapshotDocument<Content>? { nil }
    public static var refusals: [KindRefusal] { [] }
    public static func contractBreach(in content: Content) -> String? { nil }
}

/// The unit the wall counts a kind's age in.
public enum AgeUnit: Sendable, Hashable {
    case days
    case minutes

    /// Seconds in one unit.
    public var seconds: Int {
        switch self {
        case .days: return 86400
        case .minutes: return 60
        }
    }

    /// `age` (seconds) rounded down to whole units, in seconds: the age changes
    /// (and a frame shows it) once per unit, not every second.
    public func whole(_ age: Double) -> Int {
        guard age.isFinite, age > 0 else { return 0 }
        let units = (age / Double(seconds)).rounded(.down)
        return units < Double(Int.max / seconds) ? Int(units) * seconds : Int.max / seconds * seconds
    }
}

/// One bad edit of a kind's bundled file (`Data/<id>.json`) and the problem it
/// must give: replace `find` (which must occur) with `replace`, and the file
/// is refused with a problem at `path`, on a line, whose message contains `message`.
public struct KindRefusal: Sendable {
    public var name: String
    public var find: String
    public var replace: String
    /// The problem's JSON path, e.g. `apCategories[0].count`.
    public var path: String
    /// A fragment the problem's message must contain.
    public var message: String

    public init(_ name: String, find: String, replace: String, path: String, message: String) {
        self.name = name
        self.find = find
        self.replace = replace
        self.path = path
        self.message = message
    }
}

extension KindRegistry {
    /// What the core keeps about each registered kind.
    struct Entry: Sendable {
        let type: any DataKind.Type
        /// Position in `KindRegistry.all`.
        let index: Int
        /// The whole file's shape: the envelope's fields and the kind's.
        let fileShape: SnapshotShape
        let kind: SnapshotKind
    }

    static let entries: [String: Entry] = {
        var entries: [String: Entry] = [:]
        for (index, type) in all.enumerated() {
            precondition(entries[type.id] == nil, "two data kinds with the id \(type.id) in KindRegistry.all")
            entries[type.id] = Entry(type: type, index: index, fileShape: SnapshotShape.file(type.shape), kind: SnapshotKind(id: type.id))
        }
        return entries
    }()

    /// Every kind, in registry order.
    public static let kinds: [SnapshotKind] = all.map { SnapshotKind(id: $0.id) }

    static func entry(_ kind: SnapshotKind) -> Entry {
        guard let entry = entries[kind.rawValue] else {
            preconditionFailure("data kind \(kind.rawValue) is not in KindRegistry.all")
        }
        return entry
    }
}
