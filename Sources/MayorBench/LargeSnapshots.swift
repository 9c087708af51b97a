import FoundationEssentials
import MayorCore

/// Large but valid snapshot files for any registered kind, grown from its
/// bundled file (`Data/<id>.json`), so the parse cost per megabyte is measured
/// on realistic structures and a kind added to the registry is measured with
/// no benchmark edit. Deterministic: the same file and budget give the same bytes.
///
/// Every array the kind's shape bounds (`SnapshotShape`) and the file has
/// grows by one factor, each up to its own maximum (and its `total` across the
/// file), the factor as large as the byte budget allows. The new elements are
/// copies of the file's own, put before them:
/// - a field whose values form an ascending series of days or months (a time
///   series) continues the series backwards, so the latest entries stay the
///   file's own;
/// - other text gets the copy's number appended (ids and names stay unique);
/// - numbers are the copied element's.
/// What the kind's validation then refuses is undone where it points: a
/// refused field of the copies keeps the copied text or value (an enum, a
/// reference, a positive weight), a refused array total (`percent`s adding up
/// to more than 100) sets that array's copied numbers to 0, and a refused
/// figure outside the grown arrays (a total that must equal their sum) sets
/// every copied number to 0.
public enum LargeSnapshots {
    /// A grown file and what grew.
    public struct Grown: Sendable {
        public var kind: SnapshotKind
        public var bytes: [UInt8]
        /// Each grown array (`districts[].programs`) and its largest length in the file.
        public var counts: [(path: String, count: Int)]
        /// The factor the arrays grew by (before their limits).
        public var factor: Double

        /// "apCategories 1,000, monthly 1,200".
        public var summary: String {
            counts.map { "\($0.path) \(NumberFormat.decimal(Double($0.count), places: 0))" }.joined(separator: ", ")
        }
    }

    /// `kind`'s bundled file grown to at most `budget` bytes (or all its arrays
    /// at their limits, if smaller), checked with the kind's own parser at `now`.
    public static func grow(_ kind: SnapshotKind, bundled: [UInt8], budget: Int, now: Double) throws -> Grown {
        let tree: JSONTree
        do { tree = try JSONTree.parse(bundled) } catch { throw BenchError("\(kind.fileName): \(error)") }
        var growth = Growth(shape: kind.type.shape)
        var lastProblems = ""
        for _ in 0..<8 {
            let (grown, factor, counts) = growth.largest(tree, budget: budget)
            let bytes = grown.text
            let file = "grown/" + kind.fileName
            switch SnapshotParser.parse(kind, data: Data(bytes), file: file, now: now) {
            case .success:
                return Grown(kind: kind, bytes: bytes, counts: counts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, factor: factor)
            case .failure(let list):
                lastProblems = list.problems.prefix(3).map(\.description).joined(separator: "; ")
                guard growth.learn(from: list.problems, grownArrays: Set(counts.keys)) else {
                    throw BenchError("\(kind.fileName) grown from the bundled file does not parse: \(lastProblems)")
                }
            }
        }
        throw BenchError("\(kind.fileName) grown from the bundled file still does not parse: \(lastProblems)")
    }

    /// How the arrays grow, and what the kind's validation taught about the copies.
    struct Growth {
        let shape: [String: SnapshotShape]
        /// Fields of the copies that keep the copied value (`apCategories[].group`).
        var verbatim: Set<String> = []
        /// Arrays whose copies' numbers are 0 (`spaceShare`); "" for every array.
        var zeroed: Set<String> = []

        init(shape: [String: SnapshotShape]) { self.shape = shape }

        /// The largest growth within `budget` bytes and the arrays' limits.
        func largest(_ tree: JSONTree, budget: Int) -> (JSONTree, Double, [String: Int]) {
            func attempt(_ factor: Double) -> (run: Run, tree: JSONTree) {
                var run = Run(growth: self, factor: factor)
                let grown = run.grow(tree)
                return (run, grown)
            }
            var low = attempt(1)
            guard low.run.fits(budget: budget) else { return (low.tree, 1, low.run.counts) }
            // Double until it no longer fits, or nothing grows any more (every array at its limit).
            var high = attempt(2)
            while high.run.fits(budget: budget) {
                if high.run.counts == low.run.counts && high.run.bytes == low.run.bytes { return (high.tree, high.run.factor, high.run.counts) }
                low = high
                high = attempt(high.run.factor * 2)
            }
            for _ in 0..<12 {
                let middle = attempt((low.run.factor * high.run.factor).squareRoot())
                if middle.run.fits(budget: budget) { low = middle } else { high = middle }
            }
            return (low.tree, low.run.factor, low.run.counts)
        }

        /// Turns the problems of a grown file into rules for the copies; false when none applies.
        mutating func learn(from problems: [Problem], grownArrays: Set<String>) -> Bool {
            var learned = false
            for problem in problems {
                guard let path = problem.path.map(Self.schemaPath), !path.isEmpty else { continue }
                if grownArrays.contains(where: { path.hasPrefix($0 + "[].") }) {
                    learned = verbatim.insert(path).inserted || learned
                } else if grownArrays.contains(path) || path.hasSuffix("[]") && grownArrays.contains(String(path.dropLast(2))) {
                    learned = zeroed.insert(path.hasSuffix("[]") ? String(path.dropLast(2)) : path).inserted || learned
                } else {
                    learned = zeroed.insert("").inserted || learned
                }
            }
            return learned
        }

        /// `districts[3].programs[0].title` → `districts[].programs[].title`.
        static func schemaPath(_ path: String) -> String {
            var out = ""
            var inIndex = false
            for ch in path {
                if ch == "[" {
                    inIndex = true
                    out.append("[")
                } else if ch == "]" {
                    inIndex = false
                    out.append("]")
                } else if !inIndex {
                    out.append(ch)
                }
            }
            return out
        }
    }

    /// One growth by one factor: the grown tree, each array's largest length and the totals.
    struct Run {
        let growth: Growth
        let factor: Double
        var counts: [String: Int] = [:]
        /// Elements of every array of a shape that has a `total`, against it.
        var totals: [ObjectIdentifier: (count: Int, limit: Int)] = [:]
        var bytes = 0

        init(growth: Growth, factor: Double) {
            self.growth = growth
            self.factor = factor
        }

        func fits(budget: Int) -> Bool {
            bytes <= budget && totals.values.allSatisfy { $0.count <= $0.limit }
        }

        mutating func grow(_ tree: JSONTree) -> JSONTree {
            let grown = grow(tree, SnapshotShape.Node.object(growth.shape), path: "", copy: nil)
            bytes = grown.text.count
            return grown
        }

        mutating func grow(_ node: JSONTree, _ shape: SnapshotShape.Node?, path: String, copy: Int?) -> JSONTree {
            switch (node, shape) {
            case (.object(let fields), .object(let known)?):
                return .object(
                    fields.map { field in
                        let childPath = path.isEmpty ? field.key : path + "." + field.key
                        return (field.key, grow(field.value, known[field.key]?.node, path: childPath, copy: copy))
                    })
            case (.array(let elements), .array(let element, let max, let total)?):
                return growArray(elements, element, max: max, total: total, path: path, copy: copy)
            case (.scalar(let raw), _?):
                guard let copy, !growth.verbatim.contains(path) else { return node }
                if node.isNumber {
                    return isZeroed(path) ? .scalar("0") : node
                }
                if let text = node.plainString,
                    CalendarDate.parseDay(text) != nil || CalendarDate.parseMonth(text) != nil || Series.minute(of: text) != nil
                {
                    return node
                }
                if raw.hasPrefix("\"") { return .scalar(String(raw.dropLast()) + " \(copy)\"") }
                return node
            default:
                // Unknown fields, and values of another type than the shape's: as they are.
                return node
            }
        }

        func isZeroed(_ path: String) -> Bool {
            growth.zeroed.contains { $0.isEmpty || path.hasPrefix($0 + "[]") }
        }

        mutating func growArray(
            _ elements: [JSONTree], _ element: SnapshotShape, max: Int, total: Int?, path: String, copy: Int?
        ) -> JSONTree {
            let arrayPath = path + "[]"
            let k = elements.count
            guard k > 0 else { return .array([]) }
            var n = Swift.max(k, Swift.min(max, Int((Double(k) * factor).rounded(.up))))
            let series = Self.series(elements)
            for s in series { n = Swift.min(n, k + s.room) }
            var out: [JSONTree] = []
            out.reserveCapacity(n)
            // The copies, oldest first: copy j stands j steps before the first element.
            for j in stride(from: n - k, through: 1, by: -1) {
                var grown = grow(elements[(j - 1) % k], element.node, path: arrayPath, copy: j)
                if case .object(var fields) = grown {
                    for s in series {
                        if let i = fields.firstIndex(where: { $0.key == s.key }) { fields[i].value = .scalar("\"" + s.text(j) + "\"") }
                    }
                    grown = .object(fields)
                }
                out.append(grown)
            }
            for original in elements { out.append(grow(original, element.node, path: arrayPath, copy: copy)) }
            if n > k || counts[path] != nil { counts[path] = Swift.max(counts[path] ?? 0, n) }
            if let total {
                let id = ObjectIdentifier(element)
                totals[id] = ((totals[id]?.count ?? 0) + n, total)
            }
            return .array(out)
        }

        /// A field of the elements whose values ascend as days, months or
        /// date-times (`YYYY-MM-DD HH:MM`): how it continues backwards.
        struct Series {
            let key: String
            let first: Int
            let months: Bool
            /// Date-times: minutes between two entries (the first two's); nil for days and months.
            var stepMinutes: Int? = nil
            /// Steps back before the calendar's year 1.
            var room: Int {
                let day1 = CalendarDate.daysFromCivil(year: 1, month: 1, day: 1)
                if let step = stepMinutes { return (first - day1 * 1440) / step }
                return months ? first - 12 : first - day1
            }

            /// `YYYY-MM-DD HH:MM` as minutes from 1970-01-01 00:00 on the same clock (no zone), or nil.
            static func minute(of text: String) -> Int? {
                let u = Array(text.utf8)
                guard u.count == 16, u[10] == UInt8(ascii: " "), u[13] == UInt8(ascii: ":"),
                    let day = CalendarDate.parseDay(String(decoding: u[0..<10], as: UTF8.self)),
                    u[11...12].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), u[14...15].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 })
                else { return nil }
                let hh = Int(u[11] - 0x30) * 10 + Int(u[12] - 0x30)
                let mm = Int(u[14] - 0x30) * 10 + Int(u[15] - 0x30)
                guard hh < 24, mm < 60 else { return nil }
                return day * 1440 + hh * 60 + mm
            }

            func text(_ stepsBack: Int) -> String {
                if let step = stepMinutes {
                    let m = first - stepsBack * step
                    let day = m >= 0 ? m / 1440 : (m - 1439) / 1440
                    let minute = m - day * 1440
                    func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
                    return CalendarDate.format(day: day) + " " + two(minute / 60) + ":" + two(minute % 60)
                }
                if !months { return CalendarDate.format(day: first - stepsBack) }
                let m = first - stepsBack
                let year = String(m / 12)
                let month = String(m % 12 + 1)
                return String(repeating: "0", count: Swift.max(0, 4 - year.count)) + year + "-" + (month.count == 1 ? "0" : "") + month
            }
        }

        static func series(_ elements: [JSONTree]) -> [Series] {
            guard case .object(let fields) = elements[0] else { return [] }
            var out: [Series] = []
            for field in fields {
                var days: [Int] = []
                var months: [Int] = []
                var minutes: [Int] = []
                for element in elements {
                    guard let text = element[field.key]?.plainString else { break }
                    if let d = CalendarDate.parseDay(text) {
                        days.append(d)
                    } else if let m = CalendarDate.parseMonth(text) {
                        months.append(m.year * 12 + m.month - 1)
                    } else if let m = Series.minute(of: text) {
                        minutes.append(m)
                    }
                }
                if minutes.count == elements.count, minutes.count >= 2, zip(minutes, minutes.dropFirst()).allSatisfy({ $0 < $1 }) {
                    out.append(Series(key: field.key, first: minutes[0], months: false, stepMinutes: minutes[1] - minutes[0]))
                }
                for (values, isMonths) in [(days, false), (months, true)] where values.count == elements.count {
                    if zip(values, values.dropFirst()).allSatisfy({ $0 < $1 }) { out.append(Series(key: field.key, first: values[0], months: isMonths)) }
                }
            }
            return out
        }
    }

    // MARK: memory shapes (issue 10, item 12)

    /// A file, inside the other limits, of a shape that once took gigabytes to
    /// load: `mayor bench --only memory` loads each in a child process.
    public struct MemoryShape: Sendable {
        public var kind: SnapshotKind
        /// "ignored-zeros", "notes" or "nested": part of the work folder's name.
        public var name: String
        /// What the file is, for the table: "<id>.json, one ignored field of zeros".
        public var description: String
        public var bytes: [UInt8]
    }

    /// The memory shapes, made from a kind's bundled file, each about 63 MB:
    /// - `ignored-zeros`: one unknown field of zeros making up the size (skipped, never decoded);
    /// - `notes`: millions of empty `notes` (refused at the 1,001st);
    /// - `nested`: when the kind's shape bounds an array's elements across the
    ///   file (`total`) and that array is inside another, the outer arrays
    ///   filled with copies of their first element and the inner one at its
    ///   limit in each, up to the size (programmes × 1,000
    ///   indicators, refused past the total).
    public static let memoryShapeNames = ["ignored-zeros", "notes", "nested"]

    /// The memory shape `name` of `kind` (nil when the kind has no such shape).
    public static func memoryShape(_ name: String, _ kind: SnapshotKind, bundled: [UInt8], bytes: Int = 63_000_000) throws -> MemoryShape? {
        guard case .object(let fields) = try JSONTree.parse(bundled) else { throw BenchError("\(kind.fileName) is not a JSON object") }
        // The file's own fields, without its notes, and room for one more.
        var head = JSONTree.object(fields.filter { $0.key != "notes" && $0.key != "ignored" }).text
        head.removeLast()  // }
        head += ", ".utf8
        switch name {
        case "ignored-zeros":
            var zeros = head + "\"ignored\": [".utf8
            zeros.reserveCapacity(bytes + 16)
            let count = Swift.max(1, (bytes - zeros.count - 3) / 2)
            for _ in 0..<(count - 1) { zeros += [UInt8(ascii: "0"), UInt8(ascii: ",")] }
            zeros += "0]}\n".utf8
            return MemoryShape(kind: kind, name: name, description: "\(kind.fileName), one ignored field of zeros", bytes: zeros)
        case "notes":
            var notes = head + "\"notes\": [".utf8
            notes.reserveCapacity(bytes + 16)
            let count = Swift.max(1, (bytes - notes.count - 4) / 3)
            for _ in 0..<(count - 1) { notes += [UInt8(ascii: "\""), UInt8(ascii: "\""), UInt8(ascii: ",")] }
            notes += "\"\"]}\n".utf8
            return MemoryShape(kind: kind, name: name, description: "\(kind.fileName), empty notes", bytes: notes)
        case "nested":
            guard let nested = nestedShape(.object(fields), kind.type.shape, bytes: bytes) else { return nil }
            return MemoryShape(kind: kind, name: name, description: "\(kind.fileName), \(nested.summary)", bytes: nested.tree.text + [0x0A])
        default:
            throw BenchError("no memory shape \(name)")
        }
    }

    /// The first array with a `total` inside another array, reached through
    /// the file's first elements: filled as `memoryShapes` says.
    static func nestedShape(_ tree: JSONTree, _ shape: [String: SnapshotShape], bytes: Int) -> (tree: JSONTree, summary: String)? {
        // The chain of arrays from the top to the one with a total: (key path inside the element, max).
        struct Step {
            var keys: [String]
            var max: Int
        }
        func chain(_ node: JSONTree, _ fields: [String: SnapshotShape], _ keys: [String], _ depth: Int) -> [Step]? {
            guard case .object(let present) = node else { return nil }
            for field in present {
                guard let s = fields[field.key] else { continue }
                switch (s.node, field.value) {
                case (.array(let element, let max, let total), .array(let elements)) where !elements.isEmpty:
                    if total != nil && depth > 0 { return [Step(keys: keys + [field.key], max: max)] }
                    if case .object(let inner) = element.node, let rest = chain(elements[0], inner, [], depth + 1) {
                        return [Step(keys: keys + [field.key], max: max)] + rest
                    }
                case (.object(let inner), .object):
                    if let found = chain(field.value, inner, keys + [field.key], depth) { return found }
                default: continue
                }
            }
            return nil
        }
        guard let steps = chain(tree, shape, [], 0) else { return nil }
        func replacing(_ node: JSONTree, _ keys: ArraySlice<String>, with value: JSONTree) -> JSONTree {
            guard let key = keys.first, case .object(let fields) = node else { return value }
            return .object(fields.map { $0.key == key ? ($0.key, replacing($0.value, keys.dropFirst(), with: value)) : ($0.key, $0.value) })
        }
        func element(_ node: JSONTree, _ keys: [String]) -> JSONTree? {
            var node = node
            for key in keys {
                guard let next = node[key] else { return nil }
                node = next
            }
            guard case .array(let elements) = node else { return nil }
            return elements.first
        }
        // The template element of each array of the chain.
        var templates: [JSONTree] = []
        var node = tree
        for step in steps {
            guard let first = element(node, step.keys) else { return nil }
            templates.append(first)
            node = first
        }
        // From the innermost out: as many elements as the size needs, at most the array's limit.
        var inner = templates.last!
        var counts: [Int] = []
        for level in stride(from: steps.count - 1, through: 0, by: -1) {
            let size = Swift.max(1, inner.text.count + 4)
            let count = Swift.max(1, Swift.min(steps[level].max, (bytes + size - 1) / size))
            counts.insert(count, at: 0)
            let array = JSONTree.array(Array(repeating: inner, count: count))
            inner = level == 0 ? replacing(tree, steps[0].keys[...], with: array) : replacing(templates[level - 1], steps[level].keys[...], with: array)
        }
        let summary = zip(steps, counts).map { "\(NumberFormat.decimal(Double($1), places: 0)) \($0.keys.last!)" }.joined(separator: " x ")
        return (inner, summary)
    }
}
