import CNcursesw
import MayorCore
import Testing

@testable import MayorTerminal

@Suite struct KeyMappingTests {
    let ok = KeyMapping.statusOK
    let keyCode = KeyMapping.statusKeyCode

    @Test func constantsMatchTheCursesHeader() {
        #expect(KeyMapping.statusOK == OK)
        #expect(KeyMapping.statusKeyCode == KEY_CODE_YES)
        #expect(KeyMapping.keyUp == UInt32(KEY_UP))
        #expect(KeyMapping.keyDown == UInt32(KEY_DOWN))
        #expect(KeyMapping.keyLeft == UInt32(KEY_LEFT))
        #expect(KeyMapping.keyRight == UInt32(KEY_RIGHT))
        #expect(KeyMapping.keyHome == UInt32(KEY_HOME))
        #expect(KeyMapping.keyEnd == UInt32(KEY_END))
        #expect(KeyMapping.keyPreviousPage == UInt32(KEY_PPAGE))
        #expect(KeyMapping.keyNextPage == UInt32(KEY_NPAGE))
        #expect(KeyMapping.keyEnter == UInt32(KEY_ENTER))
        #expect(KeyMapping.keyBackTab == UInt32(KEY_BTAB))
        #expect(KeyMapping.keyBackspace == UInt32(KEY_BACKSPACE))
        #expect(KeyMapping.keyF0 == UInt32(KEY_F0))
        #expect(KeyMapping.keyResize == UInt32(KEY_RESIZE))
        #expect(KeyMapping.keyFind == UInt32(KEY_FIND))
        #expect(KeyMapping.keySelect == UInt32(KEY_SELECT))
        #expect(Int32(KEY_RESIZE) == mayor_key_resize())
    }

    @Test func printableCharacters() {
        #expect(KeyMapping.decode(status: ok, code: 0x71) == .key(.character("q")))
        #expect(KeyMapping.decode(status: ok, code: 0x20) == .key(.character(" ")))
        #expect(KeyMapping.decode(status: ok, code: 0x7E) == .key(.character("~")))
        #expect(KeyMapping.decode(status: ok, code: 0xE9) == .key(.character("é")))
    }

    @Test func hangulAndOtherWideInput() {
        #expect(KeyMapping.decode(status: ok, code: 0xD55C) == .key(.character("한")))
        #expect(KeyMapping.decode(status: ok, code: 0xAD00) == .key(.character("관")))
        #expect(KeyMapping.decode(status: ok, code: 0x3131) == .key(.character("ㄱ")))  // compatibility jamo
        #expect(KeyMapping.decode(status: ok, code: 0x1F600) == .key(.character("😀")))
    }

    @Test func controlCharacters() {
        #expect(KeyMapping.decode(status: ok, code: 0x09) == .key(.tab))
        #expect(KeyMapping.decode(status: ok, code: 0x0D) == .key(.enter))  // nonl(): Enter is \r
        #expect(KeyMapping.decode(status: ok, code: 0x0A) == .key(.enter))
        #expect(KeyMapping.decode(status: ok, code: 0x1B) == .key(.escape))
        #expect(KeyMapping.decode(status: ok, code: 0x7F) == .key(.backspace))
        #expect(KeyMapping.decode(status: ok, code: 0x08) == .key(.backspace))
        #expect(KeyMapping.decode(status: ok, code: 0x00) == .ignored)
        #expect(KeyMapping.decode(status: ok, code: 0x01) == .ignored)  // Ctrl-A
        #expect(KeyMapping.decode(status: ok, code: 0x1F) == .ignored)
        #expect(KeyMapping.decode(status: ok, code: 0x85) == .ignored)  // C1 control
    }

    @Test func invalidScalarsAreIgnored() {
        #expect(KeyMapping.decode(status: ok, code: 0xD800) == .ignored)  // surrogate
        #expect(KeyMapping.decode(status: ok, code: 0x110000) == .ignored)
        #expect(KeyMapping.decode(status: ok, code: UInt32.max) == .ignored)
    }

    @Test func keyCodes() {
        #expect(KeyMapping.decode(status: keyCode, code: UInt32(KEY_UP)) == .key(.up))
        #expect(KeyMapping.decode(status: keyCode, code: UInt32(KEY_DOWN)) == .key(.down))
        #expect(KeyMapping.decode(status: keyCode, code: UInt32(KEY_LEFT)) == .key(.left))
        #expect(KeyMapping.decode(status: keyCode, code: UInt32(KEY_RIGHT)) == .key(.right))
        #expect(KeyMapping.decode(status: keyCode, code: UInt32(KEY_PPAGE)) == .key(.pageUp))
        #expect(KeyMapping.decode(status: keyCode, code: UInt32(KEY_NPAGE)) == .key(.pageDown))
        #expect(KeyMapping.decode(status: keyCode, code: UInt32(KEY_HOME)) == .key(.home))
        #expect(KeyMapping.decode(status: keyCode, code: UInt32(KEY_END)) == .key(.end))
        #expect(KeyMapping.decode(status: keyCode, code: UInt32(KEY_FIND)) == .key(.home))
        #expect(KeyMapping.decode(status: keyCode, code: UInt32(KEY_SELECT)) == .key(.end))
        #expect(KeyMapping.decode(status: keyCode, code: UInt32(KEY_ENTER)) == .key(.enter))
        #expect(KeyMapping.decode(status: keyCode, code: UInt32(KEY_BTAB)) == .key(.backTab))
        #expect(KeyMapping.decode(status: keyCode, code: UInt32(KEY_BACKSPACE)) == .key(.backspace))
        #expect(KeyMapping.decode(status: keyCode, code: UInt32(KEY_RESIZE)) == .resize)
        #expect(KeyMapping.decode(status: keyCode, code: UInt32(KEY_MOUSE)) == .ignored)
        #expect(KeyMapping.decode(status: keyCode, code: UInt32(KEY_DC)) == .ignored)
    }

    @Test func functionKeys() {
        let f0 = UInt32(KEY_F0)
        #expect(KeyMapping.decode(status: keyCode, code: f0) == .ignored)  // F0 does not exist
        #expect(KeyMapping.decode(status: keyCode, code: f0 + 1) == .key(.function(1)))
        #expect(KeyMapping.decode(status: keyCode, code: f0 + 5) == .key(.function(5)))
        #expect(KeyMapping.decode(status: keyCode, code: f0 + 12) == .key(.function(12)))
        #expect(KeyMapping.decode(status: keyCode, code: f0 + 63) == .key(.function(63)))
        #expect(KeyMapping.decode(status: keyCode, code: f0 + 64) == .ignored)
    }

    @Test func aCharacterCodeIsNotAKeyCode() {
        // The same number means different things under OK and KEY_CODE_YES:
        // U+0103 'ă' is a character, 0o403 with KEY_CODE_YES is KEY_UP.
        #expect(KeyMapping.decode(status: ok, code: 0o403) == .key(.character("ă")))
        #expect(KeyMapping.decode(status: keyCode, code: 0o403) == .key(.up))
        #expect(KeyMapping.decode(status: keyCode, code: 0x71) == .ignored)
        #expect(KeyMapping.decode(status: -1, code: 0x71) == .ignored)  // ERR
    }

    @Test func descriptions() {
        #expect(KeyMapping.describe(.character("한")) == "'한'")
        #expect(KeyMapping.describe(.character(" ")) == "Space")
        #expect(KeyMapping.describe(.backTab) == "Shift-Tab")
        #expect(KeyMapping.describe(.function(12)) == "F12")
        #expect(KeyMapping.describe(.pageDown) == "PgDn")
    }
}

@Suite struct TerminalCheckTests {
    @Test func unusableTermValues() {
        #expect(throws: TerminalError.termNotSet) { try TerminalSession.checkTerm(nil) }
        #expect(throws: TerminalError.termNotSet) { try TerminalSession.checkTerm("") }
        #expect(throws: TerminalError.dumbTerminal("dumb")) { try TerminalSession.checkTerm("dumb") }
        #expect((try? TerminalSession.checkTerm("xterm-256color")) == "xterm-256color")
    }

    @Test func dumbMessageNamesTheProblemAndTheFix() {
        #expect(
            TerminalError.dumbTerminal("dumb").description
                == "mayor: TERM is 'dumb': the dashboard needs a full-screen terminal (e.g. TERM=xterm-256color)")
        #expect(TerminalError.notATerminal(stdin: false, stdout: true).description.hasPrefix("mayor: standard output is not a terminal"))
    }
}

@Suite struct ColorTests {
    @Test func palette256PassesIndicesThrough() {
        let m = ColorMapper(mode: .palette256, colors: 256, hasDefaultColors: true)
        #expect(m.number(for: .default, isForeground: true) == -1)
        #expect(m.number(for: .indexed(214), isForeground: true) == 214)
        #expect(m.number(for: .brightCyan, isForeground: false) == 14)
    }

    @Test func basic16MapsDown() {
        let m = ColorMapper(mode: .basic16, colors: 16, hasDefaultColors: true)
        #expect(m.number(for: .indexed(196), isForeground: true) == 9)  // bright red
        #expect(m.number(for: .indexed(12), isForeground: true) == 12)
        let eight = ColorMapper(mode: .basic16, colors: 8, hasDefaultColors: true)
        #expect(eight.number(for: .brightRed, isForeground: true) == 1)
        #expect(eight.number(for: .gray, isForeground: true) == 7)  // grey text stays visible
        #expect(eight.number(for: .gray, isForeground: false) == 0)  // grey background stays readable
        #expect(eight.number(for: .indexed(244), isForeground: true) == 7)
    }

    @Test func withoutDefaultColorsDefaultIsWhiteOnBlack() {
        let m = ColorMapper(mode: .palette256, colors: 256, hasDefaultColors: false)
        #expect(m.number(for: .default, isForeground: true) == 7)
        #expect(m.number(for: .default, isForeground: false) == 0)
    }

    @Test func pairsAreAllocatedLazilyAndCached() {
        var calls: [(Int16, Int16, Int16)] = []
        var pairs = ColorPairs(limit: 256) { p, f, b in
            calls.append((p, f, b))
            return true
        }
        #expect(pairs.pair(foreground: -1, background: -1) == 0)
        #expect(calls.isEmpty)
        #expect(pairs.pair(foreground: 1, background: -1) == 1)
        #expect(pairs.pair(foreground: 2, background: 4) == 2)
        #expect(pairs.pair(foreground: 1, background: -1) == 1)
        #expect(calls.count == 2)
        #expect(calls[1] == (2, 2, 4))
        #expect(pairs.count == 2)
    }

    @Test func exhaustedPairsFallBackToTheNearestWithoutCrashing() {
        var pairs = ColorPairs(limit: 3) { _, _, _ in true }  // pairs 1 and 2 only
        #expect(pairs.pair(foreground: 1, background: 0) == 1)
        #expect(pairs.pair(foreground: 2, background: 4) == 2)
        #expect(pairs.pair(foreground: 7, background: 4) == 2)  // same background
        #expect(pairs.pair(foreground: 1, background: 5) == 1)  // same foreground
        #expect(pairs.pair(foreground: 9, background: 9) == 0)  // nothing close: default pair
        #expect(pairs.pair(foreground: 3, background: -1) == 0)  // default background: pair 0
        #expect(pairs.count == 2)
    }

    @Test func refusedInitPairFallsBack() {
        var pairs = ColorPairs(limit: 100) { _, _, _ in false }
        #expect(pairs.pair(foreground: 1, background: 2) == 0)
        #expect(pairs.count == 0)
    }

    @Test func limitIsCappedAtShortRange() {
        let pairs = ColorPairs(limit: 65536) { _, _, _ in true }
        #expect(pairs.limit == 32767)
    }
}
