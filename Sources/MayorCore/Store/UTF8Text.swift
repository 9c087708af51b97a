import FoundationEssentials

/// A configuration file's bytes as text: UTF-8, or a problem at the place of
/// the first byte that is not (its line, and its column counted in
/// characters as libyaml counts them), so the file can be fixed where it is
/// wrong rather than searched.
public enum UTF8Text {
    /// The text of `data`, or the one problem naming `file`, the place and the byte.
    public static func decode(_ data: some Collection<UInt8>, file: String) -> Result<String, ProblemList> {
        let bytes = Array(data)
        if let text = String(validating: bytes, as: UTF8.self) { return .success(text) }
        let offset = firstInvalidOffset(in: bytes) ?? 0
        let lineStart = bytes[..<offset].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        let line = bytes[..<offset].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        let column = String(decoding: bytes[lineStart..<offset], as: UTF8.self).unicodeScalars.count + 1
        let byte = "0x" + String(bytes[offset], radix: 16, uppercase: true)
        return .failure(
            ProblemList([Problem(.syntax, file: file, line: line, column: column, message: "invalid UTF-8 (byte \(byte)): the file must be UTF-8 text")]))
    }

    /// The offset of the first byte that does not begin or continue a
    /// well-formed UTF-8 sequence, or nil when there is none.
    static func firstInvalidOffset(in bytes: [UInt8]) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded): offset += encoded.count
            case .error: return offset < bytes.count ? offset : nil
            case .emptyInput: return nil
            }
        }
    }
}
