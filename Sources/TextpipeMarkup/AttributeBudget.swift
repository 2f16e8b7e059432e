#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A linear pre-scan that keeps libxml2 2.9 out of its quadratic attribute parsing.
///
/// libxml2 2.9 checks every attribute of a start tag against all earlier ones of the same tag
/// (HTML and XML alike), so one element with n attributes costs n(n-1)/2 comparisons before any
/// SAX callback runs: an element with 20,000 attributes (200 KB) takes 10 s here, one with the
/// 1,500,000 a 10 MB page can hold would take hours, and no deadline can interrupt it because
/// control never comes back to Swift. Stray end tags and deep stacks cost at most
/// depth × bytes, which the depth limit bounds; attributes are the one unbounded case.
///
/// So before parsing, the bytes are scanned once (tags, quoted values and comments recognised
/// roughly, erring on the side of counting more) and the comparisons libxml2 would make are
/// added up. Past `budget` (50 million, about three seconds of libxml2's time; a large real
/// page needs a few million at most) the page is refused as over a limit.
enum AttributeBudget {
    static let budget = 50_000_000

    struct Count: Equatable {
        /// Pairwise comparisons libxml2 would make, summed over start tags.
        var comparisons: Int
        /// Attributes of the element that has the most.
        var largest: Int
    }

    static func count(_ bytes: [UInt8]) -> Count {
        bytes.withUnsafeBufferPointer { p -> Count in
            var result = Count(comparisons: 0, largest: 0)
            guard let base = p.baseAddress else { return result }
            let n = p.count
            var i = 0
            @inline(__always) func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C }
            @inline(__always) func find(_ byte: UInt8, from k: Int) -> Int {
                guard k < n, let hit = memchr(base + k, Int32(byte), n - k) else { return n }
                return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            }
            while true {
                i = find(UInt8(ascii: "<"), from: i)
                guard i + 1 < n else { return result }
                var j = i + 1
                let first = p[j] | 0x20
                if p[j] == UInt8(ascii: "!"), j + 2 < n, p[j + 1] == UInt8(ascii: "-"), p[j + 2] == UInt8(ascii: "-") {
                    // A comment: skip to "-->".
                    var k = j + 3
                    while true {
                        k = find(UInt8(ascii: ">"), from: k)
                        if k >= n || (k >= 2 && p[k - 1] == UInt8(ascii: "-") && p[k - 2] == UInt8(ascii: "-")) { break }
                        k += 1
                    }
                    i = k
                    continue
                }
                guard first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z") else {
                    i = j
                    continue
                }
                while j < n, !isSpace(p[j]), p[j] != UInt8(ascii: ">"), p[j] != UInt8(ascii: "/") { j += 1 }
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
                    if j < n, p[j] == UInt8(ascii: "\"") || p[j] == UInt8(ascii: "'") {
                        j = min(n, find(p[j], from: j + 1) + 1)
                    } else {
                        while j < n, !isSpace(p[j]), p[j] != UInt8(ascii: ">") { j += 1 }
                    }
                }
                result.comparisons += attributes * (attributes - 1) / 2
                result.largest = max(result.largest, attributes)
                i = j
            }
        }
    }
}
