import MayorCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A test hook, read only by the live command: with `MAYOR_TEST_CRASH` set to
/// `trap` (a Swift trap, SIGILL), `segv` (SIGSEGV) or `abort` (SIGABRT), the
/// live wall crashes on purpose right after its first frame is on screen, so
/// the end-to-end tests can check that a crash still gives the terminal back
/// (`HardeningTests.aCrashRestoresTheTerminal`). Unset, nothing changes.
/// Not for production use; other values are ignored.
final class TestCrashHook: LiveApplication {
    enum Kind: String { case trap, segv, abort }

    private let app: any LiveApplication
    private let kind: Kind
    private var rendered = false

    private init(app: any LiveApplication, kind: Kind) {
        self.app = app
        self.kind = kind
    }

    /// `app` itself unless the environment asks for a crash.
    static func wrap(_ app: any LiveApplication) -> any LiveApplication {
        guard let value = getenv("MAYOR_TEST_CRASH"), let kind = Kind(rawValue: String(cString: value)) else { return app }
        return TestCrashHook(app: app, kind: kind)
    }

    func handle(_ event: AppEvent) -> Bool { app.handle(event) }
    var needsRender: Bool { app.needsRender }

    func render(into buffer: inout Buffer) {
        app.render(into: &buffer)
        rendered = true
    }

    /// Asked right after the first frame was presented.
    func millisecondsUntilNextTick() -> Int? {
        if rendered { crash() }
        return app.millisecondsUntilNextTick()
    }

    private func crash() {
        switch kind {
        case .trap:
            fatalError("MAYOR_TEST_CRASH=trap: crashing on purpose (test hook)")
        case .segv:
            UnsafeMutablePointer<Int>(bitPattern: 8)!.pointee = 1
        case .abort:
            abort()
        }
    }
}
