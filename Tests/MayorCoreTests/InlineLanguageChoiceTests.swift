import Foundation
import Testing

/// Every label the dashboard draws lives in `Localization/Strings.swift` or, for
/// a data kind's own labels, in its folder's `<Kind>Strings.swift` (issue 12: no
/// inline `language == .ko ? …` in panes, widgets or views). This reads every
/// other source file of MayorCore and names each line that picks text by
/// language inline, or adds labels (`extension Strings`, `t(…)`) outside a
/// `*Strings.swift` file, so such a choice cannot come back unseen.
@Suite struct InlineLanguageChoiceTests {
    /// A ternary on the language (`x == .ko ? a : b`, `!= .en ?`, `isKorean ?`)
    /// and any test of `s.language` / `strings.language` outside Strings.
    static let patterns = [
        #"[=!]=\s*\.(ko|en)\s*\?"#,
        #"\.language\s*[=!]=\s*\.(ko|en)"#,
        #"\bisKorean\s*\?"#,
        #"\blet\s+(ko|en|isKorean)\s*=\s*.*\blanguage\b"#,
        #"^\s*(public\s+)?extension\s+Strings\b"#,
        #"(?<![\w.])t\(\s*""#
    ].map { try! NSRegularExpression(pattern: $0) }

    @Test func noInlineLanguageChoiceOutsideStrings() throws {
        let root = repoRoot + "/Sources/MayorCore"
        let files = try FileManager.default.subpathsOfDirectory(atPath: root)
            .filter { $0.hasSuffix(".swift") && !$0.hasSuffix("Strings.swift") }
            .sorted()
        #expect(files.count > 10, "read too few source files: \(files.count)")
        var found: [String] = []
        for file in files {
            let text = try String(contentsOfFile: root + "/" + file, encoding: .utf8)
            for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let l = String(line)
                let range = NSRange(l.startIndex..., in: l)
                if Self.patterns.contains(where: { $0.firstMatch(in: l, range: range) != nil }) {
                    found.append("Sources/MayorCore/\(file):\(n + 1): \(l.trimmingCharacters(in: .whitespaces))")
                }
            }
        }
        #expect(found.isEmpty, "inline language choice (move it to Strings.swift or the kind's <Kind>Strings.swift):\n\(found.joined(separator: "\n"))")
    }
}
