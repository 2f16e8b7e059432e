/// Scores a model on gold tokens and sentences (no tokenizer or splitter involved): what
/// training reports per epoch, and the upper bound that the end-to-end evaluation is compared
/// with.
public enum GoldTokenEvaluation {
    public static func score(model: EntityModel, resources: FeatureResources, documents: [LabeledDocument]) -> EntityScorer {
        let tagger = EntityTagger(model: model, resources: resources)
        var scorer = EntityScorer()
        for doc in documents {
            let text = TokenizedText(sentences: doc.sentences)
            var gold: [EntityScorer.Mention] = []
            for (s, range) in text.sentences.enumerated() {
                for e in doc.entities[s] {
                    gold.append(.init(start: range.lowerBound + e.first, end: range.lowerBound + e.end, type: e.type))
                }
            }
            let predicted = tagger.tag(text).map { EntityScorer.Mention(start: $0.first, end: $0.end, type: $0.type) }
            scorer.add(gold: gold, predicted: predicted)
        }
        return scorer
    }
}
