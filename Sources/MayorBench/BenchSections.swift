/// `--only a,b`: the sections of a benchmark command by name, for `mayor
/// bench` and `mayor-fetch bench` alike.
public enum BenchSections {
    /// The named sections, or a message naming the unknown one and listing them all.
    public static func parse<S: CaseIterable & RawRepresentable & Hashable>(_ only: String) -> Result<Set<S>, BenchSectionError>
    where S.RawValue == String {
        var sections: Set<S> = []
        for name in only.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            guard let section = S(rawValue: name) else {
                let all = S.allCases.map(\.rawValue).joined(separator: ", ")
                return .failure(BenchSectionError(message: "--only: no section \"\(name)\" (sections: \(all))"))
            }
            sections.insert(section)
        }
        return .success(sections)
    }
}

public struct BenchSectionError: Error, Sendable {
    public let message: String
}
