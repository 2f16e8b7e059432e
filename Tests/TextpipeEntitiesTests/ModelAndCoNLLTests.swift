import Foundation
import Testing
import TextpipeTestSupport
import TextpipeCore
@testable import TextpipeEntities

/// Reading CoNLL files, rebuilding their raw text, training a small model and reading it back.
struct ModelAndCoNLLTests {
    static let sample = """
        -DOCSTART- -X- -X- O

        EU NNP I-NP I-ORG
        rejects VBZ I-VP O
        German JJ I-NP I-MISC
        call NN I-NP O
        , , O O
        says VBZ I-VP O
        Peter NNP I-NP I-PER
        Blackburn NNP I-NP I-PER
        . . O O

        BRUSSELS NNP I-NP I-LOC
        1996-08-22 CD I-NP O

        -DOCSTART- -X- -X- O

        Paris NNP I-NP I-LOC
        Berlin NNP I-NP B-LOC
        ( ( O O
        Reuters NNP I-NP I-ORG
        ) ) O O
        won VBD I-VP O
        . . O O

        """

    @Test func readsIOB1() throws {
        let docs = try CoNLLReader.parse(Self.sample)
        #expect(docs.count == 2)
        #expect(docs[0].sentences[0] == ["EU", "rejects", "German", "call", ",", "says", "Peter", "Blackburn", "."])
        #expect(docs[0].entities[0] == [TokenEntity(first: 0, end: 1, type: "ORG"), TokenEntity(first: 2, end: 3, type: "MISC"),
                                        TokenEntity(first: 6, end: 8, type: "PERSON")])
        // B- splits two touching names of one type.
        #expect(docs[1].entities[0].prefix(2) == [TokenEntity(first: 0, end: 1, type: "LOC"), TokenEntity(first: 1, end: 2, type: "LOC")])
    }

    @Test(arguments: [
        (["B-PER", "I-PER", "O", "B-LOC"], ["PERSON 0-2", "LOC 3-4"]),
        (["S-ORG", "B-ORG", "E-ORG"], ["ORG 0-1", "ORG 1-3"]),
        (["U-ORG", "B-ORG", "I-ORG", "L-ORG"], ["ORG 0-1", "ORG 1-4"]),
        (["B-O", "I-LOC", "I-ORG"], ["LOC 1-2", "ORG 2-3"]),
    ])
    func tagSchemes(_ tags: [String], _ expected: [String]) {
        let spans = CoNLLReader.spans(tags, typeMap: CoNLLReader.defaultTypeMap)
        #expect(spans.map { "\($0.type) \($0.first)-\($0.end)" } == expected)
    }

    @Test func rawTextKeepsGoldOffsets() throws {
        let docs = try CoNLLReader.parse(Self.sample)
        let first = CoNLLText(docs[0])
        #expect(first.text == "EU rejects German call, says Peter Blackburn. BRUSSELS 1996-08-22")
        #expect(first.gold.map { slice(first.text, $0.start, $0.end) } == ["EU", "German", "Peter Blackburn", "BRUSSELS"])
        let second = CoNLLText(docs[1])
        #expect(second.text == "Paris Berlin (Reuters) won.")
        #expect(second.gold.map { slice(second.text, $0.start, $0.end) } == ["Paris", "Berlin", "Reuters"])
    }

    @Test func trainWriteReadTag() throws {
        // A toy corpus the perceptron can fit exactly.
        var sentences: [String] = []
        let people = ["Anna Berg", "Jon Kale", "Mia Holt", "Ola Brun"], places = ["Oslo", "Bergen", "Tromso"]
        for p in people { for c in places { sentences.append("\(p) flew to \(c) .") } }
        var conll = "-DOCSTART- O\n\n"
        for s in sentences {
            let words = s.split(separator: " ")
            for (i, w) in words.enumerated() {
                let isPerson = i < 2, isPlace = i == 4
                conll += "\(w) \(isPerson ? "I-PER" : isPlace ? "I-LOC" : "O")\n"
            }
            conll += "\n"
        }
        let docs = try CoNLLReader.parse(conll)
        var options = EntityTrainer.Options()
        options.epochs = 5
        options.folds = 2
        // Twelve sentences cannot teach context without the words: no dropout, one model.
        options.wordDropout = 0
        options.ensemble = 1
        options.info = ["trained_on": "toy"]
        let model = EntityTrainer.trainModel(documents: docs + docs, types: ["PERSON", "LOC"], resources: FeatureResources(),
                                             options: options)
        #expect(model.stageCount == 2)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("toy-\(UUID().uuidString).model")
        try model.write(to: url)
        let loaded = try EntityModel(contentsOf: url)
        #expect(loaded.tags == model.tags)
        #expect(loaded.info["trained_on"] == "toy")
        #expect(loaded.featureCount == model.featureCount)
        let score = GoldTokenEvaluation.score(model: loaded, resources: FeatureResources(), documents: docs)
        #expect(score.overall.f1 == 1)
        let text = TokenizedText(sentences: [["Mia", "Holt", "flew", "to", "Oslo", "."]])
        let tagged = EntityTagger(model: loaded, resources: FeatureResources()).tag(text)
        #expect(tagged == [TokenEntity(first: 0, end: 2, type: "PERSON"), TokenEntity(first: 4, end: 5, type: "LOC")])
        // Weights survive the 16-bit round trip within one quantisation step.
        let maxAbs = model.weights.map(abs).max()!
        for (a, b) in zip(model.weights, loaded.weights) { #expect(abs(a - b) <= maxAbs / 32767) }
    }

    @Test func averagingPerceptronsAveragesEachWeight() {
        let scores = [Float](repeating: 1, count: 9)
        let a = Perceptron(keys: [10, 20], rowStart: [0, 2, 3], tagOf: [0, 1, 2], weights: [2, 4, 6],
                           transitions: scores, start: [1, 1, 1], end: [1, 1, 1])
        let b = Perceptron(keys: [20, 30], rowStart: [0, 1, 2], tagOf: [2, 1], weights: [2, 8],
                           transitions: scores.map { $0 * 3 }, start: [3, 3, 3], end: [0, 0, 0])
        let m = Perceptron(averaging: [a, b])
        #expect(m.keys == [10, 20, 30])
        #expect(m.rowStart == [0, 2, 3, 4])
        #expect(m.tagOf == [0, 1, 2, 1])
        #expect(m.weights == [1, 2, 4, 4])
        #expect(m.transitions == [Float](repeating: 2, count: 9) && m.start == [2, 2, 2] && m.end == [0.5, 0.5, 0.5])
    }

    @Test(arguments: [Data("nope".utf8), Data("TPNER002\u{2}\0\0\0{}".utf8), Data("TPNER001\0\0\0\0".utf8)])
    func rejectsBadModelFiles(_ data: Data) {
        #expect(throws: EntityResourceError.self) { try EntityModel(data: data) }
    }

    @Test func scorerFollowsConlleval() {
        var scorer = EntityScorer()
        scorer.add(gold: [.init(start: 0, end: 2, type: "PERSON"), .init(start: 5, end: 6, type: "LOC")],
                   predicted: [.init(start: 0, end: 2, type: "PERSON"), .init(start: 5, end: 7, type: "LOC"),
                               .init(start: 9, end: 10, type: "ORG")])
        #expect(scorer.overall == EntityScorer.Counts(truePositives: 1, predicted: 3, gold: 2))
        #expect(abs(scorer.overall.f1 - 0.4) < 1e-9)
    }

    /// On the real dev set when it is there (skipped otherwise). The shipped model was trained on
    /// this file too, so this is no measure of accuracy (that is `textpipe eval entities` with a
    /// model trained on eng.train); it catches a broken model file or feature code.
    @Test func devSetSanity() throws {
        guard let url = SharedData.existing("ner/conll2003/eng.testa") else {
            print("skipping devSetSanity: ../shared/data/ner/conll2003/eng.testa is not there")
            return
        }
        guard let tagger = bundledTagger() else { Issue.record("the shipped model is missing"); return }
        let docs = Array(try CoNLLReader.read(contentsOf: url).prefix(40))
        let score = GoldTokenEvaluation.score(model: tagger.model, resources: tagger.resources, documents: docs)
        #expect(score.overall.f1 > 0.9)
    }
}
