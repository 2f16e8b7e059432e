import Testing
@testable import TextpipeClean

/// What reaches `text`: whitespace as rendered, invisible characters gone, entities decoded, NFC.
struct NormalizationTests {
    @Test(arguments: [
        ("spaces   and\n\ttabs", "spaces and tabs"),
        ("no&nbsp;break&#160;space", "no break space"),
        ("soft\u{AD}hyphen", "softhyphen"),
        ("zero\u{200B}width\u{200D}joiner\u{FEFF}", "zerowidthjoiner"),
        ("&amp; &lt;tag&gt; &eacute; &#x263A;", "& <tag> é ☺"),
        ("e\u{301}te\u{301}", "été"),
        ("line<br>break", "line\nbreak"),
        ("Bold <b>and</b> <i>italic</i>.", "Bold and italic."),
        ("ctrl\u{7}char\u{85}s", "ctrlchars"),
    ])
    func htmlText(_ input: String, _ expected: String) throws {
        let html = "<p>\(input) This sentence makes the paragraph long enough to count as prose, with a comma.</p>"
        let text = try HTMLCleaner().clean(Array(html.utf8)).text
        #expect(text.hasPrefix(expected + " This sentence"))
    }

    @Test(arguments: [
        ("  a \u{A0} b\u{2009}c  ", "a b c"),
        ("x\u{AD}y\u{200B}z", "xyz"),
        ("A\u{30A}ngstro\u{308}m", "Ångström"),
    ])
    func plainLine(_ input: String, _ expected: String) {
        #expect(TextNormalizer.normalizeLine(Substring(input)) == expected)
    }

    /// A short paragraph repeated right after itself is a page artefact (a dek or caption shown
    /// twice); a long one is the page's text and stays.
    @Test(arguments: [
        (["Photo: the harbour at dawn", "Photo: the harbour at dawn", "Body"], ["Photo: the harbour at dawn", "Body"]),
        ([String(repeating: "Long paragraph. ", count: 20), String(repeating: "Long paragraph. ", count: 20)],
         [String(repeating: "Long paragraph. ", count: 20), String(repeating: "Long paragraph. ", count: 20)]),
        (["a", "b", "a"], ["a", "b", "a"]),
    ])
    func repeatedParagraphs(_ input: [String], _ expected: [String]) {
        var assembler = ParagraphAssembler()
        for p in input { assembler.add(p) }
        #expect(assembler.finish().0 == expected.joined(separator: "\n\n"))
    }

    @Test func compositionCheckIsCheapAndRight() {
        #expect(!TextNormalizer.mayNeedComposition(Array("Grüße, café".utf8)))
        #expect(TextNormalizer.mayNeedComposition(Array("cafe\u{301}".utf8)))
    }
}
