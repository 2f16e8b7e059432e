import Foundation
import TextpipeCore

/// `keywords`: flags documents that mention terms from a list and counts the mentions, per
/// document and for the corpus — a keyword alert without code.
///
///     - keywords:
///         terms: [inflation, interest rates, "Federal Reserve=Fed"]   # TERM or NAME=TERM
///         files: [keywords/energy.tsv]      # term<TAB>name per line, # comments
///         keep: matching                    # drop documents that mention none (reason: keywords)
///
/// Each document gets `custom.keywords` (the `name` option): the mentions per term name, for the
/// names it mentions. Several terms may share a name ("Fed", "Federal Reserve"), counted
/// together. The corpus totals are a `Mergeable` partial — documents seen, documents that
/// matched, and per name the documents and mentions — folded by the executor in input order,
/// so shards and resumed runs add up exactly; at the end of a run they are written to
/// `keywords.json` and `keywords.csv` (named after the `name` option).
public struct KeywordsStage: AggregatingStage {
    public static let description = StageDescription(
        name: "keywords",
        summary: "flag and count terms from a list, per document (custom.keywords) and for the corpus (keywords.json)",
        options: [
            OptionSpec("terms", .list(.string), default: .list([]), "terms to find; 'NAME=TERM' counts TERM under NAME"),
            OptionSpec("files", .list(.path(mustExist: true)), default: .list([]), "files of term<TAB>name (name optional), one per line"),
            OptionSpec("case_sensitive", .bool, default: .bool(false), "match case as written"),
            OptionSpec("whole_words", .bool, default: .bool(true), "match only whole words"),
            OptionSpec("keep", .choice(["all", "matching"]), default: .string("all"), "matching: drop documents that mention no term"),
            OptionSpec("name", .string, default: .string("keywords"), "key under custom, and name of the output files"),
        ],
        requires: ["text"])

    /// The totals of a run, or of a shard.
    public struct Totals: Mergeable, Equatable {
        public var documents = 0
        public var matched = 0
        public var terms: [String: TermCount] = [:]

        public init() {}

        public mutating func merge(_ other: Totals) {
            documents += other.documents
            matched += other.matched
            for (name, count) in other.terms { terms[name, default: TermCount()].add(count) }
        }
    }

    public struct TermCount: Codable, Sendable, Equatable {
        public var documents = 0
        public var mentions = 0
        public init(documents: Int = 0, mentions: Int = 0) {
            self.documents = documents
            self.mentions = mentions
        }
        mutating func add(_ other: TermCount) {
            documents += other.documents
            mentions += other.mentions
        }
    }

    let matcher: KeywordMatcher
    /// Term index to the name it is counted under.
    let names: [String]
    let keepAll: Bool
    let key: String
    public var provides: [String] { ["custom." + key] }

    public init(options: StageOptions, context: LoadContext) throws {
        var terms: [(term: String, name: String)] = []
        for item in options.strings("terms") {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            let (name, term) = parts.count == 2 ? (parts[0], parts[1]) : (item.trimmingCharacters(in: .whitespaces), item.trimmingCharacters(in: .whitespaces))
            guard !term.isEmpty, !name.isEmpty else { throw options.error("'\(item)' in 'terms' has an empty term or name", key: "terms") }
            terms.append((term, name))
        }
        for url in options.paths("files") {
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw options.error("cannot read \(url.path)", key: "files")
            }
            for (number, line) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let text = line.trimmingCharacters(in: .whitespacesAndNewlines)
                if text.isEmpty || text.hasPrefix("#") { continue }
                let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
                guard !fields[0].isEmpty, fields.count <= 2 else {
                    throw options.error("\(url.lastPathComponent):\(number + 1): expected term<TAB>name, found '\(text)'", key: "files")
                }
                terms.append((fields[0], fields.count == 2 && !fields[1].isEmpty ? fields[1] : fields[0]))
            }
        }
        guard !terms.isEmpty else { throw options.error("'keywords' needs 'terms' or 'files'") }
        key = options.string("name") ?? "keywords"
        guard !key.isEmpty, !key.contains("."), !key.contains("/") else {
            throw options.error("'name' is a plain name (no dots or slashes), found '\(key)'", key: "name")
        }
        matcher = KeywordMatcher(terms: terms.map(\.term), caseSensitive: options.bool("case_sensitive") ?? false,
                                 wholeWords: options.bool("whole_words") ?? true)
        names = terms.map(\.name)
        keepAll = options.string("keep") != "matching"
    }

    /// Mentions per name in a text.
    func mentions(in text: String) -> [String: Int] {
        var perTerm = [Int](repeating: 0, count: names.count)
        for term in matcher.matches(in: text) { perTerm[term] += 1 }
        var counts: [String: Int] = [:]
        for (term, n) in perTerm.enumerated() where n > 0 { counts[names[term], default: 0] += n }
        return counts
    }

    public func process(_ document: inout Document, context: StageContext) throws {
        let counts = mentions(in: document.text)
        if counts.isEmpty {
            if !keepAll { throw DocumentDropped("keywords") }
            return
        }
        document.custom[key] = .object(counts.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) })
    }

    public func contribution(of document: Document) -> Totals {
        var totals = Totals()
        totals.documents = 1
        guard let found = document.custom[key]?.objectValue, !found.isEmpty else { return totals }
        totals.matched = 1
        for (name, mentions) in found { totals.terms[name] = TermCount(documents: 1, mentions: mentions.intValue ?? 0) }
        return totals
    }

    /// Documents this stage dropped were seen too.
    public func contribution(ofFailure failure: FailureRecord) -> Totals {
        var totals = Totals()
        if failure.dropped, failure.stage == Self.description.name, failure.message == "keywords" { totals.documents = 1 }
        return totals
    }

    public func finish(_ total: Totals, output: OutputDirectory) throws {
        let ranked = total.terms.sorted { $0.value.mentions != $1.value.mentions ? $0.value.mentions > $1.value.mentions : $0.key < $1.key }
        var w = JSONWriter()
        w.beginObject()
        w.field("documents", total.documents)
        w.field("matched", total.matched)
        w.key("terms")
        w.beginArray()
        for (name, count) in ranked {
            w.beginObject()
            w.field("term", name)
            w.field("documents", count.documents)
            w.field("mentions", count.mentions)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        try output.write("\(key).json", w.bytes + [10])
        var csv = "term,documents,mentions\n"
        for (name, count) in ranked { csv += "\(Self.csvField(name)),\(count.documents),\(count.mentions)\n" }
        try output.write("\(key).csv", string: csv)
    }

    static func csvField(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}
