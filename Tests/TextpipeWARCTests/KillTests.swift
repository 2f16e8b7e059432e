import Foundation
import Testing
@testable import TextpipeWARC

/// A writer killed with SIGKILL mid-run, for real: every exchange it finished reads back, and
/// a cut can cost at most the one member being written.
struct KillTests {
    /// `textpipe-warc-harness`, built beside the test bundle (the test target depends on it).
    static let harness: URL? = {
        var dir = Bundle.main.bundleURL
        for _ in 0..<3 {
            let candidate = dir.appendingPathComponent("textpipe-warc-harness")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }()

    @Test func killNineLeavesEveryFinishedExchangeReadable() throws {
        let harness = try #require(Self.harness, "textpipe-warc-harness is not built next to the tests")
        let dir = Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let child = Process()
        child.executableURL = harness
        child.arguments = ["write", dir.path]
        let out = Pipe()
        child.standardOutput = out
        child.standardError = FileHandle.nullDevice
        try child.run()
        // Let it finish a thousand exchanges over several files, then kill it mid-stride.
        var printed = Data()
        let deadline = Date().addingTimeInterval(60)
        while printed.count(where: { $0 == 10 }) < 1000, Date() < deadline {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            printed.append(chunk)
        }
        kill(child.processIdentifier, SIGKILL)
        child.waitUntilExit()
        #expect(child.terminationReason == .uncaughtSignal)
        printed.append(out.fileHandleForReading.readDataToEndOfFile())
        let finished = String(decoding: printed, as: UTF8.self).split(separator: "\n").compactMap { Int($0) }
        #expect(finished.count >= 1000)

        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".warc.gz") }.sorted()
            .map { dir.appendingPathComponent($0).path }
        #expect(files.count > 1)
        var read: Set<String> = []
        for (i, file) in files.enumerated() {
            let entries = Array(WARCDocuments(paths: [file]))
            read.formUnion(entries.compactMap { $0.document?.targetURI })
            let failures = entries.compactMap(\.failure)
            // Only the file being written when the kill came may end in a cut member.
            #expect(failures.count <= (i == files.count - 1 ? 1 : 0), "\(file): \(failures)")
            #expect(failures.allSatisfy { $0.kind == .truncated })
        }
        let missing = finished.filter { !read.contains("https://example.com/page/\($0)") }
        #expect(missing.isEmpty, "finished but not readable: \(missing.prefix(10))")
    }
}
