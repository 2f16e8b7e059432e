#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One linear pass over the bytes before libxml2 sees them, recognising tags, quoted attribute
/// values and comments the way libxml2 2.9 does. It has two jobs:
///
/// - **Attributes.** It counts the pairwise attribute comparisons libxml2 would make, for
///   `AttributeBudget` (erring on the side of counting more).
/// - **Raw text.** In HTML it finds the bodies of `<script>` and `<style>` elements and the
///   comments: a third to a half of a modern page's bytes, which libxml2 reads one character
///   at a time only for `TreeBuilder` to throw the text away. Cutting them out first saves
///   about that share of the parse. JSON scripts stay: they carry the page's metadata. A body
///   ends where libxml2 ends it, at the first `</script` or `</style` in any case; a comment at
///   the first `-->` or `--!>` after `<!--`. Where the scan cannot be sure what
///   libxml2 would do (an unterminated quote, comment or element), it cuts nothing from there on.
///
/// The pass hops between `<` with `memchr`, so it costs little beside the parse.
struct MarkupPrescan {
    var attributes = AttributeBudget.Count(comparisons: 0, largest: 0)
    /// Byte ranges libxml2 need not read, in order and disjoint (always empty for XML).
    var droppable: [Range<Int>] = []

    static func scan(_ bytes: [UInt8], html: Bool = true) -> MarkupPrescan {
        bytes.withUnsafeBufferPointer { p -> MarkupPrescan in
            var result = MarkupPrescan()
            guard let base = p.baseAddress else { return result }
            let n = p.count
            var sure = html
            var i = 0
            @inline(__always) func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C }
            @inline(__always) func find(_ byte: UInt8, from k: Int) -> Int {
                guard k < n, let hit = memchr(base + k, Int32(byte), n - k) else { return n }
                return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            }
            /// Whether the bytes at `k` spell `word` (lower case ASCII), in any case.
            @inline(__always) func matches(_ word: StaticString, at k: Int) -> Bool {
                let w = word.utf8Start
                let m = word.utf8CodeUnitCount
                guard k + m <= n else { return false }
                for d in 0..<m where p[k + d] | 0x20 != w[d] { return false }
                return true
            }
            /// The end of the raw text that starts at `k`: the first "</" + `name`, or nil.
            func rawTextEnd(_ name: StaticString, from k: Int) -> Int? {
                var e = k
                while true {
                    e = find(UInt8(ascii: "<"), from: e)
                    guard e < n else { return nil }
                    if e + 1 < n, p[e + 1] == UInt8(ascii: "/"), matches(name, at: e + 2) { return e }
                    e += 1
                }
            }
            while true {
                i = find(UInt8(ascii: "<"), from: i)
                guard i + 1 < n else { return result }
                var j = i + 1
                let first = p[j] | 0x20
                if p[j] == UInt8(ascii: "!"), j + 2 < n, p[j + 1] == UInt8(ascii: "-"), p[j + 2] == UInt8(ascii: "-") {
                    // A comment ends at the first "-->" or "--!>" after "<!--" (libxml2 2.9 reads
                    // "<!-->" and "<!--->" as the start of a longer comment).
                    var k = j + 3
                    while true {
                        k = find(UInt8(ascii: ">"), from: k)
                        if k >= n || (k - 2 > j + 2 && p[k - 1] == UInt8(ascii: "-") && p[k - 2] == UInt8(ascii: "-")) { break }
                        if k - 3 > j + 2, p[k - 1] == UInt8(ascii: "!"), p[k - 2] == UInt8(ascii: "-"), p[k - 3] == UInt8(ascii: "-") { break }
                        k += 1
                    }
                    if k >= n {
                        sure = false
                    } else if sure {
                        result.droppable.append(i..<(k + 1))
                    }
                    i = k
                    continue
                }
                guard first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z") else {
                    i = j
                    continue
                }
                let nameStart = j
                while j < n, !isSpace(p[j]), p[j] != UInt8(ascii: ">"), p[j] != UInt8(ascii: "/") { j += 1 }
                let nameLength = j - nameStart
                var json = false
                var attributes = 0
                while j < n {
                    while j < n, isSpace(p[j]) || p[j] == UInt8(ascii: "/") { j += 1 }
                    guard j < n, p[j] != UInt8(ascii: ">") else { break }
                    attributes += 1
                    while j < n, !isSpace(p[j]), p[j] != UInt8(ascii: "="), p[j] != UInt8(ascii: ">") { j += 1 }
                    while j < n, isSpace(p[j]) { j += 1 }
                    guard j < n, p[j] == UInt8(ascii: "=") else { continue }
                    j += 1
                    while j < n, isSpace(p[j]) { j += 1 }
                    let valueStart = j
                    if j < n, p[j] == UInt8(ascii: "\"") || p[j] == UInt8(ascii: "'") {
                        let close = find(p[j], from: j + 1)
                        if close >= n { sure = false }
                        j = min(n, close + 1)
                    } else {
                        while j < n, !isSpace(p[j]), p[j] != UInt8(ascii: ">") { j += 1 }
                    }
                    if !json, j - valueStart >= 4 {
                        for k in valueStart..<(j - 3) where matches("json", at: k) { json = true; break }
                    }
                }
                result.attributes.comparisons += attributes * (attributes - 1) / 2
                result.attributes.largest = max(result.attributes.largest, attributes)
                i = j
                // "<script/>" is closed at once by libxml2: no raw text follows it.
                guard sure, j < n, p[j - 1] != UInt8(ascii: "/") else { continue }
                let raw: StaticString? = nameLength == 6 && matches("script", at: nameStart) ? "script"
                    : nameLength == 5 && matches("style", at: nameStart) ? "style" : nil
                if let raw {
                    // A JSON script's body is kept, but it is raw text all the same: not scanned.
                    guard let end = rawTextEnd(raw, from: j + 1) else { sure = false; continue }
                    if end > j + 1, !json { result.droppable.append((j + 1)..<end) }
                    i = end
                }
            }
        }
    }

    /// `bytes` without the `droppable` ranges.
    func removingDroppable(from bytes: [UInt8]) -> [UInt8] {
        guard !droppable.isEmpty else { return bytes }
        var out = [UInt8]()
        out.reserveCapacity(bytes.count - droppable.reduce(0) { $0 + $1.count })
        var from = 0
        for r in droppable {
            out.append(contentsOf: bytes[from..<r.lowerBound])
            from = r.upperBound
        }
        out.append(contentsOf: bytes[from...])
        return out
    }
}
