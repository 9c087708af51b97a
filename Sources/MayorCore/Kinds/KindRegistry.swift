/// Every data kind the dashboard knows, one line each, in display order (the
/// order of kinds in `mayor check`, the header, the panes list and the tests).
/// Adding a kind: its folder in `Kinds/` and one line here. (Every line ends
/// in a comma, so adding one changes no other: the formatter is told to leave
/// this list alone.)
public enum KindRegistry {
    // swift-format-ignore
    public static let all: [any DataKind.Type] = [
        WifiKind.self,
        TrafficKind.self,
        MetaverseKind.self,
        CCTVKind.self,
        PledgesKind.self,
        CityDataKind.self,
    ]
}
