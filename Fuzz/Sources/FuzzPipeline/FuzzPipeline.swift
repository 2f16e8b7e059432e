import Foundation
import FuzzSupport
import TextpipeClean
import TextpipeCore
import TextpipeText

/// Fuzzes the pipeline-file loader: YAML (anchors and aliases, flow and block nesting, tags,
/// odd scalars) through `ConfigNode`, then every section's and stage's option checks. A file
/// either loads or fails with `ConfigurationError`s that name a place; nothing else may come
/// out. A file that loads is then run by the real executor over one small document, so that
/// whatever the limits and run settings say (durations, sizes, counts at their extremes) is
/// also used the way a run uses it.
let base: URL = {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("textpipe-fuzz-pipeline-\(getpid())")
    try? FileManager.default.createDirectory(at: dir.appendingPathComponent("Samples"), withIntermediateDirectories: true)
    _ = FileManager.default.createFile(atPath: dir.appendingPathComponent("Samples/a.html").path, contents: Data("<p>a</p>".utf8))
    _ = FileManager.default.createFile(atPath: dir.appendingPathComponent("urls.txt").path, contents: Data("http://127.0.0.1/\n".utf8))
    return dir
}()

let loader = PipelineLoader(registry: StageRegistry([CleanStage.self, SentencesStage.self]), baseDirectory: base)

/// Takes outcomes and forgets them.
final class DiscardingSink: RecordSink {
    var outputDirectory: OutputDirectory? { nil }
    var outcomes = 0
    func resumeState() throws -> ResumeState? { nil }
    func accept(_ outcome: Outcome) throws { outcomes += 1 }
    func checkpoint(counts: RunCounts, partials: [String: [UInt8]]) throws {}
    func finish(report: RunReport, complete: Bool) throws {}
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPipeline(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let yaml = String(decoding: FuzzTarget.bytes(data, size), as: UTF8.self)
    var overrides = PipelineOverrides()
    overrides.workers = 1
    let pipeline: Pipeline
    do {
        pipeline = try loader.load(yaml: yaml, fileName: "fuzz.yaml", overrides: overrides)
    } catch let e as ConfigurationError {
        require(!e.description.isEmpty, "an empty configuration error")
        return 0
    } catch let e as ConfigurationErrors {
        require(!e.errors.isEmpty && !e.description.isEmpty, "an empty list of configuration errors")
        return 0
    } catch {
        require(false, "the loader threw something other than a configuration error: \(error)")
        return 0
    }
    var doc = Document(id: "fuzz", source: "fuzz")
    doc.text = "The loader passed. The run goes on."
    doc.paragraphs = [Span(0, doc.text.unicodeScalars.count)]
    let sink = DiscardingSink()
    do {
        _ = try Executor(pipeline: pipeline).run([InputItem(document: doc)], total: 1, sink: sink)
    } catch {
        require(false, "a run with a discarding sink failed: \(error)")
    }
    require(sink.outcomes == 1, "the document was lost")
    return 0
}

@_cdecl("FuzzPipeline_main")
public func fuzzPipelineMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    FuzzTarget.run(argc, argv, fuzzPipeline)
}
