import Foundation
import TextpipeCore
@testable import TextpipeCustom

/// Sets `text` (and, from "lang:xx " at its start, `meta.language`) from a stream line's text,
/// so that tests can feed documents without the cleaning stages.
struct TextStage: Stage {
    static let description = StageDescription(name: "text", summary: "text from content", provides: ["text", "meta"])
    init(options: StageOptions, context: LoadContext) throws {}
    func process(_ document: inout Document, context: StageContext) throws {
        guard let content = document.content else { return }
        var text = String(decoding: content.bytes, as: UTF8.self)
        if text.hasPrefix("lang:"), let space = text.firstIndex(of: " ") {
            document.meta.language = String(text[text.index(text.startIndex, offsetBy: 5)..<space])
            text = String(text[text.index(after: space)...])
        }
        document.text = text
        document.content = nil
    }
}

let customRegistry = StageRegistry([TextStage.self, FilterStage.self, KeywordsStage.self, FieldsStage.self, CommandStage.self])

/// A fresh temporary folder.
func temporaryDirectory() -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("textpipe-custom-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Loads a pipeline from its `stages:` lines (already indented); tests run it on `textInputs`.
func loadPipeline(_ stages: String, base: URL = temporaryDirectory(), registry: StageRegistry = customRegistry,
                  run: String = "{ workers: 2 }") throws -> Pipeline {
    // Inputs from files, so that the loader checks requirements as for a run (JSON Lines input
    // could carry whole records, whose fields count as provided).
    try FileManager.default.createDirectory(at: base.appendingPathComponent("in"), withIntermediateDirectories: true)
    try Data("x".utf8).write(to: base.appendingPathComponent("in/a.txt"))
    let yaml = "version: 1\ninput: { paths: [in/] }\noutput: { dir: out }\nrun: \(run)\nstages:\n\(stages)"
    return try PipelineLoader(registry: registry, baseDirectory: base).load(yaml: yaml, fileName: "p.yaml")
}

/// The messages of every configuration error `body` throws (empty when it throws none).
func configurationMessages(_ body: () throws -> Void) -> [String] {
    do {
        try body()
        return []
    } catch let e as ConfigurationErrors {
        return e.errors.map(\.description)
    } catch {
        return ["\(error)"]
    }
}

/// Documents with the given texts, as `stream` lines would make them.
func textInputs(_ texts: [String]) -> [InputItem] {
    texts.enumerated().map { i, text in
        var doc = Document(id: "d\(i)", source: "d\(i)")
        doc.content = Content(bytes: Array(text.utf8), format: .text)
        return InputItem(document: doc)
    }
}

/// Collects outcomes in memory.
final class MemorySink: RecordSink {
    var outcomes: [Outcome] = []
    var report: RunReport?
    var outputDirectory: OutputDirectory? { directory }
    let directory: OutputDirectory?
    init(directory: URL? = nil) { self.directory = directory.map(OutputDirectory.init) }
    func resumeState() throws -> ResumeState? { nil }
    func accept(_ outcome: Outcome) throws { outcomes.append(outcome) }
    func checkpoint(counts: RunCounts, partials: [String: [UInt8]]) throws {}
    func finish(report: RunReport, complete: Bool) throws { self.report = report }

    /// The written records, parsed; failures and drops as `{"failed": kind, "message": ...}`
    /// and `{"dropped": reason}`.
    var records: [JSONValue] {
        outcomes.map {
            switch $0 {
            case .document(_, let record?): return try! JSONValue.parse(String(decoding: record, as: UTF8.self))
            case .document(let doc, nil): return try! JSONValue.parse(String(decoding: doc.jsonRecord(), as: UTF8.self))
            case .failed(let f): return .object([("failed", .string(f.kind)), ("message", .string(f.message))])
            case .dropped(let f): return .object([("dropped", .string(f.message))])
            }
        }
    }
}

/// Runs `pipeline` over documents with these texts.
func run(_ pipeline: Pipeline, texts: [String], output: URL? = nil) throws -> MemorySink {
    let sink = MemorySink(directory: output)
    _ = try Executor(pipeline: pipeline).run(textInputs(texts), total: texts.count, sink: sink)
    return sink
}
