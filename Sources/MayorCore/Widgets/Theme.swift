/// The colours and attributes the dashboard draws with, in one place, so a
/// monochrome terminal or `NO_COLOR` can swap them all; and the glyphs
/// (`GlyphSet`) they draw with, so the Linux console and VT terminals get
/// only what they can show.
public struct Theme: Sendable {
    public var text: Style
    public var muted: Style
    public var title: Style
    public var border: Style
    public var focusedBorder: Style
    public var figure: Style
    public var accent: Style
    public var positive: Style
    public var negative: Style
    public var warning: Style
    public var error: Style
    public var sample: Style
    public var bar: Style
    public var barAlt: Style
    public var gaugeFilled: Style
    public var gaugeEmpty: Style
    public var header: Style
    public var caption: Style
    /// Box lines, bar blocks, chart dots: Unicode, the console's set, or ASCII.
    public var glyphs: GlyphSet

    public init(
        text: Style, muted: Style, title: Style, border: Style, focusedBorder: Style, figure: Style,
        accent: Style, positive: Style, negative: Style, warning: Style, error: Style, sample: Style,
        bar: Style, barAlt: Style, gaugeFilled: Style, gaugeEmpty: Style, header: Style, caption: Style,
        glyphs: GlyphSet = .unicode
    ) {
        self.text = text
        self.muted = muted
        self.title = title
        self.border = border
        self.focusedBorder = focusedBorder
        self.figure = figure
        self.accent = accent
        self.positive = positive
        self.negative = negative
        self.warning = warning
        self.error = error
        self.sample = sample
        self.bar = bar
        self.barAlt = barAlt
        self.gaugeFilled = gaugeFilled
        self.gaugeEmpty = gaugeEmpty
        self.header = header
        self.caption = caption
        self.glyphs = glyphs
    }

    /// This theme drawing with `glyphs`.
    public func with(glyphs: GlyphSet) -> Theme {
        var copy = self
        copy.glyphs = glyphs
        return copy
    }

    /// Colours for a 256- or 16-colour terminal.
    public static let color = Theme(
        text: .plain,
        muted: Style(foreground: .indexed(245)),
        title: Style(foreground: .brightWhite).bold,
        border: Style(foreground: .indexed(240)),
        focusedBorder: Style(foreground: .brightCyan).bold,
        figure: Style(foreground: .brightWhite).bold,
        accent: Style(foreground: .brightCyan),
        positive: Style(foreground: .brightGreen),
        negative: Style(foreground: .brightRed),
        warning: Style(foreground: .black, background: .yellow).bold,
        error: Style(foreground: .brightWhite, background: .red).bold,
        sample: Style(foreground: .black, background: .magenta).bold,
        bar: Style(foreground: .indexed(39)),
        barAlt: Style(foreground: .indexed(214)),
        gaugeFilled: Style(foreground: .brightGreen),
        gaugeEmpty: Style(foreground: .indexed(238)),
        header: Style(foreground: .brightWhite, background: .indexed(24)).bold,
        caption: Style(foreground: .black, background: .brightWhite).bold
    )

    /// No colour at all (`NO_COLOR`, monochrome terminals): attributes only.
    public static let monochrome = Theme(
        text: .plain, muted: Style.plain.dim, title: Style.plain.bold, border: .plain,
        focusedBorder: Style.plain.bold, figure: Style.plain.bold, accent: .plain,
        positive: .plain, negative: .plain, warning: Style.plain.reversed, error: Style.plain.reversed.bold,
        sample: Style.plain.reversed, bar: .plain, barAlt: Style.plain.dim, gaugeFilled: .plain,
        gaugeEmpty: Style.plain.dim, header: Style.plain.reversed, caption: Style.plain.reversed.bold
    )
}
