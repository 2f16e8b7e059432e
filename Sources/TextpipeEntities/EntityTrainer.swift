import Foundation

/// Trains an `EntityModel` with the averaged structured perceptron (Collins 2002): decode each
/// training sentence with the current weights; where the best path differs from the gold one,
/// add the gold path's features and subtract the predicted path's; return the average of the
/// weights over all steps, which generalises far better than the last weights.
///
/// Features are extracted once, mapped to dense ids, and kept as integer arrays, so an epoch is
/// pure array arithmetic (about a second per epoch over CoNLL-2003 train). Averaging uses the
/// usual trick: besides the weights w, keep u = Σ c·Δ (c the step at which Δ was applied); the
/// average after c steps is w − u/c. Sentences are visited in a seeded random order per epoch,
/// so training is reproducible.
///
/// `trainModel` trains both stages of a two-stage model: the first-stage labels that the second
/// stage learns from are predicted for each document by a first-stage model trained on the
/// other folds (jackknifing), as they will be imperfect on new text.
public struct EntityTrainer {
    public struct Options: Sendable {
        public var epochs = 12
        /// Features seen fewer times than this in training are dropped.
        public var minCount = 1
        public var seed: UInt64 = 20_030_531
        /// Averaged weights smaller than this share of the largest are dropped from the model.
        public var pruneRatio: Float = 0.0005
        public var info: [String: String] = [:]
        /// 2: a second perceptron reads the first one's labels of each word elsewhere in the document.
        public var stages = 2
        /// Folds for the first-stage labels the second stage trains on.
        public var folds = 4
        /// Share of capitalised training tokens whose own word features (the word, its lower
        /// case, long prefixes, word pairs) are hidden, so the model learns to tag a name from its
        /// shape, word classes and context, as it must for the names it never saw.
        public var wordDropout = 0.2
        /// Models trained with different draws of hidden words, whose weights are averaged into
        /// one model (same size and speed): a single draw moves dev F1 by several tenths.
        public var ensemble = 3
        public init() {}
    }

    struct Sentence {
        var featureStart: Int
        var offsets: [Int32]
        var gold: [UInt8]
    }

    let tags: TagSet
    let resources: FeatureResources
    var featureIds: [UInt64: Int32] = [:]
    var featureKeys: [UInt64] = []
    var features: [Int32] = []
    var sentences: [Sentence] = []

    /// Trains a complete model (one or two stages, as `options.stages` says; `options.ensemble`
    /// of them averaged). `log` hears about the folds and members; `progress` gets each epoch of
    /// the last stage with the model as it stands (of a single model only).
    public static func trainModel(
        documents: [LabeledDocument], types: [String], resources: FeatureResources, options: Options,
        log: (String) -> Void = { _ in }, progress: ((Int, EntityModel) -> Void)? = nil
    ) -> EntityModel {
        let tags = TagSet(types: types)
        guard options.ensemble > 1 else {
            return EntityModel(tags: tags, info: options.info,
                               stages: trainStages(documents: documents, types: types, resources: resources,
                                                   options: options, log: log, progress: progress))
        }
        var members: [[Perceptron]] = []
        for m in 0..<options.ensemble {
            var memberOptions = options
            memberOptions.seed = options.seed &+ UInt64(m) &* 0x9E37_79B9_7F4A_7C15
            members.append(trainStages(documents: documents, types: types, resources: resources, options: memberOptions,
                                       log: { log("model \(m + 1)/\(options.ensemble): " + $0) }, progress: nil))
        }
        let stages = members[0].indices.map { s in Perceptron(averaging: members.map { $0[s] }) }
        return EntityModel(tags: tags, info: options.info, stages: stages)
    }

    /// One model's perceptrons.
    private static func trainStages(
        documents: [LabeledDocument], types: [String], resources: FeatureResources, options: Options,
        log: (String) -> Void, progress: ((Int, EntityModel) -> Void)?
    ) -> [Perceptron] {
        let tags = TagSet(types: types)
        let base = EntityTrainer(documents: documents, types: types, resources: resources, options: options)
        log("stage 1: \(base.tokenCount) tokens, \(base.featureCount) features")
        if options.stages < 2 {
            return [base.run(options) { epoch, p in progress?(epoch, EntityModel(tags: tags, info: options.info, stages: [p])) }]
        }
        var predicted = [[UInt8]](repeating: [], count: documents.count)
        let folds = max(2, options.folds)
        for f in 0..<folds {
            let training = documents.indices.filter { $0 % folds != f }.map { documents[$0] }
            let trainer = EntityTrainer(documents: training, types: types, resources: resources, options: options)
            let model = EntityModel(tags: tags, info: [:], stages: [trainer.run(options)])
            for i in documents.indices where i % folds == f {
                let text = TokenizedText(sentences: documents[i].sentences)
                predicted[i] = EntityTagger.tokenTags(text, analysis: DocumentAnalysis(text, resources: resources), model: model)
            }
            log("fold \(f + 1)/\(folds): first-stage labels for \(documents.count / folds) held-out documents")
        }
        let first = base.run(options)
        log("stage 1 trained: \(first.keys.count) features")
        let history = documents.indices.map { i -> TokenKeys in
            let text = TokenizedText(sentences: documents[i].sentences)
            return PredictionHistory.keys(DocumentAnalysis(text, resources: resources), tokenTags: predicted[i], tags: tags)
        }
        let second = EntityTrainer(documents: documents, types: types, resources: resources, options: options,
                                   history: history)
        let p = second.run(options) { epoch, p in
            progress?(epoch, EntityModel(tags: tags, info: options.info, stages: [first, p]))
        }
        return [first, p]
    }

    /// Extracts features of the training documents (with `history`, the second stage's), hiding
    /// the word features of a seeded random `options.wordDropout` of capitalised tokens.
    init(documents: [LabeledDocument], types: [String], resources: FeatureResources, options: Options,
         history: [TokenKeys]? = nil) {
        let minCount = options.minCount
        let dropout = UInt64(max(0, min(1, options.wordDropout)) * 10_000)
        tags = TagSet(types: types)
        self.resources = resources
        let typeIndex = Dictionary(uniqueKeysWithValues: types.enumerated().map { ($1, $0) })
        var counts: [UInt64: Int32] = [:]
        var keys: [UInt64] = [], offsets: [Int32] = []
        var merged: [UInt64] = [], mergedOffsets: [Int32] = []
        var pending: [(keys: [UInt64], offsets: [Int32], gold: [UInt8])] = []
        for (d, doc) in documents.enumerated() {
            let text = TokenizedText(sentences: doc.sentences)
            let analysis = DocumentAnalysis(text, resources: resources)
            for (s, range) in text.sentences.enumerated() {
                keys.removeAll(keepingCapacity: true)
                offsets.removeAll(keepingCapacity: true)
                FeatureExtractor.extract(analysis, sentence: range, keys: &keys, offsets: &offsets, hidingWordsOf: { i in
                    dropout > 0 && analysis.lexemes[i].isCapitalised
                        && ByteText.mix(options.seed ^ (UInt64(d) << 32 | UInt64(i))) % 10_000 < dropout
                })
                if let history {
                    PredictionHistory.merge(base: keys[...], offsets: offsets[...], history: history[d].keys,
                                            historyStart: history[d].start, first: range.lowerBound,
                                            rows: &merged, offsets: &mergedOffsets)
                    swap(&keys, &merged)
                    swap(&offsets, &mergedOffsets)
                }
                let gold = tags.encode(length: range.count, entities: doc.entities[s].compactMap { e in
                    typeIndex[e.type].map { (e.first, e.end, $0) }
                })
                if minCount > 1 { for k in keys { counts[k, default: 0] += 1 } }
                pending.append((keys, offsets, gold))
            }
        }
        for p in pending {
            let start = features.count
            var kept: [Int32] = []
            var k = 0
            for end in p.offsets {
                while k < Int(end) {
                    let key = p.keys[k]
                    k += 1
                    if minCount > 1 && counts[key]! < minCount { continue }
                    if let id = featureIds[key] { features.append(id); continue }
                    let id = Int32(featureKeys.count)
                    featureIds[key] = id
                    featureKeys.append(key)
                    features.append(id)
                }
                kept.append(Int32(features.count - start))
            }
            sentences.append(Sentence(featureStart: start, offsets: kept, gold: p.gold))
        }
    }

    public var featureCount: Int { featureKeys.count }
    public var tokenCount: Int { sentences.reduce(0) { $0 + $1.gold.count } }

    /// Runs the epochs. `progress` gets the epoch number and the averaged weights after it (to
    /// score on a development set); it is called only when given, since averaging costs time.
    func run(_ options: Options, progress: ((Int, Perceptron) -> Void)? = nil) -> Perceptron {
        let T = tags.count
        let F = featureKeys.count
        var w = [Float](repeating: 0, count: F * T), u = [Double](repeating: 0, count: F * T)
        var tw = [Float](repeating: 0, count: (T + 2) * T), tu = [Double](repeating: 0, count: (T + 2) * T)
        let viterbi = Viterbi(tags)
        var emissions: [Float] = [], scratch: [Float] = [], back: [Int32] = [], path: [UInt8] = []
        var c: Double = 1
        var order = Array(sentences.indices)
        var rng = SplitMix(seed: options.seed)

        for epoch in 1...options.epochs {
            for i in stride(from: order.count - 1, to: 0, by: -1) {
                order.swapAt(i, Int(rng.next() % UInt64(i + 1)))
            }
            for s in order {
                let sentence = sentences[s]
                let n = sentence.gold.count
                emissions.removeAll(keepingCapacity: true)
                emissions.append(contentsOf: repeatElement(0, count: n * T))
                var k = sentence.featureStart
                for i in 0..<n {
                    let stop = sentence.featureStart + Int(sentence.offsets[i])
                    while k < stop {
                        let row = Int(features[k]) * T
                        for t in 0..<T { emissions[i * T + t] += w[row + t] }
                        k += 1
                    }
                }
                emissions.withUnsafeBufferPointer { e in
                    tw.withUnsafeBufferPointer { scores in
                        viterbi.decode(n: n, emissions: e, scores: scores, scratch: &scratch, back: &back, into: &path)
                    }
                }
                if path != sentence.gold {
                    func bump(_ index: Int, _ delta: Float, _ weights: inout [Float], _ sums: inout [Double]) {
                        weights[index] += delta
                        sums[index] += c * Double(delta)
                    }
                    k = sentence.featureStart
                    for i in 0..<n {
                        let stop = sentence.featureStart + Int(sentence.offsets[i])
                        let g = Int(sentence.gold[i]), p = Int(path[i])
                        if g != p {
                            for j in k..<stop {
                                let row = Int(features[j]) * T
                                bump(row + g, 1, &w, &u)
                                bump(row + p, -1, &w, &u)
                            }
                        }
                        k = stop
                        let gPrev = i == 0 ? -1 : Int(sentence.gold[i - 1]), pPrev = i == 0 ? -1 : Int(path[i - 1])
                        if gPrev != pPrev || g != p {
                            bump(gPrev < 0 ? T * T + g : gPrev * T + g, 1, &tw, &tu)
                            bump(pPrev < 0 ? T * T + p : pPrev * T + p, -1, &tw, &tu)
                        }
                    }
                    let gl = Int(sentence.gold[n - 1]), pl = Int(path[n - 1])
                    if gl != pl {
                        bump(T * T + T + gl, 1, &tw, &tu)
                        bump(T * T + T + pl, -1, &tw, &tu)
                    }
                }
                c += 1
            }
            if let progress, epoch < options.epochs {
                progress(epoch, model(w: w, u: u, tw: tw, tu: tu, c: c, options: options))
            }
        }
        let final = model(w: w, u: u, tw: tw, tu: tu, c: c, options: options)
        progress?(options.epochs, final)
        return final
    }

    /// The averaged, pruned weights.
    func model(w: [Float], u: [Double], tw: [Float], tu: [Double], c: Double, options: Options) -> Perceptron {
        let T = tags.count
        var averaged = [Float](repeating: 0, count: w.count)
        var maxAbs: Float = 0
        for i in 0..<w.count {
            averaged[i] = Float(Double(w[i]) - u[i] / c)
            maxAbs = max(maxAbs, abs(averaged[i]))
        }
        let threshold = maxAbs * options.pruneRatio
        var keys: [UInt64] = [], rowStart: [UInt32] = [0], tagOf: [UInt8] = [], weights: [Float] = []
        for f in 0..<featureKeys.count {
            let before = weights.count
            for t in 0..<T where abs(averaged[f * T + t]) > threshold {
                tagOf.append(UInt8(t))
                weights.append(averaged[f * T + t])
            }
            if weights.count > before {
                keys.append(featureKeys[f])
                rowStart.append(UInt32(weights.count))
            }
        }
        var scores = [Float](repeating: 0, count: tw.count)
        for i in 0..<tw.count { scores[i] = Float(Double(tw[i]) - tu[i] / c) }
        let tt = T * T
        let transitions = Array(scores[0..<tt])
        let start = Array(scores[tt..<tt + T])
        let end = Array(scores[(tt + T)..<(tt + 2 * T)])
        return Perceptron(keys: keys, rowStart: rowStart, tagOf: tagOf, weights: weights,
                          transitions: transitions, start: start, end: end)
    }
}

/// A small, seedable random number generator (SplitMix64), so training runs are reproducible.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        return ByteText.mix(state &- 0x9e37_79b9_7f4a_7c15)
    }
}
