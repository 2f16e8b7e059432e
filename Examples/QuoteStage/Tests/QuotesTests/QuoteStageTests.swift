import Foundation
import Testing
import TextpipeKit
@testable import Quotes

/// Gives documents the text of their stream line, standing in for `clean` in these tests.
struct GivenText: Stage {
    static let description = StageDescription(name: "given_text", summary: "text from content", provides: ["text"])
    init(options: StageOptions, context: LoadContext) throws {}
    func process(_ document: inout Document, context: StageContext) throws {
        if let content = document.content { document.text = String(decoding: content.bytes, as: UTF8.self) }
        document.content = nil
    }
}

/// Collects results in memory.
final class Results: RecordSink {
    var records: [JSONValue] = []
    var report: RunReport?
    let outputDirectory: OutputDirectory?
    init(_ dir: URL) { outputDirectory = OutputDirectory(dir) }
    func resumeState() throws -> ResumeState? { nil }
    func accept(_ outcome: Outcome) throws {
        if case .document(_, let record?) = outcome { records.append(try JSONValue.parse(String(decoding: record, as: UTF8.self))) }
    }
    func checkpoint(counts: RunCounts, partials: [String: [UInt8]]) throws {}
    func finish(report: RunReport, complete: Bool) throws { self.report = report }
}

/// The stage in a pipeline, registered next to the built-ins exactly as the executable does it.
struct QuoteStageTests {
    static let texts = [
        "“We can do this once more,” Tanabe said. “We cannot make it a habit.”",
        "No quotes here.",
        "“It is the right decision three years too late,” Achterberg said.",
        "“Short,” Tanabe said. “Two words.”",
    ]

    func run(_ stages: String, workers: Int = 2, shard: Shard? = nil) throws -> (Results, URL) {
        var registry = BuiltInStages.registry
        registry.register(QuoteStage.self)
        registry.register(GivenText.self)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("quotes-\(UUID().uuidString)")
        let yaml = "version: 1\ninput: { stdin: jsonl }\noutput: { dir: \(dir.path) }\nrun: { workers: \(workers) }\nstages:\n\(stages)"
        var pipeline = try PipelineLoader(registry: registry).load(yaml: yaml, fileName: "quotes.yaml")
        pipeline.run.shard = shard
        let inputs = Self.texts.enumerated().map { i, text in
            var doc = Document(id: "d\(i)", source: "d\(i)")
            doc.content = Content(bytes: Array(text.utf8), format: .text)
            return InputItem(document: doc)
        }
        let results = Results(dir)
        _ = try Executor(pipeline: pipeline).run(inputs, total: nil, sink: results)
        return (results, dir)
    }

    @Test func writesQuotesPerDocumentAndSpeakersForTheCorpus() throws {
        let (results, dir) = try run("  - given_text\n  - quotes: { min_words: 3, top: 5 }\n")
        let quotes = results.records.map { $0["custom"]?["quotes"]?.arrayValue ?? [] }
        #expect(quotes.map(\.count) == [2, 0, 1, 0])
        #expect(quotes[0][1]["speaker"]?.stringValue == "Tanabe")
        #expect(quotes[0][1]["via"]?.stringValue == "continuation")
        let total = try JSONValue.parse(String(contentsOf: dir.appendingPathComponent("quotes.json"), encoding: .utf8))
        #expect(total["quotes"]?.intValue == 3)
        #expect(total["speakers"] == .array([.object([("speaker", .string("Tanabe")), ("quotes", .int(2))]),
                                             .object([("speaker", .string("Achterberg")), ("quotes", .int(1))])]))
    }

    @Test func shardsAddUpToOneRun() throws {
        let stages = "  - given_text\n  - quotes\n"
        let whole = try JSONDecoder().decode(QuoteStage.Totals.self, from: Data(run(stages).0.report!.partials["quotes"]!))
        var merged = QuoteStage.Totals()
        for i in 0..<2 {
            let part = try run(stages, shard: Shard(index: i, count: 2)).0.report!.partials["quotes"]!
            merged.merge(try JSONDecoder().decode(QuoteStage.Totals.self, from: Data(part)))
        }
        #expect(merged == whole)
        #expect(whole.documents == 4 && whole.attributed == 3)
    }

    /// Reading files, nothing before `quotes` provides text: the loader says so before the run.
    @Test func theLoaderChecksWhatTheStageNeeds() throws {
        var registry = BuiltInStages.registry
        registry.register(QuoteStage.self)
        let page = FileManager.default.temporaryDirectory.appendingPathComponent("quotes-\(UUID().uuidString).txt")
        try Data("“Hello there, all,” she said.".utf8).write(to: page)
        let yaml = "version: 1\ninput: { paths: ['\(page.path)'] }\nstages:\n  - fetch\n  - quotes\n"
        do {
            _ = try PipelineLoader(registry: registry).load(yaml: yaml, fileName: "quotes.yaml")
            Issue.record("the pipeline should be refused")
        } catch let e as ConfigurationErrors {
            #expect(e.description.contains("stage 'quotes' requires 'text', which no earlier stage provides"), "\(e)")
        }
    }

    /// The package's own executable has every built-in command and stage, and `quotes`.
    @Test func executableListsBuiltInStagesAndQuotes() throws {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("textpipe-quotes")
        let process = Process()
        process.executableURL = binary
        process.arguments = ["stages"]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        for stage in ["fetch", "filter", "keywords", "fields", "command", "quotes"] {
            #expect(text.contains("\n\(stage)  ") || text.hasPrefix("\(stage)  "), "no \(stage) in: \(text)")
        }
    }
}
