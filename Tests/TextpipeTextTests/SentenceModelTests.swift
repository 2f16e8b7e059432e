import Testing
import TextpipeText

/// The learned part of the splitter: reading a model, where it may cut, and training one.
@Suite("Sentence model")
struct SentenceModelTests {
    func split(_ text: String, _ model: SentenceSplitter.Model) -> [String] {
        let spans = SentenceSplitter(language: "en", model: model).split(text)
        return SentenceEvaluation.texts(spans, in: text)
    }

    @Test func shippedModelIsTheDefault() {
        let text = "The battery died after a week. i returned it and got a refund."
        #expect(split(text, .none) == [text])
        #expect(split(text, .shipped) == ["The battery died after a week.", "i returned it and got a refund."])
        #expect(SentenceSplitter(language: "en").split(text).count == 2)
        #expect(SentenceSplitter(language: "de").split(text).count == 1)  // English only
    }

    @Test func aBadLineSaysWhere() {
        do {
            _ = try SentenceModel(text: "# threshold: 0\nN bias\t1.5\nnonsense\n")
            Issue.record("expected an error")
        } catch let e as SentenceModelError {
            #expect(e.line == 3)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    /// A model that cuts at every candidate shows where the candidates are: before a word that
    /// opens sentences after a word without a mark, and after a mark before lower case; never
    /// after an abbreviation, a colon or an opening bracket, and never where the rules cut.
    static let everywhere: [(String, [String])] = [
        ("Thanks for the help I will call", ["Thanks for the help", "I will call"]),
        ("it broke after a week. i returned it", ["it broke after a week.", "i returned it"]),
        ("He thanked Rev. The Rock there", ["He thanked Rev. The Rock there"]),
        ("Note: The office is closed", ["Note: The office is closed"]),
        ("He said (The end) twice", ["He said (The end) twice"]),
        ("a. The first item b. The second item", ["a. The first item", "b. The second item"]),
        ("\"Why?\" he asked.", ["\"Why?\" he asked."]),
        ("It was late... and dark", ["It was late... and dark"]),
        ("Meet John Smith today", ["Meet John Smith today"]),
    ]

    @Test(arguments: everywhere)
    func candidates(_ c: (String, [String])) throws {
        let cutAll = try SentenceModel(text: "# threshold: 0\nN bias\t100\nT bias\t100\n")
        #expect(split(c.0, .custom(cutAll)) == c.1)
        #expect(split(c.0, .none).count <= c.1.count)
    }

    @Test func trainingLearnsAPattern() {
        // Boundaries after "here" before "I"; none after "what" before "I".
        var documents: [SentenceModelTrainer.Document] = []
        for verb in ["call", "write", "ring", "visit", "email", "text", "see", "meet"] {
            documents.append(.init(text: "we are done here I will \(verb) you later",
                                   sentences: ["we are done here", "I will \(verb) you later"]))
            documents.append(.init(text: "that is what I \(verb) most days", sentences: ["that is what I \(verb) most days"]))
        }
        var trainer = SentenceModelTrainer()
        trainer.threshold = 0
        trainer.minCount = 1
        let trained = trainer.train(documents, info: ["trained_on": "a test"])
        #expect(trained.text.hasPrefix("# textpipe sentence model: 1\n"))
        #expect(trained.model.info["trained_on"] == "a test")
        #expect(split("so we are done here I will phone you", .custom(trained.model))
            == ["so we are done here", "I will phone you"])
        #expect(split("this is what I phone about", .custom(trained.model)) == ["this is what I phone about"])
        // The text form reads back to the same decisions.
        let reread = try? SentenceModel(text: trained.text)
        #expect(reread?.count == trained.model.count)
    }
}
