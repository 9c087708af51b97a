/// Every pane the dashboard can show, by id. Adding a pane: write its file in
/// Panes/ and add one instance here.
public enum PaneRegistry {
    public static let all: [any Pane] = [WifiPane(), TrafficPane(), MetaversePane(), CCTVPane(), PledgesPane()]

    public static let ids: [String] = all.map(\.id)

    public static func pane(_ id: String) -> (any Pane)? {
        all.first { $0.id == id }
    }
}
