import Foundation
import TextpipeCore
@testable import TextpipeFetch

/// Builds `fetch` stages and pipelines from YAML, runs documents through them, and collects
/// what came out, for the fetch tests.
enum FetchTest {
    static let registry = StageRegistry([FetchStage.self])

    static func directory() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("textpipe-fetch-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A pipeline reading `urls` with a fetch stage of the given options (YAML flow map body).
    static func pipeline(_ fetchOptions: String, urls: [String], in dir: URL, limits: String = "{}",
                         run: String = "{ io_workers: 4, workers: 1, checkpoint_interval: 50ms }",
                         fresh: Bool = false) throws -> Pipeline {
        try Data((urls.joined(separator: "\n") + "\n").utf8).write(to: dir.appendingPathComponent("urls.txt"))
        let yaml = """
            version: 1
            input: { urls: [urls.txt] }
            output: { dir: out }
            run: \(run)
            limits: \(limits)
            stages:
              - fetch: { \(fetchOptions) }
            """
        var overrides = PipelineOverrides()
        overrides.fresh = fresh
        return try PipelineLoader(registry: registry, baseDirectory: dir).load(yaml: yaml, fileName: "p.yaml", overrides: overrides)
    }

    static func stage(_ fetchOptions: String, limits: String = "{}") throws -> FetchStage {
        let p = try pipeline(fetchOptions, urls: ["x"], in: directory(), limits: limits)
        return p.stages[0].stage as! FetchStage
    }

    /// Runs one document through a stage: the document, or the failure's kind and message.
    static func fetch(_ stage: FetchStage, _ source: String, seconds: Double = 20) -> Result<Document, DocumentFailure> {
        var doc = Document(id: StableHash.documentID(source: source), source: source)
        let context = StageContext(limits: Limits(), deadline: .now() + .milliseconds(Int(seconds * 1000)), stageName: "fetch")
        do {
            try stage.process(&doc, context: context)
            return .success(doc)
        } catch let f as DocumentFailure {
            return .failure(f)
        } catch {
            return .failure(DocumentFailure("other", "\(error)"))
        }
    }

    /// The kind a fetch failed with, or "ok".
    static func kind(_ r: Result<Document, DocumentFailure>) -> String {
        switch r {
        case .success: return "ok"
        case .failure(let f): return f.kind.rawValue
        }
    }

    /// Runs a whole pipeline with its real outputs; returns the report.
    static func run(_ p: Pipeline, in dir: URL) throws -> RunReport {
        let sources = try InputEnumerator(baseDirectory: dir).sources(p.input)
        return try Executor(pipeline: p).run(sources.map(InputItem.init(source:)), total: sources.count,
                                             sink: RunOutput(directory: p.output.directory, pipeline: p))
    }

    /// Sources of the records of documents.jsonl (or errors.jsonl) in an output folder.
    static func sources(_ file: String, in out: URL) throws -> [String] {
        let url = out.appendingPathComponent(file)
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map {
            try JSONValue.parse(String($0))["source"]!.stringValue!
        }
    }
}

extension Result where Success == Document, Failure == DocumentFailure {
    var document: Document? { try? get() }
    var failure: DocumentFailure? {
        if case .failure(let f) = self { return f }
        return nil
    }
}
