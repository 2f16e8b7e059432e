import Foundation
import Testing
@testable import TextpipeCore

/// Bad pipeline files and the message each must get: the place, the key, and a suggestion.
struct PipelineLoaderTests {
    let base = temporaryDirectory()

    init() throws {
        try FileManager.default.createDirectory(at: base.appendingPathComponent("in"), withIntermediateDirectories: true)
        try Data("<p>x</p>".utf8).write(to: base.appendingPathComponent("in/a.html"))
    }

    func load(_ yaml: String) throws -> Pipeline {
        try PipelineLoader(registry: testRegistry, baseDirectory: base).load(yaml: yaml, fileName: "p.yaml")
    }

    /// Loads `yaml` and returns all error messages (empty when it loads).
    func errors(_ yaml: String) -> [String] {
        do {
            _ = try load(yaml)
            return []
        } catch let e as ConfigurationErrors {
            return e.errors.map(\.description)
        } catch {
            return ["\(error)"]
        }
    }

    static let header = "version: 1\ninput: { paths: [in/] }\noutput: { dir: out }\n"

    /// (pipeline file, a fragment its message must contain)
    static let badFiles: [(String, String)] = [
        (header + "stages:\n  - ech: {}\n", "unknown stage 'ech' at p.yaml:5:5; did you mean 'echo'?"),
        (header + "stages:\n  - echo: { sufix: x }\n", "unknown option 'sufix' for 'echo'"),
        (header + "stages:\n  - echo: { sufix: x }\n", "did you mean 'suffix'?"),
        (header + "stages:\n  - echo: { delay_ms: lots }\n", "option 'echo.delay_ms' expects an integer, found 'lots' at p.yaml:5:23"),
        (header + "stages:\n  - echo: { delay_ms: 5000 }\n", "must be within 0...1000, found 5000"),
        (header + "stages:\n  - echo: { delay_ms: 99999999999999999999999999 }\n", "out of range"),
        (header + "stages:\n  - echo: [1, 2]\n", "'echo' expects a map of options, found a list"),
        (header + "stages:\n  - judge: {}\n", "stage 'judge' requires 'text', which no earlier stage provides; add 'echo' before it at p.yaml:5:5"),
        (header + "stages:\n  - judge\n  - echo\n", "stage 'judge' requires 'text', which no earlier stage provides; 'echo' (stages[1], line 6) provides it but comes after: move it before 'judge' at p.yaml:5:5"),
        (header + "stages:\n  - needs: { reads: [custom.quotes] }\n", "stage 'needs' requires 'custom.quotes', which no earlier stage provides; no registered stage provides it"),
        (header + "stages:\n  - needs: { reads: [meta.language] }\n  - needs: { writes: [meta] }\n", "'needs' (stages[1], line 6) provides it but comes after"),
        (header + "stages:\n  - needs: { reads: [sentences, tokens, custom.x] }\n  - needs: { writes: [sentences, tokens] }\n",
         "stage 'needs' requires 'sentences' and 'tokens', which no earlier stage provides; 'needs' (stages[1], line 6) provides them but comes after"),
        (header + "stages: []\n", "'stages' expects a non-empty list"),
        (header, "missing 'stages'"),
        ("version: 2\ninput: { paths: [in/] }\nstages: [echo]\n", "unsupported version '2'"),
        ("input: { paths: [in/] }\nstages: [echo]\n", "missing 'version: 1'"),
        ("version: 1\ninput: { paths: [nowhere/] }\nstages: [echo]\n", "input 'nowhere/' does not exist at p.yaml:2:18"),
        ("version: 1\ninput: { paths: ['in/*.xml'] }\nstages: [echo]\n", "input pattern 'in/*.xml' matches no file"),
        ("version: 1\nstages: [echo]\n", "no input"),
        ("version: 1\ninputs: { paths: [in/] }\nstages: [echo]\n", "unknown section 'inputs' at p.yaml:2:1; did you mean 'input'?"),
        (header + "run: { workers: many }\nstages: [echo]\n", "'run.workers' expects 'auto' or a number"),
        (header + "run: { on_error: ignore }\nstages: [echo]\n", "must be one of quarantine, stop"),
        (header + "run: { max_error_rate: 2 }\nstages: [echo]\n", "must be within 0.0...1.0"),
        (header + "limits: { max_bytes: huge }\nstages: [echo]\n", "expects a size such as 10MB"),
        (header + "stages:\n  - echo: {}\n    judge: {}\n", "each stage is a one-key map"),
        ("version: 1\n  bad indent: [\n", "invalid YAML"),
        ("", "the pipeline file is empty"),
        ("a: &a [1,1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\n", "alias bomb"),
        (String(repeating: "[", count: 10_000), "nests deeper than 64 levels"),
        ]

    @Test(arguments: badFiles)
    func badFileGetsClearMessage(yaml: String, expected: String) {
        let messages = errors(yaml)
        #expect(messages.contains { $0.contains(expected) }, "got: \(messages)")
    }

    /// Chains whose requirements hold: dotted paths are met by their parent and the other way.
    @Test(arguments: [
        "  - echo\n  - judge\n",
        "  - needs: { writes: [meta] }\n  - needs: { reads: [meta.language] }\n",
        "  - needs: { writes: [custom.quotes] }\n  - needs: { reads: [custom] }\n",
        "  - needs: { reads: [id, source] }\n",
    ])
    func requirementsMet(stages: String) {
        #expect(errors(Self.header + "stages:\n" + stages) == [])
    }

    /// JSON Lines input may be records of an earlier run: their fields count as provided, but
    /// tokens (never written) do not.
    /// (fields read, errors with JSON Lines input, errors with file input: one per fix)
    @Test(arguments: [("[text, entities, custom.x]", 0, 2), ("[tokens]", 1, 1)])
    func recordsFromStandardInputProvideTheirFields(reads: String, fromRecords: Int, fromFiles: Int) {
        let yaml = "version: 1\ninput: { stdin: jsonl }\noutput: { dir: out }\nstages:\n  - needs: { reads: \(reads) }\n"
        #expect(errors(yaml).count == fromRecords)
        #expect(errors(Self.header + "stages:\n  - needs: { reads: \(reads) }\n").count == fromFiles)
    }

    @Test func typoOfAProviderDoesNotAlsoReportItsFieldsMissing() {
        let messages = errors(Self.header + "stages:\n  - ecko\n  - judge\n")
        #expect(messages.count == 1, "got: \(messages)")
        #expect(messages.first?.contains("did you mean 'echo'?") == true)
    }

    @Test func oneMessagePerFix() {
        let messages = errors(Self.header + "stages:\n  - needs: { reads: [sentences, tokens, custom.x] }\n  - needs: { writes: [sentences, tokens] }\n")
        #expect(messages.count == 2, "got: \(messages)")
        #expect(messages.last?.contains("requires 'custom.x', which no earlier stage provides; no registered stage provides it") == true)
    }

    @Test func reportsAllProblemsAtOnce() {
        let messages = errors("version: 1\ninput: { paths: [nowhere/] }\nstages:\n  - ech: {}\n  - echo: { sufix: 1 }\n")
        #expect(messages.count == 3, "got: \(messages)")
    }

    @Test func goodFileLoadsWithDefaultsAndOverrides() throws {
        let yaml = Self.header + "run: { workers: 3, max_in_flight: 8 }\nlimits: { max_bytes: 2MB, stage_timeout: 500ms }\nstages:\n  - echo\n  - judge: {}\n"
        let p = try load(yaml)
        #expect(p.stages.map(\.name) == ["echo", "judge"])
        #expect(p.run.workers == 3)
        #expect(p.run.maxInFlight == 8)
        #expect(p.limits.maxBytes == 2_000_000)
        #expect(p.limits.stageTimeout == 0.5)
        #expect(p.output.directory.path == base.appendingPathComponent("out").path)
        var overrides = PipelineOverrides()
        overrides.workers = 1
        overrides.inputs = ["in/a.html", "https://example.org/x", "@list.txt"]
        try Data("https://example.org/y\n".utf8).write(to: base.appendingPathComponent("list.txt"))
        let q = try PipelineLoader(registry: testRegistry, baseDirectory: base).load(yaml: yaml, fileName: "p.yaml", overrides: overrides)
        #expect(q.run.workers == 1)
        #expect(q.input.paths == ["in/a.html"])
        #expect(q.input.sources == ["https://example.org/x"])
        #expect(q.input.urlLists == ["list.txt"])
        #expect(q.hash != p.hash)
    }

    @Test func unwritableOutputIsRefused() throws {
        try Data().write(to: base.appendingPathComponent("afile"))
        let messages = errors("version: 1\ninput: { paths: [in/] }\noutput: { dir: afile/sub }\nstages: [echo]\n")
        #expect(messages.contains { $0.contains("cannot be written") && $0.contains("is a file") }, "got: \(messages)")
    }

    @Test(arguments: [("sentence", "sentences"), ("entites", "entities"), ("claen", "clean"), ("zzz", nil)])
    func suggestions(typo: String, expected: String?) {
        #expect(closestMatch(to: typo, in: ["fetch", "clean", "sentences", "entities", "stats"]) == expected)
    }

    @Test(arguments: [("30s", 30.0), ("500ms", 0.5), ("2m", 120.0), ("1h", 3600.0), ("12", 12.0)])
    func durations(text: String, seconds: Double) {
        #expect(Duration.parse(text) == seconds)
    }

    @Test(arguments: [("10MB", 10_000_000), ("512KiB", 524_288), ("2GB", 2_000_000_000), ("100", 100)])
    func sizes(text: String, bytes: Int) {
        #expect(ByteSize.parse(text) == bytes)
    }
}

struct InputEnumeratorTests {
    @Test func foldersAreSortedFilteredAndExcluded() throws {
        let base = temporaryDirectory()
        for name in ["b.html", "a.txt", "sub/c.htm.gz", "sub/README.md", "x.json", ".hidden.html", "d.md"] {
            let url = base.appendingPathComponent("in/" + name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("x".utf8).write(to: url)
        }
        var spec = InputSpec()
        spec.paths = ["in/", "in/b.html", "in/**/*.md"]
        spec.exclude = ["README.md"]
        let sources = try InputEnumerator(baseDirectory: base).sources(spec)
        #expect(sources == ["in/a.txt", "in/b.html", "in/d.md", "in/sub/c.htm.gz"])
    }
}
