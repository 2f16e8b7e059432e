import Foundation

/// The resources the feature templates look things up in: word classes and the built-in
/// gazetteers. Loaded once per process, shared read-only.
///
/// Their sources are TSV files in `Resources/` (word classes, GeoNames places, Census names),
/// which people read, diff and rebuild with the scripts in `Benchmarks/ner/`. Parsing them took
/// a tenth of a second at every start, so `textpipe train resources` compiles them into one
/// binary file, `entity-tables.bin`, whose tables the stage maps and uses in place. The compiled
/// file is committed beside its sources, and a unit test compiles the sources again and
/// compares byte for byte, so the two cannot drift apart unnoticed (no build step, no plugin:
/// CI stays `swift test`).
public struct FeatureResources: Sendable {
    public var wordClasses: WordClasses
    /// Gazetteers whose matches become features (the built-in places and names).
    public var gazetteers: [Gazetteer]
    /// Places again, for linking LOC mentions to GeoNames.
    public var places: Gazetteer?
    /// Names again, for documents the model does not apply to (`GazetteerNames`).
    public var names: Gazetteer?

    static let kind = "textpipe entity resources 1"
    /// The compiled tables, and the sources they are compiled from.
    public static let compiledName = "entity-tables.bin"
    public static let sourceNames = ["word-classes.tsv", "word-class-levels.tsv", "places.tsv", "names.tsv"]

    public init(wordClasses: WordClasses = WordClasses(), gazetteers: [Gazetteer] = [], places: Gazetteer? = nil,
                names: Gazetteer? = nil) {
        self.wordClasses = wordClasses
        self.gazetteers = gazetteers
        self.places = places
        self.names = names
    }

    init(wordClasses: WordClasses, places: Gazetteer, names: Gazetteer) {
        self.init(wordClasses: wordClasses, gazetteers: [places, names], places: places, names: names)
    }

    /// The shipped word classes, places and names, mapped from the compiled file.
    public static func bundled() throws -> FeatureResources {
        try FeatureResources(contentsOf: EntityResources.url(compiledName))
    }

    /// Maps a compiled resource file.
    public init(contentsOf url: URL) throws {
        do {
            let file = try SectionFile(path: url.path)
            try file.expect(kind: Self.kind, name: url.lastPathComponent)
            self.init(wordClasses: try WordClasses(file: file), places: try Gazetteer(file: file, prefix: "places"),
                      names: try Gazetteer(file: file, prefix: "names"))
        } catch let e as EntityResourceError {
            throw EntityResourceError("\(url.lastPathComponent): \(e.description)")
        }
    }

    /// Compiles the TSV sources (in the order of `sourceNames`) into the bytes of a resource file.
    public static func compile(wordClasses: [UInt8], levels: [UInt8], places: [UInt8], names: [UInt8]) throws -> [UInt8] {
        var file = SectionFile.Writer(kind: kind)
        try WordClasses(words: wordClasses, levels: levels).write(into: &file)
        try Gazetteer.places(places).write(into: &file, prefix: "places")
        try Gazetteer.names(names).write(into: &file, prefix: "names")
        return file.bytes()
    }

    /// Compiles the sources shipped in the bundle.
    public static func compileBundledSources() throws -> [UInt8] {
        let s = try sourceNames.map(EntityResources.bytes)
        return try compile(wordClasses: s[0], levels: s[1], places: s[2], names: s[3])
    }
}
