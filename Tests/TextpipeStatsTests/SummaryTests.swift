import Foundation
import Testing
import TextpipeCore
@testable import TextpipeStats

/// Derived figures: distributions, tf·idf, collocation scores, rankings, and that a summary
/// is a function of the partial alone.
struct SummaryTests {
    static let stage = StatsStage(settings: TestDocuments.settings())
    static let total = fold(TestDocuments.contributions(stage))
    static let summary = StatsSummary(total)

    @Test(arguments: [
        ([3: 1, 5: 1, 10: 2] as Histogram, 4, 7.0, 5, 10),
        ([1: 9, 100: 1], 10, 10.9, 1, 1),
        ([7: 1], 1, 7.0, 7, 7),
    ])
    func distributions(h: Histogram, count: Int, mean: Double, median: Int, p90: Int) {
        let d = StatsSummary.distribution(h)
        #expect(d.count == count && d.mean == mean && d.median == median && d.p90 == p90)
        #expect(d.bins.reduce(0) { $0 + $1.count } == count, "every observation falls in a bin")
        #expect(d.bins.first?.from == 0)
    }

    @Test(arguments: [(0.3, 1), (1, 1), (1.5, 2), (3, 5), (7, 10), (11, 20), (40, 50), (51, 100), (499, 500)])
    func binWidthsAreRound(x: Double, width: Int) {
        #expect(StatsSummary.niceWidth(x) == width)
    }

    @Test func totalsAndVocabulary() {
        let s = Self.summary
        #expect(s.totals.documents == 8 && s.totals.failed == 2 && s.totals.dropped == 1 && s.totals.duplicates == 1)
        let en = s.vocabulary.byLanguage.first { $0.language == "en" }!
        #expect(en.types == Self.total.terms["en"]!.count)
        #expect(en.hapaxLegomena == Self.total.terms["en"]!.values.filter { $0.count == 1 }.count)
        #expect(en.typesWithoutStopwords! < en.types)
        #expect(s.vocabulary.typeTokenRatio == rounded(Double(s.vocabulary.types) / Double(s.vocabulary.tokens)))
    }

    @Test func topTermsLeaveOutStopwordsAndRankByCountThenName() {
        let s = Self.summary
        #expect(s.topTerms.prefix(2).map(\.term) == ["city", "council"])  // 5 each, tie broken by name
        #expect(!s.topTerms.contains { $0.term == "the" })
        #expect(s.topTermsWithStopwords.first?.term == "the")
        let council = s.topTerms.first { $0.term == "council" }!
        // 6 English documents, "council" in 3 of them (the duplicate included): idf = ln(7/4) + 1.
        let idf = log(7.0 / 4.0) + 1
        #expect(council.documents == 3 && council.idf == rounded(idf) && council.tfidf == rounded(5 * idf))
        #expect(s.topTfidf == s.topTfidf.sorted { $0.tfidf != $1.tfidf ? $0.tfidf > $1.tfidf : $0.term + "\t" + $0.language < $1.term + "\t" + $1.language })
    }

    @Test func collocationScores() {
        let cc = Self.summary.bigrams.first { $0.ngram == "city council" }!
        #expect(cc.count == 5)
        // PMI from the partial's own counts.
        let p = Self.total
        let n1 = Double(p.languageTokens["en"]!), n2 = Double(p.bigramPositions["en"]!)
        let expected = log2((5 / n2) / ((5 / n1) * (5 / n1)))
        #expect(cc.pmi == rounded(expected))
        #expect((cc.llr ?? 0) > 0)
        #expect(Self.summary.bigrams.allSatisfy { $0.count >= 2 }, "min_count is 2 in these settings")
    }

    @Test(arguments: [
        // k11, c(a), c(b), N -> G² (independent words score 0; a perfect pair scores high)
        (10.0, 100.0, 100.0, 1000.0, 0.0),
        (10.0, 10.0, 10.0, 1000.0, 112.0),
    ])
    func logLikelihood(k11: Double, ca: Double, cb: Double, n: Double, approximately g2: Double) {
        #expect(abs(NgramScorer.logLikelihood(k11, ca, cb, n) - g2) < 1)
    }

    @Test func entitiesCoOccurrenceGroupsAndErrors() {
        let s = Self.summary
        #expect(s.entities.first?.type == "LOC")
        #expect(s.entities.first { $0.type == "PERSON" }?.top.first?.name == "Rebecca Lindqvist")
        let pairs = s.cooccurrence.map { "\($0.a)+\($0.b):\($0.sentences)" }
        #expect(pairs.first == "Antwerp+Rotterdam:2")
        #expect(pairs.contains("Berlin+Olaf Brandt:1") && pairs.contains("Köln+Katharina Weißgerber:1"))
        #expect(!pairs.contains { $0.contains("Tuesday") || $0.contains("three") }, "values are not paired")
        #expect(s.cooccurrence.count == 10)
        #expect(s.days.map(\.name) == s.days.map(\.name).sorted())
        #expect(s.sites.first?.name == "Daily Ledger")
        #expect(s.errors.map(\.kind) == ["too short", "charset", "not_found"])
    }

    @Test func sampledDocumentsGetTheirTfidfTerms() {
        for d in Self.summary.documents {
            #expect(!d.topTerms.isEmpty && d.topTerms.count <= TestDocuments.settings().documentTerms)
            #expect(d.topTerms.allSatisfy { !Stopwords().contains($0.term, language: d.language) })
        }
    }

    @Test func summaryDependsOnlyOnThePartial() throws {
        let again = StatsSummary(try JSONDecoder().decode(StatsPartial.self, from: JSONEncoder.sorted.encode(Self.total)))
        #expect(again == Self.summary)
        #expect(try StatsFiles.statsJSON(Self.total) == StatsFiles.statsJSON(Self.total))
    }
}
