import Foundation
import Testing

/// One pipeline file gets one verdict from every command that loads it, and a stream never
/// answers a line with an empty success: a chain whose requirements are not met is refused
/// (exit 2) before any line is read, and a line that lacks what the chain expects from its
/// input becomes an error record.
struct PipelineVerdictTests {
    func pipeline(input: String, stages: String) throws -> (URL, String) {
        let dir = temporaryDirectory()
        try "<p>A page.</p>".write(to: dir.appendingPathComponent("page.html"), atomically: true, encoding: .utf8)
        let file = dir.appendingPathComponent("p.yaml")
        try "version: 1\ninput: \(input)\noutput: { dir: \(dir.path)/out }\nstages:\n\(stages)"
            .write(to: file, atomically: true, encoding: .utf8)
        return (dir, file.path)
    }

    /// `sentences` alone reads text that no stage provides: validate, run and stream all refuse it.
    @Test func unmetRequirementsAreRefusedEverywhere() throws {
        let (dir, file) = try pipeline(input: "{ paths: [page.html] }", stages: "  - sentences: {}\n")
        let lines = "{\"id\": \"a\", \"text\": \"One sentence. And another.\"}\n"
        let answers = [
            ("validate", try Binary.run(["validate", file], in: dir)),
            ("run", try Binary.run(["run", file], in: dir)),
            ("stream", try Binary.run(["stream", file], in: dir, stdin: lines)),
        ]
        for (command, r) in answers {
            #expect(r.status == 2, "\(command): exit \(r.status), stdout \(r.stdout)")
            #expect(r.stderr.contains("stage 'sentences' requires 'text', which no earlier stage provides"), "\(command): \(r.stderr)")
            #expect(r.stdout.isEmpty, "\(command) answered: \(r.stdout)")
        }
    }

    /// A pipeline for records of an earlier run (`input: { stdin: jsonl }`) may start after
    /// `clean`; a line that is not such a record gets an error in its place, not an empty text.
    @Test func aLineWithoutWhatTheChainReadsIsAnError() throws {
        let (dir, file) = try pipeline(input: "{ stdin: jsonl }", stages: "  - sentences: {}\n")
        #expect(try Binary.run(["validate", file], in: dir).status == 0)
        let lines = """
            {"id": "raw", "text": "One sentence. And another."}
            {"id": "record", "text": "One sentence. And another.", "paragraphs": [[0, 26]]}
            {"id": "page", "html": "<p>One sentence.</p>"}

            """
        let r = try Binary.run(["stream", file], in: dir, stdin: lines)
        #expect(r.status == 0, "\(r.stderr)")
        let out = try jsonLines(Data(r.stdout.utf8))
        try #require(out.count == 3, "\(r.stdout)")
        #expect(out.map { $0["id"] as? String } == ["raw", "record", "page"])
        for k in [0, 2] {
            let error = out[k]["error"] as? [String: Any]
            #expect(error?["kind"] as? String == "input", "\(out[k])")
            #expect((error?["message"] as? String)?.contains("'text'") == true, "\(out[k])")
        }
        #expect(out[1]["error"] == nil)
        #expect((out[1]["sentences"] as? [[Int]]) == [[0, 13], [14, 26]], "\(out[1])")
    }

    /// The same file run with files for input (`--input`) cannot bring records: refused too.
    @Test func filesForARecordsPipelineAreRefused() throws {
        let (dir, file) = try pipeline(input: "{ stdin: jsonl }", stages: "  - sentences: {}\n")
        let r = try Binary.run(["run", file, "--input", "page.html"], in: dir)
        #expect(r.status == 2, "\(r.stdout) \(r.stderr)")
        #expect(r.stderr.contains("stage 'sentences' requires 'text'"), "\(r.stderr)")
    }
}
