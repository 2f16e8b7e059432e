import Foundation
import Testing

/// A disk that fills up mid-run: the run stops with a clear message and exit code 3, and no
/// output file is left half-written (documents.jsonl, errors.jsonl and run.json appear whole
/// or not at all; no temporary file is left behind). Once there is room again, the same
/// command resumes and writes every document exactly once.
///
/// The full disk is a file-size limit (`ulimit -f`, which needs no privileges, unlike
/// mounting a small tmpfs). SIGXFSZ is ignored in the child, as it would be on a real full
/// disk (no signal, only ENOSPC), so that the write fails with EFBIG instead of killing the
/// process.
struct FullDiskTests {
    @Test func aFullDiskStopsTheRunCleanlyAndTheRunResumesLater() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let inputs = dir.appendingPathComponent("hostile")
        try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
        let paragraph = String(repeating: "The council met on Tuesday and agreed on the budget for next year. ", count: 30)
        let count = 300
        for i in 0..<count {
            let html = "<html><body><article><h1>Story \(i)</h1><p>\(paragraph)</p><p>Number \(i).</p></article></body></html>"
            try html.write(to: inputs.appendingPathComponent(String(format: "page-%03d.html", i)), atomically: true, encoding: .utf8)
        }
        try HostilePipeline.yaml(stages: ["fetch", "clean", "sentences"])
            .write(to: dir.appendingPathComponent("p.yaml"), atomically: true, encoding: .utf8)

        // 256 blocks: 128 KiB in dash's 512-byte blocks (256 KiB where blocks are 1 KiB);
        // documents.jsonl needs about 1 MB.
        let full = try MeasuredRun.run(Binary.url, ["run", "p.yaml"], in: dir,
                                       shellPrefix: "ulimit -f 256 || exit 125; trap '' XFSZ;", timeout: 300)
        #expect(full.signal == nil, "killed by signal \(full.signal ?? 0)")
        #expect(full.status == 3, "exit \(full.status): \(full.stderr.suffix(1500))")
        #expect(full.stderr.contains("File too large") || full.stderr.contains("No space"), "unclear message: \(full.stderr.suffix(1500))")
        let out = dir.appendingPathComponent("out")
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path)
        for finalName in ["documents.jsonl", "errors.jsonl", "run.json"] {
            #expect(!names.contains(finalName), "\(finalName) was written by a run that could not finish")
        }
        let leftovers = try FileManager.default.subpathsOfDirectory(atPath: out.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty, "temporary files left: \(leftovers)")

        let again = try MeasuredRun.run(Binary.url, ["run", "p.yaml"], in: dir, timeout: 300)
        #expect(again.status == 0, "exit \(again.status): \(again.stderr.suffix(1500))")
        let documents = try JSONLines.read(out.appendingPathComponent("documents.jsonl"))
        let sources = documents.compactMap { $0["source"] as? String }
        #expect(sources.count == count, "\(sources.count) documents after resuming")
        #expect(Set(sources).count == count, "a document was written twice")
    }
}
