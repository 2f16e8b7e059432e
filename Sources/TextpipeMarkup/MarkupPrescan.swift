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
///   insides of comments: a third to a half of a modern page's bytes, which libxml2 reads one character
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
            var scanner = Scanner(p: p, sure: html)
            scanner.run()
            return scanner.result
        }
    }

    /// The pass itself. `sure` turns false at the first markup whose reading by libxml2 the
    /// scan does not model exactly (a name with odd characters, an end tag with more than
    /// spaces before its `>`, an unterminated quote, ...); from there on nothing is cut, and
    /// attributes are still counted.
    private struct Scanner {
        let p: UnsafeBufferPointer<UInt8>
        var sure: Bool
        var result = MarkupPrescan()
        var n: Int { p.count }

        @inline(__always) func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C }
        @inline(__always) func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
        /// A character of an HTML name as libxml2 reads one: letters, digits, ':', '-', '_', '.'.
        @inline(__always) func isNameChar(_ b: UInt8) -> Bool {
            isLetter(b) || (b >= 0x30 && b <= 0x39) || b == 0x3A || b == 0x2D || b == 0x5F || b == 0x2E
        }

        @inline(__always) func find(_ byte: UInt8, from k: Int) -> Int {
            guard k < n, let base = p.baseAddress, let hit = memchr(base + k, Int32(byte), n - k) else { return n }
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

        mutating func run() {
            var i = 0
            while true {
                i = find(UInt8(ascii: "<"), from: i)
                guard i + 1 < n else { return }
                let c = p[i + 1]
                if isLetter(c) {
                    i = startTag(at: i)
                } else if c == UInt8(ascii: "!") {
                    if i + 3 < n, p[i + 2] == UInt8(ascii: "-"), p[i + 3] == UInt8(ascii: "-") {
                        i = comment(at: i)
                    } else if matches("doctype", at: i + 2) {
                        i = doctype(at: i)
                    } else {
                        i += 1  // "<!" otherwise is text to libxml2
                    }
                } else if c == UInt8(ascii: "/") {
                    i = endTag(at: i)
                } else if c == UInt8(ascii: "?") {
                    // A processing instruction runs to the first ">".
                    guard i + 2 < n, isLetter(p[i + 2]) else { sure = false; i += 1; continue }
                    let k = find(UInt8(ascii: ">"), from: i + 2)
                    if k >= n || find(UInt8(ascii: "<"), from: i + 2) < k { sure = false }
                    i = k
                } else {
                    if c == UInt8(ascii: "_") || c == UInt8(ascii: ":") || c == UInt8(ascii: ".") { sure = false }
                    i += 1  // "<" before anything else is text
                }
            }
        }

        /// A comment ends at the first "-->" or "--!>" after "<!--" (libxml2 2.9 reads "<!-->"
        /// and "<!--->" as the start of a longer comment). Only its inside is cut: "<!---->"
        /// stays, so that the text on either side cannot join into a tag or an entity
        /// ("<<!-- -->b" is not "<b").
        mutating func comment(at i: Int) -> Int {
            var k = i + 4
            var closing = 0
            while true {
                k = find(UInt8(ascii: ">"), from: k)
                if k >= n { break }
                if k - 2 >= i + 4, p[k - 1] == UInt8(ascii: "-"), p[k - 2] == UInt8(ascii: "-") { closing = 2; break }
                if k - 3 >= i + 4, p[k - 1] == UInt8(ascii: "!"), p[k - 2] == UInt8(ascii: "-"), p[k - 3] == UInt8(ascii: "-") { closing = 3; break }
                k += 1
            }
            if k >= n {
                sure = false
            } else if sure, k - closing > i + 4 {
                result.droppable.append((i + 4)..<(k - closing))
            }
            return k
        }

        /// A doctype runs to its first ">" outside quotes.
        mutating func doctype(at i: Int) -> Int {
            var k = i + 9
            while k < n, p[k] != UInt8(ascii: ">") {
                if p[k] == UInt8(ascii: "<") { sure = false }
                if p[k] == UInt8(ascii: "\"") || p[k] == UInt8(ascii: "'") {
                    sure = false  // quoted identifiers: rare, and libxml2 reads them only after PUBLIC/SYSTEM
                }
                k += 1
            }
            if k >= n { sure = false }
            return k
        }

        /// An end tag: libxml2 reads a name, spaces and ">"; anything else is not modelled.
        mutating func endTag(at i: Int) -> Int {
            guard i + 2 < n, isLetter(p[i + 2]) else {
                if i + 2 < n, p[i + 2] == UInt8(ascii: "_") || p[i + 2] == UInt8(ascii: ":") || p[i + 2] == UInt8(ascii: ".") { sure = false }
                return i + 2  // "</" before anything else: libxml2 drops it and reads on as text
            }
            var k = i + 3
            while k < n, isNameChar(p[k]) { k += 1 }
            while k < n, isSpace(p[k]) { k += 1 }
            if k >= n || p[k] != UInt8(ascii: ">") { sure = false }
            return k
        }

        /// A start tag, its attributes counted; a script or style element's body is raw text
        /// to its end tag, cut unless the script is JSON.
        mutating func startTag(at i: Int) -> Int {
            var j = i + 1
            while j < n, isNameChar(p[j]) { j += 1 }
            let nameStart = i + 1
            let nameLength = j - nameStart
            if j < n, !isSpace(p[j]), p[j] != UInt8(ascii: ">"), p[j] != UInt8(ascii: "/") {
                sure = false  // "<p\"x\">", "<a<b>": libxml2's recovery is not modelled
                while j < n, !isSpace(p[j]), p[j] != UInt8(ascii: ">"), p[j] != UInt8(ascii: "/") { j += 1 }
            }
            var json = false
            var attributes = 0
            var selfClosing = false
            while j < n {
                selfClosing = false
                while j < n, isSpace(p[j]) || p[j] == UInt8(ascii: "/") {
                    selfClosing = p[j] == UInt8(ascii: "/")
                    j += 1
                }
                guard j < n, p[j] != UInt8(ascii: ">") else { break }
                selfClosing = false
                attributes += 1
                // An attribute name ends at a space, "=", ">" or "/>".
                if !isLetter(p[j]), p[j] != UInt8(ascii: "_"), p[j] != UInt8(ascii: ":"), p[j] != UInt8(ascii: ".") { sure = false }
                while j < n, !isSpace(p[j]), p[j] != UInt8(ascii: "="), p[j] != UInt8(ascii: ">") {
                    if p[j] == UInt8(ascii: "/"), j + 1 < n, p[j + 1] == UInt8(ascii: ">") { break }
                    if !isNameChar(p[j]) { sure = false }
                    j += 1
                }
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
            // "<script/>" is closed at once by libxml2: no raw text follows it.
            guard sure, j < n, !selfClosing else { return j }
            let raw: StaticString? = nameLength == 6 && matches("script", at: nameStart) ? "script"
                : nameLength == 5 && matches("style", at: nameStart) ? "style" : nil
            guard let raw else { return j }
            // libxml2 looks for tags before it reads raw text: a body that opens with an end tag
            // ends there, and one that opens with "<noscript" (script) or "<body" (style) is
            // closed by it. Not modelled.
            if j + 2 < n, p[j + 1] == UInt8(ascii: "<") {
                if p[j + 2] == UInt8(ascii: "/") { sure = false; return j }
                var k = j + 2
                while k < n, isNameChar(p[k]), p[k] != UInt8(ascii: ".") { k += 1 }
                let closing: [StaticString] = raw.utf8CodeUnitCount == 6 ? ["noscript"] : ["body", "frameset"]
                for name in closing where k - (j + 2) == name.utf8CodeUnitCount && matches(name, at: j + 2) {
                    sure = false
                    return j
                }
            }
            // A JSON script's body is kept, but it is raw text all the same: not scanned.
            // "</scripts>" also ends libxml2's raw text, but as an end tag it is ignored and the
            // raw text goes on after it: not modelled.
            guard let end = rawTextEnd(raw, from: j + 1), end + 2 + nameLength >= n || !isNameChar(p[end + 2 + nameLength]) else {
                sure = false
                return j
            }
            if end > j + 1, !json { result.droppable.append((j + 1)..<end) }
            return end
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
