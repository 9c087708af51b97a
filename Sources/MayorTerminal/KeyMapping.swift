import MayorCore

/// Turns what `wget_wch` returned into an input event. Pure: no terminal
/// needed, so it is unit-tested directly.
public enum KeyMapping {
    /// What one `wget_wch` result means.
    public enum Decoded: Hashable, Sendable {
        case key(KeyEvent)
        /// KEY_RESIZE: the caller reads the new size from ncurses.
        case resize
        /// Nothing to report (mouse, unmapped key codes, stray control bytes).
        case ignored
    }

    // ncurses key codes (curses.h, octal). Kept here so the mapping stays a
    // pure function; KeyMappingTests checks them against the header.
    public static let statusOK: Int32 = 0
    public static let statusKeyCode: Int32 = 0o400  // KEY_CODE_YES
    public static let keyDown: UInt32 = 0o402
    public static let keyUp: UInt32 = 0o403
    public static let keyLeft: UInt32 = 0o404
    public static let keyRight: UInt32 = 0o405
    public static let keyHome: UInt32 = 0o406
    public static let keyBackspace: UInt32 = 0o407
    public static let keyF0: UInt32 = 0o410
    public static let keyNextPage: UInt32 = 0o522  // KEY_NPAGE
    public static let keyPreviousPage: UInt32 = 0o523  // KEY_PPAGE
    public static let keyEnter: UInt32 = 0o527
    public static let keyBackTab: UInt32 = 0o541
    public static let keyEnd: UInt32 = 0o550
    public static let keyResize: UInt32 = 0o632
    /// The keypad's centre and keys some terminals send for Home/End.
    public static let keyFind: UInt32 = 0o552  // KEY_FIND (Home on some VT keyboards)
    public static let keySelect: UInt32 = 0o601  // KEY_SELECT (End on some VT keyboards)

    /// Decodes one `wget_wch` result: `status` is its return value (OK or
    /// KEY_CODE_YES; ERR is handled by the caller), `code` the value it stored.
    public static func decode(status: Int32, code: UInt32) -> Decoded {
        if status == statusKeyCode { return decodeKeyCode(code) }
        guard status == statusOK else { return .ignored }
        return decodeCharacter(code)
    }

    /// A character read as text (status OK).
    public static func decodeCharacter(_ code: UInt32) -> Decoded {
        switch code {
        case 0x09: return .key(.tab)
        case 0x0D, 0x0A: return .key(.enter)
        case 0x1B: return .key(.escape)
        case 0x7F, 0x08: return .key(.backspace)
        case 0x00..<0x20, 0x80..<0xA0: return .ignored  // other C0/C1 controls
        default:
            guard let scalar = Unicode.Scalar(code) else { return .ignored }  // surrogates, > U+10FFFF
            return .key(.character(Character(scalar)))
        }
    }

    /// A function-key code (status KEY_CODE_YES).
    public static func decodeKeyCode(_ code: UInt32) -> Decoded {
        switch code {
        case keyResize: return .resize
        case keyUp: return .key(.up)
        case keyDown: return .key(.down)
        case keyLeft: return .key(.left)
        case keyRight: return .key(.right)
        case keyPreviousPage: return .key(.pageUp)
        case keyNextPage: return .key(.pageDown)
        case keyHome, keyFind: return .key(.home)
        case keyEnd, keySelect: return .key(.end)
        case keyEnter: return .key(.enter)
        case keyBackTab: return .key(.backTab)
        case keyBackspace: return .key(.backspace)
        case (keyF0 + 1)...(keyF0 + 63): return .key(.function(Int(code - keyF0)))
        default: return .ignored
        }
    }

    /// A short human-readable name ("Tab", "F5", "'한'"), for status lines and the probe.
    public static func describe(_ key: KeyEvent) -> String {
        switch key {
        case .character(let c):
            if c == " " { return "Space" }
            return "'\(c)'"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .backspace: return "Backspace"
        case .up: return "Up"
        case .down: return "Down"
        case .left: return "Left"
        case .right: return "Right"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .function(let n): return "F\(n)"
        }
    }
}
