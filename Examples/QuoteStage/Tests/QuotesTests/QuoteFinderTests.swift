import Testing
@testable import Quotes

/// Quotations and speakers in the sentence shapes news writing uses.
struct QuoteFinderTests {
    /// (text, per quote: quoted text, speaker or nil, how it was found)
    static let cases: [(String, [(String, String?, String?)])] = [
        ("“We can do this once more,” Tanabe said. “We cannot make it a habit.”",
         [("We can do this once more,", "Tanabe", "after"), ("We cannot make it a habit.", "Tanabe", "continuation")]),
        ("\"This is not the budget I sent them,\" Okafor told reporters.", [("This is not the budget I sent them,", "Okafor", "after")]),
        ("“Two years used to be a rounding error,” said Dr. Matthias Kessler, who leads it.",
         [("Two years used to be a rounding error,", "Matthias Kessler", "after")]),
        ("“We have 400 engineers out,” said the network’s regional director, Adebayo Fashola.",
         [("We have 400 engineers out,", "Adebayo Fashola", "after")]),
        ("“The ice is going,” said Ana Ruiz.\n\n“The direction is not in doubt,” she said.",
         [("The ice is going,", "Ana Ruiz", "after"), ("The direction is not in doubt,", "Ana Ruiz", "pronoun")]),
        ("Mayor Grace Okafor said: “We will sign it on Friday.”", [("We will sign it on Friday.", "Grace Okafor", "before")]),
        ("Der Minister sagte: „Wir bauen zwölftausend Wohnungen.“", [("Wir bauen zwölftausend Wohnungen.", nil, nil)]),
        ("Le maire : « Nous avons battu le record. »", [(" Nous avons battu le record. ", nil, nil)]),
        ("Costs will stay “painfully high” this year.", [("painfully high", nil, nil)]),
        ("An unclosed “quote\n\nin another paragraph.”", []),
        ("“First,” he said.", [("First,", nil, nil)]),
    ]

    @Test(arguments: cases)
    func findsQuotesAndSpeakers(text: String, expected: [(String, String?, String?)]) {
        let quotes = QuoteFinder().quotes(in: text)
        #expect(quotes.map(\.text) == expected.map(\.0))
        #expect(quotes.map(\.speaker) == expected.map(\.1))
        #expect(quotes.map(\.via) == expected.map(\.2))
        // Spans are code points: the quoted text is text[start:end], and so is the speaker.
        let scalars = Array(text.unicodeScalars)
        for q in quotes {
            #expect(String(String.UnicodeScalarView(scalars[q.start..<q.end])) == q.text)
            if let s = q.speakerStart, let e = q.speakerEnd, q.via == "after" || q.via == "before" {
                #expect(String(String.UnicodeScalarView(scalars[s..<e])) == q.speaker)
            }
        }
    }
}
