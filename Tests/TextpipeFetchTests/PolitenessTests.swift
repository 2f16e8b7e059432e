import Foundation
import Testing
import TextpipeCore
@testable import TextpipeFetch

/// robots.txt, per-host pacing, address safety and retry timing: as tables of input and
/// expected answer, then against the test server.
@Suite(.serialized) struct PolitenessTests {
    static let robots = """
        # comments and blank lines are fine

        User-agent: *
        Disallow: /private
        Allow: /private/open
        Disallow: /*.pdf$
        Crawl-delay: 2

        User-agent: otherbot
        Disallow: /

        User-agent: textpipe
        User-agent: friend
        Disallow: /drafts/
        Allow: /drafts/public*
        Crawl-delay: 0.5
        """

    /// (agent, path, allowed)
    static let robotsCases: [(String, String, Bool)] = [
        ("somebot", "/", true),
        ("somebot", "/private", false),
        ("somebot", "/private/x", false),
        ("somebot", "/private/open/x", true),  // the longer pattern wins
        ("somebot", "/files/a.pdf", false),
        ("somebot", "/files/a.pdf?x=1", true),  // $ anchors at the end
        ("otherbot", "/anything", false),
        ("textpipe", "/private", true),  // our own group replaces the * group
        ("textpipe", "/drafts/x", false),
        ("textpipe", "/drafts/public/x", true),
        ("textpipe", "/robots.txt", true),
    ]

    @Test(arguments: robotsCases)
    func robotsRules(agent: String, path: String, allowed: Bool) {
        #expect(RobotsRules(parsing: Array(Self.robots.utf8), agent: agent).allows(path) == allowed)
    }

    @Test func crawlDelayComesFromTheMatchingGroup() {
        #expect(RobotsRules(parsing: Array(Self.robots.utf8), agent: "textpipe").crawlDelay == 0.5)
        #expect(RobotsRules(parsing: Array(Self.robots.utf8), agent: "somebot").crawlDelay == 2)
        #expect(RobotsRules(parsing: Array("User-agent: *\nDisallow:\n".utf8), agent: "x").allows("/a"))
    }

    /// (address bytes, restriction or nil when public)
    static let ipv4: [([UInt8], String?)] = [
        ([127, 0, 0, 1], "loopback"), ([10, 1, 2, 3], "private"), ([172, 16, 0, 1], "private"),
        ([172, 32, 0, 1], nil), ([192, 168, 1, 1], "private"), ([169, 254, 169, 254], "link-local"),
        ([100, 64, 0, 1], "shared (carrier-grade NAT)"), ([0, 0, 0, 0], "unspecified"), ([8, 8, 8, 8], nil),
        ([93, 184, 216, 34], nil), ([224, 0, 0, 1], "multicast"),
    ]

    @Test(arguments: ipv4)
    func ipv4Restrictions(bytes: [UInt8], restriction: String?) {
        #expect(AddressPolicy.restriction(ipv4: bytes) == restriction)
    }

    @Test func ipv6Restrictions() {
        func v6(_ prefix: [UInt8], _ suffix: [UInt8] = []) -> [UInt8] {
            prefix + [UInt8](repeating: 0, count: 16 - prefix.count - suffix.count) + suffix
        }
        #expect(AddressPolicy.restriction(ipv6: v6([], [1])) == "loopback")
        #expect(AddressPolicy.restriction(ipv6: v6([0xFE, 0x80])) == "link-local")
        #expect(AddressPolicy.restriction(ipv6: v6([0xFD, 0x12])) == "private (unique local)")
        #expect(AddressPolicy.restriction(ipv6: v6([], [0xFF, 0xFF, 10, 0, 0, 1])) == "private")  // ::ffff:10.0.0.1
        #expect(AddressPolicy.restriction(ipv6: v6([0x20, 0x01, 0x0d, 0xb9], [1])) == nil)
    }

    @Test func retryWaits() {
        #expect(Backoff.retryAfter("7") == 7)
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        #expect(Backoff.retryAfter("Tue, 14 Nov 2023 22:13:30 GMT", now: now) == 10)
        #expect(Backoff.retryAfter("soon") == nil)
        #expect(Backoff.delay(attempt: 0, base: 0.5, cap: 60, random: 0) == 0.25)
        #expect(Backoff.delay(attempt: 3, base: 0.5, cap: 60, random: 0.5) == 4)
        #expect(Backoff.delay(attempt: 20, base: 0.5, cap: 60, random: 0.9) == 60)
    }

    @Test func robotsTxtIsObeyedAndAskedOncePerHost() throws {
        let server = try TestServer { r, _ in
            r.path == "/robots.txt" ? .respond(200, [("Content-Type", "text/plain")], Array("User-agent: *\nDisallow: /private\n".utf8))
                : .html("page")
        }
        defer { server.stop() }
        let stage = try FetchTest.stage("allow_hosts: [127.0.0.1], per_host: 4")
        defer { stage.close() }
        let results = (0..<8).map { i in FetchTest.fetch(stage, server.base + (i % 2 == 0 ? "/private/\(i)" : "/news/\(i)")) }
        #expect(results.map(FetchTest.kind) == (0..<8).map { $0 % 2 == 0 ? "robots" : "ok" })
        #expect(server.requests("/robots.txt").count == 1)
        #expect(server.requests.allSatisfy { !$0.path.hasPrefix("/private") })
        let ignoring = try FetchTest.stage("allow_hosts: [127.0.0.1], robots: ignore")
        defer { ignoring.close() }
        #expect(FetchTest.kind(FetchTest.fetch(ignoring, server.base + "/private/x")) == "ok")
    }

    @Test func requestsToOneHostArePacedByCrawlDelayAndPerHost() throws {
        let server = try TestServer { r, _ in
            r.path == "/robots.txt" ? .respond(200, [], Array("User-agent: *\nCrawl-delay: 0.3\n".utf8))
                : .after(0.2, .html("page"))
        }
        defer { server.stop() }
        let stage = try FetchTest.stage("allow_hosts: [127.0.0.1], per_host: 1")
        defer { stage.close() }
        DispatchQueue.concurrentPerform(iterations: 4) { i in _ = FetchTest.fetch(stage, server.base + "/p\(i)") }
        let times = server.requests.filter { $0.path != "/robots.txt" }.map(\.time).sorted()
        #expect(times.count == 4)
        // One at a time (each takes 0.2 s) and starts at least the crawl delay apart.
        for (a, b) in zip(times, times.dropFirst()) { #expect(b - a >= 0.29) }
    }

    @Test func loopbackAndPrivateAddressesAreRefusedUnlessAllowed() throws {
        let server = try TestServer { r, _ in
            switch r.path {
            case "/to-localhost": return .status(302, [("Location", "http://localhost:\(r.headers["host"]!.split(separator: ":")[1])/x")])
            case "/to-file": return .status(302, [("Location", "file:///etc/passwd")])
            default: return .html("inside")
            }
        }
        defer { server.stop() }
        let strict = try FetchTest.stage("retries: 0")
        defer { strict.close() }
        let refused = FetchTest.fetch(strict, server.base + "/secret")
        #expect(FetchTest.kind(refused) == "forbidden_address")
        #expect(refused.failure?.message.contains("loopback") == true)
        #expect(FetchTest.kind(FetchTest.fetch(strict, "http://127.0.0.2:\(server.port)/secret")) == "forbidden_address")
        #expect(FetchTest.kind(FetchTest.fetch(strict, "http://localhost:\(server.port)/secret")) == "forbidden_address")
        #expect(FetchTest.kind(FetchTest.fetch(strict, "http://[::1]:\(server.port)/secret")) == "forbidden_address")
        #expect(FetchTest.kind(FetchTest.fetch(strict, "http://[::ffff:127.0.0.1]:\(server.port)/secret")) == "forbidden_address")
        #expect(server.requests.isEmpty, "nothing may reach a refused address")

        let allowed = try FetchTest.stage("allow_hosts: [127.0.0.1], retries: 0, robots: ignore")
        defer { allowed.close() }
        #expect(FetchTest.kind(FetchTest.fetch(allowed, server.base + "/to-localhost")) == "forbidden_address")
        #expect(FetchTest.kind(FetchTest.fetch(allowed, server.base + "/to-file")) == "forbidden_address")
        #expect(server.requests("/x").isEmpty)
        #expect(FetchTest.kind(FetchTest.fetch(allowed, "ftp://127.0.0.1/x")) == "wrong_type")
    }

    @Test func anUntrustedCertificateFailsAsTLS() throws {
        let server = try TestServer(tls: true) { _, _ in .html("secret") }
        defer { server.stop() }
        let stage = try FetchTest.stage("allow_hosts: [127.0.0.1], retries: 0, robots: ignore")
        defer { stage.close() }
        let r = FetchTest.fetch(stage, "https://127.0.0.1:\(server.port)/x")
        #expect(FetchTest.kind(r) == "tls", "\(r)")
        #expect(server.requests.isEmpty)
    }

    @Test func aClosedPortIsRefused() throws {
        let server = try TestServer { _, _ in .html("x") }
        let port = server.port
        server.stop()
        let stage = try FetchTest.stage("allow_hosts: [127.0.0.1], retries: 0")
        defer { stage.close() }
        let r = FetchTest.fetch(stage, "http://127.0.0.1:\(port)/x")
        #expect(FetchTest.kind(r) == "refused", "\(r)")
    }
}
