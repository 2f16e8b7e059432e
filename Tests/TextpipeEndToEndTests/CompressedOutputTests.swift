import Foundation
import Testing
import TextpipeTestSupport

/// `output: { documents: jsonl.gz }`: the documents as gzip, one member per checkpoint, so that
/// a run killed with SIGKILL resumes (the file is cut back to the last whole member) and the
/// result reads as one gzip stream in Python, DuckDB, pandas and Spark.
@Suite(.serialized) struct CompressedOutputTests {
    static let pages = 1000

    /// A corpus of `pages` small text files, and a pipeline over it writing `documents`.
    func setUp(documents: String, pages: Int = pages) throws -> URL {
        let dir = temporaryDirectory()
        let corpus = dir.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        for i in 0..<pages {
            let text = (0..<12).map { "Sentence \($0) of page \(i) says something about the harbour." }.joined(separator: " ")
            try Data("Title \(i)\n\n\(text)\n".utf8).write(to: corpus.appendingPathComponent(String(format: "page-%05d.txt", i)))
        }
        try """
            version: 1
            input: { paths: [corpus/] }
            output: { dir: out, documents: \(documents) }
            run: { workers: 1, max_in_flight: 2, checkpoint_interval: 20ms }
            stages: [fetch, clean, sentences]
            """.write(to: dir.appendingPathComponent("p.yaml"), atomically: true, encoding: .utf8)
        return dir
    }

    func start(in dir: URL) throws -> Process {
        let p = Process()
        p.executableURL = Binary.url
        p.arguments = ["run", "p.yaml", "--log-level", "warning"]
        p.currentDirectoryURL = dir
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        return p
    }

    /// Runs Python over `out/documents.jsonl.gz`: its records (without the time of reading),
    /// and the number of gzip members.
    static let reader = """
        import gzip, json, sys, zlib
        path = sys.argv[1]
        with gzip.open(path, "rt", encoding="utf-8") as f:
            records = [json.loads(line) for line in f]
        for r in records: r.pop("fetched", None)
        data, members = open(path, "rb").read(), 0
        while data:
            d = zlib.decompressobj(31)
            d.decompress(data)
            data, members = d.unused_data, members + 1
        print(json.dumps({"records": records, "members": members}))
        """

    @Test(.enabled(if: PythonOracle.available(["gzip"]), Comment(rawValue: PythonOracle.missing(["gzip"]))))
    func killedRunResumesIntoOneReadableGzip() throws {
        let dir = try setUp(documents: "jsonl.gz")
        let out = dir.appendingPathComponent("out")
        let first = try start(in: dir)
        let done = out.appendingPathComponent(".textpipe/done.part")
        let checkpoint = out.appendingPathComponent(".textpipe/checkpoint.json")
        let limit = Date().addingTimeInterval(120)
        while Date() < limit, first.isRunning,
              ((try? Data(contentsOf: done))?.filter { $0 == 10 }.count ?? 0) < Self.pages / 5
                || !FileManager.default.fileExists(atPath: checkpoint.path) {
            usleep(5_000)
        }
        try #require(first.isRunning, "the run ended before it could be killed")
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("documents.jsonl.gz").path))

        let second = try start(in: dir)
        second.waitUntilExit()
        #expect(second.terminationStatus == 0)
        let gz = out.appendingPathComponent("documents.jsonl.gz")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("documents.jsonl").path))

        let plainDir = try setUp(documents: "jsonl")
        #expect(try Binary.run(["run", "p.yaml"], in: plainDir).status == 0)
        let plain = try String(contentsOf: plainDir.appendingPathComponent("out/documents.jsonl"), encoding: .utf8)
            .split(separator: "\n").map { line -> [String: Any] in
                var r = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
                r["fetched"] = nil
                return r
            }

        let read = try JSONSerialization.jsonObject(with: PythonOracle.run(Self.reader, arguments: [gz.path])) as! [String: Any]
        let records = read["records"] as! [[String: Any]]
        #expect(records.count == Self.pages)
        #expect(records.map { $0["id"] as! String } == plain.map { $0["id"] as! String }, "every document once, in input order")
        #expect(NSArray(array: records).isEqual(to: plain), "the same records as a plain run")
        #expect((read["members"] as! Int) >= 2, "one gzip member per checkpoint")
    }

    /// The README's DuckDB one-liner turns the documents into Parquet; pandas reads them as they are.
    @Test(.enabled(if: PythonOracle.available(["duckdb", "pandas"]), Comment(rawValue: PythonOracle.missing(["duckdb", "pandas"]))))
    func duckDBAndPandasReadTheCompressedDocuments() throws {
        let pages = 200
        let dir = try setUp(documents: "jsonl.gz", pages: pages)
        #expect(try Binary.run(["run", "p.yaml"], in: dir).status == 0)
        let readme = try String(contentsOf: Binary.root.appendingPathComponent("README.md"), encoding: .utf8)
        let oneLiner = try #require(readme.split(separator: "\n").first { $0.hasPrefix("duckdb -c ") },
                                    "README shows no `duckdb -c` line")
        let sql = try #require(oneLiner.split(separator: "\"").dropFirst().first.map(String.init))
        let program = """
            import duckdb, json, pandas, sys
            duckdb.sql(sys.argv[1].replace("documents.jsonl'", "documents.jsonl.gz'").replace("out/news/", "out/"))
            table = duckdb.sql("SELECT id, len(sentences) AS n FROM 'out/documents.parquet'").fetchall()
            frame = pandas.read_json("out/documents.jsonl.gz", lines=True)
            print(json.dumps({"parquet": [row[0] for row in table], "sentences": sum(row[1] for row in table),
                              "pandas": list(frame["id"])}))
            """
        let read = try JSONSerialization.jsonObject(with: PythonOracle.run(program, arguments: [sql], in: dir)) as! [String: Any]
        let ids = read["pandas"] as! [String]
        #expect(ids.count == pages)
        #expect(read["parquet"] as! [String] == ids)
        #expect(read["sentences"] as! Int == pages * 13)
    }
}
