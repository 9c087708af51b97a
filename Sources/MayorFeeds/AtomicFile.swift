import MayorCore

/// A snapshot or status file written whole or not at all, through the
/// core's one atomic writer (`FileProbe.writeAtomically`: temporary file,
/// fsync, rename, folder fsync).
public enum AtomicFile {
    public static func write(_ bytes: [UInt8], to path: String) throws(FeedError) {
        if case .failure(let error) = FileProbe.writeAtomically(path, bytes) {
            throw FeedError(.write, "\(path) \(error.message)")
        }
    }
}
