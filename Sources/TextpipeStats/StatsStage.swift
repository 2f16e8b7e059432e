import Foundation
import TextpipeCore

/// `stats`: corpus statistics, saved as stats.json, stats/*.csv and report.html.
///
/// The stage changes no document. Its work is in `contribution(of:)`, which the executor
/// calls on the worker after the document has passed the stage: one pass over the document's
/// tokens builds a one-document `StatsPartial` (`DocumentCounter`). The executor's writer adds
/// the contributions into a running total in input order (and checkpoints it, so a killed run
/// resumes with exact totals); failed and dropped documents contribute their error counts.
/// At the end `finish` derives the figures (`StatsSummary`) and writes the files atomically.
/// Because the total is a commutative monoid, `textpipe stats merge` of shards gives the same
/// stats.json as one run over everything.
public struct StatsStage: AggregatingStage {
    public static let description = StageDescription(
        name: "stats",
        summary: "corpus statistics (mergeable across shards): stats.json, stats/*.csv and report.html",
        options: [
            OptionSpec("top_terms", .int(1...100_000), default: .int(200), "terms listed by frequency and by tf·idf"),
            OptionSpec("top_entities", .int(1...10_000), default: .int(25), "entities listed per type"),
            OptionSpec("top_pairs", .int(1...10_000), default: .int(50), "co-occurring entity pairs listed"),
            OptionSpec("ngrams", .int(1...3), default: .int(3), "longest n-gram counted (1: none, 2: bigrams, 3: and trigrams)"),
            OptionSpec("min_count", .int(1...1_000_000), default: .int(3), "least count of a listed n-gram or collocation, and of a pair in cooccurrence.csv"),
            OptionSpec("stopwords", .structured("map of language to a list of words or a file (one word a line)"),
                       "stop words added to the built-in lists (en, de, fr, es, it, pt, nl, ru)"),
            OptionSpec("default_stopwords", .bool, default: .bool(true), "start from the built-in stop-word lists"),
            OptionSpec("sketch", .bool, default: .bool(false), "bounded memory: count-min sketches, top-k candidates and HyperLogLog instead of exact tables"),
            OptionSpec("sketch_width", .int(1024...(1 << 24)), default: .int(1 << 15), "counters per count-min row (error e/width of the total)"),
            OptionSpec("sketch_depth", .int(1...16), default: .int(4), "count-min rows (error holds with probability 1-e^-depth)"),
            OptionSpec("sketch_candidates", .int(10...1_000_000), default: .int(2000), "candidates kept per table for the top lists"),
            OptionSpec("report", .bool, default: .bool(true), "write report.html"),
            OptionSpec("report_documents", .int(0...100), default: .int(5), "documents shown with their entities in the report"),
            OptionSpec("sample_chars", .int(100...1_000_000), default: .int(6000), "characters kept of each shown document"),
            OptionSpec("document_terms", .int(0...100), default: .int(10), "tf·idf terms listed for each shown document"),
        ],
        requires: ["tokens"])

    public let settings: StatsSettings
    let counter: DocumentCounter

    public init(settings: StatsSettings) {
        self.settings = settings
        counter = DocumentCounter(settings: settings, stopwords: settings.stopwordLists)
    }

    public init(options: StageOptions, context: LoadContext) throws {
        var s = StatsSettings()
        s.topTerms = options.int("top_terms") ?? s.topTerms
        s.topEntities = options.int("top_entities") ?? s.topEntities
        s.topPairs = options.int("top_pairs") ?? s.topPairs
        s.ngrams = options.int("ngrams") ?? s.ngrams
        s.minCount = options.int("min_count") ?? s.minCount
        s.defaultStopwords = options.bool("default_stopwords") ?? true
        s.report = options.bool("report") ?? true
        s.reportDocuments = options.int("report_documents") ?? s.reportDocuments
        s.sampleChars = options.int("sample_chars") ?? s.sampleChars
        s.documentTerms = options.int("document_terms") ?? s.documentTerms
        if let node = options.node("stopwords") { s.stopwords = try Self.stopwords(node, options: options) }
        if options.bool("sketch") == true {
            var k = SketchSettings()
            k.width = options.int("sketch_width") ?? k.width
            k.depth = options.int("sketch_depth") ?? k.depth
            k.candidates = options.int("sketch_candidates") ?? k.candidates
            s.sketch = k
        } else {
            for key in ["sketch_width", "sketch_depth", "sketch_candidates"] where options.locations[key] != nil {
                throw options.error("option '\(key)' has no effect without 'sketch: true'", key: key)
            }
        }
        self.init(settings: s)
    }

    /// Reads `stopwords: { en: [word, ...], de: path/to/list.txt }`.
    static func stopwords(_ node: ConfigNode, options: StageOptions) throws -> [String: [String]] {
        guard let pairs = node.mapping else {
            throw options.error("option 'stopwords' expects a map of language codes to lists of words or files", key: "stopwords")
        }
        var out: [String: [String]] = [:]
        for (language, location, value) in pairs {
            let at = { (message: String) in ConfigurationError(message, at: location, key: "stats.stopwords.\(language)") }
            guard language.count >= 2, language.count <= 8, language.allSatisfy({ $0.isLetter }) else {
                throw at("'\(language)' is not a language code (such as en, de, fr)")
            }
            if let items = value.sequence {
                out[language.lowercased()] = try items.map {
                    guard let w = $0.scalar, !$0.isNull else { throw at("stop words for '\(language)' must be words") }
                    return w
                }
            } else if let path = value.scalar, !value.isNull {
                let url = options.resolve(path: path)
                guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                    throw at("cannot read the stop-word file \(path) for '\(language)'")
                }
                out[language.lowercased()] = text.split(whereSeparator: \.isNewline)
                    .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
            } else {
                throw at("stop words for '\(language)' must be a list of words or a file")
            }
        }
        return out
    }

    public func process(_ document: inout Document, context: StageContext) throws {}

    public func contribution(of document: Document) -> StatsPartial {
        counter.contribution(of: document)
    }

    public func contribution(ofFailure failure: FailureRecord) -> StatsPartial {
        var p = StatsPartial()
        p.settings = settings
        p.sample.limit = settings.reportDocuments
        if failure.dropped {
            p.dropped[failure.message] = 1
        } else {
            p.errors[failure.stage] = [failure.kind: 1]
        }
        return p
    }

    public func finish(_ total: StatsPartial, output: OutputDirectory) throws {
        var total = total
        if total.settings == nil {  // a run without documents
            total.settings = settings
            total.sample.limit = settings.reportDocuments
        }
        try StatsFiles.write(total, to: output, report: settings.report)
    }
}
