#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One linear pass over the bytes before libxml2 sees them, reading tags, attribute values,
/// comments, doctypes and raw text the way libxml2 2.9.14's HTML parser does (as its source
/// reads: `htmlParseContentInternal`, `htmlParseStartTag`, `htmlParseEndTag`, ...). It has
/// two jobs:
///
/// - **Attributes.** It counts the pairwise attribute comparisons libxml2 would make, for
///   `AttributeBudget` (bogus attributes included, erring on the side of counting more).
/// - **Raw text.** In HTML it finds the bodies of `<script>` and `<style>` elements and the
///   insides of comments: a third to a half of a modern page's bytes, which libxml2 reads one
///   character at a time only for `TreeBuilder` to throw the text away. Cutting them out first
///   saves about that share of the parse. JSON scripts stay: they carry the page's metadata.
///
/// The cut must leave exactly the tree libxml2 builds from the whole page; a test on every dev
/// page and a differential fuzzer (`Fuzz/Sources/FuzzRawText`) check that. Where the scan meets
/// markup whose reading it does not model (an unterminated quote or comment, raw text that
/// opens with an end tag, `</scripts>` inside a script, an unusual doctype), it cuts nothing
/// from there on. The pass hops between `<` with `memchr`, so it costs little beside the parse.
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

    /// The pass itself. `sure` turns false at the first markup the scan does not model; from
    /// there on nothing is cut, and attributes are still counted.
    private struct Scanner {
        let p: UnsafeBufferPointer<UInt8>
        var sure: Bool
        var result = MarkupPrescan()
        var n: Int { p.count }
        /// libxml2 reads at most this many characters of a name.
        static let maxName = 100

        /// A blank as libxml2 reads one (not form feed).
        @inline(__always) func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        @inline(__always) func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
        /// The first character of an HTML name: a letter, '_', ':' or '.'.
        @inline(__always) func isNameStart(_ b: UInt8) -> Bool { isLetter(b) || b == 0x5F || b == 0x3A || b == 0x2E }
        /// A character of an HTML name: letters, digits, ':', '-', '_', '.'.
        @inline(__always) func isNameChar(_ b: UInt8) -> Bool { isNameStart(b) || (b >= 0x30 && b <= 0x39) || b == 0x2D }

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

        /// The end of the name that starts at `k`; names libxml2 would cut short are not modelled.
        mutating func name(from k: Int) -> Int {
            var e = k
            while e < n, isNameChar(p[e]) { e += 1 }
            if e - k >= Self.maxName { sure = false }
            return e
        }

        mutating func run() {
            var i = 0
            while true {
                i = find(UInt8(ascii: "<"), from: i)
                guard i + 1 < n else { return }
                let c = p[i + 1]
                if isLetter(c) {
                    i = startTag(at: i)
                } else if c == UInt8(ascii: "/") {
                    i = endTag(at: i)
                } else if c == UInt8(ascii: "!"), i + 3 < n, p[i + 2] == UInt8(ascii: "-"), p[i + 3] == UInt8(ascii: "-") {
                    i = comment(at: i)
                } else if c == UInt8(ascii: "!"), matches("doctype", at: i + 2) {
                    i = doctype(at: i)
                } else if c == UInt8(ascii: "?") {
                    i = processingInstruction(at: i)
                } else {
                    i += 1  // "<" before anything else ("<!x", "<_x", "< ") is text
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

        /// A doctype as libxml2 reads the usual ones: `<!DOCTYPE name`, then `PUBLIC "id"
        /// ["uri"]` or `SYSTEM "uri"`, then ">"; quoted literals run to their closing quote
        /// whatever they hold.
        mutating func doctype(at i: Int) -> Int {
            var k = i + 9
            func blanks() { while k < n, isSpace(p[k]) { k += 1 } }
            func literal() -> Bool {
                guard k < n, p[k] == UInt8(ascii: "\"") || p[k] == UInt8(ascii: "'") else { return false }
                let close = find(p[k], from: k + 1)
                guard close < n else { return false }
                k = close + 1
                return true
            }
            blanks()
            while k < n, isLetter(p[k]) || (p[k] >= 0x30 && p[k] <= 0x39) { k += 1 }
            blanks()
            var ok = true
            if matches("public", at: k) {
                k += 6
                blanks()
                ok = literal()
                blanks()
                if ok, k < n, p[k] == UInt8(ascii: "\"") || p[k] == UInt8(ascii: "'") { ok = literal() }
            } else if matches("system", at: k) {
                k += 6
                blanks()
                ok = literal()
            }
            blanks()
            guard ok, k < n, p[k] == UInt8(ascii: ">") else {
                sure = false
                return i + 2
            }
            return k
        }

        /// A processing instruction runs from a target name to the first ">"; without a name,
        /// libxml2 drops "<?" and reads on as text.
        mutating func processingInstruction(at i: Int) -> Int {
            guard i + 2 < n, p[i + 2] < 0x80 else { sure = false; return i + 2 }  // a non-ASCII target
            guard isLetter(p[i + 2]) || p[i + 2] == UInt8(ascii: "_") || p[i + 2] == UInt8(ascii: ":") else { return i + 2 }
            let k = find(UInt8(ascii: ">"), from: i + 2)
            if k >= n { sure = false }
            return k
        }

        /// An end tag: a name, blanks, and libxml2 skips to the next ">" whatever comes before
        /// it. Without a name, libxml2 drops "</" and reads on as text.
        mutating func endTag(at i: Int) -> Int {
            guard i + 2 < n, isNameStart(p[i + 2]) else { return i + 2 }
            let k = find(UInt8(ascii: ">"), from: name(from: i + 2))
            if k >= n { sure = false }
            return k
        }

        /// A start tag, its attributes counted; a script or style element's body is raw text
        /// to its end tag, cut unless the script is JSON.
        mutating func startTag(at i: Int) -> Int {
            let nameStart = i + 1
            var j = name(from: nameStart)
            let nameLength = j - nameStart
            let raw: StaticString? = nameLength == 6 && matches("script", at: nameStart) ? "script"
                : nameLength == 5 && matches("style", at: nameStart) ? "style" : nil
            let isScript = raw?.utf8CodeUnitCount == 6
            var json = false
            var attributes = 0
            var selfClosing = false
            while true {
                while j < n, isSpace(p[j]) { j += 1 }
                guard j < n, p[j] != UInt8(ascii: ">") else { break }
                if p[j] == UInt8(ascii: "/"), j + 1 < n, p[j + 1] == UInt8(ascii: ">") {
                    selfClosing = true
                    j += 1
                    break
                }
                attributes += 1
                guard isNameStart(p[j]) else {
                    // A bogus attribute: libxml2 drops it up to the next blank or the end of the tag.
                    while j < n, !isSpace(p[j]), p[j] != UInt8(ascii: ">"), !(p[j] == UInt8(ascii: "/") && j + 1 < n && p[j + 1] == UInt8(ascii: ">")) { j += 1 }
                    continue
                }
                j = name(from: j)
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
                // The tree builder keeps a script whose type says "json"; a value with a character
                // reference might say so once decoded, so it counts too.
                if isScript, !json {
                    for k in valueStart..<j where p[k] == UInt8(ascii: "&") || matches("json", at: k) { json = true; break }
                }
            }
            result.attributes.comparisons += attributes * (attributes - 1) / 2
            result.attributes.largest = max(result.attributes.largest, attributes)
            // "<script/>" is closed at once by libxml2: no raw text follows it.
            guard sure, j < n, !selfClosing, let raw else { return j }
            return rawText(raw, from: j + 1, json: json)
        }

        /// The body of a script or style element, from `start` (just after its start tag):
        /// libxml2 reads it as text up to the first "</script" (or "</style") in any case, where
        /// the end tag follows. Returns where scanning goes on.
        mutating func rawText(_ raw: StaticString, from start: Int, json: Bool) -> Int {
            let length = raw.utf8CodeUnitCount
            // libxml2 looks for tags before it reads raw text: a body that opens with an end tag
            // other than its own ends there, and one that opens with "<noscript" (script) or
            // "<body" (style) is closed by it. Not modelled.
            if start + 1 < n, p[start] == UInt8(ascii: "<") {
                if p[start + 1] == UInt8(ascii: "/") {
                    if matches(raw, at: start + 2), start + 2 + length >= n || !isNameChar(p[start + 2 + length]) {
                        return start  // an empty body: its end tag follows
                    }
                    sure = false
                    return start
                }
                // The name as libxml2 reads it here: without '.', unlike elsewhere.
                var k = start + 1
                while k < n, isNameChar(p[k]), p[k] != UInt8(ascii: ".") { k += 1 }
                let closing: [StaticString] = length == 6 ? ["noscript"] : ["body", "frameset"]
                for name in closing where k - (start + 1) == name.utf8CodeUnitCount && matches(name, at: start + 1) {
                    sure = false
                    return start
                }
            }
            var end = start
            while true {
                end = find(UInt8(ascii: "<"), from: end)
                guard end < n else {
                    sure = false
                    return start
                }
                if end + 1 < n, p[end + 1] == UInt8(ascii: "/"), matches(raw, at: end + 2) { break }
                end += 1
            }
            // "</scripts>" also ends libxml2's raw text, but as an end tag it is ignored and the
            // raw text goes on after it: not modelled.
            guard end + 2 + length >= n || !isNameChar(p[end + 2 + length]) else {
                sure = false
                return start
            }
            // A JSON script's body is kept, but it is raw text all the same: not scanned.
            if end > start, !json { result.droppable.append(start..<end) }
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
