import TextpipeCore
import TextpipeEntities

/// `patterns`: entities from a user's gazetteers and patterns, without code and without the
/// model — spaCy's EntityRuler as a component of its own.
///
///     - patterns:
///         gazetteers: [lists/companies.tsv]          # phrase<TAB>type[<TAB>canonical]
///         patterns:
///           - { type: PRODUCT, regex: "iPhone \\d+( Pro)?" }
///           - { type: ORG, tokens: [Acme, {lower: corp, op: "?"}] }
///         overwrite: true                            # matches win over entities already there
///
/// It uses the same matcher (`EntityRuler`) and the same option syntax as the `entities`
/// stage's `gazetteers` and `patterns`, so a list moves between the two unchanged. Put it
/// after `entities` to correct or extend the model's output (`overwrite: false` only fills
/// gaps), or use it alone for a fixed vocabulary. Gazetteers and token patterns match the
/// `sentences` stage's tokens; a stage with only regular expressions needs only the text.
public struct PatternsStage: Stage {
    public static let description = StageDescription(
        name: "patterns",
        summary: "entities from gazetteer files and token or regex patterns (an EntityRuler without the model)",
        options: [
            OptionSpec("gazetteers", .list(.path(mustExist: true)), default: .list([]),
                       "TSV files of phrase<TAB>type[<TAB>canonical], matched with case as written"),
            OptionSpec("patterns", .structured("list of {type, regex: STRING} or {type, tokens: [TEST, ...]}"),
                       "token or regex patterns, each with the entity type it produces"),
            OptionSpec("overwrite", .bool, default: .bool(true),
                       "matches replace overlapping entities already there (false: they only fill gaps)"),
        ],
        provides: ["entities"])

    let ruler: EntityRuler
    let overwrite: Bool
    public let requires: [String]

    public init(options: StageOptions, context: LoadContext) throws {
        ruler = try EntityRuler(options: options)
        guard !ruler.isEmpty else { throw options.error("'patterns' needs 'gazetteers' or 'patterns'") }
        overwrite = options.bool("overwrite") ?? true
        requires = ruler.needsTokens ? ["text", "tokens"] : ["text"]
    }

    public func process(_ document: inout Document, context: StageContext) throws {
        let found = ruler.matches(in: document)
        guard !found.isEmpty else { return }
        document.entities = EntityRuler.combine(found, with: document.entities, matchesFirst: overwrite)
        try context.checkDeadline()
    }
}
