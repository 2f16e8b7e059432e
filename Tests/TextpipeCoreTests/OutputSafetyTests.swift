import Foundation
import Testing
@testable import TextpipeCore

/// Output safety: names cannot climb out of the output folder, document ids and sources never
/// become paths, and a whole file is written atomically or not at all.
struct OutputSafetyTests {
    let base = temporaryDirectory()

    static let escapes = ["../x", "../../etc/passwd", "/etc/passwd", "a/../../b", "stats/../../x", "./x", "a/./b", "..", ".", "", "/", "a//..//../b"]

    @Test(arguments: escapes)
    func namesThatClimbOutAreRefused(_ name: String) throws {
        let out = OutputDirectory(base.appendingPathComponent("out"))
        try out.create()
        #expect(throws: OutputError.self) { try out.write(name, Array("x".utf8)) }
        let outside = try FileManager.default.contentsOfDirectory(atPath: base.path)
        #expect(outside == ["out"], "\(name) wrote \(outside)")
    }

    /// Ids and sources that look like paths are data: a run writes exactly its fixed file names.
    @Test func idsAndSourcesNeverBecomePaths() throws {
        let outURL = base.appendingPathComponent("deep/out")
        let yaml = "version: 1\ninput: { paths: [in/] }\noutput: { dir: deep/out }\nstages:\n  - echo\n"
        try FileManager.default.createDirectory(at: base.appendingPathComponent("in"), withIntermediateDirectories: true)
        let pipeline = try PipelineLoader(registry: testRegistry, baseDirectory: base).load(yaml: yaml, fileName: "p.yaml")
        let hostile = ["../../escaped", "/tmp/escaped-\(UUID().uuidString)", "file:///../../escaped", "http://x/../../../escaped",
                       "a\nb", "..", "\u{0}", "stats/../../../escaped", String(repeating: "../", count: 100) + "escaped"]
        let items = hostile.map { s -> InputItem in InputItem(document: Document(id: s, source: s)) }
        let sink = RunOutput(directory: outURL, pipeline: pipeline)
        let report = try Executor(pipeline: pipeline).run(items, total: items.count, sink: sink)
        #expect(report.counts.documents == hostile.count)
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: outURL.path)) == ["documents.jsonl", "errors.jsonl", "run.json", ".textpipe"])
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: base.path)) == ["in", "deep"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: base.appendingPathComponent("deep").path) == ["out"])
        #expect(!FileManager.default.fileExists(atPath: hostile[1]))
        let lines = try String(contentsOf: outURL.appendingPathComponent("documents.jsonl"), encoding: .utf8).split(separator: "\n")
        #expect(lines.count == hostile.count)
    }

    @Test func atomicWriteLeavesTheOldFileWhenItCannotFinish() throws {
        let target = base.appendingPathComponent("run.json")
        try OutputDirectory.atomicWrite(Array("old".utf8), to: target)
        // A folder in the way of the rename: the write fails, the old file stays, no temp file remains.
        let blocked = base.appendingPathComponent("blocked")
        try FileManager.default.createDirectory(at: blocked.appendingPathComponent("inside"), withIntermediateDirectories: true)
        #expect(throws: OutputError.self) { try OutputDirectory.atomicWrite(Array("new".utf8), to: blocked) }
        #expect(try String(contentsOf: target, encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: base.path).filter { $0.hasSuffix(".tmp") }.isEmpty)
    }
}
