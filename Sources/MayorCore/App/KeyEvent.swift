/// What the terminal edge turns input into. The core never sees raw key codes.
public enum KeyEvent: Hashable, Sendable {
    case character(Character)
    case enter, escape, tab, backTab, backspace
    case up, down, left, right
    case pageUp, pageDown, home, end
    case function(Int)
}

/// Everything that can wake the live loop.
public enum AppEvent: Hashable, Sendable {
    case key(KeyEvent)
    case resize(width: Int, height: Int)
    /// No input before the deadline the app asked for.
    case tick
}
