import Testing

@testable import MayorCore

/// Every figure on the pledges and CCTV panes says what it is (published,
/// weighted with its weights, or an unweighted mean), carries its own date
/// and source, and the zoomed panes use their room (issues 14, 10 and 11).
@Suite struct FigureLabellingTests {
    static var store: DataStore {
        let store = DataStore(directory: bundledData)
        store.refresh(now: testNow)
        return store
    }

    static func render(_ id: String, district: String? = nil, _ language: Language = .ko, width: Int = 120, height: Int = 40) -> [String] {
        let pane = PaneRegistry.pane(id)!
        var buffer = Buffer(width: width, height: height)
        let store = Self.store
        let context = PaneContext(
            strings: Strings(language), theme: .monochrome, now: testNow,
            district: district.map { SafeText($0) }, zoomed: true)
        PaneRenderer.render(
            pane, state: store.state(pane.kind), freshness: store.freshness(pane.kind, now: testNow),
            context: context, in: buffer.area, buffer: &buffer)
        return buffer.textLines()
    }

    // MARK: issue 14 item 1, issue 10 item 8

    @Test(arguments: [Language.ko, .en])
    func geumcheonHeadlinesItsPublishedRate(_ language: Language) {
        let lines = Self.render("pledges", district: "금천구", language)
        // The label over the big figure (its first row) names the published rate.
        #expect(lines[1].contains("80%") || lines[1].contains("80.0%"), "headline: \(lines[1])")
        #expect(!lines[1].contains("66.3"), "headline: \(lines[1])")
        // The derived mean appears only marked as derived, next to the published rate.
        for line in lines where line.contains("66.3") {
            #expect(line.contains(language == .ko ? "참고" : "derived"), "\(line)")
            #expect(line.contains("80"), "a computed rate far from the published one shows the published one too: \(line)")
        }
    }

    @Test(arguments: [Language.ko, .en])
    func districtComparisonShowsThePublishedRate(_ language: Language) {
        // Gwanak selected: the comparison rows at the bottom list every district.
        let lines = Self.render("pledges", district: "관악구", language)
        let geumcheon = lines.filter { $0.contains(language == .ko ? "금천구" : "Geumcheon") && $0.contains("%") }
        #expect(!geumcheon.isEmpty)
        for line in geumcheon where line.contains("66.3") {
            #expect(line.contains("80"), "\(line)")
        }
        #expect(geumcheon.contains { $0.contains("80") }, "\(geumcheon)")
    }

    // MARK: issue 14 item 2

    @Test func noUnweightedMeanIsCalledWeighted() {
        for language in [Language.ko, .en] {
            for district in [nil, "관악구", "도봉구", "금천구"] {
                for (w, h) in [(120, 40), (80, 24), (200, 60), (60, 20)] {
                    for line in Self.render("pledges", district: district, language, width: w, height: h)
                    where line.contains("96.7") || line.contains("66.3") {
                        #expect(!line.contains("가중") && !line.lowercased().contains("weighted"), "\(district ?? "-") \(w)x\(h): \(line)")
                    }
                }
            }
        }
    }

    // MARK: issue 14 item 4

    @Test(arguments: [("도봉구", "2020-12"), ("금천구", "2021-06"), ("관악구", "2024-03")])
    func eachDistrictShowsItsOwnDateAndSource(_ district: String, _ date: String) {
        for language in [Language.ko, .en] {
            let text = Self.render("pledges", district: district, language).joined(separator: "\n")
            #expect(text.contains(date), "\(district) \(language): no \(date)")
            if district != "관악구" { #expect(!text.contains("2024-03-31"), "\(district) \(language) dated 2024-03-31") }
        }
    }

    // MARK: issue 14 item 6

    @Test func budgetsSayWhatTheyDivideBy() {
        let gwanak = Self.render("pledges", district: "관악구").joined(separator: "\n")
        #expect(!gwanak.contains("70.9"), "no execution rate the source does not publish")
        #expect(gwanak.contains("12,979"), "the plan to date")
        let geumcheon = Self.render("pledges", district: "금천구").joined(separator: "\n")
        #expect(!geumcheon.contains("75.5"))
        #expect(geumcheon.contains("확보"), "2,191 is money secured")
        let en = Self.render("pledges", district: "금천구", .en).joined(separator: "\n")
        #expect(en.contains("secured"))
    }

    // MARK: issue 14 item 9

    @Test(arguments: [Language.ko, .en])
    func gwanakIsBehindItsQuarterlyTargets(_ language: Language) {
        let text = Self.render("pledges", district: "관악구", language, width: 140, height: 42).joined(separator: "\n")
        #expect(text.contains("45"))
        #expect(text.contains(language == .ko ? "목표 미달" : "behind"), "\(text)")
    }

    @Test func cctvZoomShowsTheBudgets() {
        let text = Self.render("cctv", .ko, width: 140, height: 42).joined(separator: "\n")
        #expect(text.contains("9,592,500"))
        #expect(text.contains("165,083,686"))
        #expect(text.contains("85.3%"))
    }

    // MARK: issue 14 item 5

    @Test func cctvShowsThePublishedAgeingRateAndTheRightDataset() {
        for language in [Language.ko, .en] {
            let text = Self.render("cctv", language, width: 140, height: 42).joined(separator: "\n")
            #expect(!text.contains("17.5%"), "recomputed rate shown")
            #expect(text.contains("17%"))
            #expect(text.contains("OA-2734"))
        }
        let cctv = Self.store.snapshot(.cctv)!
        #expect(cctv.envelope.source.dataset?.value == "OA-2734")
        #expect(!cctv.envelope.source.document.value.contains("목적별"))
    }

    // MARK: issue 10 item 10

    @Test func englishShowsEnglishNamesAndKoreanShowsKoreanWords() {
        let en = Self.render("pledges", .en)
        #expect(en.contains { $0.contains("Gwanak-gu") })
        // District names are in English; 관악구 is left only where it is the
        // text of a source (an agency or a document, shown as written).
        for line in en where line.contains("관악구") {
            #expect(line.contains("source") || line.contains("보고서"), "\(line)")
        }
        // A list cut short says so in the UI's language.
        let ko = Self.render("cctv", .ko, width: 60, height: 16).joined(separator: "\n")
        #expect(!ko.contains("more"), "\(ko)")
        let enShort = Self.render("cctv", .en, width: 60, height: 16).joined(separator: "\n")
        #expect(enShort.contains("more"))
    }

    /// A list cut short says so in Korean in the Korean UI, in every pane.
    @Test func koreanUINeverSaysMoreInEnglish() {
        for pane in PaneRegistry.all {
            for w in stride(from: 40, through: 200, by: 16) {
                for h in stride(from: 12, through: 60, by: 4) {
                    let lines = Self.render(pane.id, .ko, width: w, height: h)
                    for line in lines where line.contains(" more") || line.contains("more│") {
                        Issue.record("\(pane.id) \(w)x\(h): \(line)")
                    }
                }
            }
        }
    }

    // MARK: issue 11 item 6

    @Test(arguments: ["cctv", "pledges"])
    func zoomedPaneUsesItsRows(_ id: String) {
        for (w, h) in [(140, 42), (200, 60)] {
            for language in [Language.ko, .en] {
                for district in [nil, "금천구", "도봉구"] {
                    let lines = Self.render(id, district: district, language, width: w, height: h)
                    let inner = lines.dropFirst().dropLast()  // inside the frame
                    let used = inner.filter { line in
                        line.dropFirst().dropLast().contains { $0 != " " }
                    }.count
                    #expect(used * 10 >= inner.count * 8, "\(id) \(district ?? "-") \(w)x\(h) \(language): \(used) of \(inner.count) rows used")
                }
            }
        }
    }
}
