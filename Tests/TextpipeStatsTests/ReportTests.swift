import Foundation
import Testing
import TextpipeCore
@testable import TextpipeStats

/// The report's structure: self-contained, every section and chart present, text escaped,
/// entities marked with their types, and empty data shown as such rather than as broken charts.
struct ReportTests {
    static let stage = StatsStage(settings: TestDocuments.settings())
    static let total = fold(TestDocuments.contributions(stage))
    static let html = ReportPage(partial: total).html()

    @Test func isSelfContained() {
        let h = Self.html.lowercased()
        for forbidden in ["<script", "<link", "<img", "<iframe", "src=", "@import", "url(", "@font-face"] {
            #expect(!h.contains(forbidden), "report contains \(forbidden)")
        }
        // Links only within the page; "http" only as the SVG namespace or in sources shown as text.
        #expect(!h.contains("href=\"http"))
        #expect(h.hasPrefix("<!doctype html>"))
        #expect(h.contains("<meta charset=\"utf-8\">"))
        #expect(h.contains("@media print"))
    }

    @Test(arguments: ["time", "lengths", "terms", "ngrams", "entities", "cooccurrence", "sources", "errors", "documents"])
    func hasSection(id: String) {
        #expect(Self.html.contains("<section id=\"\(id)\">"))
    }

    @Test(arguments: ["chart-days", "chart-doc-lengths", "chart-sentence-lengths", "chart-top-terms", "chart-tfidf",
                      "chart-bigrams", "chart-entities-person", "chart-entities-loc", "chart-cooccurrence", "chart-sources",
                      "chart-languages"])
    func chartsHaveSizeAndMarks(id: String) throws {
        guard let start = Self.html.range(of: "<svg class=\"chart\" id=\"\(id)\"") else {
            Issue.record("no chart \(id)")
            return
        }
        let svg = Self.html[start.lowerBound..<Self.html.range(of: "</svg>", range: start.upperBound..<Self.html.endIndex)!.upperBound]
        #expect(svg.contains("viewBox=\"0 0 "))
        #expect(!svg.contains("width=\"0\"") && !svg.contains("height=\"0\""))
        #expect(svg.contains("<rect class=\"bar\"") || svg.contains("<rect class=\"cell\""))
    }

    @Test func topTermsChartShowsTheTopTermsInOrder() {
        let chart = Self.html.components(separatedBy: "id=\"chart-top-terms\"")[1].components(separatedBy: "</svg>")[0]
        let labels = chart.components(separatedBy: "<text class=\"label\"").dropFirst().map {
            $0.drop { $0 != ">" }.dropFirst().prefix { $0 != "<" }
        }
        #expect(labels.prefix(3).map(String.init) == StatsSummary(Self.total).topTerms.prefix(3).map(\.term))
        #expect(labels.count == min(25, StatsSummary(Self.total).topTerms.count))
    }

    @Test func marksEntitiesInTheSampledDocuments() {
        for d in Self.total.sample.documents {
            for e in d.entities {
                #expect(Self.html.contains("data-type=\"\(e.type)\""))
            }
        }
        #expect(Self.html.contains("<mark class=\"ent\""))
    }

    @Test func escapesTextFromDocuments() {
        var doc = TestDocuments.make("https://evil.example/x", "A <script>alert('x')</script> & \"quotes\" here.", title: "<b>Title</b>",
                                     entities: [.init("quotes", "MISC")])
        doc.meta.site = "Site <i>"
        var s = TestDocuments.settings()
        s.reportDocuments = 1
        let html = ReportPage(partial: StatsStage(settings: s).contribution(of: doc)).html()
        #expect(!html.contains("<script>") && !html.contains("<b>Title") && !html.contains("Site <i>"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;"))
    }

    @Test func emptyStatisticsStillMakeAPage() {
        var p = StatsPartial()
        p.settings = StatsSettings()
        let html = ReportPage(partial: p).html()
        #expect(html.contains("No data for documents per month") || html.contains("No data for documents per day"))
        #expect(html.contains("No entities"))
        #expect(html.hasSuffix("</html>\n"))
    }

    @Test(arguments: [
        // first day, last day -> unit, number of periods
        ("2024-06-01", "2024-06-30", "day", 30), ("2024-01-01", "2024-05-01", "week", 18), ("2023-11-15", "2025-02-01", "month", 16),
    ])
    func timelinePicksAUnit(first: String, last: String, unit: String, periods: Int) {
        let t = Timeline.periods([(first, 2), (last, 3)])
        #expect(t.unit == unit && t.items.count == periods)
        #expect(t.items.reduce(0) { $0 + $1.count } == 5)
    }

    @Test(arguments: ["1970-01-01", "2000-02-29", "2024-12-31", "1999-03-01"])
    func civilDatesRoundTrip(day: String) {
        #expect(Timeline.civil(Timeline.dayNumber(day)!).label(day: true) == day)
    }
}
