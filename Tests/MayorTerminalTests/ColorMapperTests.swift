import MayorCore
import Testing

@testable import MayorTerminal

@Suite struct ColorMapperTests {
    /// On the Linux console (8 colours) the greys of the theme all map to white,
    /// the colour of the data: they must come with the dim attribute.
    @Test func greysAreDimmedOnEightColours() {
        let eight = ColorMapper(mode: .basic16, colors: 8, hasDefaultColors: true)
        for grey: UInt8 in [238, 240, 245, 8] {
            #expect(eight.number(for: .indexed(grey), isForeground: true) == 7)
            #expect(eight.dimsForeground(.indexed(grey)), "grey \(grey) on 8 colours")
        }
        for data: Color in [.default, .brightWhite, .white, .brightCyan, .indexed(39), .indexed(214)] {
            #expect(!eight.dimsForeground(data), "\(data) is not a grey")
        }
    }

    @Test func greysKeepTheirColourWhereThereAreMore() {
        let sixteen = ColorMapper(mode: .basic16, colors: 16, hasDefaultColors: true)
        let full = ColorMapper(mode: .palette256, colors: 256, hasDefaultColors: true)
        let none = ColorMapper(mode: .none, colors: 0, hasDefaultColors: false)
        for grey: UInt8 in [238, 240, 245] {
            #expect(!sixteen.dimsForeground(.indexed(grey)))
            #expect(!full.dimsForeground(.indexed(grey)))
            #expect(!none.dimsForeground(.indexed(grey)))
        }
        #expect(sixteen.number(for: .indexed(240), isForeground: true) == 8)
    }
}
