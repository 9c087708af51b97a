import Foundation
import PackagePlugin

/// Writes `BuildInfo.swift` (the commit the binary was built from) for
/// `mayor --version`. Runs again when the checkout's HEAD moves.
@main
struct BuildInfoPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        let output = context.pluginWorkDirectoryURL.appending(path: "BuildInfo.swift")
        let git = root.appending(path: ".git")
        var inputs: [URL] = []
        let head = git.appending(path: "HEAD")
        if let text = try? String(contentsOf: head, encoding: .utf8) {
            inputs.append(head)
            if text.hasPrefix("ref: ") {
                let ref = git.appending(path: text.dropFirst(5).trimmingCharacters(in: .whitespacesAndNewlines))
                if FileManager.default.fileExists(atPath: ref.path) { inputs.append(ref) }
            }
            let packed = git.appending(path: "packed-refs")
            if FileManager.default.fileExists(atPath: packed.path) { inputs.append(packed) }
        }
        return [
            .buildCommand(
                displayName: "Stamping the commit into BuildInfo.swift",
                executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: [root.appending(path: "Plugins/BuildInfo/stamp.sh").path, root.path, output.path],
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }
}
