import FoundationEssentials

/// A single-pass reader for traffic snapshots, straight from the UTF-8 bytes
/// into the model, for the large files (20 MB and more) where `JSONLocator`
/// followed by `JSONDecoder` costs seconds.
///
/// It is deliberately narrow: it accepts only input it fully understands and
/// that the usual path (`JSONLocator.firstProblem`, then `JSONDecoder`) would
/// accept with the same result. Anything else — a syntax error, a wrong type,
/// a missing or null required field, a duplicate key, an escaped or non-ASCII
/// key, a surrogate escape, invalid UTF-8, a leading zero, a number out of
/// range or that underflows, nesting deeper than the limit, a byte-order mark,
/// a wrong `kind` or `schemaVersion`, a fractional volume — makes it give up
/// (`nil`), and the usual path decides, with its precise errors. It never
/// reports a problem itself; the validator still runs on what it returns.
///
/// What it mirrors, for accepted input:
/// - JSON grammar as RFC 8259 (stricter than `JSONLocator`, which allows
///   leading zeros): whitespace is space, tab, CR and LF only.
/// - Unknown keys are skipped (their values still checked as above, at every
///   depth), as `JSONDecoder` ignores them.
/// - Optional fields may be absent or `null`; required ones may not be `null`.
/// - Numbers become the correctly rounded `Double` (`volume` then goes
///   through the same whole-number check as `WholeNumber`). `JSONDecoder`
///   refuses numbers that round to zero but are not zero (`1e-400`), and
///   some with a bare `0` before the exponent (`0e5`): those are left to it.
/// - Every string goes through `SafeText` (printable ASCII that fits takes a
///   checked shortcut with the same result as `Sanitizer.clean`).
enum TrafficFastPath {
    struct GiveUp: Error {}

    /// The document, or nil when the usual path must decide.
    static func decode(_ data: Data, maxDepth: Int) -> SnapshotDocument<TrafficContent>? {
        data.withUnsafeBytes { raw -> SnapshotDocument<TrafficContent>? in
            let bytes = raw.assumingMemoryBound(to: UInt8.self)
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return nil }
            var reader = Reader(base: base, count: bytes.count, maxDepth: maxDepth)
            do {
                return try reader.document()
            } catch {
                return nil
            }
        }
    }

    /// The keys of one object, to refuse duplicates as `JSONLocator` does.
    /// Known keys are bits; others are compared byte for byte (keys are plain
    /// ASCII without escapes here, so bytes equal means strings equal).
    struct Keys {
        var known: UInt32 = 0
        var others: [(start: Int, count: Int)] = []

        mutating func insert(known bit: UInt32) throws(GiveUp) {
            if known & bit != 0 { throw GiveUp() }
            known |= bit
        }

        mutating func insert(other key: (start: Int, count: Int), in base: UnsafePointer<UInt8>) throws(GiveUp) {
            // Many keys in one object would make this quadratic: leave those to the usual path.
            if others.count >= 64 { throw GiveUp() }
            for seen in others where seen.count == key.count {
                var same = true
                for k in 0..<key.count where base[seen.start + k] != base[key.start + k] {
                    same = false
                    break
                }
                if same { throw GiveUp() }
            }
            others.append(key)
        }
    }

    struct Reader {
        let base: UnsafePointer<UInt8>
        let count: Int
        let maxDepth: Int
        var index = 0
        /// Capacity hint for the next `daily` array: the previous corridor's length.
        var lastDailyCount = 0
        /// How many digits the last number had (mantissa and fraction, leading zeros of a fraction included).
        var lastDigits = 0
        /// Whether the last number was written as a plain integer (no fraction, no exponent), and its digits as a number.
        var lastPlainInteger = false
        var lastMantissa: UInt64 = 0
        /// Daily rows read so far, in all corridors.
        var rows = 0

        init(base: UnsafePointer<UInt8>, count: Int, maxDepth: Int) {
            self.base = base
            self.count = count
            self.maxDepth = maxDepth
        }

        // MARK: bytes

        /// The current byte, or 0 past the end (0 is invalid everywhere a
        /// byte is inspected, so the end is never mistaken for input).
        @inline(__always) var byte: UInt8 { index < count ? base[index] : 0 }

        @inline(__always) mutating func skipSpace() {
            while index < count {
                switch base[index] {
                case 0x20, 0x0A, 0x0D, 0x09: index += 1
                default: return
                }
            }
        }

        @inline(__always) mutating func expect(_ c: UInt8) throws(GiveUp) {
            skipSpace()
            guard byte == c else { throw GiveUp() }
            index += 1
        }

        /// After a member: true for ',' (another follows), false for the closing byte.
        @inline(__always) mutating func more(closing: UInt8) throws(GiveUp) -> Bool {
            skipSpace()
            let c = byte
            index += 1
            if c == UInt8(ascii: ",") { return true }
            if c == closing { return false }
            throw GiveUp()
        }

        /// Opens an object or array at `depth` (the top-level object is 1);
        /// true when it is empty (and already closed).
        @inline(__always) mutating func open(_ c: UInt8, depth: Int) throws(GiveUp) -> Bool {
            guard depth <= maxDepth else { throw GiveUp() }
            try expect(c)
            skipSpace()
            let closing = c == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
            if byte == closing {
                index += 1
                return true
            }
            return false
        }

        @inline(__always) func isDigit(_ c: UInt8) -> Bool { c &- 0x30 < 10 }

        /// The next key (plain ASCII, no escapes) and the ':' after it.
        @inline(__always) mutating func key() throws(GiveUp) -> (start: Int, count: Int) {
            try expect(UInt8(ascii: "\""))
            let start = index
            while index < count {
                let c = base[index]
                if c == UInt8(ascii: "\"") {
                    let key = (start: start, count: index - start)
                    index += 1
                    try expect(UInt8(ascii: ":"))
                    skipSpace()
                    return key
                }
                guard c >= 0x20, c < 0x80, c != UInt8(ascii: "\\") else { throw GiveUp() }
                index += 1
            }
            throw GiveUp()
        }

        @inline(__always) func key(_ key: (start: Int, count: Int), is name: StaticString) -> Bool {
            guard key.count == name.utf8CodeUnitCount else { return false }
            let expected = name.utf8Start
            for k in 0..<key.count where base[key.start + k] != expected[k] { return false }
            return true
        }

        mutating func literal(_ word: StaticString) throws(GiveUp) {
            skipSpace()
            let n = word.utf8CodeUnitCount
            guard index + n <= count else { throw GiveUp() }
            for k in 0..<n where base[index + k] != word.utf8Start[k] { throw GiveUp() }
            index += n
        }

        /// True (and consumed) when the next value is `null`.
        @inline(__always) mutating func null() throws(GiveUp) -> Bool {
            skipSpace()
            guard byte == UInt8(ascii: "n") else { return false }
            try literal("null")
            return true
        }

        // MARK: strings

        /// A string value as text for the model, through `SafeText`.
        @inline(__always) mutating func safeText() throws(GiveUp) -> SafeText {
            skipSpace()
            guard byte == UInt8(ascii: "\"") else { throw GiveUp() }
            index += 1
            let start = index
            // The common case: printable ASCII, no escapes.
            while index < count {
                let c = base[index]
                if c == UInt8(ascii: "\"") {
                    let bytes = UnsafeBufferPointer(start: base + start, count: index - start)
                    index += 1
                    return SafeText(printableASCII: bytes) ?? SafeText(String(decoding: bytes, as: UTF8.self))
                }
                guard c >= 0x20, c < 0x7F, c != UInt8(ascii: "\\") else { break }
                index += 1
            }
            index = start - 1
            return SafeText(try string())
        }

        /// A string value, decoded as `JSONDecoder` does; gives up on what
        /// it might decode differently (surrogate escapes, invalid UTF-8).
        mutating func string() throws(GiveUp) -> String {
            skipSpace()
            guard byte == UInt8(ascii: "\"") else { throw GiveUp() }
            index += 1
            let start = index
            var escaped = false
            while true {
                guard index < count else { throw GiveUp() }
                let c = base[index]
                if c == UInt8(ascii: "\"") { break }
                guard c >= 0x20 else { throw GiveUp() }
                if c == UInt8(ascii: "\\") {
                    escaped = true
                    index += 2
                } else {
                    index += 1
                }
            }
            let end = index
            index += 1
            if !escaped {
                guard let text = String(validating: UnsafeBufferPointer(start: base + start, count: end - start), as: UTF8.self) else { throw GiveUp() }
                return text
            }
            var out: [UInt8] = []
            out.reserveCapacity(end - start)
            var i = start
            while i < end {
                let c = base[i]
                guard c == UInt8(ascii: "\\") else {
                    out.append(c)
                    i += 1
                    continue
                }
                let e = base[i + 1]
                i += 2
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    guard i + 4 <= end else { throw GiveUp() }
                    var v: UInt32 = 0
                    for k in 0..<4 {
                        let h = base[i + k]
                        let d: UInt8
                        switch h {
                        case UInt8(ascii: "0")...UInt8(ascii: "9"): d = h - 0x30
                        case UInt8(ascii: "a")...UInt8(ascii: "f"): d = h - 0x61 + 10
                        case UInt8(ascii: "A")...UInt8(ascii: "F"): d = h - 0x41 + 10
                        default: throw GiveUp()
                        }
                        v = v << 4 | UInt32(d)
                    }
                    i += 4
                    // Surrogates (pairs or not) are left to the usual path.
                    guard let scalar = Unicode.Scalar(v) else { throw GiveUp() }
                    out.append(contentsOf: UTF8.encode(scalar)!)
                default:
                    throw GiveUp()
                }
            }
            guard let text = String(validating: out, as: UTF8.self) else { throw GiveUp() }
            return text
        }

        // MARK: numbers

        static let powersOfTen: [Double] = (0...22).map { k in
            var p = 1.0
            for _ in 0..<k { p *= 10 }  // every step exact: 10^k = 5^k * 2^k and 5^22 < 2^53
            return p
        }

        /// A number, strictly as RFC 8259 writes them, as the correctly
        /// rounded `Double`; gives up on infinities and underflow to zero.
        @inline(__always) mutating func double() throws(GiveUp) -> Double {
            skipSpace()
            let start = index
            var negative = false
            if byte == UInt8(ascii: "-") {
                negative = true
                index += 1
            }
            var mantissa: UInt64 = 0
            var digits = 0
            var nonZero = false
            var exponent = 0
            var c = byte
            if c == UInt8(ascii: "0") {
                index += 1
                c = byte
                if isDigit(c) { throw GiveUp() }  // a leading zero
                // JSONDecoder refuses some of these ("0e5", "0E1", not "0e05" or "0e+5"): let it decide.
                if c | 0x20 == UInt8(ascii: "e") { throw GiveUp() }
            } else if isDigit(c) {
                repeat {
                    mantissa = mantissa &* 10 &+ UInt64(c &- 0x30)
                    digits += 1
                    index += 1
                    c = byte
                } while isDigit(c)
                nonZero = true
            } else {
                throw GiveUp()
            }
            lastPlainInteger = c != UInt8(ascii: ".") && c | 0x20 != UInt8(ascii: "e")
            if c == UInt8(ascii: ".") {
                index += 1
                c = byte
                guard isDigit(c) else { throw GiveUp() }
                repeat {
                    if c != 0x30 { nonZero = true }
                    mantissa = mantissa &* 10 &+ UInt64(c &- 0x30)
                    digits += 1
                    exponent -= 1
                    index += 1
                    c = byte
                } while isDigit(c)
            }
            if c | 0x20 == UInt8(ascii: "e") {
                index += 1
                c = byte
                var negativeExponent = false
                if c == UInt8(ascii: "+") || c == UInt8(ascii: "-") {
                    negativeExponent = c == UInt8(ascii: "-")
                    index += 1
                    c = byte
                }
                guard isDigit(c) else { throw GiveUp() }
                var e = 0
                repeat {
                    if e < 1_000_000 { e = e * 10 + Int(c &- 0x30) }
                    index += 1
                    c = byte
                } while isDigit(c)
                exponent += negativeExponent ? -e : e
            }
            var value: Double
            if digits <= 15, exponent >= -22, exponent <= 22 {
                // Exact mantissa (< 2^53) and exact power of ten: one correctly rounded operation.
                let m = Double(mantissa)
                value = exponent < 0 ? m / Self.powersOfTen[-exponent] : m * Self.powersOfTen[exponent]
                if negative { value = -value }
            } else {
                let text = String(decoding: UnsafeBufferPointer(start: base + start, count: index - start), as: UTF8.self)
                guard let parsed = Double(text) else { throw GiveUp() }
                value = parsed
            }
            guard value.isFinite, value != 0 || !nonZero else { throw GiveUp() }
            lastDigits = digits
            lastMantissa = mantissa
            return value
        }

        /// A number that must be whole, as `SnapshotShape` decides it on the
        /// token's text: with at most 15 digits, the `Double` is whole and
        /// within 2^53 exactly when the text is; longer ones are left to it.
        @inline(__always) mutating func wholeNumber() throws(GiveUp) -> Int {
            let value = try double()
            if lastPlainInteger && lastDigits <= 19 {
                // The digits themselves, exactly (19 digits fit in 64 bits).
                guard lastMantissa <= UInt64(Exact.maxCount) else { throw GiveUp() }
            } else {
                guard lastDigits <= 15 else { throw GiveUp() }
            }
            guard value.isFinite, value == value.rounded(), abs(value) <= Double(Exact.maxCount) else { throw GiveUp() }
            return Int(value)
        }

        // MARK: anything else

        /// Skips a value of a key the model does not read, checking it as
        /// strictly as the rest. `depth` is that of the enclosing container.
        mutating func skipValue(depth: Int) throws(GiveUp) {
            skipSpace()
            switch byte {
            case UInt8(ascii: "{"):
                if try open(UInt8(ascii: "{"), depth: depth + 1) { return }
                var keys = Keys()
                repeat {
                    try keys.insert(other: try key(), in: base)
                    try skipValue(depth: depth + 1)
                } while try more(closing: UInt8(ascii: "}"))
            case UInt8(ascii: "["):
                if try open(UInt8(ascii: "["), depth: depth + 1) { return }
                repeat {
                    try skipValue(depth: depth + 1)
                } while try more(closing: UInt8(ascii: "]"))
            case UInt8(ascii: "\""): _ = try string()
            case UInt8(ascii: "t"): try literal("true")
            case UInt8(ascii: "f"): try literal("false")
            case UInt8(ascii: "n"): try literal("null")
            default: _ = try double()
            }
        }

        // MARK: the document

        mutating func document() throws(GiveUp) -> SnapshotDocument<TrafficContent> {
            // A byte-order mark or anything else before the object: the usual path.
            guard try !open(UInt8(ascii: "{"), depth: 1) else { throw GiveUp() }
            var keys = Keys()
            var kindOK = false
            var versionOK = false
            var asOf: SafeText?
            var source: Provenance?
            var sample: Bool?
            var maxAgeDays: Double?
            var notes: [SafeText]?
            var corridors: [TrafficContent.Corridor]?
            var fetch: FetchProvenance?
            var fetchedBy: FetchProvenance?
            repeat {
                let k = try key()
                if key(k, is: "kind") {
                    try keys.insert(known: 1)
                    // Exactly "traffic", no escapes; otherwise the usual path explains.
                    try literal("\"traffic\"")
                    kindOK = true
                } else if key(k, is: "schemaVersion") {
                    try keys.insert(known: 2)
                    try literal("1")
                    if isDigit(byte) || byte == UInt8(ascii: ".") || byte | 0x20 == UInt8(ascii: "e") { throw GiveUp() }
                    versionOK = true
                } else if key(k, is: "asOf") {
                    try keys.insert(known: 4)
                    asOf = try safeText()
                } else if key(k, is: "source") {
                    try keys.insert(known: 8)
                    source = try provenance()
                } else if key(k, is: "sample") {
                    try keys.insert(known: 16)
                    if try !null() {
                        skipSpace()
                        if byte == UInt8(ascii: "t") {
                            try literal("true")
                            sample = true
                        } else {
                            try literal("false")
                            sample = false
                        }
                    }
                } else if key(k, is: "maxAgeDays") {
                    try keys.insert(known: 32)
                    maxAgeDays = try null() ? nil : try double()
                } else if key(k, is: "notes") {
                    try keys.insert(known: 64)
                    if try !null() {
                        var list: [SafeText] = []
                        if try !open(UInt8(ascii: "["), depth: 2) {
                            repeat {
                                // Past the limit the usual path refuses it, with the place.
                                if list.count == SnapshotShape.maxNotes { throw GiveUp() }
                                list.append(try safeText())
                            } while try more(closing: UInt8(ascii: "]"))
                        }
                        notes = list
                    }
                } else if key(k, is: "fetch") {
                    try keys.insert(known: 256)
                    fetch = try null() ? nil : try fetchProvenance()
                } else if key(k, is: "provenance") {
                    try keys.insert(known: 512)
                    fetchedBy = try null() ? nil : try fetchProvenance()
                } else if key(k, is: "corridors") {
                    try keys.insert(known: 128)
                    corridors = try corridorList()
                } else {
                    try keys.insert(other: k, in: base)
                    try skipValue(depth: 1)
                }
            } while try more(closing: UInt8(ascii: "}"))
            skipSpace()
            guard index == count, kindOK, versionOK, let asOf, let source, let corridors else { throw GiveUp() }
            let envelope = Envelope(
                kind: "traffic", schemaVersion: 1, asOf: asOf, source: source,
                sample: sample, maxAgeDays: maxAgeDays, notes: notes, fetch: fetch, provenance: fetchedBy)
            return SnapshotDocument(envelope: envelope, content: TrafficContent(corridors: corridors))
        }

        /// `fetch` of a file from `mayor fetch`: its `fetchedAt`; the rest skipped.
        mutating func fetchProvenance() throws(GiveUp) -> FetchProvenance {
            var fetchedAt: SafeText?
            if try open(UInt8(ascii: "{"), depth: 2) { return FetchProvenance(fetchedAt: nil) }
            var keys = Keys()
            repeat {
                let k = try key()
                if key(k, is: "fetchedAt") {
                    try keys.insert(known: 1)
                    fetchedAt = try null() ? nil : try safeText()
                } else {
                    try keys.insert(other: k, in: base)
                    try skipValue(depth: 2)
                }
            } while try more(closing: UInt8(ascii: "}"))
            return FetchProvenance(fetchedAt: fetchedAt)
        }

        mutating func provenance() throws(GiveUp) -> Provenance {
            guard try !open(UInt8(ascii: "{"), depth: 2) else { throw GiveUp() }
            var keys = Keys()
            var document: SafeText?
            var agency: SafeText?
            var dataset: SafeText?
            var url: SafeText?
            var page: SafeText?
            repeat {
                let k = try key()
                if key(k, is: "document") {
                    try keys.insert(known: 1)
                    document = try safeText()
                } else if key(k, is: "agency") {
                    try keys.insert(known: 2)
                    agency = try safeText()
                } else if key(k, is: "dataset") {
                    try keys.insert(known: 4)
                    dataset = try null() ? nil : try safeText()
                } else if key(k, is: "url") {
                    try keys.insert(known: 8)
                    url = try null() ? nil : try safeText()
                } else if key(k, is: "page") {
                    try keys.insert(known: 16)
                    page = try null() ? nil : try safeText()
                } else {
                    try keys.insert(other: k, in: base)
                    try skipValue(depth: 2)
                }
            } while try more(closing: UInt8(ascii: "}"))
            guard let document, let agency else { throw GiveUp() }
            return Provenance(document: document, agency: agency, dataset: dataset, url: url, page: page)
        }

        mutating func corridorList() throws(GiveUp) -> [TrafficContent.Corridor] {
            var list: [TrafficContent.Corridor] = []
            if try open(UInt8(ascii: "["), depth: 2) { return list }
            repeat {
                // Past a limit the usual path refuses the file, with the place.
                if list.count == TrafficContent.maxCorridors { throw GiveUp() }
                list.append(try corridor())
            } while try more(closing: UInt8(ascii: "]"))
            return list
        }

        mutating func corridor() throws(GiveUp) -> TrafficContent.Corridor {
            guard try !open(UInt8(ascii: "{"), depth: 3) else { throw GiveUp() }
            var keys = Keys()
            var id: SafeText?
            var name: SafeText?
            var nameEn: SafeText?
            var district: SafeText?
            var daily: [TrafficContent.Day]?
            repeat {
                let k = try key()
                if key(k, is: "id") {
                    try keys.insert(known: 1)
                    id = try safeText()
                } else if key(k, is: "name") {
                    try keys.insert(known: 2)
                    name = try safeText()
                } else if key(k, is: "nameEn") {
                    try keys.insert(known: 4)
                    nameEn = try null() ? nil : try safeText()
                } else if key(k, is: "district") {
                    try keys.insert(known: 8)
                    district = try null() ? nil : try safeText()
                } else if key(k, is: "daily") {
                    try keys.insert(known: 16)
                    daily = try dayList()
                } else {
                    try keys.insert(other: k, in: base)
                    try skipValue(depth: 3)
                }
            } while try more(closing: UInt8(ascii: "}"))
            guard let id, let name, let daily else { throw GiveUp() }
            return TrafficContent.Corridor(id: id, name: name, nameEn: nameEn, district: district, daily: daily)
        }

        mutating func dayList() throws(GiveUp) -> [TrafficContent.Day] {
            var list: [TrafficContent.Day] = []
            if try open(UInt8(ascii: "["), depth: 4) { return list }
            list.reserveCapacity(lastDailyCount)
            repeat {
                rows += 1
                if rows > TrafficContent.maxRows { throw GiveUp() }
                list.append(try day())
            } while try more(closing: UInt8(ascii: "]"))
            lastDailyCount = list.count
            return list
        }

        /// The hot loop: one `{"date": …, "volume": …, "speedKmh": …}`.
        @inline(__always) mutating func day() throws(GiveUp) -> TrafficContent.Day {
            guard try !open(UInt8(ascii: "{"), depth: 5) else { throw GiveUp() }
            var keys = Keys()
            var date: SafeText?
            var volume = 0
            var speed: Double?
            repeat {
                let k = try key()
                if key(k, is: "date") {
                    try keys.insert(known: 1)
                    date = try safeText()
                } else if key(k, is: "volume") {
                    try keys.insert(known: 2)
                    volume = try wholeNumber()
                } else if key(k, is: "speedKmh") {
                    try keys.insert(known: 4)
                    speed = try double()
                } else {
                    try keys.insert(other: k, in: base)
                    try skipValue(depth: 5)
                }
            } while try more(closing: UInt8(ascii: "}"))
            // speedKmh is optional (a file from the TOPIS feed has volumes only).
            guard keys.known | 4 == 7, let date else { throw GiveUp() }
            return TrafficContent.Day(date: date, volume: volume, speedKmh: speed)
        }
    }
}
