import Foundation
import MayorCore

/// A problem with an input file or answer: names the file (or the request,
/// never with the key), the place in it and what is wrong.
public struct IngestError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The file's path, or the request's URL with the key removed.
    public var file: String
    /// Where: `row 5`, `cell B7`, `line 3:12`; nil when the whole file is meant.
    public var place: String?
    public var message: String

    public init(file: String, place: String? = nil, _ message: String) {
        self.file = file
        self.place = place
        self.message = message
    }

    public var description: String {
        if let place { return "\(file): \(place): \(message)" }
        return "\(file): \(message)"
    }
}

/// Text from a file or an answer, made safe to print: control characters
/// replaced, lines joined, and at most `limit` characters kept.
func shown(_ text: String, limit: Int = 80) -> String {
    let joined = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    let clean = Sanitizer.clean(joined)
    return clean.count > limit ? String(clean.prefix(limit)) + "…" : clean
}
