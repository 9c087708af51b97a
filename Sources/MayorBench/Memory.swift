import FoundationEssentials
import MayorCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// MARK: - Memory (issue 10, item 12)

extension Bench {
    /// Peak resident memory of a load of each memory shape (in a fresh child
    /// process, as the live wall would load it: a DataStore on the bundled
    /// files, then the shape renamed over its kind's file and reloaded), and
    /// the resident memory after that load against before it.
    mutating func memory(dataDirectory: String, workDirectory: String) throws {
        let bundled = SnapshotKind.allCases.compactMap { kind in
            try? FileProbe.read(dataDirectory + "/" + kind.fileName, limit: 1 << 26).map { (kind, Array($0)) }.get()
        }
        for (kind, file) in bundled {
            for name in LargeSnapshots.memoryShapeNames {
                guard let shape = try LargeSnapshots.memoryShape(name, kind, bundled: file) else { continue }
                try probe(shape, dataDirectory: dataDirectory, workDirectory: workDirectory)
            }
        }
    }

    /// One child process loading one memory shape: two rows.
    mutating func probe(_ shape: LargeSnapshots.MemoryShape, dataDirectory: String, workDirectory: String) throws {
        let folder = workDirectory + "/memory-" + shape.kind.rawValue + "-" + shape.name
        _ = mkdir(folder, 0o755)
        _ = mkdir(folder + "/Data", 0o755)
        try copyData(from: dataDirectory, to: folder + "/Data")
        let bytes = shape.bytes
        let big = folder + "/" + shape.kind.fileName
        try writeFileAtomically(big, bytes)
        let size = bytes.count
        let child = try ChildProcess.run(["/proc/self/exe", "bench", "--memory-probe", "\(shape.kind.rawValue)|\(folder)/Data|\(big)"])
        defer {
            unlink(big)
            unlink(folder + "/Data/" + shape.kind.fileName)
        }
        var fields: [String: String] = [:]
        for line in child.output.split(separator: "\n") where line.hasPrefix("probe ") {
            for part in line.dropFirst(6).split(separator: " ", maxSplits: 3) {
                let kv = part.split(separator: "=", maxSplits: 1)
                if kv.count == 2 { fields[String(kv[0])] = String(kv[1]) }
            }
        }
        guard child.status == 0, let idle = fields["idle"].flatMap(Int.init), let after = fields["after"].flatMap(Int.init),
            let hwm = fields["peak"].flatMap(Int.init)
        else {
            row("memory", shape.description, "failed", "child exited \(child.status): \(child.output.suffix(200))", met: false)
            return
        }
        // The child's own high-water mark. Not `ru_maxrss` from wait4: on
        // Linux, exec records the replaced address space's peak in it, and
        // posix_spawn's child runs in this process's address space until its
        // exec, so that figure is this benchmark's own peak (it matched this
        // process's VmHWM to the kilobyte), not the load's.
        let peak = hwm
        let name = "\(shape.description), \(format(mb(size), 1)) MiB"
        row(
            "memory", "load of \(name): peak resident", format(mb(peak), 1) + " MiB",
            "\(format(Double(peak) / Double(size), 2))x the file; \(fields["outcome"] ?? "")",
            target: "<= 10x the file, <= 700 MiB", met: peak <= 10 * size && peak <= 700 << 20)
        row(
            "memory", "live wall after \(shape.kind.rawValue) \(shape.name) replaced its file: resident vs idle",
            (after >= idle ? "+" : "") + format(mb(after - idle), 1) + " MiB",
            "idle \(format(mb(idle), 1)) MiB, after \(format(mb(after), 1)) MiB",
            target: "<= +10 MiB", met: after - idle <= 10 << 20)
    }
}

extension BenchRunner {
    /// The child of the memory section (`mayor bench --memory-probe KIND|DATA|FILE`):
    /// loads the data folder as the live wall does, renames FILE over KIND's
    /// file, reloads, and prints its resident memory before and after and its
    /// peak (bytes).
    public static func memoryProbe(_ spec: String, now: Double) throws {
        let parts = spec.split(separator: "|", maxSplits: 2).map(String.init)
        guard parts.count == 3, let kind = SnapshotKind(rawValue: parts[0]) else { throw BenchError("--memory-probe KIND|DATA|FILE") }
        let store = DataStore(directory: parts[1])
        store.refresh(now: now)
        SnapshotParser.releaseFreeMemory()
        let idle = statusBytes("VmRSS")
        guard rename(parts[2], parts[1] + "/" + kind.fileName) == 0 else { throw BenchError("cannot rename \(parts[2])") }
        store.refresh(now: now, force: true)
        let after = statusBytes("VmRSS")
        let problems = store.state(kind).problems
        let outcome = problems.first.map { "refused: " + $0.shortDescription.prefix(70) } ?? "loaded"
        print("probe idle=\(idle) after=\(after) peak=\(statusBytes("VmHWM")) outcome=\(outcome.replacing("\n", with: " "))")
    }
}

/// A /proc/self/status field in kB, as bytes (0 when unknown).
func statusBytes(_ field: String) -> Int {
    (readStatus(field).flatMap { Int($0.split(separator: " ").first ?? "") } ?? 0) * 1024
}
