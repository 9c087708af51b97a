/// Every pane the dashboard can show, by id. Adding a pane: write its file in
/// Panes/ and add its type here.
public enum PaneRegistry {
    public static let ids: [String] = SnapshotKind.allCases.map(\.rawValue)
}
