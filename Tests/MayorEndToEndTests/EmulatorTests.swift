import Foundation
import Testing

/// The live dashboard replayed through an independent VT emulator: for each
/// TERM, `Tests/Emulator/replay.py` runs the built `mayor` on a pseudo-terminal
/// in English and Korean at 80x24, 120x40, 160x48 and 200x60, after `5` Enter
/// and `?`, and through a resize 160x48 -> 100x30 -> 200x60, feeds every byte
/// to pyte (with xterm's rule for half-overwritten wide glyphs) and compares
/// every cell with `mayor render --term TERM` of the same screen (the clock
/// and the rotation status aside).
///
/// Needs pyte: `.ci/run` installs it into `.build/pyte-venv`
/// (`MAYOR_PYTE_PYTHON` names another interpreter). Without it the test is
/// skipped, except in CI (`CI=true`), where it fails.
@Suite(.serialized)
struct EmulatorTests {
    static let terms = ["xterm-256color", "tmux-256color", "screen-256color", "xterm", "linux", "vt220"]

    /// A Python that can import pyte and wcwidth, or nil.
    static let python: String? = {
        var candidates: [String] = []
        if let named = ProcessInfo.processInfo.environment["MAYOR_PYTE_PYTHON"] { candidates.append(named) }
        candidates.append(repoRoot + "/.build/pyte-venv/bin/python")
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate) {
            if let r = try? TmuxSession.run([candidate, "-c", "import pyte, wcwidth"]), r.status == 0 { return candidate }
        }
        return nil
    }()

    static var inCI: Bool {
        let value = (ProcessInfo.processInfo.environment["CI"] ?? "").lowercased()
        return value == "true" || value == "1"
    }

    @Test(arguments: terms)
    func everyCellMatchesRender(term: String) throws {
        guard let python = Self.python else {
            if Self.inCI {
                Issue.record("pyte is not installed: .ci/run installs it into .build/pyte-venv (python3 -m venv; pip install pyte wcwidth)")
            } else {
                print(
                    "EmulatorTests: skipped, pyte not installed (run .ci/run, or python3 -m venv .build/pyte-venv && .build/pyte-venv/bin/pip install pyte wcwidth)"
                )
            }
            return
        }
        let result = try TmuxSession.run([
            python, repoRoot + "/Tests/Emulator/replay.py", "--mayor", TmuxSession.binary,
            "--root", repoRoot, "--term", term
        ])
        switch result.status {
        case 0:
            break
        default:
            Issue.record("emulator and render differ on TERM=\(term) (exit \(result.status)):\n\(result.output)")
        }
    }
}
