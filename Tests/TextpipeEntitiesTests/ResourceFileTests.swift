import Foundation
import Testing
@testable import TextpipeEntities

/// The binary tables the stage maps at start-up: the section file format, the hash table, a
/// gazetteer read in place, and the check that the shipped compiled tables match their TSV
/// sources.
struct ResourceFileTests {
    @Test func shippedTablesMatchTheirSources() throws {
        let shipped = try EntityResources.bytes(FeatureResources.compiledName)
        let compiled = try FeatureResources.compileBundledSources()
        #expect(shipped == compiled,
                "\(FeatureResources.compiledName) is out of date: run `swift run textpipe train resources Sources/TextpipeEntities/Resources`")
    }

    @Test func shippedTablesLoad() throws {
        let resources = try FeatureResources.bundled()
        #expect(resources.wordClasses.classes(of: "Paris") != nil)
        #expect(resources.places?.lookup("Paris")?.kb?.hasPrefix("geonames:") == true)
        #expect(resources.names?.entries(for: "Mary").contains { $0.type == "first-female" } == true)
    }

    @Test func hashIndexKeepsTheLastValueOfEachKey() throws {
        var builder = HashIndex.Builder()
        for k in 0..<1000 { builder.set(UInt64(k) &* 0x9E37_79B9_7F4A_7C15, Int32(k)) }
        builder.set(7 &* 0x9E37_79B9_7F4A_7C15, 70)
        let index = builder.index()
        #expect(index.slots.count > 2000)  // at most half full by default
        for k in 0..<1000 where k != 7 { #expect(index.get(UInt64(k) &* 0x9E37_79B9_7F4A_7C15) == Int32(k)) }
        #expect(index.get(7 &* 0x9E37_79B9_7F4A_7C15) == 70)
        #expect(index.get(12345) == -1)
    }

    @Test func gazetteerReadInPlaceAnswersLikeTheOneBuilt() throws {
        let built = Gazetteer([("New York", .init(type: "city", canonical: "New York City", kb: "geonames:5128581", rank: 8_000_000)),
                               ("York", .init(type: "city", rank: 150_000)),
                               ("new  york", .init(type: "state", rank: 19_000_000))], caseSensitive: false)
        var writer = SectionFile.Writer(kind: "test")
        built.write(into: &writer, prefix: "g")
        let file = try SectionFile(MappedBytes(copying: writer.bytes()), name: "test")
        let mapped = try Gazetteer(file: file, prefix: "g")
        for phrase in ["New York", "NEW YORK", "York", "Boston"] {
            #expect(mapped.entries(for: phrase) == built.entries(for: phrase))
        }
        #expect(mapped.lookup("new york")?.type == "state")
        #expect(mapped.types == ["city", "state"])
    }

    @Test(arguments: [
        ("nope", "wrong magic number"),
        ("TPSECT01\u{1}\u{2}\u{3}\u{4}\0\0\0\0", "byte order"),
        ("TPSECT01\u{4}\u{3}\u{2}\u{1}\u{9}\0\0\0", "truncated"),
    ])
    func rejectsBadFiles(_ content: String, _ message: String) {
        do {
            _ = try SectionFile(MappedBytes(copying: Array(content.utf8)), name: "bad.bin")
            Issue.record("accepted a bad file")
        } catch {
            #expect("\(error)".contains(message))
        }
    }

    @Test func rejectsAFileOfAnotherKindAndSectionsOutsideTheFile() throws {
        var writer = SectionFile.Writer(kind: "something else")
        writer.add("data", [UInt32](repeating: 1, count: 9))
        var bytes = writer.bytes()
        let file = try SectionFile(MappedBytes(copying: bytes), name: "other.bin")
        #expect(throws: EntityResourceError.self) { try file.expect(kind: FeatureResources.kind, name: "other.bin") }
        #expect(try file.table("data", of: UInt32.self).array == [UInt32](repeating: 1, count: 9))
        #expect(throws: EntityResourceError.self) { try file.table("data", of: UInt64.self) }
        // The second section's length, made to run past the end.
        let lengthAt = 16 + 48 + 32 + 8
        bytes[lengthAt] = 0xFF
        bytes[lengthAt + 1] = 0xFF
        #expect(throws: EntityResourceError.self) { try SectionFile(MappedBytes(copying: bytes), name: "bad.bin") }
    }

    @Test func earlierModelFormatAsksForRetraining() {
        do {
            _ = try EntityModel(data: Data("TPNER002\u{2}\0\0\0{}".utf8))
            Issue.record("accepted an old model")
        } catch {
            #expect("\(error)".contains("retrain"))
        }
    }
}
