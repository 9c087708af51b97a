/// One thing wrong with an input file, with enough to find it: the file, and a
/// line and column or a JSON path.
public struct Problem: Hashable, Sendable, CustomStringConvertible {
    /// What kind of thing is wrong, for code that acts on a problem: the
    /// message is for people and may be reworded; callers branch on this.
    public enum Code: String, Hashable, Sendable, CaseIterable {
        /// Not well-formed: JSON or YAML syntax, not UTF-8, an empty file.
        case syntax
        /// A value of the wrong type (an array for an object, text for a number).
        case type
        /// A required field or key is absent.
        case missingField
        /// A key, pane or kind that is not one of the known names.
        case unknownName
        /// A value of the right type that breaks its field's rule
        /// (a range, an order, a total, an allowed value).
        case invalid
        /// Over a size limit: bytes, nesting depth, nodes, items.
        case limit
        /// The same key or id given twice.
        case duplicate
        /// The file or folder does not exist.
        case missingFile
        /// It exists but cannot be read as a file (a directory, a device, permissions).
        case unreadable
        /// A remote file's server did not answer usefully (timeout, refused,
        /// 5xx, a body cut short): the last good data is kept.
        case offline
        /// A playlist or briefing names a screen that is not there.
        case noScreen
        /// A screens folder holds no screen.
        case noScreens
        /// A screen or briefing names a district the data does not have.
        case noDistrict
        /// A file of another kind where one kind was asked for.
        case wrongKind
        /// A warning: a caption uses a relative time word that ages.
        case timeWord
        /// Stands for the problems left out after the first few.
        case more
    }

    public var code: Code
    public var file: String
    public var line: Int?
    public var column: Int?
    public var path: String?
    public var message: String

    public init(_ code: Code, file: String, line: Int? = nil, column: Int? = nil, path: String? = nil, message: String) {
        self.code = code
        self.file = file
        self.line = line
        self.column = column
        self.path = path
        self.message = message
    }

    /// `FILE:LINE:COL: message`, `FILE: json.path: message` or `FILE: message`.
    /// A located problem that also has a path keeps it: `FILE:3:7: a.b[0]: message`.
    public var description: String { describe(file) }

    /// Like `description` with the file name without its folder, for a line
    /// on screen: `KIND.json:28:25: path[0]…: message`.
    public var shortDescription: String { describe(fileName) }

    private func describe(_ file: String) -> String {
        var out = Sanitizer.clean(file)
        if let line {
            out += ":\(line)"
            if let column { out += ":\(column)" }
        }
        out += ":"
        if let path, !path.isEmpty { out += " \(path):" }
        return out + " " + Sanitizer.clean(message)
    }

    /// The file name without its folder, for narrow places such as the header.
    public var fileName: String {
        file.split(separator: "/").last.map(String.init) ?? file
    }
}

/// Formats a coding path as `districts[0].programs[1].title`.
public func formatJSONPath(_ elements: [JSONLocator.PathElement]) -> String {
    var out = ""
    for element in elements {
        switch element {
        case .key(let k):
            if !out.isEmpty { out += "." }
            out += k
        case .index(let i):
            out += "[\(i)]"
        }
    }
    return out
}
