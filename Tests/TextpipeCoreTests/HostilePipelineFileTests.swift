import Foundation
import Testing
@testable import TextpipeCore

/// Pipeline files written to hurt: alias bombs, nesting, enormous numbers, wrong types
/// everywhere, binary junk. Each must end in `ConfigurationError`s that say what is wrong and
/// where, quickly; never a crash, a hang or a run that misuses the value later. A file that
/// does load is also run over one document, so that extreme values reach the executor.
struct HostilePipelineFileTests {
    let base = temporaryDirectory()

    init() throws {
        try FileManager.default.createDirectory(at: base.appendingPathComponent("in"), withIntermediateDirectories: true)
    }

    static let header = "version: 1\ninput: { paths: [in/] }\noutput: { dir: out }\n"

    static let billionLaughs: String = {
        var s = "version: 1\nl0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for k in 1...9 { s += "l\(k): &l\(k) [" + Array(repeating: "*l\(k - 1)", count: 10).joined(separator: ", ") + "]\n" }
        return s + "input: { paths: *l9 }\nstages: [echo]\n"
    }()

    /// (what, YAML, words the message must contain)
    static let cases: [(String, String, String)] = [
        ("alias bomb", billionLaughs, "alias bomb"),
        ("alias bomb in a stage's options", header + "a: &a [x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e]\nstages: [{ echo: { suffix: *f } }]\n", "alias bomb"),
        ("self-referencing alias", header + "a: &a [*a]\nstages: [echo]\n", "YAML"),
        ("undefined alias", header + "stages: [*nowhere]\n", "YAML"),
        ("deep flow nesting", header + "stages: " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "\n", "nests deeper"),
        ("deep flow maps", header + "x: " + String(repeating: "{a: ", count: 50_000) + "1" + String(repeating: "}", count: 50_000) + "\n", "nests deeper"),
        ("deep block nesting", header + (0..<300).map { String(repeating: "  ", count: $0) + "k\($0):" }.joined(separator: "\n") + " 1\n", "nests deeper"),
        ("enormous integer", header + "run: { max_in_flight: 99999999999999999999999999999999 }\nstages: [echo]\n", "max_in_flight"),
        ("enormous float where an integer goes", header + "limits: { max_nodes: 1e300 }\nstages: [echo]\n", "max_nodes"),
        ("enormous size", header + "limits: { max_bytes: 1e30GB }\nstages: [echo]\n", "max_bytes"),
        ("enormous duration", header + "limits: { stage_timeout: 1e300s }\nstages: [echo]\n", "stage_timeout"),
        ("infinite duration", header + "run: { checkpoint_interval: .inf }\nstages: [echo]\n", "checkpoint_interval"),
        ("duration past Int", header + "limits: { stage_timeout: 99999999999999999999d }\nstages: [echo]\n", "stage_timeout"),
        ("negative duration", header + "limits: { stage_timeout: -5s }\nstages: [echo]\n", "stage_timeout"),
        ("not-a-number rate", header + "run: { max_error_rate: .nan }\nstages: [echo]\n", "max_error_rate"),
        ("huge workers", header + "run: { workers: 18446744073709551616 }\nstages: [echo]\n", "workers"),
        ("version as a list", "version: [1]\ninput: { paths: [in/] }\nstages: [echo]\n", "version"),
        ("stages as a map", header + "stages: { echo: {} }\n", "stages"),
        ("input as a list", "version: 1\ninput: [in/]\nstages: [echo]\n", "input"),
        ("limits as a string", header + "limits: lots\nstages: [echo]\n", "limits"),
        ("options as a list", header + "stages: [{ echo: [1, 2] }]\n", "echo"),
        ("stage entry with two keys", header + "stages: [{ echo: {}, judge: {} }]\n", "one-key map"),
        ("stage name as a list", header + "stages: [[echo]]\n", "one-key map"),
        ("map as a key", header + "? [a, b]\n: c\nstages: [echo]\n", "plain name"),
        ("duplicate keys", header + "stages: [echo]\nstages: [judge]\n", "duplicate"),
        ("a scalar document", "just a line of text\n", "a map"),
        ("empty", "", "empty"),
        ("only a comment", "# nothing here\n", "empty"),
        ("two documents", header + "stages: [echo]\n---\nversion: 1\n", "YAML"),
        ("tab indentation", "version: 1\ninput:\n\tpaths: [in/]\nstages: [echo]\n", "YAML"),
        ("unterminated quote", header + "stages: [\"echo]\n", "YAML"),
        ("binary junk", String(decoding: (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) }, as: UTF8.self), ""),
        ("NUL bytes", "version: 1\u{0}\ninput: { paths: [in/] }\nstages: [echo]\n", ""),
        ("over a megabyte", header + "stages: [echo]\n# " + String(repeating: "x", count: 1_100_000) + "\n", "larger than"),
        ("a very long key", header + String(repeating: "k", count: 200_000) + ": 1\nstages: [echo]\n", "YAML"),
        ("a very long stage name", header + "stages: [" + String(repeating: "e", count: 200_000) + "]\n", "unknown stage"),
    ]

    @Test(arguments: cases.indices)
    func hostileFileFailsWithAClearError(_ index: Int) throws {
        let (what, yaml, words) = Self.cases[index]
        let started = Date()
        let loader = PipelineLoader(registry: testRegistry, baseDirectory: base)
        var message = ""
        do {
            let pipeline = try loader.load(yaml: yaml, fileName: "hostile.yaml")
            Issue.record("\(what): loaded \(pipeline.stages.map(\.name))")
            _ = try Executor(pipeline: pipeline).run([InputItem(source: "x")], total: 1, sink: MemorySink())
        } catch let e as ConfigurationError {
            message = e.description
        } catch let e as ConfigurationErrors {
            message = e.description
        }
        #expect(!message.isEmpty, "\(what): no message")
        #expect(message.contains("hostile.yaml"), "\(what): the message names no file: \(message.prefix(300))")
        if !words.isEmpty { #expect(message.contains(words), "\(what): \(message.prefix(300))") }
        #expect(message.utf8.count < 10_000, "\(what): a message of \(message.utf8.count) bytes")
        // Generous, for a loaded machine running the suite in parallel: the point is that
        // nothing expands exponentially or hangs (a billion-laughs expansion never ends).
        #expect(Date().timeIntervalSince(started) < 30, "\(what) took \(Date().timeIntervalSince(started)) s")
    }

    /// The largest values that are accepted still work in a run (no overflow when the executor
    /// turns durations into deadlines).
    @Test func largestAcceptedValuesRun() throws {
        let yaml = Self.header + "run: { max_in_flight: 1000000, checkpoint_interval: 365d }\n"
            + "limits: { stage_timeout: 3650d, max_bytes: 8000000000GB, max_decompressed_bytes: 1000GB, max_nodes: 100000000, max_text_chars: 1000000000, max_tokens: 1000000000 }\n"
            + "stages: [echo]\n"
        let pipeline = try PipelineLoader(registry: testRegistry, baseDirectory: base).load(yaml: yaml, fileName: "big.yaml")
        let sink = MemorySink()
        let report = try Executor(pipeline: pipeline).run([InputItem(source: "x")], total: 1, sink: sink)
        #expect(report.counts.documents == 1)
    }
}
