import Foundation
import Testing

/// `textpipe run --shard I/N` through the binary on Samples/ (plus a few missing files, so
/// that there are errors to share out too): the shards' documents and errors are exactly the
/// whole run's — each in one shard only, each shard in the whole run's order — and every shard
/// writes outputs of its own. That the shards' statistics merge to the whole run's is checked
/// by StatsEndToEndTests; the Slurm scripts in scale/slurm/ are tested by test_slurm.py.
@Suite struct ShardTests {
    static func pipeline(in dir: URL) throws -> String {
        let file = dir.appendingPathComponent("shards.yaml")
        let missing = dir.appendingPathComponent("missing.txt")
        try (0..<8).map { "\(dir.path)/missing-\($0).html\n" }.joined().write(to: missing, atomically: true, encoding: .utf8)
        try """
            version: 1
            name: shards
            input: { paths: [Samples/], urls: [\(missing.path)], exclude: [README.md] }
            output: { dir: \(dir.path)/whole }
            run: { max_error_rate: 1.0 }
            stages:
              - fetch: {}
            """.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    /// A JSON Lines file as (id, record without the time it was read) pairs, in file order.
    static func records(_ url: URL) throws -> [(String, NSDictionary)] {
        try jsonLines(try Data(contentsOf: url)).map { object in
            var o = object
            o["fetched"] = nil
            return (o["id"] as! String, o as NSDictionary)
        }
    }

    @Test(arguments: [2, 3])
    func shardsPartitionTheWholeRun(count: Int) throws {
        let dir = temporaryDirectory()
        let pipeline = try Self.pipeline(in: dir)
        let whole = try Binary.run(["run", pipeline, "--output", dir.appendingPathComponent("whole").path])
        #expect(whole.status == 0, "\(whole.stderr)")
        var shards: [URL] = []
        for i in 0..<count {
            let out = dir.appendingPathComponent("shard-\(i)")
            let r = try Binary.run(["run", pipeline, "--shard", "\(i)/\(count)", "--output", out.path])
            #expect(r.status == 0, "\(r.stderr)")
            shards.append(out)
        }
        for file in ["documents.jsonl", "errors.jsonl"] {
            let all = try Self.records(dir.appendingPathComponent("whole/\(file)"))
            let parts = try shards.map { try Self.records($0.appendingPathComponent(file)) }
            let ids = parts.flatMap { $0.map(\.0) }
            #expect(ids.count == all.count, "\(file): \(ids.count) records in the shards, \(all.count) in the whole run")
            #expect(Set(ids) == Set(all.map(\.0)), "\(file)")
            #expect(Set(ids).count == ids.count, "\(file): a record is in two shards")
            for part in parts {
                let mine = Set(part.map(\.0))
                let inWholeOrder = all.filter { mine.contains($0.0) }
                #expect(part.map(\.0) == inWholeOrder.map(\.0), "\(file): a shard is out of the whole run's order")
                for ((_, a), (_, b)) in zip(part, inWholeOrder) { #expect(a == b) }
            }
        }
        // Every shard has documents and errors of its own, and its own manifest.
        for shard in shards {
            #expect(try !Self.records(shard.appendingPathComponent("documents.jsonl")).isEmpty, "\(shard.path)")
            let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: shard.appendingPathComponent("run.json"))) as? [String: Any]
            #expect(manifest != nil)
        }
    }

    @Test(arguments: ["2/2", "3/2", "-1/2", "0/0", "a/b", "1", "1/2/3"])
    func aShardMustBeIOfN(shard: String) throws {
        let dir = temporaryDirectory()
        let r = try Binary.run(["run", try Self.pipeline(in: dir), "--shard", shard])
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr.contains("--shard"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("whole").path))
    }
}
