import Foundation
import MayorBench
import Synchronization
import Testing

/// A copied executable runs at once even while other threads of the test
/// process start children (as the suites running in parallel do). A copy
/// written through a descriptor of this process leaks that descriptor into
/// every child started meanwhile (posix_spawn keeps descriptors without
/// close-on-exec), and while any child holds it open for writing, running
/// the copy fails with ETXTBSY ("Text file busy").
@Suite struct ExecutableCopyTests {
    @Test func aCopyRunsWhileOtherThreadsStartChildren() throws {
        let dir = NSTemporaryDirectory() + "mayor-copy-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let stop = Atomic<Bool>(false)
        let spawners = (0..<3).map { _ in
            Thread {
                while !stop.load(ordering: .relaxed) { _ = try? ChildProcess.run(["sleep", "0.02"], capture: false) }
            }
        }
        spawners.forEach { $0.start() }
        defer { stop.store(true, ordering: .relaxed) }
        var busy: [String] = []
        for round in 0..<200 {
            let copy = dir + "/bash-\(round)"
            try copyExecutable("/bin/bash", to: copy)
            do {
                let run = try ChildProcess.run([copy, "-c", "exit 3"], capture: false)
                #expect(run.status == 3)
            } catch {
                busy.append("round \(round): \(error)")
            }
            unlink(copy)
        }
        #expect(busy.isEmpty, "\(busy.count) of 200 copies could not be run: \(busy.prefix(3))")
    }
}
