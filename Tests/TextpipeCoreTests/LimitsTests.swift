import Foundation
import Testing
@testable import TextpipeCore

/// Stages that break the limits the executor holds every stage to.
struct InflateStage: Stage {
    static let description = StageDescription(
        name: "inflate", summary: "text and tokens of a given size",
        options: [
            OptionSpec("chars", .int(0...100_000_000), default: .int(0), "code points of text"),
            OptionSpec("tokens", .int(0...100_000_000), default: .int(0), "tokens"),
        ],
        provides: ["text", "tokens"])
    let chars: Int
    let tokens: Int
    init(options: StageOptions, context: LoadContext) throws {
        chars = options.int("chars") ?? 0
        tokens = options.int("tokens") ?? 0
    }
    func process(_ document: inout Document, context: StageContext) throws {
        guard document.source.contains("big") else { return }
        // Astral characters: four bytes each, so bytes and code points differ.
        document.text = String(repeating: "\u{1F600}", count: chars)
        document.tokens = (0..<tokens).map { Token(start: $0, end: $0 + 1, kind: .symbol) }
    }
}

/// Loops until its deadline stops it, as a stage stuck on a pathological page would without
/// `checkDeadline`.
struct SpinStage: Stage {
    static let description = StageDescription(name: "spin", summary: "loops, checking the deadline")
    init(options: StageOptions, context: LoadContext) throws {}
    func process(_ document: inout Document, context: StageContext) throws {
        guard document.source.contains("spin") else { return }
        var n = 0
        while true {
            n &+= 1
            if n & 1023 == 0 { try context.checkDeadline() }
        }
    }
}

/// Every limit the executor checks fails only the document over it, with kind "limit" or
/// "timeout" and a message that names the option to raise.
struct LimitsTests {
    let base = temporaryDirectory()
    let registry = StageRegistry([InflateStage.self, SpinStage.self, EchoStage.self])

    func run(_ stages: String, limits: String, inputs: [String]) throws -> (RunReport, MemorySink) {
        try FileManager.default.createDirectory(at: base.appendingPathComponent("in"), withIntermediateDirectories: true)
        let yaml = "version: 1\ninput: { paths: [in/] }\noutput: { dir: out }\nrun: { workers: 2 }\nlimits: \(limits)\nstages:\n\(stages)"
        let pipeline = try PipelineLoader(registry: registry, baseDirectory: base).load(yaml: yaml, fileName: "p.yaml")
        let sink = MemorySink()
        let report = try Executor(pipeline: pipeline).run(inputs.map(InputItem.init(source:)), total: inputs.count, sink: sink)
        return (report, sink)
    }

    func failures(_ sink: MemorySink) -> [FailureRecord] {
        sink.outcomes.compactMap { if case .failed(let f) = $0 { return f } else { return nil } }
    }

    @Test func textLongerThanMaxTextCharsInCodePoints() throws {
        // 100 astral characters are 400 bytes: under 150 code points, over 150 bytes.
        let (ok, _) = try run("  - inflate: { chars: 100 }\n", limits: "{ max_text_chars: 150 }", inputs: ["big"])
        #expect(ok.counts.documents == 1)
        let (report, sink) = try run("  - inflate: { chars: 151 }\n", limits: "{ max_text_chars: 150 }", inputs: ["a", "big", "b"])
        #expect(report.counts.documents == 2)
        let f = try #require(failures(sink).first)
        #expect(f.kind == "limit" && f.stage == "inflate" && f.message.contains("max_text_chars"), "\(f)")
    }

    @Test func moreTokensThanMaxTokens() throws {
        let (report, sink) = try run("  - inflate: { tokens: 11 }\n", limits: "{ max_tokens: 10 }", inputs: ["big", "small"])
        #expect(report.counts.documents == 1)
        let f = try #require(failures(sink).first)
        #expect(f.kind == "limit" && f.message.contains("max_tokens"), "\(f)")
    }

    @Test func aStageThatChecksItsDeadlineIsAbandonedOnTime() throws {
        let started = Date()
        let (report, sink) = try run("  - echo\n  - spin\n", limits: "{ stage_timeout: 200ms }", inputs: ["a", "spin", "b", "spin-2"])
        let elapsed = Date().timeIntervalSince(started)
        #expect(report.counts.documents == 2)
        #expect(report.counts.failedByKind == ["timeout": 2])
        #expect(failures(sink).allSatisfy { $0.stage == "spin" && $0.message.contains("200ms") })
        #expect(elapsed < 3, "took \(elapsed) s for two 200 ms budgets on two workers")
    }
}
