/// Draws a pane with its chrome: the frame and title, the provenance footer
/// (source and as-of), the SAMPLE / STALE / ERROR marks, and — when its file
/// is broken — a line naming the file and the problem under the last good
/// figures; when the live feed behind it failed (feeds-status.json), a line
/// saying when and why, the last good figures still drawn above it.
public enum PaneRenderer {
    /// `readingSlowly`: the file's read has run for long (see `DataStore.slowLoadSeconds`);
    /// `feed`: its live feed's failure (`DataStore.feedNotice`).
    public static func render(
        _ pane: any Pane, state: KindState, freshness: Freshness, readingSlowly: Bool = false, feed: FeedNotice? = nil,
        context: PaneContext, in area: Rect, buffer: inout Buffer
    ) {
        let s = context.strings
        let theme = context.theme
        var badges: [Span] = []
        var title = pane.title(s)
        if let district = context.district { title += " · " + district.value }
        if let snapshot = state.snapshot, snapshot.envelope.isSample {
            badges.append(Span(s.sample, style: theme.sample))
        }
        switch freshness {
        case .fresh, .missing:
            break
        case .old(let seconds, let unit):
            badges.append(Span("\(s.stale) \(s.age(seconds: seconds, unit: unit))", style: theme.warning))
        case .failing:
            let offline = state.problems.contains { $0.code == .offline }
            badges.insert(Span(offline ? s.offline : s.error, style: theme.error), at: 0)
        }
        if readingSlowly { badges.insert(Span(s.reading, style: theme.warning), at: 0) }
        var footer: String?
        if let snapshot = state.snapshot {
            let envelope = snapshot.envelope
            footer =
                pane.provenance(snapshot, context: context, width: area.width - 6)
                ?? "\(s.asOf) \(envelope.asOf.value) · \(s.source): \(envelope.source.agency.value)"
        }
        let frame = Frame(title: title, badges: badges, footer: footer, focused: context.focused, theme: theme)
        buffer.fill(area, symbol: " ", style: theme.text)
        buffer.draw(frame, in: area)
        var inner = frame.inner(area)
        guard !inner.isEmpty else { return }

        // A broken file: one line at the bottom says which and why.
        if let problem = state.problems.first {
            let (content, line) = inner.splitBottom(state.snapshot == nil ? 0 : min(1, inner.height - 1))
            if state.snapshot == nil {
                drawMissing(problem: problem, feed: feed, context: context, in: inner, buffer: &buffer)
                return
            }
            var text = "⚠ \(problem.shortDescription)"
            if let loaded = state.loadedAt { text += " · \(s.lastGood) \(CalendarDate.seoulTime(of: loaded))" }
            buffer.fill(line, style: theme.error)
            buffer.write(text, x: line.x, y: line.y, maxWidth: line.width, style: theme.error, clip: line)
            inner = content
        } else if let feed, state.snapshot != nil, inner.height > 1 {
            // The file is fine, its feed failed: said under the last good figures
            // (a broken file's line above says more and comes first).
            let (content, line) = inner.splitBottom(1)
            buffer.fill(line, style: theme.warning)
            buffer.write(feed.line(s, now: context.now, width: line.width), x: line.x, y: line.y, maxWidth: line.width, style: theme.warning, clip: line)
            inner = content
        }
        guard let snapshot = state.snapshot else {
            drawMissing(problem: nil, feed: feed, context: context, in: inner, buffer: &buffer)
            return
        }
        pane.render(snapshot, context: context, in: inner, buffer: &buffer)
    }

    static func drawMissing(problem: Problem?, feed: FeedNotice? = nil, context: PaneContext, in area: Rect, buffer: inout Buffer) {
        var lines = [Line(context.strings.noData, style: context.theme.error)]
        if let problem {
            lines.append(Line(problem.description, style: context.theme.muted))
        }
        if let feed {
            lines.append(Line(feed.line(context.strings, now: context.now, width: area.width), style: context.theme.warning))
        }
        buffer.draw(Paragraph(lines, wrap: true, alignment: .center), in: area.inset(top: max(0, area.height / 2 - 1)))
    }
}
