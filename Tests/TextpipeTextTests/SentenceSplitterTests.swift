import Testing
import TextpipeCore
import TextpipeText

/// Sentences as a reader of news would cut them, written for this project (not taken from any
/// test suite): datelines, headlines, quotes, abbreviations, numbers, web forms.
struct SplitCase: Sendable, CustomTestStringConvertible {
    var language: String
    var text: String
    var sentences: [String]
    var testDescription: String { "[\(language)] \(text.prefix(50))" }

    init(_ language: String, _ text: String, _ sentences: [String]) {
        self.language = language
        self.text = text
        self.sentences = sentences
    }

    init(_ text: String, _ sentences: [String]) {
        self.init("en", text, sentences)
    }
}

func sentenceTexts(_ text: String, language: String = "en", lineBreaks: SentenceSplitter.LineBreaks = .auto,
                   paragraphs: [Span]? = nil) -> [String] {
    let spans = SentenceSplitter(language: language, lineBreaks: lineBreaks).split(text, paragraphs: paragraphs)
    let scalars = Array(text.unicodeScalars)
    return spans.map { s in
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars[s.start..<s.end])
        return String(out)
    }
}

@Suite("Sentence splitter: news English")
struct SentenceSplitterTests {
    static let english: [SplitCase] = [
        SplitCase("WASHINGTON (Reuters) - The U.S. Senate voted on Tuesday to pass the bill. It now goes to the House.",
                  ["WASHINGTON (Reuters) - The U.S. Senate voted on Tuesday to pass the bill.", "It now goes to the House."]),
        SplitCase("Stocks fall as oil slides\n\nShares of Exxon Mobil Corp. fell 3%. Chevron Corp. lost 2%.",
                  ["Stocks fall as oil slides", "Shares of Exxon Mobil Corp. fell 3%.", "Chevron Corp. lost 2%."]),
        SplitCase("“We are pleased,” said Dr. Jane Smith. “The results speak for themselves.”",
                  ["“We are pleased,” said Dr. Jane Smith.", "“The results speak for themselves.”"]),
        SplitCase("Mr. Trump met Mrs. May at 10 a.m. on Friday.", ["Mr. Trump met Mrs. May at 10 a.m. on Friday."]),
        SplitCase("The novel by J. K. Rowling sold well. George W. Bush read it.",
                  ["The novel by J. K. Rowling sold well.", "George W. Bush read it."]),
        SplitCase("Inflation rose 2.5 percent in March. Food prices rose 0.3 percent.",
                  ["Inflation rose 2.5 percent in March.", "Food prices rose 0.3 percent."]),
        SplitCase("The river is 6,650 km long.[17] It flows north.[18][19]",
                  ["The river is 6,650 km long.[17]", "It flows north.[18][19]"]),
        SplitCase("He paused... Then he spoke.", ["He paused...", "Then he spoke."]),
        SplitCase("“Stop!” he shouted. Nobody moved.", ["“Stop!” he shouted.", "Nobody moved."]),
        SplitCase("Read more at www.example.com. Subscribe today.", ["Read more at www.example.com.", "Subscribe today."]),
        SplitCase("Write to tips@example.org. We read everything.", ["Write to tips@example.org.", "We read everything."]),
        SplitCase("The vote was close.Critics said so.", ["The vote was close.", "Critics said so."]),
        SplitCase("He lives in Springfield, Ill., with his wife. She works in St. Louis.",
                  ["He lives in Springfield, Ill., with his wife.", "She works in St. Louis."]),
        SplitCase("The company is based in the U.S. Its rivals are in China.",
                  ["The company is based in the U.S.", "Its rivals are in China."]),
        SplitCase("Apple Inc. Chief Executive Tim Cook said sales rose.", ["Apple Inc. Chief Executive Tim Cook said sales rose."]),
        SplitCase("Key points:\n- Prices rose\n- Wages fell", ["Key points:", "- Prices rose", "- Wages fell"]),
        SplitCase("Sales fell. (The figures are preliminary.) Analysts were surprised.",
                  ["Sales fell.", "(The figures are preliminary.)", "Analysts were surprised."]),
        SplitCase("By 6 p.m. Friday, the storm had passed.", ["By 6 p.m. Friday, the storm had passed."]),
        SplitCase("At 3 p.m. EST the market closed. Traders went home.",
                  ["At 3 p.m. EST the market closed.", "Traders went home."]),
        SplitCase("No. 3 seed Nadal won. He plays on Sunday.", ["No. 3 seed Nadal won.", "He plays on Sunday."]),
        SplitCase("Sept. 11 changed everything.", ["Sept. 11 changed everything."]),
        SplitCase("The U.N. Security Council met. It voted 13-2.", ["The U.N. Security Council met.", "It voted 13-2."]),
        SplitCase("The committee will meet again \nnext week to vote.", ["The committee will meet again \nnext week to vote."]),
        SplitCase("Gov. Gavin Newsom, D-Calif., signed the bill. It takes effect Jan. 1.",
                  ["Gov. Gavin Newsom, D-Calif., signed the bill.", "It takes effect Jan. 1."]),
        SplitCase("She earned her Ph.D. in 2010. Then she moved to Berlin.",
                  ["She earned her Ph.D. in 2010.", "Then she moved to Berlin."]),
        SplitCase("The shares closed at $12.50. Volume was light.", ["The shares closed at $12.50.", "Volume was light."]),
        SplitCase("He said the plan [...] would fail.", ["He said the plan [...] would fail."]),
        SplitCase("Home • World • Business", ["Home", "• World", "• Business"]),
        SplitCase("“Is this the end?” she asked. “No.”", ["“Is this the end?” she asked.", "“No.”"]),
        SplitCase("Tickets cost $20 (about €18). Doors open at 7 p.m. The show starts at 8.",
                  ["Tickets cost $20 (about €18).", "Doors open at 7 p.m.", "The show starts at 8."]),
        SplitCase("Its shares (0700.HK) rose 2%. Rivals fell.", ["Its shares (0700.HK) rose 2%.", "Rivals fell."]),
        SplitCase("The report is at report-2019.pdf on the site. Read it.",
                  ["The report is at report-2019.pdf on the site.", "Read it."]),
        SplitCase("BREAKING NEWS\nThe president has resigned.", ["BREAKING NEWS", "The president has resigned."]),
        SplitCase("Follow @nytimes and #election2020 for updates. Polls close soon.",
                  ["Follow @nytimes and #election2020 for updates.", "Polls close soon."]),
        SplitCase("", []),
        SplitCase("   \n\n  ", []),
        SplitCase("No final mark here", ["No final mark here"]),
    ]

    @Test(arguments: english)
    func splits(_ c: SplitCase) {
        #expect(sentenceTexts(c.text, language: c.language) == c.sentences)
    }

    @Test("a line break is a space in join mode, a boundary in split mode")
    func lineBreakModes() {
        let text = "This line was cut\nin the middle. Next."
        #expect(sentenceTexts(text, lineBreaks: .join) == ["This line was cut\nin the middle.", "Next."])
        #expect(sentenceTexts(text, lineBreaks: .split) == ["This line was cut", "in the middle.", "Next."])
        #expect(sentenceTexts("First block\n\nsecond block", lineBreaks: .join) == ["First block", "second block"])
    }

    @Test("sentences stay inside the given paragraphs and are trimmed")
    func paragraphsBoundSentences() {
        // Paragraph spans that cut a sentence: the splitter must not join across them.
        let text = "One sentence goes on and on and ends here."
        let spans = SentenceSplitter().split(text, paragraphs: [Span(0, 17), Span(17, 42)])
        #expect(spans == [Span(0, 17), Span(18, 42)])
        let padded = "  Hello there.   Bye now.  "
        #expect(sentenceTexts(padded) == ["Hello there.", "Bye now."])
    }

    @Test("offsets count code points, not bytes or grapheme clusters")
    func codePointOffsets() {
        let text = "Café 🇩🇪 opened. Ünal said so."
        let spans = SentenceSplitter().split(text)
        #expect(spans.count == 2)
        let scalars = Array(text.unicodeScalars)
        #expect(spans[1].end == scalars.count)
        #expect(String(String.UnicodeScalarView(scalars[spans[1].start..<spans[1].end])) == "Ünal said so.")
    }

    @Test("derived paragraphs are the blocks between blank lines")
    func derivedParagraphs() {
        let text = "Title\n\n  First para.\nline two\n \n\nLast"
        let paragraphs = SentenceSplitter.paragraphs(in: text)
        let scalars = Array(text.unicodeScalars)
        let texts = paragraphs.map { String(String.UnicodeScalarView(scalars[$0.start..<$0.end])) }
        #expect(texts == ["Title", "First para.\nline two", "Last"])
    }
}
