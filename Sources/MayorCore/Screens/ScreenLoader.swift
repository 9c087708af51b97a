import FoundationEssentials

/// Reads every `*.yaml` in the screens folder.
public enum ScreenLoader {
    public static let maxBytes = 1 << 20

    public static func load(directory: String, knownPanes: Set<String> = Set(PaneRegistry.ids)) -> (ScreenSet, [Problem]) {
        if let problem = FileProbe.folderProblem(directory, what: "screens") {
            return (ScreenSet(), [Problem(problem.code, file: directory, message: problem.message)])
        }
        var files: [(name: String, yaml: String)] = []
        var problems: [Problem] = []
        for name in FileProbe.list(directory) ?? [] where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            switch FileProbe.read(path, limit: maxBytes) {
            case .success(let data):
                guard let text = String(validating: data, as: UTF8.self) else {
                    problems.append(Problem(.syntax, file: path, message: "is not UTF-8 text"))
                    continue
                }
                files.append((path, text))
            case .failure(let error):
                problems.append(Problem(error.code, file: path, message: error.message))
            }
        }
        let (set, parseProblems) = ScreenParser(knownPanes: knownPanes).parseAll(files)
        if set.screens.isEmpty && parseProblems.isEmpty && problems.isEmpty {
            problems.append(Problem(.noScreens, file: directory, message: "no screens (a *.yaml with kind: screen) in this folder"))
        }
        return (set, problems + parseProblems)
    }
}

/// `mayor check`: every data file and every screen file, and the references
/// between them (district filters name districts the data has).
public enum Checker {
    public static func check(dataDirectory: String, screensDirectory: String, now: Double,
                             maxBytes: Int = SnapshotParser.defaultMaxBytes) -> [Problem] {
        report(dataDirectory: dataDirectory, screensDirectory: screensDirectory, now: now, maxBytes: maxBytes).problems
    }

    /// The problems (the files cannot be used as they are) and the warnings
    /// (they can, but something in them will mislead: a caption that ages).
    public static func report(dataDirectory: String, screensDirectory: String, now: Double,
                              maxBytes: Int = SnapshotParser.defaultMaxBytes) -> (problems: [Problem], warnings: [Problem]) {
        let store = DataStore(directory: dataDirectory, maxBytes: maxBytes)
        store.refresh(now: now)
        var problems = store.problems
        let (screens, screenProblems) = ScreenLoader.load(directory: screensDirectory)
        problems += screenProblems
        problems += districtProblems(screens, store: store, screensDirectory: screensDirectory)
        problems += layoutProblems(screens, screensDirectory: screensDirectory)
        return (problems, screens.warnings)
    }

    /// Every pane must get at least one column and one row at its screen's
    /// smallest size (`DashboardView.minimumSize`); a fixed size or a weight
    /// that leaves a neighbour nothing would make it vanish.
    public static func layoutProblems(_ set: ScreenSet, screensDirectory: String) -> [Problem] {
        var problems: [Problem] = []
        let folder = screensDirectory.hasSuffix("/") ? screensDirectory : screensDirectory + "/"
        for (id, screen) in set.screens.sorted(by: { $0.key < $1.key }) {
            let size = DashboardView.minimumSize(of: screen.layout)
            let body = DashboardView.bodyArea(width: size.width, height: size.height, captionRows: 0)
            for placement in LayoutEngine.withoutRoom(screen.layout, in: body) {
                let place = screen.paneMarks[placement.pane]
                let what = placement.rect.width <= 0 ? "0 columns" : "0 rows"
                problems.append(Problem(.invalid, file: screen.file.isEmpty ? folder + id + ".yaml" : screen.file, line: place?.line, column: place?.column,
                                        message: "pane \"\(placement.pane.id)\" gets \(what) at \(size.width)x\(size.height), the screen's smallest size: the sizes or weights beside it leave it no room"))
            }
        }
        return problems
    }

    /// District filters must name a district of the pledges or CCTV data.
    static func districtProblems(_ set: ScreenSet, store: DataStore, screensDirectory: String) -> [Problem] {
        var known = Set<String>()
        store.snapshot(.pledges)?.pledges?.districts.forEach { known.insert($0.name.value) }
        store.snapshot(.cctv)?.cctv?.districts.forEach { known.insert($0.name.value) }
        guard !known.isEmpty else { return [] }
        var problems: [Problem] = []
        let folder = screensDirectory.hasSuffix("/") ? screensDirectory : screensDirectory + "/"
        for (id, briefing) in set.briefings.sorted(by: { $0.key < $1.key }) {
            for (i, step) in briefing.steps.enumerated() {
                if let d = step.district, !known.contains(d.value) {
                    problems.append(Problem(.noDistrict, file: folder + id + ".yaml", message: "step \(i + 1): no district named \"\(d)\" in the data"))
                }
            }
        }
        for (id, screen) in set.screens.sorted(by: { $0.key < $1.key }) {
            for pane in screen.layout.panes {
                if let d = pane.district, !known.contains(d.value) {
                    problems.append(Problem(.noDistrict, file: folder + id + ".yaml", message: "pane \(pane.id): no district named \"\(d)\" in the data"))
                }
            }
        }
        return problems
    }
}

extension ScreenLoader {
    /// The briefing script at `path`, read with the screens of `set` (the
    /// screens folder's). A script in the screens folder itself (compared by
    /// its real folder, whatever the spelling of either path) is the one the
    /// folder read; any other is read on its own. Problems are those of the
    /// script only; a step naming a screen that does not exist is one of them,
    /// with its place. No briefing comes back when there is any problem.
    public static func briefingScript(_ path: String, screensDirectory: String, set: ScreenSet, folderProblems: [Problem],
                                      knownPanes: Set<String> = Set(PaneRegistry.ids)) -> (BriefingConfig?, [Problem]) {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let id = ScreenParser.id(ofFile: path)
        let scriptFolder = FileProbe.realPath(path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) + "/" : ".")
        var script: BriefingConfig?
        var problems: [Problem]
        if let folder = FileProbe.realPath(screensDirectory), scriptFolder == folder,
           name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            // Read with the folder: its problems naming this file are the script's.
            problems = folderProblems.filter { ($0.file.split(separator: "/").last.map(String.init) ?? $0.file) == name }
            script = set.briefings[id]
        } else {
            switch FileProbe.read(path, limit: maxBytes) {
            case .failure(let error):
                return (nil, [Problem(error.code, file: path, message: error.message)])
            case .success(let data):
                guard let text = String(validating: data, as: UTF8.self) else {
                    return (nil, [Problem(.syntax, file: path, message: "is not UTF-8 text")])
                }
                var own = set
                own.briefings[id] = nil
                let (read, p) = ScreenParser(knownPanes: knownPanes).parseAll([(path, text)], adding: own)
                problems = p
                script = read.briefings[id]
            }
        }
        if script == nil && problems.isEmpty {
            problems.append(Problem(.wrongKind, file: path, message: "is not a briefing script (kind: briefing)"))
        }
        return problems.isEmpty ? (script, []) : (nil, problems)
    }
}
