import Testing
@testable import TextpipeCore

/// A chain over records reads fields no stage of it provides; each line must carry them.
struct InputFieldsTests {
    /// (line, fields the chain expects from its input, whether the line fails)
    @Test(arguments: [
        (#"{"id": "a", "text": "Raw text."}"#, ["text"], true),
        (#"{"id": "a", "html": "<p>A page.</p>"}"#, ["text"], true),
        (#"{"id": "a", "source": "/x.html"}"#, ["content"], true),
        (#"{"id": "a", "html": "<p>A page.</p>"}"#, ["content"], false),
        (#"{"id": "a", "text": "Two words.", "paragraphs": [[0, 10]]}"#, ["text"], false),
        (#"{"id": "a", "text": "Two words.", "paragraphs": [[0, 10]]}"#, ["sentences"], true),
        (#"{"id": "a", "text": "Two words.", "paragraphs": [[0, 10]], "sentences": []}"#, ["sentences"], false),
        (#"{"id": "a", "text": "x", "paragraphs": [[0, 1]], "meta": {"title": "T"}}"#, ["meta.language"], true),
        (#"{"id": "a", "text": "x", "paragraphs": [[0, 1]], "meta": {"language": "en"}}"#, ["meta.language"], false),
        (#"{"id": "a", "text": "x", "paragraphs": [[0, 1]], "meta": {"language": "en"}}"#, ["meta"], false),
        (#"{"id": "a", "text": "Raw text."}"#, [], false),
    ] as [(String, [String], Bool)])
    func linesCarryWhatTheChainReads(line: String, required: [String], fails: Bool) {
        let item = JSONLinesInput.item(Array(line.utf8), lineNumber: 3, requiredFields: required)
        #expect((item.failure != nil) == fails, "\(item.failure?.message ?? "no failure")")
        if fails { #expect(item.failure?.kind == "input" && item.failure?.id == "a") }
    }

    @Test func theLoaderNamesWhatTheChainExpectsFromItsInput() throws {
        let loader = PipelineLoader(registry: testRegistry, baseDirectory: temporaryDirectory())
        let records = try loader.load(yaml: "version: 1\ninput: { stdin: jsonl }\nstages:\n  - needs: { reads: [text, meta.language] }\n", fileName: "p.yaml")
        #expect(records.fieldsFromInput == ["text", "meta.language"])
        let provided = try loader.load(yaml: "version: 1\ninput: { stdin: jsonl }\nstages:\n  - echo\n  - needs: { reads: [text] }\n", fileName: "p.yaml")
        #expect(provided.fieldsFromInput == [])
    }
}
