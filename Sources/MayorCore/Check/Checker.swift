/// `mayor check`: the data files (every kind whose file is there, and every kind
/// the screens show: a shown kind's file must be there), every screen file, and
/// the references between them (district filters name districts the data has).
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
    ) -> (problems: [Problem], warnings: [Problem], kinds: [SnapshotKind]) {
        let (screens, screenProblems) = ScreenLoader.load(directory: screensDirectory)
        let store = DataStore(
            directory: dataDirectory, maxBytes: maxBytes, fetcher: fetcher, kinds: kindsToCheck(dataDirectory: dataDirectory, screens: screens))
        store.refresh(now: now)
        var problems = store.problems
        problems += feedsProblems(dataDirectory: dataDirectory)
        problems += screenProblems
        problems += districtProblems(screens, store: store, screensDirectory: screensDirectory)
        problems += layoutProblems(screens, screensDirectory: screensDirectory)
        return (problems, screens.warnings, store.kinds)
    }

    /// The kinds whose file is in `dataDirectory` (whatever state it is in) and
    /// those the screens show (or their briefings zoom): a kind no screen shows
    /// may have no file.
    public static func kindsToCheck(dataDirectory: String, screens: ScreenSet) -> [SnapshotKind] {
        // A remote location cannot be listed: the kinds shown are checked there.
        let present =
            isRemoteLocation(dataDirectory)
            ? []
            : SnapshotKind.allCases.filter { kind in
                let path = dataDirectory.hasSuffix("/") ? dataDirectory + kind.fileName : dataDirectory + "/" + kind.fileName
                if case .missing = FileProbe.probe(path) { return false }
                return true
            }
        let shown = screens.briefings.values.reduce(screens.kindsShown()) { $0 + screens.kindsShown(briefing: $1) }
        return Set(present + shown).sorted()
    }

    /// `feeds.yaml` in the data folder, when there is one (`mayor fetch`'s
    /// default config): validated like the screen files, with places.
    public static func feedsProblems(dataDirectory: String) -> [Problem] {
        let path = (dataDirectory.hasSuffix("/") ? dataDirectory : dataDirectory + "/") + "feeds.yaml"
        if case .missing = FileProbe.probe(path) { return [] }
        if case .failure(let list) = FeedsConfig.load(path) { return list.problems }
        return []
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

    /// District filters must name a district of the data of a pane that filters by district.
    static func districtProblems(_ set: ScreenSet, store: DataStore, screensDirectory: String) -> [Problem] {
        var known = Set<String>()
        for pane in PaneRegistry.all where pane.filtersByDistrict {
            guard let snapshot = store.snapshot(pane.kind) else { continue }
            pane.districts(in: snapshot).forEach { known.insert($0.value) }
        }
        guard !known.isEmpty else { return [] }
        var problems: [Problem] = []
        let folder = screensDirectory.hasSuffix("/") ? screensDirectory : screensDirectory + "/"
        for (id, briefing) in set.briefings.sorted(by: { $0.key < $1.key }) {
            for (i, step) in briefing.steps.enumerated() {
                if let d = step.district, !known.contains(d.value) {
                    let place = briefing.districtMarks[i]
                    problems.append(
                        Problem(
                            .noDistrict, file: briefing.file.isEmpty ? folder + id + ".yaml" : briefing.file, line: place?.line, column: place?.column,
                            message: "step \(i + 1): no district named \"\(d)\" in the data"))
                }
            }
        }
        for (id, screen) in set.screens.sorted(by: { $0.key < $1.key }) {
            for pane in screen.layout.panes {
                if let d = pane.district, !known.contains(d.value) {
                    let place = screen.districtMarks[pane] ?? screen.paneMarks[pane]
                    problems.append(
                        Problem(
                            .noDistrict, file: screen.file.isEmpty ? folder + id + ".yaml" : screen.file, line: place?.line, column: place?.column,
                            message: "pane \(pane.id): no district named \"\(d)\" in the data"))
                }
            }
        }
        return problems
    }
}
