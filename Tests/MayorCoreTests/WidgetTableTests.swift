import Testing

@testable import MayorCore

@Suite struct WidgetTableTests {
    let columns: [Table.Column] = [.init("구"), .init("승차", alignment: .right), .init("하차", alignment: .right)]

    @Test func koreanColumnsLineUp() {
        let table = Table(columns: columns, rows: [["강남구", "31,245", "30,118"], ["Mapo-gu", "9,870", "9,902"], ["종로", "512", "1"]])
        let b = WidgetHarness.render(table, width: 30, height: 5)
        #expect(
            b.textLines() == [
                "구        승차   하차",
                "강남구  31,245 30,118",
                "Mapo-gu  9,870  9,902",
                "종로       512      1",
                ""
            ])
        // Column boundaries sit at the same screen column on every row.
        for y in 1...3 {
            #expect(b[7, y].symbol == " " && !b[7, y].isContinuation)
            #expect(b[14, y].symbol == " " && !b[14, y].isContinuation)
        }
    }

    @Test func shrinksTheWidestColumnFirstAndTruncatesByDisplayWidth() {
        let table = Table(columns: columns, rows: [["강남구 역삼동 테헤란로", "31,245", "30,118"], ["Mapo-gu", "9,870", "9,902"]])
        #expect(table.columnWidths(for: 20) == [6, 6, 6])
        #expect(
            WidgetHarness.lines(table, width: 20, height: 3) == [
                "구       승차   하차",
                "강남…  31,245 30,118",
                "Mapo-…  9,870  9,902"
            ])
    }

    @Test func dropsTrailingColumnsThatCannotGetThreeCells() {
        let cols: [Table.Column] = [.init("구", minWidth: 6), .init("승차", alignment: .right, minWidth: 6), .init("비고", minWidth: 6)]
        let table = Table(columns: cols, rows: [["강남구", "31,245", "정상 운행 중"]])
        #expect(table.columnWidths(for: 26) == [6, 6, 12])
        #expect(table.columnWidths(for: 20) == [6, 6, 6])  // the widest shrank to its minimum
        #expect(table.columnWidths(for: 17) == [6, 6, 3])  // then the last is squeezed to 3
        #expect(WidgetHarness.lines(table, width: 17, height: 2) == ["구       승차 비…", "강남구 31,245 정…"])
        #expect(table.columnWidths(for: 16) == [6, 6])  // it cannot keep 3: dropped
        #expect(WidgetHarness.lines(table, width: 16, height: 2) == ["구       승차", "강남구 31,245"])
        #expect(table.columnWidths(for: 2) == [2])
        #expect(table.columnWidths(for: 0) == [])
        // Equally wide columns shrink in turn, from the right.
        let even = Table(columns: columns, rows: [["강남구", "31,245", "30,118"]])
        #expect(even.columnWidths(for: 19) == [6, 6, 5])
        #expect(even.columnWidths(for: 14) == [4, 4, 4])
        #expect(even.columnWidths(for: 10) == [5, 4])
    }

    @Test func weightsShareSpareWidthWithinMaxima() {
        let cols: [Table.Column] = [.init("a", weight: 1), .init("b", alignment: .right, maxWidth: 5, weight: 3)]
        let table = Table(columns: cols, rows: [["x", "1"]])
        #expect(table.columnWidths(for: 11) == [5, 5])
        #expect(WidgetHarness.lines(table, width: 11, height: 2) == ["a         b", "x         1"])
    }

    @Test func headerHighlightAndCellStyles() {
        let theme = Theme.color
        let rows = [Table.Row(["a", "1", "2"]), Table.Row(["b", "3", "4"], styles: [nil, theme.negative])]
        var b = WidgetHarness.render(Table(columns: columns, rows: rows, highlight: 0), width: 12, height: 3)
        #expect(b[0, 0].style == theme.header && b[11, 0].style == theme.header)
        #expect(b[0, 1].style == theme.accent.reversed && b[11, 1].style == theme.accent.reversed)
        #expect(b[6, 2].style == theme.negative && b[0, 2].style == theme.text)
        // One row of room: data, not a lonely header.
        b = WidgetHarness.render(Table(columns: columns, rows: rows), width: 12, height: 1)
        #expect(b.textLines() == ["a     1    2"])
    }

    @Test func missingCellsAndControlCharacters() {
        let table = Table(columns: columns, rows: [["a\u{1B}[31m"], ["b", "1", "2", "extra"]])
        #expect(WidgetHarness.lines(table, width: 20, height: 3) == ["구     승차 하차", "a␛[31m", "b         1    2"])
    }

    @Test func neverDrawsOutsideItsArea() {
        WidgetHarness.checkContainment("Table") { text in
            Table(
                columns: [.init(text), .init(text, alignment: .right, minWidth: 1), .init("합계", alignment: .center, maxWidth: 2, weight: 2)],
                rows: [[text, text, text], ["강남구", "31,245", text], [text]], highlight: 1)
        }
    }
}
