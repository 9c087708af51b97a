/// Every pane the dashboard can show, by id: the panes of the kinds in
/// `KindRegistry.all`, in registry order.
public enum PaneRegistry {
    public static let all: [any Pane] = KindRegistry.all.flatMap { $0.panes }

    public static let ids: [String] = all.map(\.id)

    public static func pane(_ id: String) -> (any Pane)? {
        all.first { $0.id == id }
    }
}

extension PaneRegistry {
    /// The kinds the panes named by `ids` show (unknown ids skipped), in registry order.
    public static func kinds(of ids: [String]) -> [SnapshotKind] {
        Set(ids.compactMap { pane($0)?.kind }).sorted()
    }
}
