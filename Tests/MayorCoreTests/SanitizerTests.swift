import Testing

@testable import MayorCore

@Suite struct SanitizerTests {
    @Test func cleanTextPassesUnchanged() {
        #expect(Sanitizer.clean("관악구 Gwanak-gu 55.7%") == "관악구 Gwanak-gu 55.7%")
    }

    @Test func escapeSequencesAreNeutralisedVisibly() {
        let hostile = "관악\u{1B}[2J\u{1B}]0;pwned\u{07}구"
        let out = Sanitizer.clean(hostile)
        #expect(!out.unicodeScalars.contains { $0.value < 0x20 || ($0.value >= 0x7F && $0.value < 0xA0) })
        #expect(out.contains("␛[2J"))
        #expect(out.hasPrefix("관악") && out.hasSuffix("구"))
    }

    @Test func c1DelBidiAndZeroWidthAreReplaced() {
        let out = Sanitizer.clean("a\u{9B}b\u{7F}c\u{202E}d\u{2066}e\u{200B}f\u{FEFF}")
        #expect(out == "a\u{FFFD}b␡c\u{FFFD}d\u{FFFD}e\u{FFFD}f\u{FFFD}")
    }

    @Test func longTextIsCutByDisplayWidth() {
        let out = Sanitizer.clean(String(repeating: "가", count: 100), maxWidth: 11)
        #expect(out.displayWidth <= 11)
        #expect(out.hasSuffix("…"))
    }
}
