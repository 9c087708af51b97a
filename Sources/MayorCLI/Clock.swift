import MayorCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where the data and screens are when no option says: `MAYOR_DATA` and
/// `MAYOR_SCREENS`; else `Data` and `Screens` in the working folder; else,
/// for an installed binary (Scripts/install.sh), `PREFIX/share/mayor/Data`
/// and `…/Screens` beside its `PREFIX/bin`. So an installed wall does not
/// depend on the folder it is started in.
enum InstalledDefaults {
    static var data: String { nonEmpty("MAYOR_DATA") ?? local("Data") }
    static var screens: String { nonEmpty("MAYOR_SCREENS") ?? local("Screens") }

    /// `name` in the working folder when it is there, else the installed copy when that is.
    private static func local(_ name: String) -> String {
        if isDirectory(name) { return name }
        // PREFIX/bin/mayor -> PREFIX/share/mayor/NAME
        guard let exe = executablePath(), let slash = exe.lastIndex(of: "/") else { return name }
        let bin = exe[..<slash]
        let prefix = bin.lastIndex(of: "/").map { bin[..<$0] } ?? ""
        let installed = prefix + "/share/mayor/" + name
        return isDirectory(installed) ? installed : name
    }

    private static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// This binary's path (Linux: /proc/self/exe).
    private static func executablePath() -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard n > 0 else { return nil }
        return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func nonEmpty(_ name: String) -> String? {
        guard let value = environmentVariables()[name], !value.isEmpty else { return nil }
        return value
    }
}
