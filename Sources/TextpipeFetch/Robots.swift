import Foundation

/// The rules of one host's robots.txt that apply to one crawler, as RFC 9309 reads them.
///
/// Groups start with one or more `User-agent` lines; the groups naming our product token
/// (case-insensitively) apply, merged, or else the `*` groups, or else nothing is forbidden.
/// Of the `Allow`/`Disallow` patterns that match a path (with `*` for any run of characters
/// and a final `$` for the end), the longest wins, and `Allow` wins a tie. `Crawl-delay` (not
/// in the RFC, but widely used) is read from the same groups.
public struct RobotsRules: Sendable, Equatable {
    struct Rule: Sendable, Equatable {
        var allow: Bool
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
        let token = agent.lowercased()
        var mine: [Rule] = [], star: [Rule] = []
        var mineDelay: Double?, starDelay: Double?
        var foundMine = false
        var agents: [String] = []
        var inRules = false
        let text = String(decoding: bytes.prefix(500 * 1024), as: UTF8.self)
        for raw in text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch key {
            case "user-agent":
                if inRules { agents = [] }
                inRules = false
                agents.append(value.lowercased())
            case "allow", "disallow", "crawl-delay":
                inRules = true
                let isMine = agents.contains { $0 != "*" && !$0.isEmpty && token.hasPrefix($0) }
                let isStar = agents.contains("*")
                if isMine { foundMine = true }
                guard isMine || isStar else { continue }
                if key == "crawl-delay" {
                    guard let d = Double(value), d.isFinite, d >= 0 else { continue }
                    if isMine { mineDelay = d } else { starDelay = d }
                    continue
                }
                if value.isEmpty { continue }  // "Disallow:" with nothing forbids nothing
                let rule = Rule(allow: key == "allow", pattern: Array(value.utf8))
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

    /// Whether the crawler may fetch `path` (the URL's path and query, "/" if empty).
    public func allows(_ path: String) -> Bool {
        if path == "/robots.txt" { return true }
        let p = Array(path.utf8)
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
