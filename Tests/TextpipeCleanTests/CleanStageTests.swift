import Foundation
import Testing
import TextpipeCore
@testable import TextpipeClean

/// The stage's contract with the rest of the pipeline.
struct CleanStageTests {
    static func stage(_ values: [String: OptionValue] = [:]) throws -> CleanStage {
        try CleanStage(options: StageOptions(stageName: "clean", values: values), context: LoadContext(baseDirectory: URL(fileURLWithPath: "/")))
    }

    @Test func contentBecomesTextAndIsDropped() throws {
        var d = Document(id: "1", source: "https://example.org/2024/06/12/story")
        d.content = Content(bytes: Array("<title>Story</title><p>Grüße aus Köln, wo es heute regnet und der Rhein hoch steht.</p>".utf8), format: .html)
        try Self.stage().process(&d, context: StageContext())
        #expect(d.content == nil)
        #expect(d.text == "Grüße aus Köln, wo es heute regnet und der Rhein hoch steht.")
        #expect(d.paragraphs == [Span(0, d.text.unicodeScalars.count)])
        #expect(d.meta.published == "2024-06-12")
        #expect(d.duplicate?.simhash.count == 16)
    }

    @Test func alreadyCleanTextPasses() throws {
        var d = Document(id: "1", source: "x")
        d.text = "Already clean."
        try Self.stage().process(&d, context: StageContext())
        #expect(d.text == "Already clean.")
    }

    @Test(arguments: [
        ("<html><body></body></html>", FailureKind.empty),
        ("\u{0}\u{1}\u{2}\u{3}\u{4}\u{5}binary\u{6}\u{7}\u{8}", FailureKind.parse),
    ])
    func failures(_ html: String, _ kind: FailureKind) throws {
        var d = Document(id: "1", source: "x")
        d.content = Content(bytes: Array(html.utf8), format: .html)
        #expect { try Self.stage().process(&d, context: StageContext()) } throws: { ($0 as? DocumentFailure)?.kind == kind }
    }

    @Test func limitsAreRespected() throws {
        var limits = Limits()
        limits.maxTextChars = 20
        var d = Document(id: "1", source: "x")
        d.content = Content(bytes: Array("<p>This paragraph is longer than twenty characters, clearly.</p>".utf8), format: .html)
        #expect { try Self.stage().process(&d, context: StageContext(limits: limits)) } throws: { ($0 as? DocumentFailure)?.kind == .limit }
        limits = Limits()
        limits.maxDOMDepth = 10
        d.content = Content(bytes: Array((String(repeating: "<div>", count: 50) + "deep text here").utf8), format: .html)
        #expect { try Self.stage().process(&d, context: StageContext(limits: limits)) } throws: { ($0 as? DocumentFailure)?.kind == .limit }
    }

    @Test func markdownContent() throws {
        var d = Document(id: "1", source: "a.md")
        d.content = Content(bytes: Array("# Title of the note here\n\nSome **bold** text with a [link](https://x.org), and more words to read.\n".utf8), format: .markdown)
        try Self.stage().process(&d, context: StageContext())
        #expect(d.text == "Some bold text with a link, and more words to read.")
        #expect(d.meta.title == "Title of the note here")
    }

    @Test(arguments: [
        ("The council voted on Tuesday to approve the budget after a long debate about buses and roads in the city.", "en"),
        ("Der Stadtrat hat am Dienstag den Haushalt beschlossen, nachdem die Debatte drei Monate gedauert hatte.", "de"),
        ("Le conseil municipal a voté mardi le budget après un long débat sur les bus et les routes de la ville.", "fr"),
        ("El consejo aprobó el martes el presupuesto después de un largo debate sobre los autobuses de la ciudad.", "es"),
        ("Городской совет во вторник утвердил бюджет после долгих споров об автобусах и дорогах города.", "ru"),
        ("Rada miasta przyjęła we wtorek budżet po długiej debacie o autobusach i drogach w mieście.", "pl"),
        ("東京都は火曜日に予算を承認しました。バスと道路についての議論が続きました。", "ja"),
        ("Το δημοτικό συμβούλιο ενέκρινε την Τρίτη τον προϋπολογισμό μετά από μακρά συζήτηση.", "el"),
    ])
    func language(_ text: String, _ code: String) {
        #expect(LanguageDetector.shared.detect(text) == code)
    }
}
