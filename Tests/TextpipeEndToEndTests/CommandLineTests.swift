import Foundation
import Testing

/// The command line's contract: exit codes and messages for bad usage and bad pipeline files.
struct CommandLineTests {
    @Test func brokenPipelineFileGetsLocatedMessageAndExit2() throws {
        let dir = temporaryDirectory()
        let file = dir.appendingPathComponent("news.yaml")
        try "version: 1\ninput: { paths: [\(Binary.root.path)/Samples/] }\nstages:\n  - fetch: {}\n  - sentence: {}\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let r = try Binary.run(["validate", file.path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("unknown stage 'sentence' at"))
        #expect(r.stderr.contains("news.yaml:5:5; did you mean 'sentences'?"))
        let run = try Binary.run(["run", file.path, "--output", dir.appendingPathComponent("out").path])
        #expect(run.status == 2)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out").path), "nothing may be written")
    }

    @Test(arguments: [
        (["run", "--workers", "0"], "--workers must be from 1"),
        (["run", "--shard", "3/2"], "--shard expects I/N"),
        (["frobnicate"], "Unexpected argument"),
        (["validate", "/nonexistent.yaml"], "cannot read the pipeline file"),
    ])
    func badUsageExits2(arguments: [String], message: String) throws {
        let r = try Binary.run(arguments)
        #expect(r.status == 2)
        #expect(r.stderr.contains(message), "stderr: \(r.stderr)")
    }

    @Test func stagesListsEveryBuiltInStageWithDefaults() throws {
        let r = try Binary.run(["stages"])
        #expect(r.status == 0)
        for name in ["fetch", "clean", "sentences", "entities", "stats"] {
            #expect(r.stdout.contains("\n\(name)  ") || r.stdout.hasPrefix("\(name)  "), "missing \(name)")
        }
        #expect(r.stdout.contains("timeout          duration = 30s"))
    }

    @Test func evalSentencesScoresLabelledLinesAndTimesTheRest() throws {
        let file = temporaryDirectory().appendingPathComponent("cases.jsonl")
        try """
        {"id": "a", "text": "Dr. Ruiz left at 5 p.m. on Monday. Nobody saw him.", "sentences": ["Dr. Ruiz left at 5 p.m. on Monday.", "Nobody saw him."]}
        {"id": "b", "text": "Running text that nobody labelled. It is only timed."}
        {"id": "c", "text": "One sentence.", "sentences": ["One", "sentence."]}
        """.write(to: file, atomically: true, encoding: .utf8)
        let r = try Binary.run(["eval", "sentences", file.path, "--runs", "1"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(r.stdout.contains("1 documents without \"sentences\": timed, not scored"))
        #expect(r.stdout.contains("cases right: 1/2"))
        #expect(r.stdout.contains("FAIL c"))
        #expect(r.stdout.contains("MB/s of text"))
    }

    @Test func helpAndVersion() throws {
        #expect(try Binary.run(["--help"]).status == 0)
        let v = try Binary.run(["--version"])
        #expect(v.status == 0 && !v.stdout.isEmpty)
    }
}
