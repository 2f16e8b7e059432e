import Foundation

/// Trains a `SentenceModel` from documents whose sentences are known (the format `textpipe
/// eval sentences` reads): an averaged perceptron over the candidate gaps the rules leave.
///
/// Each document is split by the rules alone; at every candidate gap inside a rule sentence
/// (`BoundaryFinder.candidate`) the features are spelled out and labelled with the gold
/// standard, and the sentence goes on from the gold boundary, so the examples do not depend
/// on a model's earlier mistakes. Boundaries the rules already find, and those no candidate
/// reaches, are not examples. The examples are then visited in a fixed pseudo-random order
/// for a number of epochs; the averaged weights (each weight's mean over all updates) are
/// kept when they are not negligible.
public struct SentenceModelTrainer: Sendable {
    /// A document and its sentences.
    public struct Document: Sendable {
        public var text: String
        public var sentences: [String]

        public init(text: String, sentences: [String]) {
            self.text = text
            self.sentences = sentences
        }
    }

    public var language = "en"
    public var epochs = 12
    /// Averaged weights smaller than this are dropped from the model.
    public var minWeight: Double = 0.01
    /// Features seen fewer times than this are not learned.
    public var minCount = 2
    /// The score a gap needs to be a boundary (the model's `threshold`): above 0 it trades
    /// recall on informal text for precision on edited prose, where such gaps are rarer.
    public var threshold = 3.0

    public init() {}

    /// The trained model and its text form (header lines from `info`).
    public func train(_ documents: [Document], info: [String: String] = [:],
                      log: (String) -> Void = { _ in }) -> (model: SentenceModel, text: String) {
        let rules = LanguageRules.forCode(language)
        let segmenter = Segmenter(rules: rules, lineBreaks: .auto)
        var index: [String: Int32] = [:]
        var names: [String] = []
        var counts: [Int] = []
        var examples: [(features: [Int32], boundary: Bool)] = []
        for d in documents {
            let collector = BoundaryCollector(goldStarts: Self.goldStarts(d.text, d.sentences))
            _ = segmenter.run(d.text, paragraphs: nil, tokens: false, sentences: true, collector: collector, checkpoint: {})
            for (featureNames, boundary) in collector.instances {
                var ids: [Int32] = []
                ids.reserveCapacity(featureNames.count)
                for name in featureNames {
                    let id: Int32
                    if let known = index[name] {
                        id = known
                    } else {
                        id = Int32(names.count)
                        index[name] = id
                        names.append(name)
                        counts.append(0)
                    }
                    counts[Int(id)] += 1
                    ids.append(id)
                }
                examples.append((ids, boundary))
            }
        }
        let positives = examples.reduce(0) { $0 + ($1.boundary ? 1 : 0) }
        log("\(examples.count) candidate gaps (\(positives) boundaries), \(names.count) features")
        for e in examples.indices { examples[e].features.removeAll { counts[Int($0)] < minCount } }

        var w = [Double](repeating: 0, count: names.count)
        var u = [Double](repeating: 0, count: names.count)  // sum of c * update, for averaging
        var c = 1.0
        var order = Array(examples.indices)
        var rng = SplitMix(seed: 20)
        for epoch in 1...max(1, epochs) {
            order.shuffle(using: &rng)
            var mistakes = 0
            for e in order {
                let (features, boundary) = examples[e]
                var score = 0.0
                for f in features { score += w[Int(f)] }
                if (score > 0) != boundary {
                    mistakes += 1
                    let y = boundary ? 1.0 : -1.0
                    for f in features {
                        w[Int(f)] += y
                        u[Int(f)] += c * y
                    }
                }
                c += 1
            }
            log("epoch \(epoch): \(mistakes) mistakes")
        }
        var kept: [(String, Float)] = []
        for f in names.indices {
            let averaged = w[f] - u[f] / c
            if abs(averaged) >= minWeight { kept.append((names[f], Float(averaged))) }
        }
        kept.sort { $0.0 < $1.0 }
        var header = info
        header["language"] = rules.code
        header["threshold"] = String(threshold)
        var text = "# textpipe sentence model: 1\n"
        for key in header.keys.sorted() { text += "# \(key): \(header[key]!)\n" }
        for (name, weight) in kept { text += name + "\t" + String(format: "%.4f", weight) + "\n" }
        return (SentenceModel(weights: kept, info: header), text)
    }

    /// Byte offsets of the first character of each gold sentence but the first, found by
    /// counting the characters that are not white space (as `SentenceEvaluation` places
    /// boundaries).
    static func goldStarts(_ text: String, _ sentences: [String]) -> Set<Int> {
        let boundaries = SentenceEvaluation.boundaries(sentences)
        var out = Set<Int>()
        var count = 0
        var byte = 0
        for u in text.unicodeScalars {
            if !u.properties.isWhitespace {
                if boundaries.contains(count) { out.insert(byte) }
                count += 1
            }
            byte += UTF8.width(u)
        }
        return out
    }
}

/// A small deterministic generator, so that training gives the same model every time.
struct SplitMix: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
