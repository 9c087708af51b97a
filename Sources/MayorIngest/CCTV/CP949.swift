import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// CP949 (Windows Korean, a superset of EUC-KR), the encoding of the
/// portal's CSV downloads, decoded with the C library's iconv: glibc ships
/// the converter (gconv UHC) with libc6 itself, and Darwin's libiconv has it
/// too; Foundation on Linux has no CP949 decoder.
public enum CP949 {
    public enum Failure: Error, Equatable {
        /// iconv has no CP949 converter here.
        case unavailable
        /// A byte sequence that is not CP949, at this byte offset.
        case invalid(offset: Int)
    }

    public static func decode(_ data: Data) throws(Failure) -> String {
        let cd = iconv_open("UTF-8", "CP949")
        guard cd != iconv_t(bitPattern: -1) else { throw .unavailable }
        defer { iconv_close(cd) }
        var input = [UInt8](data)
        // CP949 takes at most two bytes to a character of at most three UTF-8 bytes.
        var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
        let total = input.count
        var failure: Failure?
        let produced = input.withUnsafeMutableBufferPointer { inBuf -> Int in
            output.withUnsafeMutableBufferPointer { outBuf -> Int in
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress)?.assumingMemoryBound(to: CChar.self)
                var inLeft = inBuf.count
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress)?.assumingMemoryBound(to: CChar.self)
                var outLeft = outBuf.count
                if total > 0, iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) == -1 {
                    failure = .invalid(offset: total - inLeft)
                }
                return outBuf.count - outLeft
            }
        }
        if let failure { throw failure }
        return String(decoding: output[..<produced], as: UTF8.self)
    }
}
