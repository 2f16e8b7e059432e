import Foundation
import Testing
import TextpipeCore
@testable import TextpipeEntities

/// Entities point into the text by code points, whatever the script; aliases and places get
/// canonical forms.
struct OffsetsAndCanonicalTests {
    @Test(arguments: [
        "Zoë Ångström met Vladimir Putin in Zürich on 5 October 2020 — and paid €|5 million .",
        "Ölçek 🙂 grew 10 percent in Москва while Angela Merkel watched from Berlin .",
        "“ Nagorno-Karabakh ” is claimed by Armenia and Azerbaijan since 1988 .",
    ])
    func offsetsAreCodePoints(_ marked: String) throws {
        guard let tagger = bundledTagger() else { Issue.record("the shipped model is missing"); return }
        var document = markedDocument(marked)
        try EntitiesStage(tagger: tagger).process(&document, context: StageContext())
        #expect(!document.entities.isEmpty)
        for e in document.entities {
            #expect(slice(document.text, e.start, e.end) == e.text)
        }
    }

    @Test func namesAndValuesInOneSentence() throws {
        guard let tagger = bundledTagger() else { Issue.record("the shipped model is missing"); return }
        var document = markedDocument("Zoë Ångström met Vladimir Putin in Zürich on 5 October 2020 .")
        try EntitiesStage(tagger: tagger).process(&document, context: StageContext())
        let found = Set(document.entities.map { "\($0.type) \($0.text)" })
        #expect(found.contains("PERSON Vladimir Putin"))
        #expect(found.contains("LOC Zürich"))
        #expect(found.contains("DATE 5 October 2020"))
    }

    @Test func aliasesAndGeoNames() throws {
        guard let tagger = bundledTagger() else { Issue.record("the shipped model is missing"); return }
        var document = markedDocument(
            "Azerbaijan 's president , Ilham Aliyev , spoke in Baku .\nAliyev said Armenia must withdraw .\nThe talks were held in Kiev .")
        try EntitiesStage(tagger: tagger).process(&document, context: StageContext())
        let byText = Dictionary(document.entities.map { ($0.text, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(byText["Aliyev"]?.canonical == "Ilham Aliyev")
        #expect(byText["Baku"]?.kb == "geonames:587084")
        #expect(byText["Kiev"]?.canonical == "Kyiv")
        #expect(byText["Armenia"]?.kb == "geonames:174982")
    }

    @Test func tokenizedTextFromDocument() {
        let document = markedDocument("Ça va ?\nÉté à Paris|.")
        let offsets = TextOffsets(document.text)
        let text = TokenizedText(document: document, offsets: offsets)
        #expect(text.sentences == [0..<3, 3..<7])
        #expect((0..<text.count).map(text.token) == ["Ça", "va", "?", "Été", "à", "Paris", "."])
    }
}
