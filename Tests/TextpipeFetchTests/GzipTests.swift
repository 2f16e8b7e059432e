import Foundation
import Testing
import TextpipeCore
@testable import TextpipeFetch
import TextpipeGzip

struct GzipTests {
    /// gzip-compresses with the system's gzip, the reference implementation.
    func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
        let dir = temporaryDirectory()
        let file = dir.appendingPathComponent("x")
        try Data(bytes).write(to: file)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/gzip")
        p.arguments = ["-k", "-f", file.path]
        try p.run()
        p.waitUntilExit()
        return [UInt8](try Data(contentsOf: dir.appendingPathComponent("x.gz")))
    }

    @Test func roundTrip() throws {
        let text = Array(String(repeating: "Die Größe der Stadt. ", count: 500).utf8)
        #expect(try Gzip.decompress(try gzip(text), limit: 1 << 20) == text)
    }

    @Test func concatenatedMembers() throws {
        let a = try gzip(Array("first ".utf8)), b = try gzip(Array("second".utf8))
        #expect(try Gzip.decompress(a + b, limit: 100) == Array("first second".utf8))
    }

    @Test func bombStopsAtTheLimit() throws {
        let bomb = try gzip([UInt8](repeating: 0, count: 20_000_000))
        #expect(bomb.count < 100_000)
        #expect(throws: Gzip.Failure.tooLarge(limit: 1_000_000)) { try Gzip.decompress(bomb, limit: 1_000_000) }
    }

    @Test func truncatedAndGarbage() throws {
        let z = try gzip(Array(String(repeating: "abc", count: 1000).utf8))
        #expect(throws: Gzip.Failure.self) { try Gzip.decompress(Array(z.prefix(z.count / 2)), limit: 1 << 20) }
        #expect(throws: Gzip.Failure.self) { try Gzip.decompress([0x1F, 0x8B, 1, 2, 3], limit: 1 << 20) }
    }

    @Test func localFilesAreReadWithinLimits() throws {
        let dir = temporaryDirectory()
        try Data(try gzip(Array("<html><p>hi</p></html>".utf8))).write(to: dir.appendingPathComponent("a.html.gz"))
        try Data("plain".utf8).write(to: dir.appendingPathComponent("b.txt"))
        let content = try LocalFile.read("a.html.gz", base: dir, limits: Limits())
        #expect(content.format == .html)
        #expect(String(decoding: content.bytes, as: UTF8.self) == "<html><p>hi</p></html>")
        #expect(try LocalFile.read(dir.appendingPathComponent("b.txt").path, base: dir, limits: Limits()).format == .text)
        var small = Limits()
        small.maxBytes = 3
        #expect(throws: DocumentFailure.self) { try LocalFile.read("b.txt", base: dir, limits: small) }
        #expect(throws: DocumentFailure.self) { try LocalFile.read("missing.html", base: dir, limits: Limits()) }
    }

    func temporaryDirectory() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("textpipe-fetch-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
