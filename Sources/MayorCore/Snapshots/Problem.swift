/// One thing wrong with an input file, with enough to find it: the file, and a
/// line and column or a JSON path.
public struct Problem: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var path: String?
    public var message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, path: String? = nil, message: String) {
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
    /// on screen: `pledges.json:28:25: districts[0]…: message`.
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
