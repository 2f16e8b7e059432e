import Foundation
import Testing
import TextpipeTestSupport
@testable import TextpipeFetch

/// robots.txt as RFC 9309 reads it: which group binds a crawler, and how paths match.
struct RobotsRFCTests {
    /// (robots.txt, our product token, path, allowed): the group that binds is the one whose
    /// product token equals ours, case-insensitively; a User-agent value is read up to the end
    /// of its product token (letters, "-" and "_"), as crawlers read "Googlebot/2.1".
    static let groupCases: [(String, String, String, Bool)] = [
        ("User-agent: text\nDisallow: /\n", "textpipe", "/a", true),          // not a prefix match
        ("User-agent: t\nDisallow: /\n", "textpipe", "/a", true),
        ("User-agent: textpipe-ext\nDisallow: /\n", "textpipe", "/a", true),   // a longer token is another crawler
        ("User-agent: TEXTPIPE\nDisallow: /\n", "textpipe", "/a", false),      // case-insensitive
        ("User-agent: TextPipe\nDisallow: /\n", "textpipe", "/a", false),
        ("User-agent: textpipe/1.0\nDisallow: /\n", "textpipe", "/a", false),  // product token and version
        ("User-agent: textpipe bot\nDisallow: /\n", "textpipe", "/a", false),
        ("User-agent: *\nDisallow: /\n\nUser-agent: text\nAllow: /\n", "textpipe", "/a", false),
        ("User-agent: *\nDisallow: /\n\nUser-agent: TEXTPIPE/2\nAllow: /\n", "textpipe", "/a", true),
        // Two groups for us are merged; the * group is then ignored.
        ("User-agent: textpipe\nDisallow: /a\n\nUser-agent: *\nDisallow: /\n\nUser-agent: TextPipe\nDisallow: /b\n", "textpipe", "/b", false),
        ("User-agent: textpipe\nDisallow: /a\n\nUser-agent: *\nDisallow: /\n\nUser-agent: TextPipe\nDisallow: /b\n", "textpipe", "/c", true),
        // Rules before any User-agent line belong to no group.
        ("Disallow: /\nUser-agent: *\nAllow: /x\n", "textpipe", "/a", true),
        // A group of several User-agent lines binds each of them.
        ("User-agent: other\nUser-agent: textpipe\nDisallow: /a\n", "textpipe", "/a", false),
    ]

    @Test(arguments: groupCases)
    func groupThatBinds(robots: String, agent: String, path: String, allowed: Bool) {
        #expect(RobotsRules(parsing: Array(robots.utf8), agent: agent).allows(path) == allowed)
    }

    /// (rule, path, matches): RFC 9309 section 2.2.2 and its table of encodings. Octets outside
    /// US-ASCII are percent-encoded, and a percent-encoded unreserved character is decoded,
    /// before rule and path are compared; hexadecimal digits compare case-insensitively.
    static let pathCases: [(String, String, Bool)] = [
        ("/foo/bar?baz=quz", "/foo/bar?baz=quz", true),
        ("/foo/bar/ツ", "/foo/bar/%E3%83%84", true),
        ("/foo/bar/%E3%83%84", "/foo/bar/%E3%83%84", true),
        ("/foo/bar/%e3%83%84", "/foo/bar/%E3%83%84", true),
        ("/foo/bar/%62%61%7A", "/foo/bar/baz", true),
        ("/foo/bar/baz", "/foo/bar/%62%61%7A", true),
        ("/a%2Fb", "/a/b", false),           // an encoded reserved character stays encoded
        ("/a/b", "/a%2fb", false),
        ("/a%2fb", "/a%2Fb", true),
        ("/a%2A", "/a*", false),             // %2A is a literal asterisk, not a wildcard
        ("/fish", "/Fish.asp", false),        // paths are case-sensitive
        ("/fish*", "/fishheads/yummy.html", true),
        ("/*.php$", "/filename.php", true),
        ("/*.php$", "/filename.php?parameters", false),
        ("/fish*.php", "/fishheads/catfish.php?parameters", true),
    ]

    @Test(arguments: pathCases)
    func pathMatching(rule: String, path: String, matches: Bool) {
        let robots = "User-agent: *\nDisallow: \(rule)\n"
        #expect(RobotsRules(parsing: Array(robots.utf8), agent: "textpipe").allows(path) == !matches)
    }

    /// Of the rules that match, the longest wins (counted after encoding), and Allow wins a tie.
    @Test(arguments: [
        ("Allow: /p\nDisallow: /\n", "/page", true),
        ("Allow: /folder\nDisallow: /folder\n", "/folder/page", true),
        ("Allow: /page\nDisallow: /*.htm\n", "/page.htm", false),
        ("Allow: /$\nDisallow: /\n", "/", true),
        ("Allow: /$\nDisallow: /\n", "/page.htm", false),
        ("Allow: /ツ\nDisallow: /%E3%83\n", "/%E3%83%84", true),  // 10 octets encoded against 7
    ])
    func longestMatchWins(rules: String, path: String, allowed: Bool) {
        #expect(RobotsRules(parsing: Array(("User-agent: *\n" + rules).utf8), agent: "textpipe").allows(path) == allowed)
    }

    /// Every pairing of an Allow and a Disallow rule from a list, against a list of paths,
    /// checked against protego (a robots.txt parser that follows RFC 9309 in path matching;
    /// its User-agent matching is looser, so groups are checked by the tables above only).
    @Test(.enabled(if: PythonOracle.available(["protego"]), Comment(rawValue: PythonOracle.missing(["protego"]))))
    func pathMatchingAgreesWithProtego() throws {
        let rules = ["/", "/a", "/a/", "/a*", "/a$", "/*.pdf$", "/a/%62", "/a/b", "/ツ", "/%E3%83%84", "/p?q=1",
                     "/*/b", "/a%2Fb", "/a/b/", "*", "/a/*/c", "/%7Euser", "/~user"]
        let paths = ["/", "/a", "/a/", "/ab", "/a/b", "/a/b/c", "/a/x/c", "/x.pdf", "/x.pdf?y", "/%E3%83%84",
                     "/%e3%83%84x", "/p?q=1", "/p?q=2", "/a%2Fb", "/a%2fb", "/~user/x", "/%7Euser", "/a/%62"]
        var robotsFiles: [String] = []
        for allow in rules { for disallow in rules { robotsFiles.append("User-agent: *\nAllow: \(allow)\nDisallow: \(disallow)\n") } }
        let program = """
            import json, sys
            from protego import Protego
            files, paths = json.load(sys.stdin)
            print(json.dumps([[Protego.parse(f).can_fetch("https://example.com" + p, "textpipe") for p in paths] for f in files]))
            """
        let input = try JSONSerialization.data(withJSONObject: [robotsFiles, paths])
        let oracle = try PythonOracle.json([[Bool]].self, program, input: input)
        var differences: [String] = []
        for (f, file) in robotsFiles.enumerated() {
            let ours = RobotsRules(parsing: Array(file.utf8), agent: "textpipe")
            for (k, path) in paths.enumerated() where ours.allows(path) != oracle[f][k] {
                differences.append("\(file.split(separator: "\n").dropFirst().joined(separator: "; ")) on \(path): protego \(oracle[f][k])")
            }
        }
        #expect(differences.isEmpty, "\(differences.count) of \(robotsFiles.count * paths.count) differ: \(differences.prefix(15))")
    }
}
