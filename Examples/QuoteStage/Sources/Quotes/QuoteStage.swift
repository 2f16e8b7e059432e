import Foundation
import TextpipeKit

/// `quotes`: a user's stage written in Swift. It finds the quotations in each document and who
/// said them, writes them under `custom.quotes`, and counts quotes per speaker across the corpus.
///
///     - quotes: { min_words: 3, top: 20 }
///
/// It shows the two kinds of stage: per document (`process`), and aggregating — each document
/// contributes a small `Mergeable` partial (`contribution(of:)`), textpipe folds them in input
/// order, and `finish` writes the total (`quotes.json`) at the end of the run. Because the
/// partial merges exactly, `textpipe stats merge` and sharded runs give the same totals as one
/// run. When the `entities` stage ran before it, a speaker is snapped to the PERSON entity it
/// overlaps, taking its canonical name ("Okafor" -> "Grace Okafor").
public struct QuoteStage: AggregatingStage {
    public static let description = StageDescription(
        name: "quotes",
        summary: "find quotations and their speakers (custom.quotes) and count quotes per speaker (quotes.json)",
        options: [
            OptionSpec("min_words", .int(1...100), default: .int(3), "shortest quotation kept, in words"),
            OptionSpec("top", .int(1...10_000), default: .int(20), "speakers listed in quotes.json"),
        ],
        requires: ["text"],
        provides: ["custom.quotes"])

    /// Counts across documents. A commutative monoid: `merge` adds.
    public struct Totals: Mergeable, Equatable {
        public var documents = 0
        public var quotes = 0
        public var attributed = 0
        public var speakers: [String: Int] = [:]

        public init() {}

        public mutating func merge(_ other: Totals) {
            documents += other.documents
            quotes += other.quotes
            attributed += other.attributed
            speakers.merge(other.speakers, uniquingKeysWith: +)
        }
    }

    let finder = QuoteFinder()
    let minWords: Int
    let top: Int

    public init(options: StageOptions, context: LoadContext) throws {
        minWords = options.int("min_words") ?? 3
        top = options.int("top") ?? 20
    }

    public func process(_ document: inout Document, context: StageContext) throws {
        let people = document.entities.filter { $0.type == "PERSON" }
        var found: [JSONValue] = []
        for var q in finder.quotes(in: document.text) {
            guard q.text.split(whereSeparator: { $0 == " " || $0 == "\n" }).count >= minWords else { continue }
            if let s = q.speakerStart, let e = q.speakerEnd, let person = people.first(where: { $0.start < e && s < $0.end }) {
                q.speaker = person.canonical ?? person.text
            }
            var fields: [(String, JSONValue)] = [("start", .int(q.start)), ("end", .int(q.end)), ("text", .string(q.text))]
            if let speaker = q.speaker, let via = q.via {
                fields.append(("speaker", .string(speaker)))
                fields.append(("via", .string(via)))
            }
            found.append(.object(fields))
        }
        if !found.isEmpty { document.custom["quotes"] = .array(found) }
    }

    public func contribution(of document: Document) -> Totals {
        var t = Totals()
        t.documents = 1
        for q in document.custom["quotes"]?.arrayValue ?? [] {
            t.quotes += 1
            if let speaker = q["speaker"]?.stringValue {
                t.attributed += 1
                t.speakers[speaker, default: 0] += 1
            }
        }
        return t
    }

    public func finish(_ total: Totals, output: OutputDirectory) throws {
        let ranked = total.speakers.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(top)
        var w = JSONWriter()
        w.beginObject()
        w.field("documents", total.documents)
        w.field("quotes", total.quotes)
        w.field("attributed", total.attributed)
        w.key("speakers")
        w.beginArray()
        for (name, count) in ranked {
            w.beginObject()
            w.field("speaker", name)
            w.field("quotes", count)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        try output.write("quotes.json", w.bytes + [10])
    }
}
