import Foundation
import TextpipeCore

/// The `entities` stage: names from the statistical tagger (PERSON, ORG, LOC, MISC), values from
/// rules (DATE, TIME, MONEY, PERCENT, QUANTITY, CARDINAL, ORDINAL), and whatever a user's
/// gazetteers and patterns declare, with canonical forms and GeoNames links.
///
/// It reads the tokens and sentences of the `sentences` stage and never tokenizes itself. All
/// loading and checking happens in `init`: the model and resources are loaded once per process
/// (`EntityModelCache`) and shared immutably by every worker; `process` is a pure function of
/// the document.
///
/// The model is English (CoNLL-2003), so it runs only on documents whose `meta.language` is one
/// of `languages` (or unknown); a German page would otherwise come back with its capitalised
/// nouns tagged as names. Other documents get names from the shipped gazetteers alone
/// (`GazetteerNames`), besides values and the user's gazetteers and patterns.
public struct EntitiesStage: Stage {
    public static let ruleTypes = ["DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"]

    public static let description = StageDescription(
        name: "entities",
        summary: "Tag names (PERSON, ORG, LOC, MISC) with a trained model, values (DATE, MONEY, ...) with rules, and a user's gazetteers and patterns.",
        options: [
            OptionSpec("model", .path(mustExist: true), default: .none,
                       "model file from `textpipe train entities` (default: the shipped CoNLL-2003 model)"),
            OptionSpec("gazetteers", .list(.path(mustExist: true)), default: .list([]),
                       "TSV files of phrase<TAB>type[<TAB>canonical], matched with case as written"),
            OptionSpec("patterns", .structured("list of {type, regex: STRING} or {type, tokens: [TEST, ...]}"), default: .none,
                       "token or regex patterns, each with the entity type it produces"),
            OptionSpec("extensions", .choice(["before", "after"]), default: .string("before"),
                       "gazetteers and patterns win over the model (before) or only fill its gaps (after)"),
            OptionSpec("types", .list(.string), default: .list([]),
                       "entity types to emit (default: all)"),
            OptionSpec("canonical", .bool, default: .bool(true),
                       "resolve aliases to the longest mention and link places to GeoNames"),
            OptionSpec("languages", .list(.string), default: .list([.string("en")]),
                       "languages (meta.language) the model runs on; others get names from the gazetteers only"),
        ],
        requires: ["sentences", "tokens"],
        provides: ["entities"])

    let tagger: EntityTagger
    /// The user's gazetteers and patterns (the same matcher as the `patterns` stage's).
    let ruler: EntityRuler
    let order: EntityAssembly.Order
    let types: Set<String>?
    let canonical: Bool
    let languages: Set<String>
    let rules = ValueRules()

    public init(options: StageOptions, context: LoadContext) throws {
        do {
            tagger = try EntityModelCache.shared.tagger(model: options.path("model"))
        } catch let e as EntityResourceError {
            throw options.error(e.description, key: options.path("model") == nil ? nil : "model")
        }
        ruler = try EntityRuler(options: options)
        order = EntityAssembly.Order(rawValue: options.string("extensions") ?? "before") ?? .before
        canonical = options.bool("canonical") ?? true
        languages = Set(options.strings("languages").map { $0.lowercased() })
        let wanted = options.strings("types")
        if wanted.isEmpty {
            types = nil
        } else {
            let known = Set(tagger.model.tags.types + Self.ruleTypes).union(ruler.types)
            for t in wanted where !known.contains(t) {
                throw ConfigurationError(
                    "unknown entity type '\(t)' in entities.types (known: \(known.sorted().joined(separator: ", ")))",
                    at: options.locations["types"] ?? options.location, key: "entities.types",
                    suggestion: closestMatch(to: t, in: known))
            }
            types = Set(wanted)
        }
    }

    public init(tagger: EntityTagger, gazetteers: [Gazetteer] = [], patterns: EntityPatterns = EntityPatterns(),
                extensions: String = "before", types: Set<String>? = nil, canonical: Bool = true,
                languages: Set<String> = ["en"]) {
        self.tagger = tagger
        self.ruler = EntityRuler(gazetteers: gazetteers, patterns: patterns)
        self.order = EntityAssembly.Order(rawValue: extensions) ?? .before
        self.types = types
        self.canonical = canonical
        self.languages = languages
    }

    public func process(_ document: inout Document, context: StageContext) throws {
        guard !document.tokens.isEmpty else {
            document.entities = []
            return
        }
        let offsets = TextOffsets(document.text)
        let text = TokenizedText(document: document, offsets: offsets)
        let modelApplies = document.meta.language.map { languages.contains($0.lowercased()) } ?? true
        document.entities = entities(text, offsets: offsets, document: document.text, model: modelApplies)
        try context.checkDeadline()
    }

    /// Entities of a tokenized text (the stage's work, without a `Document`); with `model` false,
    /// names come from the shipped gazetteers instead of the model.
    public func entities(_ text: TokenizedText, offsets: TextOffsets, document: String, model: Bool = true) -> [Entity] {
        func entity(_ first: Int, _ end: Int, _ type: String) -> Entity {
            let span = Span(offsets.scalar(atByte: Int(text.starts[first])), offsets.scalar(atByte: Int(text.ends[end - 1])))
            return Entity(start: span.start, end: span.end, type: type, text: offsets.substring(span))
        }
        // The document analysis (gazetteer matches, context of every word) feeds the model's
        // features only; without the model, the lexemes are all the rest needs.
        let names: [Entity], lexemes: [Lexeme]
        if model {
            let analysis = tagger.analyze(text)
            lexemes = analysis.lexemes
            names = tagger.tag(text, analysis: analysis).map { entity($0.first, $0.end, $0.type) }
        } else {
            lexemes = DocumentAnalysis.lexemes(text, classes: tagger.resources.wordClasses)
            names = GazetteerNames.find(text, lexemes: lexemes, resources: tagger.resources)
                .map { entity($0.first, $0.end, $0.type) }
        }
        let user = ruler.matches(text, lexemes: lexemes, offsets: offsets, document: document)
        var values: [Entity] = []
        for sentence in text.sentences {
            values += rules.find(text, lexemes, sentence: sentence).map { entity($0.first, $0.end, $0.type) }
        }
        var all = EntityAssembly.assemble(names: names, user: user, values: values, order: order)
        if let types { all.removeAll { !types.contains($0.type) } }
        if canonical {
            EntityAssembly.canonicalize(&all, words: { e in
                var words: [UInt64] = []
                let startByte = offsets.byte(atScalar: e.start), endByte = offsets.byte(atScalar: e.end)
                var i = text.starts.partitionPoint { Int($0) >= startByte }
                while i < text.count && Int(text.ends[i]) <= endByte {
                    if lexemes[i].flags.contains(.hasAlnum) { words.append(lexemes[i].lower) }
                    i += 1
                }
                return words
            }, places: tagger.resources.places)
        }
        return all
    }
}

extension Array {
    /// Index of the first element for which `predicate` holds, the array being partitioned
    /// (false...false true...true).
    func partitionPoint(_ predicate: (Element) -> Bool) -> Int {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if predicate(self[mid]) { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }
}

/// Loads each model file and the shipped resources once per process. Tagger values are
/// immutable, so handing the same one to every stage instance and thread is safe; the lock
/// only guards the cache dictionary while loading.
public final class EntityModelCache: @unchecked Sendable {
    public static let shared = EntityModelCache()
    private let lock = NSLock()
    private var resources: FeatureResources?
    private var taggers: [String: EntityTagger] = [:]

    /// The name of the model shipped in `Resources/`.
    public static let bundledModel = "conll2003.model"

    public func tagger(model url: URL?) throws -> EntityTagger {
        lock.lock()
        defer { lock.unlock() }
        let key = url?.standardizedFileURL.path ?? "<bundled>"
        if let t = taggers[key] { return t }
        let resources = try self.resources ?? FeatureResources.bundled()
        self.resources = resources
        let model = try EntityModel(contentsOf: url ?? EntityResources.url(Self.bundledModel))
        let tagger = EntityTagger(model: model, resources: resources)
        taggers[key] = tagger
        return tagger
    }

    public func sharedResources() throws -> FeatureResources {
        lock.lock()
        defer { lock.unlock() }
        let resources = try self.resources ?? FeatureResources.bundled()
        self.resources = resources
        return resources
    }
}
