import Foundation
import MayorCore

/// A file written whole or not at all, through the core's one atomic writer
/// (`FileProbe.writeAtomically`: temporary file, fsync, rename, folder fsync).
public enum AtomicFile {
    public static func write(_ data: Data, to url: URL) throws {
        if case .failure(let error) = FileProbe.writeAtomically(url.path, data) {
            throw IngestError(file: url.path, error.message)
        }
    }
}
