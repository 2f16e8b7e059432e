import ArgumentParser
import Foundation
import TextpipeCore
import TextpipeEntities

/// `textpipe eval entities FILE`: scores the `entities` stage end to end on a CoNLL-style file.
///
/// Each document is turned back into raw text (`CoNLLText`), run through the registered
/// `sentences` stage (splitter and tokenizer) and the `entities` stage with their default
/// options, and the names found are compared with the gold names by character offsets, with
/// the conlleval rules (exact start, end and type). Also prints the score on gold tokens (the
/// tagger alone), the entities stage's speed (median of several timed passes on one thread),
/// and the model's size and load time.
struct EvalEntitiesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entities",
        abstract: "Score the entities stage end to end on a CoNLL-style file (raw text through the sentences stage).")

    @Argument(help: "A CoNLL-style file, e.g. ../shared/data/ner/conll2003/eng.testa.")
    var file: String

    @Option(name: .long, help: "Model file (default: the shipped model).")
    var model: String?

    @Option(name: .long, help: "Timed passes of the entities stage; the median is reported.")
    var runs = 5

    @Option(name: .long, help: "Print up to this many wrong or missed names with their context.")
    var showErrors = 0

    @Flag(name: .long, help: "Use the file's own tokens and sentences instead of the sentences stage.")
    var goldTokens = false

    func run() throws {
        let registry = TextpipeCLI.registry
        let documents = try CoNLLReader.read(contentsOf: URL(fileURLWithPath: file))
        let corpus = documents.map(CoNLLText.init)

        // Load time, measured on a fresh load (the stage itself shares a process-wide cache).
        let modelURL = try model.map { URL(fileURLWithPath: $0) } ?? EntityResources.url(EntityModelCache.bundledModel)
        let loadStart = Date()
        let resources = try FeatureResources.bundled()
        let loaded = try EntityModel(contentsOf: modelURL)
        let loadSeconds = Date().timeIntervalSince(loadStart)

        guard let entitiesType = registry["entities"] else { throw CommandExit(code: 2, message: "textpipe: no 'entities' stage is registered") }
        var entityValues: [String: OptionValue] = [:]
        for spec in entitiesType.description.options { entityValues[spec.name] = spec.defaultValue }
        if let model { entityValues["model"] = .string(model) }
        let context = LoadContext(baseDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        let entities = try entitiesType.init(options: StageOptions(stageName: "entities", values: entityValues), context: context)

        var docs: [Document] = []
        for (i, c) in corpus.enumerated() {
            var doc = Document(id: "conll-\(i)", source: file)
            doc.text = c.text
            docs.append(doc)
        }
        if goldTokens {
            for (i, c) in corpus.enumerated() {
                docs[i].sentences = c.sentences
                docs[i].tokens = c.tokens.map { Token(start: $0.start, end: $0.end, kind: .word) }
            }
        } else {
            guard let sentencesType = registry["sentences"] else {
                throw CommandExit(code: 2, message: "textpipe: no 'sentences' stage is registered (use --gold-tokens)")
            }
            var values: [String: OptionValue] = [:]
            for spec in sentencesType.description.options { values[spec.name] = spec.defaultValue }
            let sentences = try sentencesType.init(options: StageOptions(stageName: "sentences", values: values), context: context)
            for i in docs.indices { try sentences.process(&docs[i], context: StageContext(stageName: "sentences")) }
        }

        // Timed on this thread's CPU clock as well as the wall clock: on a shared machine the
        // wall clock counts other people's work too.
        func cpuSeconds() -> Double {
            var t = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
            return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
        }
        var times: [Double] = [], cpuTimes: [Double] = []
        var tagged = docs
        for _ in 0..<max(1, runs) {
            var pass = docs
            let t0 = DispatchTime.now().uptimeNanoseconds, c0 = cpuSeconds()
            for i in pass.indices { try entities.process(&pass[i], context: StageContext(stageName: "entities")) }
            times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
            cpuTimes.append(cpuSeconds() - c0)
            tagged = pass
        }
        let tokenCount = docs.reduce(0) { $0 + $1.tokens.count }
        let median = times.sorted()[times.count / 2], cpuMedian = cpuTimes.sorted()[cpuTimes.count / 2]

        let types = Set(loaded.tags.types)
        var scorer = EntityScorer()
        var shown = 0
        for (i, c) in corpus.enumerated() {
            let predicted = tagged[i].entities.filter { types.contains($0.type) }
                .map { EntityScorer.Mention(start: $0.start, end: $0.end, type: $0.type) }
            scorer.add(gold: c.gold, predicted: predicted)
            if shown < showErrors {
                let gold = Set(c.gold), pred = Set(predicted)
                let scalars = Array(c.text.unicodeScalars)
                func show(_ m: EntityScorer.Mention, _ what: String) {
                    guard shown < showErrors else { return }
                    shown += 1
                    let left = String(String.UnicodeScalarView(scalars[max(0, m.start - 30)..<m.start]))
                    let right = String(String.UnicodeScalarView(scalars[m.end..<min(scalars.count, m.end + 30)]))
                    let mid = String(String.UnicodeScalarView(scalars[m.start..<m.end]))
                    print("\(what) \(m.type): …\(left)[\(mid)]\(right)…".replacingOccurrences(of: "\n", with: "⏎"))
                }
                for m in c.gold where !pred.contains(m) { show(m, "missed") }
                for m in predicted where !gold.contains(m) { show(m, "wrong ") }
            }
        }
        let goldTokenScore = GoldTokenEvaluation.score(model: loaded, resources: resources, documents: documents)
        let size = (try? FileManager.default.attributesOfItem(atPath: modelURL.path)[.size] as? Int) ?? 0

        print("\(file): \(documents.count) documents, \(tokenCount) tokens (\(goldTokens ? "gold tokens" : "sentences stage"))")
        print(scorer.report())
        print(String(format: "gold tokens: F1 %.2f (the tagger alone)", goldTokenScore.overall.f1 * 100))
        print(String(format: "speed: %.0f tokens/s per core (CPU time), %.0f tokens/s wall clock, one thread (median of %d passes)",
                     Double(tokenCount) / cpuMedian, Double(tokenCount) / median, times.count))
        print(String(format: "model: %@, %.1f MB, %d features, %d weights, trained on %@; load %.0f ms (model and resources)",
                     modelURL.lastPathComponent, Double(size) / 1e6, loaded.featureCount, loaded.weightCount,
                     loaded.info["trained_on"] ?? "?", loadSeconds * 1000))
    }
}
