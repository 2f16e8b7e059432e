import Foundation
import Testing
import TextpipeCore

/// `textpipe run` on Samples/ through the real binary: every page gets a title, text,
/// sentences and entities; offsets hold in code points; the broken page is quarantined and the
/// rest processed; the expectations written with the samples hold.
@Suite(.serialized)
struct SamplesTests {
    struct Expected: Decodable {
        var title: String?
        var author: String?
        var published: String?
        var language: String?
        var error: Bool?
        var must_contain: [String]?
        var must_not_contain: [String]?
    }

    /// One run shared by the tests of this suite.
    static let run: (result: Binary.Result, out: URL) = {
        let out = temporaryDirectory().appendingPathComponent("news")
        let result = try! Binary.run(["run", "--output", out.path, "--log-level", "warning"])
        return (result, out)
    }()

    static let expected: [String: Expected] = {
        let data = try! Data(contentsOf: Binary.root.appendingPathComponent("Samples/expected.json"))
        return try! JSONDecoder().decode([String: Expected].self, from: data)
    }()

    static func records(_ name: String) throws -> [JSONValue] {
        let text = try String(contentsOf: run.out.appendingPathComponent(name), encoding: .utf8)
        return try text.split(separator: "\n").map { try JSONValue.parse($0) }
    }

    static func fileName(_ record: JSONValue) -> String {
        (record["source"]!.stringValue! as NSString).lastPathComponent
    }

    static func collapse(_ s: String) -> String {
        s.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    @Test func runSucceedsAndQuarantinesTheBrokenPage() throws {
        #expect(Self.run.result.status == 0, "stderr: \(Self.run.result.stderr)")
        #expect(Self.run.result.stdout.contains("documents in"))
        let docs = try Self.records("documents.jsonl").map(Self.fileName)
        let errors = try Self.records("errors.jsonl")
        let broken = Self.expected.filter { $0.value.error == true }.map(\.key)
        #expect(errors.map(Self.fileName).sorted() == broken.sorted())
        #expect(docs.sorted() == Self.expected.keys.filter { !broken.contains($0) }.sorted())
        for e in errors {
            #expect(e["stage"]?.stringValue != nil && e["kind"]?.stringValue != nil && e["message"]?.stringValue != nil)
        }
        for file in ["stats.json", "run.json", "report.html"] {
            #expect(FileManager.default.fileExists(atPath: Self.run.out.appendingPathComponent(file).path), "\(file) missing")
        }
    }

    @Test func everyPageHasTitleTextSentencesAndEntities() throws {
        for r in try Self.records("documents.jsonl") {
            let name = Self.fileName(r)
            let title = r["meta"]?["title"]?.stringValue ?? ""
            #expect(title.count > 5, "\(name): no title")
            #expect((r["text"]?.stringValue ?? "").count > 200, "\(name): no text")
            #expect((r["sentences"]?.arrayValue ?? []).count > 3, "\(name): no sentences")
            #expect((r["entities"]?.arrayValue ?? []).count > 3, "\(name): no entities")
        }
    }

    @Test func offsetsCountCodePoints() throws {
        for r in try Self.records("documents.jsonl") {
            let scalars = Array(r["text"]!.stringValue!.unicodeScalars)
            func slice(_ s: Int, _ e: Int) -> String {
                var v = String.UnicodeScalarView()
                v.append(contentsOf: scalars[s..<e])
                return String(v)
            }
            for kind in ["paragraphs", "sentences"] {
                for span in r[kind]?.arrayValue ?? [] {
                    let s = span.arrayValue![0].intValue!, e = span.arrayValue![1].intValue!
                    #expect(0 <= s && s < e && e <= scalars.count, "\(Self.fileName(r)): bad \(kind) span [\(s), \(e)]")
                }
            }
            for entity in r["entities"]?.arrayValue ?? [] {
                let s = entity["start"]!.intValue!, e = entity["end"]!.intValue!
                #expect(s < e && e <= scalars.count)
                if s < e, e <= scalars.count {
                    #expect(slice(s, e) == entity["text"]!.stringValue!, "\(Self.fileName(r)): entity offsets")
                }
            }
        }
    }

    @Test func metadataAndTextMatchWhatTheSamplesPromise() throws {
        for r in try Self.records("documents.jsonl") {
            let name = Self.fileName(r)
            guard let want = Self.expected[name] else { continue }
            let meta = r["meta"]!
            let text = Self.collapse(r["text"]!.stringValue!)
            if let title = want.title {
                #expect(Self.collapse(meta["title"]?.stringValue ?? "").lowercased() == title.lowercased(), "\(name): title")
            }
            if let language = want.language { #expect(meta["language"]?.stringValue == language, "\(name): language") }
            if let published = want.published {
                #expect(meta["published"]?.stringValue?.hasPrefix(published) == true, "\(name): published \(meta["published"]?.stringValue ?? "-")")
            }
            for s in want.must_contain ?? [] { #expect(text.contains(Self.collapse(s)), "\(name): missing «\(s)»") }
            for s in want.must_not_contain ?? [] { #expect(!text.contains(Self.collapse(s)), "\(name): boilerplate «\(s)»") }
        }
    }

    @Test func manifestCountsTheRun() throws {
        let data = try Data(contentsOf: Self.run.out.appendingPathComponent("run.json"))
        let m = try data.withUnsafeBytes { try JSONValue.parse(bytes: $0.bindMemory(to: UInt8.self)) }
        #expect(m["complete"]?.boolValue == true)
        #expect(m["counts"]?["inputs"]?.intValue == Self.expected.count)
        #expect(m["counts"]?["failed"]?.intValue == Self.expected.values.filter { $0.error == true }.count)
        for stage in ["fetch", "clean", "sentences", "entities", "stats"] {
            #expect(m["counts"]?["stage_seconds"]?[stage] != nil, "no time for \(stage)")
        }
    }
}
