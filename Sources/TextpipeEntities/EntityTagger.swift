import Foundation

/// The statistical name tagger: a trained `EntityModel` with the resources its features read.
///
/// `tag` runs one document: `DocumentAnalysis` once over all tokens (lexemes, gazetteer
/// matches, document-level evidence), then per sentence the feature keys, the model's scores and
/// Viterbi decoding, and the BILOU tags are read back as token ranges. The tagger holds only
/// immutable values, so one instance is shared by every worker thread; per-call buffers live on
/// the stack of the call.
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
        var keys: [UInt64] = [], offsets: [Int32] = []
        var emissions: [Float] = [], rows: [Int32] = [], scratch: [Float] = [], back: [Int32] = [], path: [UInt8] = []
        var out: [TokenEntity] = []
        for range in text.sentences where !range.isEmpty {
            keys.removeAll(keepingCapacity: true)
            offsets.removeAll(keepingCapacity: true)
            FeatureExtractor.extract(analysis, sentence: range, keys: &keys, offsets: &offsets)
            model.score(keys: keys, offsets: offsets, tokenCount: range.count, rows: &rows, into: &emissions)
            model.viterbi.decode(n: range.count, emissions: emissions, transitions: model.transitions,
                                 start: model.start, end: model.end, scratch: &scratch, back: &back, into: &path)
            for e in model.tags.decode(path) {
                out.append(TokenEntity(first: range.lowerBound + e.first, end: range.lowerBound + e.end,
                                       type: model.tags.types[e.type]))
            }
        }
        return out
    }
}
