import MayorCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs a program to its end with posix_spawn: standard input from /dev/null,
/// standard output and error into one temporary file (never a pipe: a child
/// that daemonizes, such as a tmux server, would hold a pipe open), with no
/// blocked signals and default dispositions whatever the caller's threads
/// have. `mayor bench` runs its memory probes this way, and the end-to-end
/// tests run `mayor`, tmux and the tools around them.
public enum ChildProcess {
    public struct Result: Sendable {
        /// The exit status, or 128 + N when signal N ended it.
        public var status: Int32
        /// Standard output and error, interleaved ("" when not captured).
        public var output: String
        /// `ru_maxrss` from `wait4`, in bytes: the child's peak resident
        /// memory, but on Linux at least the caller's own peak (exec records
        /// the peak of the address space it replaces, and posix_spawn's child
        /// runs in the caller's until then): an upper bound, not the child's
        /// figure. A child that must be measured reports its own VmHWM.
        public var peakBytes: Int
    }

    public struct SpawnError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Runs `arguments[0]` (looked up in PATH when it has no slash) with the
    /// rest as its arguments, in the caller's environment; `capture: false`
    /// sends the output to /dev/null.
    public static func run(_ arguments: [String], capture: Bool = true) throws -> Result {
        precondition(!arguments.isEmpty, "ChildProcess.run needs a program")
        let outPath = capture ? try temporaryFile() : "/dev/null"
        defer { if capture { unlink(outPath) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var attributes = cleanSpawnAttributes()
        defer { posix_spawnattr_destroy(&attributes) }
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, environ)
        guard rc == 0 else { throw SpawnError(description: "cannot run \(arguments[0]): \(String(cString: strerror(rc)))") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        var output = ""
        if capture, case .success(let data) = FileProbe.read(outPath, limit: 1 << 28) {
            output = String(decoding: data, as: UTF8.self)
        }
        return Result(status: code, output: output, peakBytes: Int(usage.ru_maxrss) * 1024)
    }

    /// A new empty file in $TMPDIR (or /tmp), for a child's output.
    static func temporaryFile() throws -> String {
        var folder = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        if folder.isEmpty { folder = "/tmp" }
        while folder.count > 1 && folder.hasSuffix("/") { folder.removeLast() }
        var template = Array((folder + "/mayor-child-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw SpawnError(description: "cannot create a file in \(folder): \(String(cString: strerror(errno)))") }
        close(fd)
        return template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }
}

/// Spawn attributes under which a child starts with no blocked signals and
/// default dispositions, whatever the caller's threads have; `flags` are
/// added (e.g. POSIX_SPAWN_SETSID). The caller destroys them.
public func cleanSpawnAttributes(flags: Int32 = 0) -> posix_spawnattr_t {
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    var none = sigset_t()
    sigemptyset(&none)
    posix_spawnattr_setsigmask(&attributes, &none)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for sig in [SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGCHLD] { sigaddset(&defaults, sig) }
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setflags(&attributes, Int16(Int32(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF) | flags))
    return attributes
}
