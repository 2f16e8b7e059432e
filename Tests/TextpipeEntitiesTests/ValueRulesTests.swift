import Testing
import TextpipeCore
@testable import TextpipeEntities

/// The value rules on hand-tokenized sentences; several cases come in two tokenizations
/// ("$|100" and "$100"), since the rules must not depend on how the tokenizer splits.
struct ValueRulesTests {
    static let cases: [(String, [String])] = [
        ("Clara Weiss wrote on 5 October 2020 .", ["DATE 5 October 2020"]),
        ("The war began on September 27|, when it rained", ["DATE September 27"]),
        ("the war of 1992-1994|.", ["DATE 1992-1994"]),
        ("the war of 1992|-|1994|.", ["DATE 1992-1994"]),
        ("aid worth $|100 million in 2018-2019", ["MONEY $100 million", "DATE 2018-2019"]),
        ("aid worth $100 million in 2018|-|2019", ["MONEY $100 million", "DATE 2018-2019"]),
        ("up from $|3 million the year before", ["MONEY $3 million"]),
        ("a minority of about 14 million people (|10 percent|)", ["CARDINAL about 14 million", "PERCENT 10 percent"]),
        ("an estimated 150,000-300,000 ethnic Armenians", ["CARDINAL 150,000-300,000"]),
        ("an estimated 150,000|-|300,000 ethnic Armenians", ["CARDINAL 150,000-300,000"]),
        ("It closed at 10:30 am GMT on Monday", ["TIME 10:30 am GMT", "DATE Monday"]),
        ("on the fifth anniversary of the 21st congress", ["ORDINAL fifth", "ORDINAL 21st"]),
        ("a 40 km convoy", ["QUANTITY 40 km"]),
        ("It rose 2.5|% and then 3 per cent", ["PERCENT 2.5%", "PERCENT 3 per cent"]),
        ("It rose 2.5%", ["PERCENT 2.5%"]),
        ("first broke out in 1988|.", ["ORDINAL first", "DATE 1988"]),
        ("protests since August", ["DATE August"]),
        ("They may march on", []),
        ("elections in May", ["DATE May"]),
        ("last week and six years ago", ["DATE last week", "DATE six years ago"]),
        ("in the past decades", ["DATE the past decades"]),
        ("BRUSSELS 1996-08-22", ["DATE 1996-08-22"]),
        ("2,000 people and 2000 others", ["CARDINAL 2,000", "CARDINAL 2000"]),
        ("no one came but one of them", ["CARDINAL one"]),
        ("hundreds of thousands of people", ["CARDINAL hundreds of thousands"]),
        ("It costs £|5m", ["MONEY £5m"]),
        ("sales of 3.5 billion euros", ["MONEY 3.5 billion euros"]),
    ]

    @Test(arguments: cases)
    func values(_ marked: String, _ expected: [String]) {
        let document = markedDocument(marked)
        let offsets = TextOffsets(document.text)
        let text = TokenizedText(document: document, offsets: offsets)
        let analysis = DocumentAnalysis(text, resources: FeatureResources())
        var found: [String] = []
        for sentence in text.sentences {
            for e in ValueRules().find(text, analysis.lexemes, sentence: sentence) {
                let span = Span(offsets.scalar(atByte: Int(text.starts[e.first])), offsets.scalar(atByte: Int(text.ends[e.end - 1])))
                found.append("\(e.type) \(offsets.substring(span))")
            }
        }
        #expect(found == expected, "\(document.text)")
    }
}
