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
                switch UTF8Text.decode(data, file: path) {
                case .success(let text): files.append((path, text))
                case .failure(let list): problems += list.problems
                }
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

extension ScreenLoader {
    /// The briefing script at `path`, read with the screens of `set` (the
    /// screens folder's). A script in the screens folder itself (compared by
    /// its real folder, whatever the spelling of either path) is the one the
    /// folder read; any other is read on its own. Problems are those of the
    /// script only; a step naming a screen that does not exist is one of them,
    /// with its place. No briefing comes back when there is any problem.
    public static func briefingScript(
        _ path: String, screensDirectory: String, set: ScreenSet, folderProblems: [Problem],
        knownPanes: Set<String> = Set(PaneRegistry.ids)
    ) -> (BriefingConfig?, [Problem]) {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let id = ScreenParser.id(ofFile: path)
        let scriptFolder = FileProbe.realPath(path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) + "/" : ".")
        var script: BriefingConfig?
        var problems: [Problem]
        if let folder = FileProbe.realPath(screensDirectory), scriptFolder == folder,
            name.hasSuffix(".yaml") || name.hasSuffix(".yml")
        {
            // Read with the folder: its problems naming this file are the script's.
            problems = folderProblems.filter { ($0.file.split(separator: "/").last.map(String.init) ?? $0.file) == name }
            script = set.briefings[id]
        } else {
            switch FileProbe.read(path, limit: maxBytes) {
            case .failure(let error):
                return (nil, [Problem(error.code, file: path, message: error.message)])
            case .success(let data):
                let text: String
                switch UTF8Text.decode(data, file: path) {
                case .success(let decoded): text = decoded
                case .failure(let list): return (nil, list.problems)
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
