/// `mayor check`: every data file and every screen file, and the references
/// between them (district filters name districts the data has).
public enum Checker {
    public static func check(
        dataDirectory: String, screensDirectory: String, now: Double,
        maxBytes: Int = SnapshotParser.defaultMaxBytes
    ) -> [Problem] {
        report(dataDirectory: dataDirectory, screensDirectory: screensDirectory, now: now, maxBytes: maxBytes).problems
    }

    /// The problems (the files cannot be used as they are) and the warnings
    /// (they can, but something in them will mislead: a caption that ages).
    /// `fetcher` reads a data location that is an http:// or https:// URL.
    public static func report(
        dataDirectory: String, screensDirectory: String, now: Double,
        maxBytes: Int = SnapshotParser.defaultMaxBytes, fetcher: (any SnapshotFetcher)? = nil
    ) -> (problems: [Problem], warnings: [Problem]) {
        let store = DataStore(directory: dataDirectory, maxBytes: maxBytes, fetcher: fetcher)
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
                problems.append(
                    Problem(
                        .invalid, file: screen.file.isEmpty ? folder + id + ".yaml" : screen.file, line: place?.line, column: place?.column,
                        message:
                            "pane \"\(placement.pane.id)\" gets \(what) at \(size.width)x\(size.height), the screen's smallest size: the sizes or weights beside it leave it no room"
                    ))
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
