import FoundationEssentials

/// Reads every `*.yaml` in the screens folder.
public enum ScreenLoader {
    public static let maxBytes = 1 << 20

    public static func load(directory: String, knownPanes: Set<String> = Set(PaneRegistry.ids)) -> (ScreenSet, [Problem]) {
        guard FileProbe.isDirectory(directory) else {
            return (ScreenSet(), [Problem(file: directory, message: "screens folder not found")])
        }
        var files: [(name: String, yaml: String)] = []
        var problems: [Problem] = []
        for name in FileProbe.list(directory) ?? [] where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            switch FileProbe.read(path, limit: maxBytes) {
            case .success(let data):
                guard let text = String(validating: data, as: UTF8.self) else {
                    problems.append(Problem(file: path, message: "is not UTF-8 text"))
                    continue
                }
                files.append((path, text))
            case .failure(let error):
                problems.append(Problem(file: path, message: error.message))
            }
        }
        let (set, parseProblems) = ScreenParser(knownPanes: knownPanes).parseAll(files)
        if set.screens.isEmpty && parseProblems.isEmpty && problems.isEmpty {
            problems.append(Problem(file: directory, message: "no screens (a *.yaml with kind: screen) in this folder"))
        }
        return (set, problems + parseProblems)
    }
}

/// `mayor check`: every data file and every screen file, and the references
/// between them (district filters name districts the data has).
public enum Checker {
    public static func check(dataDirectory: String, screensDirectory: String, now: Double,
                             maxBytes: Int = SnapshotParser.defaultMaxBytes) -> [Problem] {
        let store = DataStore(directory: dataDirectory, maxBytes: maxBytes)
        store.refresh(now: now)
        var problems = store.problems
        let (screens, screenProblems) = ScreenLoader.load(directory: screensDirectory)
        problems += screenProblems
        problems += districtProblems(screens, store: store, screensDirectory: screensDirectory)
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
                    problems.append(Problem(file: folder + id + ".yaml", message: "step \(i + 1): no district named \"\(d)\" in the data"))
                }
            }
        }
        for (id, screen) in set.screens.sorted(by: { $0.key < $1.key }) {
            for pane in screen.layout.panes {
                if let d = pane.district, !known.contains(d.value) {
                    problems.append(Problem(file: folder + id + ".yaml", message: "pane \(pane.id): no district named \"\(d)\" in the data"))
                }
            }
        }
        return problems
    }
}
