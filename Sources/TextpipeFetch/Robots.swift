import Foundation

/// The rules of one host's robots.txt that apply to one crawler, as RFC 9309 reads them.
///
/// Groups start with one or more `User-agent` lines. A line binds us when its product token
/// (the value up to the first character that cannot be in a token, so `textpipe/1.0` and
/// `TextPipe bot` both name `textpipe`) equals ours, case-insensitively; never by prefix, so a
/// group for `text` is another crawler's. The groups that bind us apply, merged; else the `*`
/// groups; else nothing is forbidden. Rule lines before any `User-agent` line belong to no group.
///
/// Paths and patterns are compared in one canonical percent-encoding (`canonical`): octets
/// outside US-ASCII encoded, an encoded unreserved character decoded, hexadecimal digits upper
/// case, so `/ツ`, `/%e3%83%84` and `/%E3%83%84` are one path and `/%62` is `/b`. Of the
/// `Allow`/`Disallow` patterns that match a path (`*` for any run of octets, a final `$` for the
/// end), the longest in octets wins, and `Allow` wins a tie. `Crawl-delay` (not in the RFC,
/// but widely used) is read from the same groups.
public struct RobotsRules: Sendable, Equatable {
    struct Rule: Sendable, Equatable {
        var allow: Bool
        /// Canonically encoded.
        var pattern: [UInt8]
    }

    var rules: [Rule]
    /// Seconds to wait between requests, when the file asks.
    public var crawlDelay: Double?

    /// Everything allowed (no file, or a 4xx answer).
    public static let allowAll = RobotsRules(rules: [], crawlDelay: nil)
    /// Nothing allowed (the server failed to answer: RFC 9309 says assume complete disallow).
    public static let disallowAll = RobotsRules(rules: [Rule(allow: false, pattern: Array("/".utf8))], crawlDelay: nil)

    init(rules: [Rule], crawlDelay: Double?) {
        self.rules = rules
        self.crawlDelay = crawlDelay
    }

    /// Parses a robots.txt for the crawler whose product token is `agent` ("textpipe").
    /// Only the first 500 KiB are read, as the RFC allows.
    public init(parsing bytes: [UInt8], agent: String) {
        let token = Self.productToken(agent)
        var mine: [Rule] = [], star: [Rule] = []
        var mineDelay: Double?, starDelay: Double?
        var foundMine = false
        // The group being read: whether its User-agent lines named us or `*`.
        var isMine = false, isStar = false
        var inRules = false
        let text = String(decoding: bytes.prefix(500 * 1024), as: UTF8.self)
        for raw in text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch key {
            case "user-agent":
                if inRules { (isMine, isStar) = (false, false) }
                inRules = false
                if value == "*" || value.hasPrefix("* ") { isStar = true }
                else if !token.isEmpty, Self.productToken(value) == token { isMine = true; foundMine = true }
            case "allow", "disallow", "crawl-delay":
                inRules = true
                guard isMine || isStar else { continue }
                if key == "crawl-delay" {
                    guard let d = Double(value), d.isFinite, d >= 0 else { continue }
                    if isMine { mineDelay = d } else { starDelay = d }
                    continue
                }
                if value.isEmpty { continue }  // "Disallow:" with nothing forbids nothing
                let rule = Rule(allow: key == "allow", pattern: Self.canonical(Array(value.utf8)))
                if isMine { mine.append(rule) } else { star.append(rule) }
            default:
                continue
            }
        }
        if foundMine {
            self.init(rules: mine, crawlDelay: mineDelay)
        } else {
            self.init(rules: star, crawlDelay: starDelay)
        }
    }

    /// The product token at the start of a User-agent value, lower-cased: letters, "-" and "_".
    static func productToken(_ value: String) -> String {
        String(value.unicodeScalars.prefix { $0.isASCII && ($0.properties.isAlphabetic || $0 == "-" || $0 == "_") }).lowercased()
    }

    /// Whether the crawler may fetch `path` (the URL's path and query, "/" if empty).
    public func allows(_ path: String) -> Bool {
        if path == "/robots.txt" { return true }
        let p = Self.canonical(Array(path.utf8))
        var best: Rule?
        for rule in rules where Self.matches(rule.pattern[...], p[...]) {
            if let b = best {
                if rule.pattern.count > b.pattern.count || (rule.pattern.count == b.pattern.count && rule.allow) { best = rule }
            } else {
                best = rule
            }
        }
        return best?.allow ?? true
    }

    /// One percent-encoding for paths and patterns (RFC 9309, 2.2.2): octets outside US-ASCII
    /// (and controls and spaces) encoded, `%XX` of an unreserved character decoded, the hex
    /// digits of the other escapes upper-cased. `*` and `$` are left as they are.
    static func canonical(_ bytes: [UInt8]) -> [UInt8] {
        @inline(__always) func hex(_ b: UInt8) -> UInt8? {
            switch b {
            case 0x30...0x39: return b - 0x30
            case 0x41...0x46: return b - 0x41 + 10
            case 0x61...0x66: return b - 0x61 + 10
            default: return nil
            }
        }
        @inline(__always) func isUnreserved(_ b: UInt8) -> Bool {
            (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39)
                || b == 0x2D || b == 0x2E || b == 0x5F || b == 0x7E
        }
        let digits = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x25, i + 2 < bytes.count, let h = hex(bytes[i + 1]), let l = hex(bytes[i + 2]) {
                let v = h << 4 | l
                if isUnreserved(v) { out.append(v) } else { out += [0x25, digits[Int(h)], digits[Int(l)]] }
                i += 3
            } else if b >= 0x80 || b <= 0x20 || b == 0x7F {
                out += [0x25, digits[Int(b >> 4)], digits[Int(b & 15)]]
                i += 1
            } else {
                out.append(b)
                i += 1
            }
        }
        return out
    }

    /// Matches a pattern against the start of a path: `*` matches any run, `$` at the end of
    /// the pattern anchors it at the end of the path.
    static func matches(_ pattern: ArraySlice<UInt8>, _ path: ArraySlice<UInt8>) -> Bool {
        var pi = pattern.startIndex, si = path.startIndex
        var starP: Int?, starS = 0
        while true {
            if pi < pattern.endIndex, pattern[pi] == UInt8(ascii: "$"), pi + 1 == pattern.endIndex {
                if si == path.endIndex { return true }
            } else if pi == pattern.endIndex {
                return true  // a prefix match is a match
            } else if pattern[pi] == UInt8(ascii: "*") {
                starP = pi
                starS = si
                pi += 1
                continue
            } else if si < path.endIndex, pattern[pi] == path[si] {
                pi += 1
                si += 1
                continue
            }
            // Mismatch: let the last `*` swallow one more byte, if it can.
            guard let sp = starP, starS < path.endIndex else { return false }
            starS += 1
            si = starS
            pi = sp + 1
        }
    }
}
