import ArgumentParser
import Foundation
import TextpipeEntities

/// `textpipe train`: trains the models that stages use.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a stage's model from labelled data.",
        subcommands: [TrainEntitiesCommand.self, TrainSentencesCommand.self, TrainResourcesCommand.self])
}

/// `textpipe train entities`: trains the name tagger from CoNLL-style files and writes a model
/// file for the `entities` stage (`model:` option), e.g.
///
///     textpipe train entities eng.train eng.testa -o Sources/TextpipeEntities/Resources/conll2003.model
///     textpipe train entities eng.train --dev eng.testa --epochs 12 -o /tmp/dev.model
struct TrainEntitiesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entities",
        abstract: "Train the entity tagger on CoNLL-style files (token ... tag per line; IOB1, BIO or BILOU).",
        discussion: """
            Tag types are read from the files (PER is renamed PERSON); --types restricts them and \
            --map renames or drops a type (e.g. --map corporation=ORG --map product=). With --dev, \
            F1 on that file's gold tokens is printed after every epoch (with --ensemble 1) or for the \
            averaged model.
            """)

    @Argument(help: "Training files.")
    var files: [String]

    @Option(name: [.short, .long], help: "Where to write the model.")
    var output: String

    @Option(name: .long, help: "A development file to score after each epoch.")
    var dev: String?

    @Option(name: .long, help: "Passes over the training data.")
    var epochs = 12

    @Option(name: .long, help: "Drop features seen fewer times than this.")
    var minCount = 1

    @Option(name: .long, help: "1: one perceptron; 2: a second one that reads the first one's labels elsewhere in the document.")
    var stages = 2

    @Option(name: .long, help: "Cross-validation folds for the first-stage labels the second stage learns from.")
    var folds = 4

    @Option(name: .long, help: "Share of capitalised training words whose own word features are hidden (word dropout).")
    var wordDropout = 0.2

    @Option(name: .long, help: "Models trained with different word-dropout draws, averaged into one.")
    var ensemble = 3

    @Option(name: .long, parsing: .upToNextOption, help: "Entity types to learn (default: all in the files).")
    var types: [String] = []

    @Option(name: .long, help: "Rename a type: FROM=TO (TO empty drops it).")
    var map: [String] = []

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("name at least one training file") }
        guard (1...200).contains(epochs) else { throw ValidationError("--epochs must be within 1...200") }
        guard (1...2).contains(stages) else { throw ValidationError("--stages must be 1 or 2") }
        guard (2...20).contains(folds) else { throw ValidationError("--folds must be within 2...20") }
        guard (0...0.9).contains(wordDropout) else { throw ValidationError("--word-dropout must be within 0...0.9") }
        guard (1...10).contains(ensemble) else { throw ValidationError("--ensemble must be within 1...10") }
        for m in map where !m.contains("=") { throw ValidationError("--map expects FROM=TO, found '\(m)'") }
    }

    func run() throws {
        var typeMap = CoNLLReader.defaultTypeMap
        for m in map {
            let parts = m.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            typeMap[String(parts[0])] = String(parts[1])
        }
        let started = Date()
        let documents = try files.flatMap { try CoNLLReader.read(contentsOf: URL(fileURLWithPath: $0), typeMap: typeMap) }
        let devDocuments = try dev.map { try CoNLLReader.read(contentsOf: URL(fileURLWithPath: $0), typeMap: typeMap) }
        var found = Set<String>()
        for d in documents { for s in d.entities { for e in s { found.insert(e.type) } } }
        let canonicalOrder = ["PERSON", "ORG", "LOC", "MISC"]
        let learned = types.isEmpty
            ? canonicalOrder.filter(found.contains) + found.subtracting(canonicalOrder).sorted()
            : types
        guard !learned.isEmpty else { throw CommandExit(code: 2, message: "textpipe: no entity tags in the training files") }
        let resources = try EntityModelCache.shared.sharedResources()
        print("training on \(documents.count) documents; types \(learned.joined(separator: ", "))")
        var options = EntityTrainer.Options()
        options.epochs = epochs
        options.minCount = minCount
        options.stages = stages
        options.folds = folds
        options.wordDropout = wordDropout
        options.ensemble = ensemble
        options.info = [
            "trained_on": files.map { ($0 as NSString).lastPathComponent }.joined(separator: " + "),
            "epochs": String(epochs),
            "stages": String(stages),
            "word_dropout": String(wordDropout),
            "ensemble": String(ensemble),
            "created": ISO8601DateFormatter().string(from: Date()),
        ]
        let model = EntityTrainer.trainModel(
            documents: documents, types: learned, resources: resources, options: options,
            log: { print($0) },
            progress: devDocuments.map { devDocs in
                { epoch, model in
                    let scorer = GoldTokenEvaluation.score(model: model, resources: resources, documents: devDocs)
                    print(String(format: "epoch %2d  dev F1 %.2f  (%.0fs)", epoch, scorer.overall.f1 * 100, Date().timeIntervalSince(started)))
                }
            })
        if let devDocuments, ensemble > 1 {
            let scorer = GoldTokenEvaluation.score(model: model, resources: resources, documents: devDocuments)
            print(String(format: "averaged model: dev F1 %.2f", scorer.overall.f1 * 100))
        }
        try model.write(to: URL(fileURLWithPath: output))
        let size = (try? FileManager.default.attributesOfItem(atPath: output)[.size] as? Int) ?? 0
        print(String(format: "wrote %@ (%.1f MB, %d features, %d weights) in %.0fs", output, Double(size) / 1e6,
                     model.featureCount, model.weightCount, Date().timeIntervalSince(started)))
    }
}

/// `textpipe train resources DIR`: compiles the entities stage's TSV resources in DIR (word
/// classes, places, names) into the binary tables it maps at start-up, `DIR/entity-tables.bin`.
/// Run it after changing a TSV file (the unit tests fail until the two agree), e.g.
///
///     textpipe train resources Sources/TextpipeEntities/Resources
struct TrainResourcesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resources",
        abstract: "Compile the entities stage's TSV resources (word classes, places, names) into its mapped binary tables.")

    @Argument(help: "The folder holding \(FeatureResources.sourceNames.joined(separator: ", ")).")
    var directory = "Sources/TextpipeEntities/Resources"

    @Option(name: [.short, .long], help: "Where to write the tables (default: DIRECTORY/\(FeatureResources.compiledName)).")
    var output: String?

    func run() throws {
        let folder = URL(fileURLWithPath: directory)
        var sources: [[UInt8]] = []
        for name in FeatureResources.sourceNames {
            let path = folder.appendingPathComponent(name).path
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CommandExit(code: 2, message: "textpipe: cannot read \(path)")
            }
            sources.append([UInt8](data))
        }
        let bytes = try FeatureResources.compile(wordClasses: sources[0], levels: sources[1], places: sources[2], names: sources[3])
        let out = output ?? folder.appendingPathComponent(FeatureResources.compiledName).path
        try Data(bytes).write(to: URL(fileURLWithPath: out), options: .atomic)
        print(String(format: "wrote %@ (%.1f MB)", out, Double(bytes.count) / 1e6))
    }
}
