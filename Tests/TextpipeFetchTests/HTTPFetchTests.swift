import Foundation
import Testing
import TextpipeCore
@testable import TextpipeFetch
import TextpipeGzip

/// The fetch against a real HTTP server on 127.0.0.1: what it sends, and what each kind of
/// trouble on the server's side becomes.
@Suite(.serialized) struct HTTPFetchTests {
    static let allow = "allow_hosts: [127.0.0.1], retries: 0"

    func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

    @Test func fetchesAPageAndSaysWhatTheServerSaid() throws {
        let server = try TestServer { _, _ in
            .html("<p>hé</p>", [("ETag", "\"v1\""), ("Last-Modified", "Tue, 24 Nov 2026 10:00:00 GMT")])
        }
        defer { server.stop() }
        let stage = try FetchTest.stage(Self.allow + ", user_agent: 'newsbot/2 (+https://example.org/bot)'")
        defer { stage.close() }
        let doc = try #require(FetchTest.fetch(stage, server.base + "/a").document)
        #expect(doc.content?.bytes == Array("<p>hé</p>".utf8))
        #expect(doc.content?.format == .html)
        #expect(doc.content?.declaredCharset == "utf-8")
        #expect(doc.http == HTTPInfo(status: 200, contentType: "text/html; charset=utf-8", etag: "\"v1\"",
                                     lastModified: "Tue, 24 Nov 2026 10:00:00 GMT"))
        #expect(doc.tags == ["fetched"])
        let sent = try #require(server.requests("/a").first)
        #expect(sent.headers["user-agent"] == "newsbot/2 (+https://example.org/bot)")
        #expect(sent.headers["host"] == "127.0.0.1:\(server.port)")
        #expect(sent.headers["accept-encoding"]?.contains("gzip") == true)
        #expect(server.requests("/robots.txt").count == 1)
    }

    /// (Content-Type header, declared charset passed on, format)
    static let charsets: [(String?, String?, Content.Format)] = [
        ("text/html; charset=\"Windows-1252\"", "windows-1252", .html),
        ("text/html;charset=ISO-8859-1 ", "iso-8859-1", .html),
        ("text/html", nil, .html),
        ("text/plain; charset=utf-8", "utf-8", .text),
        ("application/xhtml+xml; charset=koi8-r", "koi8-r", .xhtml),
        (nil, nil, .html),  // no Content-Type: the bytes look like HTML
    ]

    @Test(arguments: charsets)
    func charsetFromTheHeaderOnly(header: String?, charset: String?, format: Content.Format) throws {
        // Latin-1 bytes: a wrong header ("utf-8" for Latin-1) is passed on as said; weighing it
        // against the bytes is the cleaner's job, and the bytes arrive untouched.
        let body: [UInt8] = Array("<html><p>caf".utf8) + [0xE9] + Array("</p></html>".utf8)
        let server = try TestServer { _, _ in .respond(200, header.map { [("Content-Type", $0)] } ?? [], body) }
        defer { server.stop() }
        let stage = try FetchTest.stage(Self.allow)
        defer { stage.close() }
        let doc = try #require(FetchTest.fetch(stage, server.base + "/p").document)
        #expect(doc.content?.declaredCharset == charset)
        #expect(doc.content?.format == format)
        #expect(doc.content?.bytes == body)
    }

    @Test func slowResponseTimesOut() throws {
        let server = try TestServer { _, _ in .after(3, .html("late")) }
        defer { server.stop() }
        let stage = try FetchTest.stage(Self.allow + ", timeout: 400ms")
        defer { stage.close() }
        let start = now()
        let r = FetchTest.fetch(stage, server.base + "/slow")
        #expect(FetchTest.kind(r) == "timeout", "\(r)")
        #expect(now() - start < 2)
    }

    @Test func serverErrorThenSuccessIsRetried() throws {
        let server = try TestServer { r, n in r.path == "/flaky" && n == 0 ? .status(500) : .html("ok") }
        defer { server.stop() }
        let stage = try FetchTest.stage("allow_hosts: [127.0.0.1], retries: 2")
        defer { stage.close() }
        #expect(FetchTest.kind(FetchTest.fetch(stage, server.base + "/flaky")) == "ok")
        #expect(server.requests("/flaky").count == 2)
    }

    @Test func persistentServerErrorGivesUpAfterTheRetries() throws {
        let server = try TestServer { r, _ in r.path == "/down" ? .status(503) : .status(404) }
        defer { server.stop() }
        let stage = try FetchTest.stage("allow_hosts: [127.0.0.1], retries: 2")
        defer { stage.close() }
        #expect(FetchTest.kind(FetchTest.fetch(stage, server.base + "/down")) == "http_5xx")
        #expect(server.requests("/down").count == 3)
        #expect(FetchTest.kind(FetchTest.fetch(stage, server.base + "/gone")) == "http_4xx")
        #expect(server.requests("/gone").count == 1, "a 404 is not retried")
    }

    @Test func tooManyRequestsWaitsAsRetryAfterSays() throws {
        let server = try TestServer { r, n in r.path == "/busy" && n == 0 ? .status(429, [("Retry-After", "1")]) : .html("ok") }
        defer { server.stop() }
        let stage = try FetchTest.stage("allow_hosts: [127.0.0.1], retries: 1")
        defer { stage.close() }
        #expect(FetchTest.kind(FetchTest.fetch(stage, server.base + "/busy")) == "ok")
        let tries = server.requests("/busy")
        #expect(tries.count == 2)
        #expect(tries[1].time - tries[0].time >= 0.95)
    }

    @Test func redirectsAreFollowedAndLoopsCaught() throws {
        let server = try TestServer { r, _ in
            switch r.path {
            case "/r1": return .status(301, [("Location", "/r2")])
            case "/r2": return .status(302, [("Location", "final?x=1#frag")])
            case "/a": return .status(307, [("Location", "/b")])
            case "/b": return .status(308, [("Location", "/a")])
            case let p where p.hasPrefix("/chain"):
                let n = Int(p.dropFirst(6))!
                return .status(302, [("Location", "/chain\(n + 1)")])
            default: return .html("final")
            }
        }
        defer { server.stop() }
        let stage = try FetchTest.stage(Self.allow + ", max_redirects: 3")
        defer { stage.close() }
        let doc = try #require(FetchTest.fetch(stage, server.base + "/r1").document)
        #expect(doc.http?.finalURL == server.base + "/final?x=1")
        let loop = FetchTest.fetch(stage, server.base + "/a")
        #expect(FetchTest.kind(loop) == "redirect_loop")
        #expect(loop.failure?.message.contains("/a -> ") == true)
        #expect(FetchTest.kind(FetchTest.fetch(stage, server.base + "/chain0")) == "redirect_loop")
        #expect(server.requests("/chain3").count == 1 && server.requests("/chain4").isEmpty)
    }

    @Test func endlessBodyStopsAtMaxBytes() throws {
        let server = try TestServer { _, _ in .endless([("Content-Type", "text/html")]) }
        defer { server.stop() }
        let stage = try FetchTest.stage(Self.allow + ", robots: ignore", limits: "{ max_bytes: 1MB }")
        defer { stage.close() }
        let start = now()
        let r = FetchTest.fetch(stage, server.base + "/endless")
        #expect(FetchTest.kind(r) == "too_large", "\(r)")
        #expect(now() - start < 5)
    }

    @Test func typeAndSizeAreCheckedFromTheHead() throws {
        let server = try TestServer { r, _ in
            r.path == "/pdf" ? .respond(200, [("Content-Type", "application/pdf")], [1, 2, 3])
                : .respond(200, [("Content-Type", "text/html"), ("Content-Length", "5000000")], [])
        }
        defer { server.stop() }
        let stage = try FetchTest.stage(Self.allow + ", robots: ignore", limits: "{ max_bytes: 1MB }")
        defer { stage.close() }
        #expect(FetchTest.kind(FetchTest.fetch(stage, server.base + "/pdf")) == "wrong_type")
        #expect(FetchTest.kind(FetchTest.fetch(stage, server.base + "/big")) == "too_large")
    }

    @Test func compressedBodiesAreDecodedWithinTheLimit() throws {
        let page = Array(String(repeating: "<p>Die Größe der Stadt.</p>", count: 200).utf8)
        let gz = try gzip(page)
        let bomb = try gzip([UInt8](repeating: 32, count: 3_000_000))
        let server = try TestServer { r, _ in
            .respond(200, [("Content-Type", "text/html"), ("Content-Encoding", "gzip")], r.path == "/bomb" ? bomb : gz)
        }
        defer { server.stop() }
        let stage = try FetchTest.stage(Self.allow + ", robots: ignore", limits: "{ max_decompressed_bytes: 1MB }")
        defer { stage.close() }
        #expect(FetchTest.fetch(stage, server.base + "/gz").document?.content?.bytes == page)
        #expect(FetchTest.kind(FetchTest.fetch(stage, server.base + "/bomb")) == "too_large")
    }

    func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
        let dir = FetchTest.directory()
        let file = dir.appendingPathComponent("x")
        try Data(bytes).write(to: file)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/gzip")
        p.arguments = ["-f", file.path]
        try p.run()
        p.waitUntilExit()
        return [UInt8](try Data(contentsOf: dir.appendingPathComponent("x.gz")))
    }
}
