import CMayorTerm
import Testing

@testable import MayorTerminal

#if canImport(Glibc)
    import Glibc
#endif

/// The signal flags are one piece of state per process: a signal recorded by
/// the handler the terminal edge installed is seen by code in any module.
/// (They were `static` variables in a C header; each module that inlined a
/// reader had its own copy, always 0, so a release build never saw SIGTERM.)
@Suite(.serialized) struct SignalStateTests {
    @Test func aQuitSignalIsSeenFromAnotherModule() {
        #expect(Signals.install())
        defer { Signals.restore() }
        raise(SIGTERM)
        #expect(Signals.pending == SIGTERM)
        // Read through this test module's own import of the C functions.
        #expect(mayor_signals_pending() == SIGTERM)
    }

    @Test func sigquitIsAQuitSignalAndInstallClearsAnOldOne() {
        #expect(Signals.install())
        #expect(Signals.pending == nil)
        raise(SIGQUIT)
        #expect(Signals.pending == SIGQUIT)
        Signals.restore()
        #expect(Signals.pending == SIGQUIT, "a recorded signal stays after restore")
        #expect(Signals.name(SIGQUIT) == "SIGQUIT")
    }
}
