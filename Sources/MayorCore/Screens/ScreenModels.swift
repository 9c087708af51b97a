/// Text given in Korean and English (`title: {ko: …, en: …}`), or once for both.
public struct LocalizedText: Hashable, Sendable {
    public var ko: SafeText
    public var en: SafeText

    public init(ko: SafeText, en: SafeText) {
        self.ko = ko
        self.en = en
    }

    public func text(_ language: Language) -> String {
        Strings(language).t(ko.value, en.value)
    }
}

/// The UI language.
public enum Language: String, Sendable, CaseIterable {
    case ko, en
}

/// A pane placed in a layout: its id and an optional district filter.
public struct PaneRef: Hashable, Sendable {
    public var id: String
    public var district: SafeText?

    public init(id: String, district: SafeText? = nil) {
        self.id = id
        self.district = district
    }
}

/// How much room a node of a layout takes along its parent's axis.
public enum LayoutSize: Hashable, Sendable {
    /// A share of the room left after fixed sizes, proportional to the weight.
    case weight(Double)
    /// Exactly this many cells.
    case fixed(Int)
}

/// A screen's layout: a tree of rows and columns whose leaves are panes.
public indirect enum LayoutNode: Hashable, Sendable {
    case pane(PaneRef, size: LayoutSize)
    case rows([LayoutNode], size: LayoutSize)
    case columns([LayoutNode], size: LayoutSize)

    public var size: LayoutSize {
        switch self {
        case .pane(_, let s), .rows(_, let s), .columns(_, let s): return s
        }
    }

    /// The panes in reading order (left to right, top to bottom).
    public var panes: [PaneRef] {
        switch self {
        case .pane(let p, _): return [p]
        case .rows(let children, _), .columns(let children, _): return children.flatMap(\.panes)
        }
    }
}

/// A line and column in a screen file.
public struct SourcePlace: Hashable, Sendable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}

/// One screen of the dashboard (a `Screens/NAME.yaml` with `kind: screen`).
public struct ScreenConfig: Hashable, Sendable {
    public var id: String
    public var title: LocalizedText
    /// How often to look for changed data files while this screen shows, in seconds.
    public var refreshSeconds: Double?
    /// How long this screen stays up in a wall rotation, in seconds.
    public var rotateSeconds: Double?
    public var layout: LayoutNode
    /// The file the screen was read from ("" when made in code).
    public var file: String
    /// Where each pane of the layout is written in `file`.
    public var paneMarks: [PaneRef: SourcePlace]
    /// Where the district value of each pane that has one is written in `file`.
    public var districtMarks: [PaneRef: SourcePlace]

    public init(
        id: String, title: LocalizedText, refreshSeconds: Double? = nil, rotateSeconds: Double? = nil, layout: LayoutNode,
        file: String = "", paneMarks: [PaneRef: SourcePlace] = [:], districtMarks: [PaneRef: SourcePlace] = [:]
    ) {
        self.id = id
        self.title = title
        self.refreshSeconds = refreshSeconds
        self.rotateSeconds = rotateSeconds
        self.layout = layout
        self.file = file
        self.paneMarks = paneMarks
        self.districtMarks = districtMarks
    }
}

/// The screens a wall rotates through (`kind: playlist`).
public struct PlaylistConfig: Hashable, Sendable {
    public var id: String
    public var screens: [String]
    /// Seconds each screen stays up unless the screen sets `rotate`.
    public var intervalSeconds: Double
    /// After a key press pauses rotation, it resumes after this many seconds.
    public var resumeAfterSeconds: Double
}

/// A scripted briefing (`kind: briefing`).
public struct BriefingConfig: Hashable, Sendable {
    public struct Step: Hashable, Sendable {
        public enum Target: Hashable, Sendable {
            case screen(String)
            /// One pane zoomed to the whole screen.
            case pane(String)
        }
        public var target: Target
        public var district: SafeText?
        public var caption: LocalizedText
        public var seconds: Double
    }

    public var id: String
    public var title: LocalizedText
    public var steps: [Step]
    /// The file the briefing was read from ("" when made in code).
    public var file = ""
    /// Where the district value of each step that has one is written in
    /// `file`, by the step's index.
    public var districtMarks: [Int: SourcePlace] = [:]
}

/// Everything read from the screens folder.
public struct ScreenSet: Sendable {
    public var screens: [String: ScreenConfig] = [:]
    public var playlists: [String: PlaylistConfig] = [:]
    public var briefings: [String: BriefingConfig] = [:]
    /// Things to fix that do not stop a file from being used (a caption
    /// with a relative time word): printed by `mayor check`, exit status 0.
    public var warnings: [Problem] = []

    public init() {}

    /// Screen ids in a stable order: the default playlist's order first.
    public var orderedScreenIDs: [String] {
        let listed = playlists["playlist"]?.screens ?? []
        return listed.filter { screens[$0] != nil } + screens.keys.sorted().filter { !listed.contains($0) }
    }
}

extension ScreenSet {
    /// The kinds of data these screens show (the panes of every screen, and the
    /// panes `briefing` zooms), in registry order: what the wall loads.
    public func kindsShown(briefing: BriefingConfig? = nil) -> [SnapshotKind] {
        let screenPanes = screens.values.flatMap { $0.layout.panes.map(\.id) }
        let zoomed = (briefing?.steps ?? []).compactMap { step -> String? in
            if case .pane(let id) = step.target { return id }
            return nil
        }
        return PaneRegistry.kinds(of: screenPanes + zoomed)
    }
}
