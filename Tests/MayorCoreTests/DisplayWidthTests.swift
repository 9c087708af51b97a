import Testing

@testable import MayorCore

@Suite struct DisplayWidthTests {
    @Test func asciiIsOneColumnEach() {
        #expect("Seoul 2023".displayWidth == 10)
    }

    @Test func hangulAndCJKAreDoubleWidth() {
        #expect("관악구".displayWidth == 6)
        #expect("서울 Wi-Fi".displayWidth == 10)
        #expect("漢字".displayWidth == 4)
        #expect("ＡＢ".displayWidth == 4)  // fullwidth forms
    }

    @Test func combiningMarksTakeNoColumn() {
        #expect("e\u{301}".displayWidth == 1)
        // Decomposed Hangul (NFD): initial consonant 2, vowel and final 0.
        #expect("\u{1100}\u{1161}\u{11A8}".displayWidth == 2)
    }

    @Test func boxDrawingBrailleAndBlocksAreNarrow() {
        #expect("─│┌┐└┘".displayWidth == 6)
        #expect("⣿⠁".displayWidth == 2)
        #expect("▁▂▃█".displayWidth == 4)
    }

    @Test func truncationNeverSplitsAWideCharacter() {
        let t = TextFit.truncate("관악구청장", to: 6)
        #expect(t == "관악…")
        #expect(t.displayWidth == 5)
        #expect(TextFit.truncate("관악구", to: 6) == "관악구")
        #expect(TextFit.truncate("관악구", to: 1) == "…")
        #expect(TextFit.truncate("관악구", to: 0) == "")
        for w in 0...12 {
            #expect(TextFit.truncate("도봉구 스마트도시 조성", to: w).displayWidth <= w)
        }
    }

    @Test func padUsesDisplayWidth() {
        #expect(TextFit.pad("구", to: 4) == "구  ")
        #expect(TextFit.pad("구", to: 4, alignRight: true) == "  구")
        #expect(TextFit.pad("관악구", to: 4).displayWidth == 4)
    }
}
