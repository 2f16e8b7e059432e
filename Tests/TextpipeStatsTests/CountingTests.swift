import Foundation
import Testing
import TextpipeCore
@testable import TextpipeStats

/// What one document contributes: counts, case folding, stop words and n-grams, sentences,
/// entities and co-occurrence, groups.
struct CountingTests {
    let stage = StatsStage(settings: TestDocuments.settings())

    @Test func countsWordsSentencesAndCharacters() {
        let doc = TestDocuments.make("a", "Ferries cost £2. The council, again, said no!", language: "en")
        let p = stage.contribution(of: doc)
        #expect(p.documents == 1)
        #expect(p.characters == 45)
        #expect(p.words == 8)            // "2" is a word for counting (a number), punctuation is not
        #expect(p.vocabularyTokens == 7) // but not a vocabulary term
        #expect(p.sentences == 2)
        #expect(p.wordsPerSentence == [3: 1, 5: 1])
        #expect(p.wordsPerDocument == [8: 1])
        #expect(p.terms["en"]?["ferries"] == Occurrences(count: 1, documents: 1))
        #expect(p.terms["en"]?["the"] == Occurrences(count: 1, documents: 1))
        #expect(p.terms["en"]?["2"] == nil)
    }

    @Test(arguments: [
        ("Berlin BERLIN berlin", "berlin", 3),
        ("Köln KÖLN köln", "köln", 3),
        ("ÉTÉ été", "été", 2),
        ("ВОЛГА Волга волга", "волга", 3),
        ("don’t don't", "don't", 2),
        ("ŁÓDŹ Łódź", "łódź", 2),
        ("ΑΘΗΝΑ Αθηνα", "αθηνα", 2),
    ])
    func foldsCase(text: String, term: String, count: Int) {
        let p = stage.contribution(of: TestDocuments.make("x", text))
        #expect(p.terms["en"]?[term]?.count == count, "\(p.terms)")
        #expect(p.terms["en"]?.count == 1)
    }

    @Test(arguments: [
        // text, language, bigrams expected, bigrams not expected
        ("The city council met. The city council voted.", "en", ["city council"], ["the city", "council the", "met the"]),
        ("Bank of England rates. Bank of England said.", "en", ["bank of"], []),
        ("Die Stadt Köln baut. Die Stadt Köln plant.", "de", ["stadt köln"], ["die stadt"]),
    ])
    func countsNgramsWithinSentencesWithoutStopwordsAtTheEnds(text: String, language: String, present: [String], absent: [String]) {
        var s = TestDocuments.settings()
        s.stopwords = ["en": ["of"]]
        let p = StatsStage(settings: s).contribution(of: TestDocuments.make("x", text, language: language))
        let bigrams = p.bigrams[language] ?? [:]
        for b in present where b != "bank of" { #expect(bigrams[b] == 2, "\(b) in \(bigrams)") }
        for b in absent { #expect(bigrams[b] == nil, "\(b) should not be counted") }
        if present.contains("bank of") {
            #expect(bigrams["bank of"] == nil)  // ends with a stop word
            #expect(p.trigrams[language]?["bank of england"] == 2)  // a stop word inside is fine
        }
    }

    @Test func ngramPositionsCountEverythingButStopAtSentencesAndPunctuation() {
        let p = stage.contribution(of: TestDocuments.make("x", "Tidal power grows, slowly. Harbours agree."))
        // Sentence 1: tidal power grows | slowly (the comma breaks the chain) -> 2 bigram positions, 1 trigram
        // Sentence 2: harbours agree -> 1 bigram position
        #expect(p.bigramPositions["en"] == 3)
        #expect(p.trigramPositions["en"] == 1)
        #expect(p.bigrams["en"]?["power grows"] == 1)
        #expect(p.bigrams["en"]?["grows slowly"] == nil)
        #expect(p.bigrams["en"]?["slowly harbours"] == nil)
    }

    @Test func entitiesByCanonicalNameAndCoOccurrenceWithinSentences() {
        let doc = TestDocuments.corpus[4]  // Köln (twice as KÖLN/Köln), Katharina Weißgerber
        let p = stage.contribution(of: doc)
        #expect(p.entities["LOC"]?["Köln"] == Occurrences(count: 3, documents: 1))
        #expect(p.entities["PERSON"]?["Katharina Weißgerber"] == Occurrences(count: 1, documents: 1))
        #expect(p.entityTypeDocuments == ["LOC": 1, "PERSON": 1])
        #expect(p.cooccurrence == ["LOC:Köln": ["PERSON:Katharina Weißgerber": 1]])
    }

    @Test func valueEntitiesStayOutOfCoOccurrence() {
        let p = stage.contribution(of: TestDocuments.corpus[6])  // Rotterdam, Antwerp twice; "three" CARDINAL
        #expect(p.cooccurrence == ["LOC:Antwerp": ["LOC:Rotterdam": 2]])
        #expect(p.entities["CARDINAL"]?["three"]?.count == 1)
    }

    @Test(arguments: [
        (0, "Daily Ledger", "2024-06-12", "en"),
        (2, "Harbour Post", "2024-11-18", "en"),      // en-GB counts as en
        (6, "unknown", "2025-03-14", "en"),           // a file path has no host
        (5, "Волжский вестник", "2024-07-05", "ru"),
    ])
    func groupsBySiteDayAndLanguage(index: Int, site: String, day: String, language: String) {
        let p = stage.contribution(of: TestDocuments.corpus[index])
        #expect(p.sites.keys.sorted() == [site])
        #expect(p.days.keys.sorted() == [day])
        #expect(p.languages.keys.sorted() == [language])
        #expect(p.sites[site]?.words == p.words)
    }

    @Test(arguments: [
        ("https://www.example.org/a/b", "example.org"), ("http://News.Example.COM:8080/x", "news.example.com"),
        ("/tmp/file.html", nil), ("file:///tmp/a.html", nil),
    ] as [(String, String?)])
    func hostsOfSources(source: String, host: String?) {
        #expect(DocumentCounter.host(of: source) == host)
    }

    @Test(arguments: [("2024-06-12", "2024-06-12"), ("2024-06-12T08:30:00+02:00", "2024-06-12"), ("June 2024", "unknown"), ("", "unknown")])
    func publicationDays(published: String, day: String) {
        #expect(DocumentCounter.day(published) == day)
    }

    @Test func failuresAndDropsAreCountedByStageKindAndReason() {
        let total = fold(TestDocuments.failures.map(stage.contribution(ofFailure:)))
        #expect(total.errors == ["clean": ["charset": 1], "fetch": ["not_found": 1]])
        #expect(total.dropped == ["too short": 1])
        #expect(total.documents == 0)
        #expect(total.failed == 2 && total.droppedCount == 1)
    }

    @Test func duplicatesAndUntokenizedDocuments() {
        let total = fold(TestDocuments.corpus.map(stage.contribution(of:)))
        #expect(total.duplicates == 1)
        var bare = Document(id: "b", source: "b")
        bare.text = "Text that no stage tokenized."
        let p = stage.contribution(of: bare)
        #expect(p.untokenized == 1 && p.words == 0 && p.wordsPerDocument.isEmpty && p.characters == 29)
    }

    @Test func sampleKeepsTheDocumentsWithTheSmallestKeysAndCutsText() {
        var s = TestDocuments.settings()
        s.reportDocuments = 3
        s.sampleChars = 40
        let st = StatsStage(settings: s)
        let total = fold(TestDocuments.corpus.map(st.contribution(of:)))
        let expected = TestDocuments.corpus.map { DocumentSample.key(for: $0.id) }.sorted().prefix(3)
        #expect(total.sample.documents.map(\.key) == Array(expected))
        for d in total.sample.documents {
            #expect(d.text.unicodeScalars.count <= 40)
            #expect(d.entities.allSatisfy { $0.end <= 40 })
        }
    }
}
