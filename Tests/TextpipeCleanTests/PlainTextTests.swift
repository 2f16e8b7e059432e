import Foundation
import Testing
@testable import TextpipeClean

/// The `.txt` and `.md` path: inline Markdown, metadata from the head, footers, broken paragraphs.
struct PlainTextTests {
    @Test(arguments: [
        ("costs \\$100 million", "costs $100 million"),
        ("found [here](#).", "found here."),
        ("see [the report](https://example.org/r \"title\") now", "see the report now"),
        ("![a chart](chart.png)Numbers", "Numbers"),
        ("the *Nezavisimaya Gazeta* said", "the Nezavisimaya Gazeta said"),
        ("**1,214,560 birds** counted", "1,214,560 birds counted"),
        ("_emphasis_ but snake_case_name stays", "emphasis but snake_case_name stays"),
        ("5 * 3 = 15", "5 * 3 = 15"),
        ("run `make test` first", "run make test first"),
        ("a <span>tag</span> here", "a tag here"),
        ("x < y and y > z", "x < y and y > z"),
    ])
    func inlineMarkdown(_ input: String, _ expected: String) {
        #expect(MarkdownInline.strip(input) == expected)
    }

    static let article = """


        Dockworkers vote to strike over automation plans

        Martin Kessling

        14 March 2025

        Dockworkers in three ports have voted by large majorities to strike later this month against plans to automate \
        container handling, reported by the daily *De Havenkrant*.

        The unions involved have called a 48-hour stoppage, which would cost the operators an estimated \\$120 million in lost \
        handling fees, according to hundreds of

        thousands of pages of filings. Workers in Antwerp said the plans were announced without any consultation,

        insisting that talks be reopened.

        More information can be found [here](#).



        To contact the Workers' Bulletin visit:

        [wb.example/contact](https://wb.example/contact)
        """

    @Test func textArticle() throws {
        let page = try PlainTextCleaner(markdown: false).clean(Array(Self.article.utf8), declaredCharset: nil)
        #expect(page.meta.title == "Dockworkers vote to strike over automation plans")
        #expect(page.meta.author == "Martin Kessling")
        #expect(page.meta.published == "2025-03-14")
        #expect(page.meta.language == "en")
        let paragraphs = page.text.components(separatedBy: "\n\n")
        #expect(paragraphs.count == 3)  // the middle one was broken twice and is whole again
        #expect(paragraphs[0].hasPrefix("Dockworkers in three ports"))
        #expect(page.text.contains("the daily De Havenkrant."))
        #expect(page.text.contains("$120 million"))
        #expect(page.text.contains("hundreds of thousands of pages"))
        #expect(page.text.contains("consultation, insisting"))
        #expect(page.text.hasSuffix("More information can be found here."))
        #expect(!page.text.contains("contact"))
        #expect(page.paragraphs.count == 3)
    }

    @Test func markdownWithFrontMatter() throws {
        let md = """
            ---
            title: "Volunteers count 1.2 million birds"
            author: "Amara Nwosu"
            date: 2024-06-02
            site: "The Riverside Naturalist"
            tags: [birds, census]
            ---

            # Volunteers count 1.2 million birds

            *By Amara Nwosu · 2 June 2024*

            More than 2,300 volunteers counted **1,214,560 birds** in one weekend.

            ## How to take part

            - Sign up at [riverton-birds.example](https://riverton-birds.example/join).
            - Beginners are paired with a volunteer.

            ---

            *The Naturalist is written and edited by volunteers.*
            """
        let page = try PlainTextCleaner(markdown: true).clean(Array(md.utf8), declaredCharset: nil)
        #expect(page.meta.title == "Volunteers count 1.2 million birds")
        #expect(page.meta.sources["title"] == "front-matter")
        #expect(page.meta.site == "The Riverside Naturalist")
        #expect(page.meta.published == "2024-06-02")
        #expect(page.text == """
            More than 2,300 volunteers counted 1,214,560 birds in one weekend.

            How to take part

            Sign up at riverton-birds.example.

            Beginners are paired with a volunteer.
            """)
    }

    /// The seed article of the project, when the shared data is there.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: PlainTextTests.seed), "needs /work/shared/seeds (shared data absent)"))
    func seedArticle() throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Self.seed)))
        let page = try PlainTextCleaner(markdown: false).clean(bytes, declaredCharset: nil)
        #expect(page.meta.author == "Clara Weiss")
        #expect(page.meta.published == "2020-10-05")
        for s in ["hundreds of thousands.", "openly taking sides, insisting", "presence of Islamist fighters", "$100 million"] {
            #expect(page.text.contains(s))
        }
        for s in ["\\$", "*", "](", "wsws.org/contact", "To contact"] { #expect(!page.text.contains(s)) }
    }

    static let seed = "/work/shared/seeds/000_1616c7d502a30445.txt"
}
