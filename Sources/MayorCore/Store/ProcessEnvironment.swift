#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The process environment, read through libc (one definition for the wall's
/// and the publisher's commands: `TERM`, `MAYOR_DATA`, `SEOUL_API_KEY`…).
public func environmentVariables() -> [String: String] {
    var out: [String: String] = [:]
    var pointer = environ
    while let entry = pointer.pointee {
        let text = String(cString: entry)
        if let eq = text.firstIndex(of: "=") {
            out[String(text[..<eq])] = String(text[text.index(after: eq)...])
        }
        pointer += 1
    }
    return out
}

/// Wall-clock time in seconds since the epoch (`clock_gettime`), for the
/// commands and benchmarks; the core itself takes its time as an argument.
public func wallClockNow() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_REALTIME, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}
