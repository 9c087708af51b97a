import Testing

@testable import MayorCore

/// Which frames the clock-tick path writes itself (`TickSpan`; on the loop:
/// `LiveLoopTests`; end to end: `LiveDashboardTests.idleClockTicksCostFewBytesAndStayRight`).
@Suite struct TickSpanTests {
    let header = Style(foreground: .indexed(15), background: .indexed(24), attributes: [.bold])

    func frame(_ clock: String) -> Buffer {
        var buffer = Buffer(width: 40, height: 5)
        buffer.fill(Rect(x: 0, y: 0, width: 40, height: 1), style: header)
        buffer.write(" Title", x: 0, y: 0, style: header)
        buffer.write(clock, x: 20, y: 0, style: header)
        buffer.write("body 31,245", x: 1, y: 2)
        return buffer
    }

    @Test func oneDigitOfTheClockIsATick() {
        let a = frame("12:00:08")
        let b = frame("12:00:09")
        let span = TickSpan(b.changes(since: a), in: b)
        #expect(span?.row == 0 && span?.from == 27 && span?.to == 27 && span?.style == header)
        let c = frame("12:00:10")
        let two = TickSpan(c.changes(since: b), in: c)
        #expect(two?.from == 26 && two?.to == 27)
    }

    @Test func anythingElseIsDrawnByNcurses() {
        let a = frame("12:00:08")
        var body = frame("12:00:09")
        body.write("body 31,246", x: 1, y: 2)  // a second row changed
        #expect(TickSpan(body.changes(since: a), in: body) == nil)
        var wide = frame("12:00:08")
        wide.write("관", x: 30, y: 0, style: header)  // not ASCII
        #expect(TickSpan(wide.changes(since: a), in: wide) == nil)
        var styled = frame("12:00:08")
        styled.write("1", x: 26, y: 0, style: header)
        styled.write("9", x: 27, y: 0, style: Style(foreground: .indexed(1)))  // two styles in the span
        #expect(TickSpan(styled.changes(since: a), in: styled) == nil)
        var far = frame("12:00:08")
        far.write("x", x: 2, y: 0, style: header)
        far.write("y", x: 30, y: 0, style: header)  // more than 8 columns apart
        #expect(TickSpan(far.changes(since: a), in: far) == nil)
        var bottom = frame("12:00:08")
        bottom.write("z", x: 3, y: 4)  // the bottom row
        #expect(TickSpan(bottom.changes(since: a), in: bottom) == nil)
    }
}
