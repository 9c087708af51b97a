import CYaml
import Yams  // (keeps Foundation's String extensions visible in the module, as before)

/// Reads `Screens/*.yaml` strictly: unknown keys, wrong types, unknown pane
/// or screen ids and impossible timings are problems with `FILE:LINE:COL`.
public struct ScreenParser {
    public let knownPanes: Set<String>

    public init(knownPanes: Set<String>) {
        self.knownPanes = knownPanes
    }

    /// The line and column of the first YAML alias (`*name`), if any, as
    /// libyaml's own event stream reports it: only what YAML itself reads as
    /// an alias counts, so `*` in plain text, quotes or comments never does.
    /// The events are read before anything is composed, so an alias bomb (a
    /// "billion laughs") is refused before any node is built; one pass, linear.
    /// Text libyaml cannot parse has no alias here: the composer reports it.
    static func firstAlias(in yaml: String) -> (line: Int, column: Int)? {
        var utf8 = Array(yaml.utf8)
        return utf8.withUnsafeMutableBufferPointer { buffer -> (line: Int, column: Int)? in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { return nil }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var event = yaml_event_t()
            while yaml_parser_parse(&parser, &event) == 1 {
                defer { yaml_event_delete(&event) }
                switch event.type {
                case YAML_ALIAS_EVENT:
                    return (Int(event.start_mark.line) + 1, Int(event.start_mark.column) + 1)
                case YAML_STREAM_END_EVENT:
                    return nil
                default:
                    continue
                }
            }
            return nil
        }
    }

    /// The shortest interval a file or an option may set (rotation, refresh,
    /// a briefing step): below a second the wall redraws or rereads in what
    /// amounts to a busy loop.
    public static let minimumSeconds = 1.0

    /// What is wrong with `value` as a number of seconds from
    /// `minimumSeconds` to `max` ("must be at least 1 second …"), or nil.
    public static func secondsProblem(_ value: Double, max: Double) -> String? {
        if value.isFinite, value >= minimumSeconds, value <= max { return nil }
        let found = value.isNaN ? "not a number" : value.isFinite ? "found \(value)" : "found \(value < 0 ? "-" : "")infinity"
        return "must be at least \(Int(minimumSeconds)) second and at most \(Int(max)) seconds (\(found))"
    }

    /// A word in a caption that is true only when it is written: shown for
    /// years on a wall, "올해 목표" or "now" turns false.
    public struct TimeWord: Sendable {
        public let word: String
        /// In English, for a Korean word ("this year" for 올해); empty for English ones.
        public let meaning: String
        public let advice: String
    }

    /// Korean words are found anywhere (particles follow them without a
    /// space); English ones as whole words, in any case.
    public static let timeWords: [TimeWord] = {
        let year = "name the year"
        let month = "name the month"
        let day = "give the date"
        let asOf = "give the as-of date"
        let korean: [(String, String, String)] = [
            ("올해", "this year", year), ("금년", "this year", year), ("작년", "last year", year), ("지난해", "last year", year),
            ("내년", "next year", year), ("이번 달", "this month", month), ("이번달", "this month", month), ("이달", "this month", month),
            ("지난달", "last month", month), ("다음 달", "next month", month), ("오늘", "today", day), ("어제", "yesterday", day),
            ("현재", "now", asOf), ("지금", "now", asOf), ("최근", "recently", asOf)
        ]
        let english: [(String, String)] = [
            ("this year", year), ("last year", year), ("next year", year), ("this month", month), ("last month", month),
            ("next month", month), ("today", day), ("yesterday", day), ("now", asOf), ("currently", asOf), ("recently", asOf),
            ("at present", asOf), ("so far", asOf)
        ]
        return korean.map { TimeWord(word: $0.0, meaning: $0.1, advice: $0.2) }
            + english.map { TimeWord(word: $0.0, meaning: "", advice: $0.1) }
    }()

    /// The time words as UTF-8 (English ones lowercase), indexed by first
    /// byte (256 slots: a caption's bytes are looked up without hashing).
    static let timeWordsByFirstByte: [[(word: [UInt8], entry: TimeWord)]] = {
        var table = [[(word: [UInt8], entry: TimeWord)]](repeating: [], count: 256)
        for entry in timeWords {
            let word = Array(entry.word.utf8)
            table[Int(word[0])].append((word, entry))
        }
        return table
    }()

    /// The relative time words in `text`, each with its offset in characters
    /// (Unicode scalars, as YAML columns count) and as written. One pass over
    /// the UTF-8 bytes (ASCII letters compared without case; English words
    /// only whole).
    public static func relativeTimeWords(in text: String) -> [(word: String, meaning: String, advice: String, offset: Int)] {
        var text = text
        text.makeContiguousUTF8()  // a no-op for native strings
        var found: [(word: String, meaning: String, advice: String, offset: Int)] = []
        _ = text.utf8.withContiguousStorageIfAvailable { bytes in
            @inline(__always) func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }
            func isWordByte(_ i: Int) -> Bool {
                guard i >= 0, i < bytes.count else { return false }
                let b = lower(bytes[i])
                return (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b >= 0x80
            }
            let table = timeWordsByFirstByte
            var i = 0
            var scalarOffset = 0
            while i < bytes.count {
                var advance = 1
                let candidates = table[Int(lower(bytes[i]))]
                if !candidates.isEmpty {
                    for (word, entry) in candidates where i + word.count <= bytes.count {
                        var k = 1
                        while k < word.count && lower(bytes[i + k]) == word[k] { k += 1 }
                        guard k == word.count else { continue }
                        if word[0] < 0x80 && (isWordByte(i - 1) || isWordByte(i + word.count)) { continue }
                        found.append(
                            (
                                String(decoding: UnsafeBufferPointer(rebasing: bytes[i..<(i + word.count)]), as: UTF8.self),
                                entry.meaning, entry.advice, scalarOffset
                            ))
                        advance = word.count
                        break
                    }
                }
                for b in bytes[i..<(i + advance)] where b & 0xC0 != 0x80 { scalarOffset += 1 }
                i += advance
            }
        }
        return found
    }

    /// A screen id mentioned somewhere, checked once every file is read.
    struct Reference {
        let file: String
        let mark: YAMLMark?
        let screen: String
    }

    /// The id of a screen file: its name without the folder and `.yaml`/`.yml`.
    public static func id(ofFile path: String) -> String {
        let base = path.split(separator: "/").last.map(String.init) ?? path
        return base.hasSuffix(".yaml") ? String(base.dropLast(5)) : base.hasSuffix(".yml") ? String(base.dropLast(4)) : base
    }

    /// Parses every file (name → YAML text) and cross-checks references,
    /// against the files' screens and those already in `existing`.
    public func parseAll(_ files: [(name: String, yaml: String)], adding existing: ScreenSet = ScreenSet()) -> (ScreenSet, [Problem]) {
        var set = existing
        var problems: [Problem] = []
        var references: [Reference] = []
        var brokenScreens = Set<String>()
        /// The file each id was read from: two files may not share one.
        var fileOfID: [String: String] = [:]
        for (name, yaml) in files.sorted(by: { $0.name < $1.name }) {
            let id = Self.id(ofFile: name)
            if let first = fileOfID[id] {
                problems.append(
                    Problem(
                        .duplicate, file: name,
                        message: "has the same id \"\(Sanitizer.clean(id, maxWidth: 40))\" as \(first): rename or remove one (this one is not read)"))
                continue
            }
            fileOfID[id] = name
            var reader = Reader(file: name, knownPanes: knownPanes)
            reader.parse(yaml, into: &set)
            problems += reader.problems
            set.warnings += reader.warnings
            references += reader.references
            // A screen whose own file is broken is reported there, not again at every reference.
            if !reader.problems.isEmpty, set.screens[reader.id] == nil { brokenScreens.insert(reader.id) }
        }
        for ref in references where set.screens[ref.screen] == nil && !brokenScreens.contains(ref.screen) {
            problems.append(
                Problem(
                    .noScreen, file: ref.file, line: ref.mark?.line, column: ref.mark?.column,
                    message: "no screen named \"\(Sanitizer.clean(ref.screen, maxWidth: 40))\" (screens: \(set.screens.keys.sorted().joined(separator: ", ")))")
            )
        }
        return (set, problems)
    }

    struct Reader {
        let file: String
        let knownPanes: Set<String>
        var problems: [Problem] = []
        /// What to fix that does not stop the file being used.
        var warnings: [Problem] = []
        var references: [Reference] = []
        /// Layout nodes read so far in this file's screen.
        var layoutNodes = 0
        /// Where each pane of this file's screen is written.
        var paneMarks: [PaneRef: SourcePlace] = [:]
        /// Where the district value of each pane of this file's screen is written.
        var districtMarks: [PaneRef: SourcePlace] = [:]
        /// More boxes than any wall can show legibly; guards layout time and memory.
        static let maxLayoutNodes = 64

        var id: String { ScreenParser.id(ofFile: file) }

        mutating func fail(_ code: Problem.Code, _ node: YAMLNode?, _ message: String) {
            problems.append(Problem(code, file: file, line: node?.mark?.line, column: node?.mark?.column, message: message))
        }

        mutating func parse(_ source: String, into set: inout ScreenSet) {
            var yaml = source
            if yaml.hasPrefix("\u{FEFF}") { yaml.removeFirst() }  // a byte-order mark
            // Aliases let a few hundred bytes expand into millions of nodes
            // (a "billion laughs"); screen files have no use for them. The
            // composer refuses the first one as it meets it.
            let root: YAMLNode
            switch YAMLComposer.compose(yaml, files: "screen files") {
            case .failure(let failure):
                problems.append(Problem(failure.code, file: file, line: failure.mark?.line, column: failure.mark?.column, message: failure.message))
                return
            case .success(nil):
                fail(.syntax, YAMLNode?.none, "the file is empty")
                return
            case .success(let node?):
                root = node
            }
            guard let map = mapping(root, "the file", allowed: nil) else { return }
            guard let kindNode = map["kind"] else {
                fail(.missingField, root, "missing required key \"kind\" (screen, playlist or briefing)")
                return
            }
            switch kindNode.string {
            case "screen":
                if let screen = screen(root, map) { set.screens[screen.id] = screen }
            case "playlist":
                if let playlist = playlist(root, map) { set.playlists[playlist.id] = playlist }
            case "briefing":
                if let briefing = briefing(root, map) { set.briefings[briefing.id] = briefing }
            default:
                fail(.unknownName, kindNode, "kind must be screen, playlist or briefing (found \"\(Sanitizer.clean(kindNode.string ?? "?", maxWidth: 40))\")")
            }
        }

        // MARK: captions that age

        /// Warns about every relative time word in a caption (one text, or its
        /// `ko` and `en`), at the word when the text is written plainly on one
        /// line, else at the text.
        mutating func warnAboutTimeWords(_ node: YAMLNode) {
            if node.scalar != nil {
                warnAboutTimeWords(inText: node)
            } else if let pairs = node.mapping {
                for pair in pairs where pair.value.scalar != nil { warnAboutTimeWords(inText: pair.value) }
            }
        }

        /// The warnings for one caption text (a scalar node).
        mutating func warnAboutTimeWords(inText text: YAMLNode) {
            guard let scalar = text.scalar, let mark = text.mark else { return }
            for found in ScreenParser.relativeTimeWords(in: scalar.string) {
                let exact = scalar.isPlain && !scalar.string.contains(where: \.isNewline)
                warnings.append(
                    Problem(
                        .timeWord, file: file, line: mark.line, column: mark.column + (exact ? found.offset : 0),
                        message:
                            "warning: caption uses \"\(Sanitizer.clean(found.word, maxWidth: 20))\"\(found.meaning.isEmpty ? "" : " (\(found.meaning))"): \(found.advice)"
                    ))
            }
        }

        // MARK: typed accessors

        /// The values of a mapping by key: a few keys each, so a look along
        /// the list is quicker than a dictionary built per node. Keys are
        /// unique (the composer refuses a repeated one).
        struct Fields {
            /// The mapping's own pairs (no copy) when every key is allowed;
            /// else those whose key is.
            var pairs: [YAMLPair]

            subscript(key: String) -> YAMLNode? {
                pairs.first { $0.key.string == key }?.value
            }
        }

        /// The keys each kind of mapping may have (made once, not per node).
        enum Keys {
            static let localized: [String] = ["ko", "en"]
            static let screen: [String] = ["kind", "title", "refresh", "rotate", "layout", "description"]
            static let layout: [String] = ["pane", "rows", "columns", "weight", "size", "district"]
            static let playlist: [String] = ["kind", "screens", "interval", "resumeAfter", "description"]
            static let briefing: [String] = ["kind", "title", "steps", "description"]
            static let step: [String] = ["screen", "pane", "district", "caption", "seconds"]
        }

        /// A mapping with string keys; reports keys outside `allowed`.
        mutating func mapping(_ node: YAMLNode, _ what: @autoclosure () -> String, allowed: [String]?) -> Fields? {
            guard let mapping = node.mapping else {
                fail(.type, node, "\(what()) must be a mapping of keys to values")
                return nil
            }
            var refused = false
            for pair in mapping {
                let key = pair.key
                guard let k = key.string else {
                    fail(.type, key, "keys must be strings")
                    refused = true
                    continue
                }
                if let allowed, !allowed.contains(k) {
                    fail(
                        .unknownName, key,
                        "unknown key \"\(Sanitizer.clean(k, maxWidth: 40))\" in \(what()) (allowed: \(allowed.sorted().joined(separator: ", ")))")
                    refused = true
                }
            }
            guard refused else { return Fields(pairs: mapping) }
            return Fields(
                pairs: mapping.filter { pair in
                    guard let k = pair.key.string else { return false }
                    return allowed?.contains(k) ?? true
                })
        }

        mutating func string(_ node: YAMLNode?, _ what: @autoclosure () -> String) -> String? {
            guard let node else { return nil }
            guard let scalar = node.scalar, !Self.isNull(scalar) else {
                fail(.type, node, "\(what()) must be text")
                return nil
            }
            return scalar.string
        }

        /// YAML's null written plainly (`~`, `null`, nothing), which is not text.
        static func isNull(_ scalar: YAMLNode.Scalar) -> Bool {
            scalar.isPlain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
        }

        /// A number of seconds from `ScreenParser.minimumSeconds` to `max`.
        mutating func positive(_ node: YAMLNode?, _ what: @autoclosure () -> String, max: Double) -> Double? {
            guard let node else { return nil }
            guard let value = node.float ?? node.int.map(Double.init), value.isFinite else {
                fail(.type, node, "\(what()) must be a number of seconds")
                return nil
            }
            guard let problem = ScreenParser.secondsProblem(value, max: max) else { return value }
            fail(.invalid, node, "\(what()) \(problem)")
            return nil
        }

        mutating func localized(_ node: YAMLNode?, _ what: @autoclosure () -> String) -> LocalizedText? {
            guard let node else { return nil }
            if node.scalar != nil {
                guard let s = string(node, what()) else { return nil }
                let text = SafeText(s)
                return LocalizedText(ko: text, en: text)
            }
            guard let map = mapping(node, what(), allowed: Keys.localized) else { return nil }
            let ko = string(map["ko"], "\(what()).ko")
            let en = string(map["en"], "\(what()).en")
            if map["ko"] == nil || map["en"] == nil {
                fail(.missingField, node, "\(what()) needs both ko and en")
                return nil
            }
            guard let ko, let en else { return nil }
            return LocalizedText(ko: SafeText(ko), en: SafeText(en))
        }

        mutating func paneID(_ node: YAMLNode) -> String? {
            guard let id = string(node, "pane") else { return nil }
            guard knownPanes.contains(id) else {
                fail(.unknownName, node, "unknown pane \"\(Sanitizer.clean(id, maxWidth: 40))\" (panes: \(knownPanes.sorted().joined(separator: ", ")))")
                return nil
            }
            return id
        }

        // MARK: screen

        mutating func screen(_ root: YAMLNode, _ map: Fields) -> ScreenConfig? {
            guard let map = mapping(root, "a screen", allowed: Keys.screen) else { return nil }
            _ = map
            let title = localized(map["title"], "title")
            if map["title"] == nil { fail(.missingField, root, "missing required key \"title\"") }
            let refresh = positive(map["refresh"], "refresh", max: 86400)
            let rotate = positive(map["rotate"], "rotate", max: 86400)
            if let d = map["description"] { _ = string(d, "description") }
            guard let layoutNode = map["layout"] else {
                fail(.missingField, root, "missing required key \"layout\"")
                return nil
            }
            var seen = Set<PaneRef>()
            guard let layout = layout(layoutNode, depth: 0, seen: &seen), let title else { return nil }
            return ScreenConfig(
                id: id, title: title, refreshSeconds: refresh, rotateSeconds: rotate, layout: layout,
                file: file, paneMarks: paneMarks, districtMarks: districtMarks)
        }

        mutating func layout(_ node: YAMLNode, depth: Int, seen: inout Set<PaneRef>) -> LayoutNode? {
            guard depth < 8 else {
                fail(.limit, node, "layout nested deeper than 8 levels")
                return nil
            }
            layoutNodes += 1
            guard layoutNodes <= Self.maxLayoutNodes else {
                if layoutNodes == Self.maxLayoutNodes + 1 { fail(.limit, node, "layout has more than \(Self.maxLayoutNodes) nodes") }
                return nil
            }
            guard let map = mapping(node, "a layout node", allowed: Keys.layout) else { return nil }
            let shapes = ["pane", "rows", "columns"].filter { map[$0] != nil }
            guard shapes.count == 1 else {
                fail(
                    .invalid, node,
                    shapes.isEmpty
                        ? "a layout node needs one of pane, rows or columns"
                        : "a layout node has only one of pane, rows or columns (found \(shapes.joined(separator: " and ")))")
                return nil
            }
            var size = LayoutSize.weight(1)
            if map["weight"] != nil && map["size"] != nil {
                fail(.invalid, node, "give weight or size, not both")
            } else if let w = map["weight"] {
                if let value = w.float ?? w.int.map(Double.init), value.isFinite, value > 0, value <= 1000 {
                    size = .weight(value)
                } else {
                    fail(.invalid, w, "weight must be a positive number")
                }
            } else if let s = map["size"] {
                if let value = s.int, value >= 1, value <= 1000 {
                    size = .fixed(value)
                } else {
                    fail(.invalid, s, "size must be a whole number of cells from 1 to 1000")
                }
            }
            if let paneNode = map["pane"] {
                var district: SafeText?
                if let d = map["district"], let s = string(d, "district") { district = SafeText(s) }
                guard let id = paneID(paneNode) else { return nil }
                let ref = PaneRef(id: id, district: district)
                if !seen.insert(ref).inserted { fail(.duplicate, paneNode, "pane \"\(id)\" appears twice on this screen") }
                if let mark = paneNode.mark { paneMarks[ref] = SourcePlace(line: mark.line, column: mark.column) }
                if let mark = map["district"]?.mark { districtMarks[ref] = SourcePlace(line: mark.line, column: mark.column) }
                return .pane(ref, size: size)
            }
            if let d = map["district"] { fail(.invalid, d, "district belongs on a pane node") }
            let axis = map["rows"] != nil ? "rows" : "columns"
            guard let listNode = map[axis], let list = listNode.sequence, !list.isEmpty else {
                fail(.invalid, map[axis], "\(axis) must be a non-empty list of layout nodes")
                return nil
            }
            var children: [LayoutNode] = []
            for child in list {
                if let c = layout(child, depth: depth + 1, seen: &seen) { children.append(c) }
            }
            guard children.count == list.count else { return nil }
            return axis == "rows" ? .rows(children, size: size) : .columns(children, size: size)
        }

        // MARK: playlist

        mutating func playlist(_ root: YAMLNode, _ map: Fields) -> PlaylistConfig? {
            guard let map = mapping(root, "a playlist", allowed: Keys.playlist) else { return nil }
            guard let list = map["screens"]?.sequence, !list.isEmpty else {
                fail(.invalid, map["screens"] ?? root, "screens must be a non-empty list of screen names")
                return nil
            }
            var screens: [String] = []
            for item in list {
                guard let name = string(item, "a screen name") else { continue }
                references.append(Reference(file: file, mark: item.mark, screen: name))
                screens.append(name)
            }
            let interval = positive(map["interval"], "interval", max: 86400) ?? 30
            let resume = positive(map["resumeAfter"], "resumeAfter", max: 86400) ?? 120
            if let d = map["description"] { _ = string(d, "description") }
            return PlaylistConfig(id: id, screens: screens, intervalSeconds: interval, resumeAfterSeconds: resume)
        }

        // MARK: briefing

        mutating func briefing(_ root: YAMLNode, _ map: Fields) -> BriefingConfig? {
            guard let map = mapping(root, "a briefing", allowed: Keys.briefing) else { return nil }
            let title = localized(map["title"], "title")
            if map["title"] == nil { fail(.missingField, root, "missing required key \"title\"") }
            guard let list = map["steps"]?.sequence, !list.isEmpty else {
                fail(.invalid, map["steps"] ?? root, "steps must be a non-empty list")
                return nil
            }
            var steps: [BriefingConfig.Step] = []
            var districtMarks: [Int: SourcePlace] = [:]
            for (i, node) in list.enumerated() {
                guard let step = mapping(node, "step \(i + 1)", allowed: Keys.step) else { continue }
                var target: BriefingConfig.Step.Target?
                switch (step["screen"], step["pane"]) {
                case (let s?, nil):
                    if let name = string(s, "step \(i + 1) screen") {
                        references.append(Reference(file: file, mark: s.mark, screen: name))
                        target = .screen(name)
                    }
                case (nil, let p?):
                    if let id = paneID(p) { target = .pane(id) }
                default:
                    fail(.invalid, node, "step \(i + 1) needs exactly one of screen or pane")
                }
                var district: SafeText?
                if let d = step["district"], let s = string(d, "step \(i + 1) district") {
                    district = SafeText(s)
                    if let mark = d.mark { districtMarks[i] = SourcePlace(line: mark.line, column: mark.column) }
                }
                let captionNode = step["caption"]
                let secondsNode = step["seconds"]
                let caption = localized(captionNode, "step \(i + 1) caption")
                if let captionNode { warnAboutTimeWords(captionNode) } else { fail(.missingField, node, "step \(i + 1) needs a caption") }
                let seconds = positive(secondsNode, "step \(i + 1) seconds", max: 3600)
                if secondsNode == nil { fail(.missingField, node, "step \(i + 1) needs seconds") }
                if let target, let caption, let seconds {
                    steps.append(.init(target: target, district: district, caption: caption, seconds: seconds))
                }
            }
            guard let title, steps.count == list.count else { return nil }
            return BriefingConfig(id: id, title: title, steps: steps, file: file, districtMarks: districtMarks)
        }
    }
}
