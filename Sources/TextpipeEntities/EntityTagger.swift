import Foundation

/// The statistical name tagger: a trained `EntityModel` with the resources its features read.
///
/// `tag` runs one document: `DocumentAnalysis` once over all tokens (lexemes, gazetteer
/// matches, document-level evidence); per sentence the feature keys, the first perceptron's
/// scores and Viterbi decoding. A two-stage model then computes the prediction history (what
/// the first pass called each word elsewhere in the document) and decodes every sentence again
/// with the second perceptron, reusing the feature keys. BILOU tags are read back as token
/// ranges. The tagger holds only immutable values, so one instance is shared by every worker
/// thread; buffers live on the stack of the call.
public struct EntityTagger: Sendable {
    public let model: EntityModel
    public let resources: FeatureResources

    public init(model: EntityModel, resources: FeatureResources) {
        self.model = model
        self.resources = resources
    }

    /// Names in `text`, as token ranges (indices into `text`'s tokens), in text order.
    public func tag(_ text: TokenizedText) -> [TokenEntity] {
        tag(text, analysis: analyze(text))
    }

    func analyze(_ text: TokenizedText) -> DocumentAnalysis {
        DocumentAnalysis(text, resources: resources)
    }

    func tag(_ text: TokenizedText, analysis: DocumentAnalysis) -> [TokenEntity] {
        let tokenTags = Self.tokenTags(text, analysis: analysis, model: model)
        var out: [TokenEntity] = []
        for range in text.sentences where !range.isEmpty {
            for e in model.tags.decode(Array(tokenTags[range])) {
                out.append(TokenEntity(first: range.lowerBound + e.first, end: range.lowerBound + e.end,
                                       type: model.tags.types[e.type]))
            }
        }
        return out
    }

    /// The BILOU tag of every token of the document, after all of the model's stages.
    static func tokenTags(_ text: TokenizedText, analysis: DocumentAnalysis, model: EntityModel) -> [UInt8] {
        var buffers = Buffers()
        var tokenTags = [UInt8](repeating: 0, count: text.count)
        // Stage 1 sentence by sentence; the rows of each sentence's features are kept for stage 2.
        var allRows: [EntityModel.FeatureRow] = [], allOffsets: [Int32] = []
        var rowStart: [Int] = [], offsetStart: [Int] = []
        var keys: [UInt64] = [], rows: [EntityModel.FeatureRow] = [], offsets: [Int32] = []
        let twoStages = model.stageCount == 2
        for range in text.sentences {
            rowStart.append(allRows.count)
            offsetStart.append(allOffsets.count)
            guard !range.isEmpty else { continue }
            keys.removeAll(keepingCapacity: true)
            offsets.removeAll(keepingCapacity: true)
            rows.removeAll(keepingCapacity: true)
            FeatureExtractor.extract(analysis, sentence: range, keys: &keys, offsets: &offsets)
            model.lookup(keys, into: &rows)
            buffers.decode(model, stage: 0, rows: rows, offsets: offsets, range: range, into: &tokenTags)
            if twoStages {
                allRows.append(contentsOf: rows)
                allOffsets.append(contentsOf: offsets)
            }
        }
        guard twoStages else { return tokenTags }
        let history = PredictionHistory.keys(analysis, tokenTags: tokenTags, tags: model.tags)
        var historyRows: [EntityModel.FeatureRow] = []
        model.lookup(history.keys, into: &historyRows)
        for (s, range) in text.sentences.enumerated() where !range.isEmpty {
            let rowEnd = s + 1 < rowStart.count ? rowStart[s + 1] : allRows.count
            PredictionHistory.merge(base: allRows[rowStart[s]..<rowEnd],
                                    offsets: allOffsets[offsetStart[s]..<offsetStart[s] + range.count],
                                    history: historyRows, historyStart: history.start, first: range.lowerBound,
                                    rows: &rows, offsets: &offsets)
            buffers.decode(model, stage: 1, rows: rows, offsets: offsets, range: range, into: &tokenTags)
        }
        return tokenTags
    }

    /// Scratch space for scoring and decoding, reused across the sentences of a document.
    private struct Buffers {
        var sums: [Int32] = [], emissions: [Float] = [], scratch: [Float] = [], back: [Int32] = [], path: [UInt8] = []

        mutating func decode(_ model: EntityModel, stage: Int, rows: [EntityModel.FeatureRow], offsets: [Int32], range: Range<Int>,
                             into tokenTags: inout [UInt8]) {
            let n = range.count
            model.score(stage: stage, features: rows, offsets: offsets, tokenCount: n, into: &sums)
            let scale = model.scale
            emissions.removeAll(keepingCapacity: true)
            for v in sums { emissions.append(Float(v) * scale) }
            emissions.withUnsafeBufferPointer { e in
                model.viterbi.decode(n: n, emissions: e, scores: model.scores(stage: stage),
                                     scratch: &scratch, back: &back, into: &path)
            }
            for (j, t) in path.enumerated() { tokenTags[range.lowerBound + j] = t }
        }
    }
}
