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
        let T = model.tags.count
        var allRows: [Int32] = [], allOffsets: [Int32] = []
        var rowStart: [Int] = [], offsetStart: [Int] = []
        var emissions: [Float] = [], scratch: [Float] = [], back: [Int32] = [], path: [UInt8] = []
        var tokenTags = [UInt8](repeating: 0, count: text.count)
        var keys: [UInt64] = [], rows: [Int32] = [], offsets: [Int32] = []
        let first = model.stages[0], twoStages = model.stages.count == 2
        for range in text.sentences {
            rowStart.append(allRows.count)
            offsetStart.append(allOffsets.count)
            guard !range.isEmpty else { continue }
            keys.removeAll(keepingCapacity: true)
            offsets.removeAll(keepingCapacity: true)
            rows.removeAll(keepingCapacity: true)
            FeatureExtractor.extract(analysis, sentence: range, keys: &keys, offsets: &offsets)
            model.lookup(keys, into: &rows)
            first.score(shared: rows, offsets: offsets, tokenCount: range.count, tagCount: T, into: &emissions)
            model.viterbi.decode(n: range.count, emissions: emissions, transitions: first.transitions,
                                 start: first.start, end: first.end, scratch: &scratch, back: &back, into: &path)
            for (j, t) in path.enumerated() { tokenTags[range.lowerBound + j] = t }
            if twoStages {
                allRows.append(contentsOf: rows)
                allOffsets.append(contentsOf: offsets)
            }
        }
        guard twoStages else { return tokenTags }
        let second = model.stages[1]
        let history = PredictionHistory.keys(analysis, tokenTags: tokenTags, tags: model.tags)
        var historyRows: [Int32] = []
        model.lookup(history.keys, into: &historyRows)
        for (s, range) in text.sentences.enumerated() where !range.isEmpty {
            let rowEnd = s + 1 < rowStart.count ? rowStart[s + 1] : allRows.count
            PredictionHistory.merge(base: allRows[rowStart[s]..<rowEnd],
                                    offsets: allOffsets[offsetStart[s]..<offsetStart[s] + range.count],
                                    history: historyRows, historyStart: history.start, first: range.lowerBound,
                                    rows: &rows, offsets: &offsets)
            second.score(shared: rows, offsets: offsets, tokenCount: range.count, tagCount: T, into: &emissions)
            model.viterbi.decode(n: range.count, emissions: emissions, transitions: second.transitions,
                                 start: second.start, end: second.end, scratch: &scratch, back: &back, into: &path)
            for (j, t) in path.enumerated() { tokenTags[range.lowerBound + j] = t }
        }
        return tokenTags
    }
}
