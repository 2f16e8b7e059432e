import Foundation
import Testing
import TextpipeCore
@testable import TextpipeClean

/// Fingerprints, the shared index, and the stage's duplicate modes.
struct SimHashTests {
    static let text = "The council voted on Tuesday to approve the budget, ending a debate that had run for three months and divided the chamber along unusual lines. Supporters said the plan protects bus routes that thousands of residents depend on, while critics argued it delays repairs to roads and bridges across the city."

    static let long = text + " The mayor, who had threatened a veto, said she would sign the budget after the council agreed to review transit spending again in the autumn. Opposition members said they would hold her to that promise and that the review must include the bridge programme, which has been delayed twice. A final vote on the capital plan is expected next month, after the public hearings that start on Monday at the city hall."

    @Test func nearCopiesAreClose() {
        let a = SimHash.fingerprint(Self.long)
        let b = SimHash.fingerprint(Self.long.replacingOccurrences(of: "Tuesday", with: "Wednesday"))
        let c = SimHash.fingerprint("A completely different story about football, weather in the mountains and the price of coffee beans this year.")
        #expect(SimHash.fingerprint(Self.long) == a)
        #expect(SimHash.distance(a, b) <= 8)
        #expect(SimHash.distance(a, c) > 12)
        #expect(SimHash.hex(a).count == 16)
    }

    @Test func caseAndPunctuationDoNotMatter() {
        #expect(SimHash.fingerprint("Hello, World! How are you today") == SimHash.fingerprint("hello world how are you today"))
    }

    @Test func indexClaimsTheFirst() {
        let index = DuplicateIndex(maxDistance: 3)
        let h: UInt64 = 0xDEAD_BEEF_0000_0000
        #expect(index.claim(h, id: "a") == nil)
        let again = index.claim(h ^ 0b101, id: "b")
        #expect(again?.id == "a")
        #expect(again?.distance == 2)
        #expect(index.claim(~h, id: "c") == nil)
    }

    static func doc(_ id: String, _ html: String) -> Document {
        var d = Document(id: id, source: id)
        d.content = Content(bytes: Array(html.utf8), format: .html)
        return d
    }

    @Test func stageMarksAndDrops() throws {
        let page = "<p>\(Self.text)</p>"
        let mark = try CleanStage(options: StageOptions(stageName: "clean"), context: LoadContext(baseDirectory: URL(fileURLWithPath: "/")))
        var first = Self.doc("one", page), second = Self.doc("two", page)
        try mark.process(&first, context: StageContext())
        try mark.process(&second, context: StageContext())
        #expect(first.duplicate?.of == nil)
        #expect(second.duplicate?.of == "one")
        #expect(second.duplicate?.distance == 0)

        let drop = try CleanStage(options: StageOptions(stageName: "clean", values: ["duplicates": .string("drop")]),
                                  context: LoadContext(baseDirectory: URL(fileURLWithPath: "/")))
        var a = Self.doc("a", page), b = Self.doc("b", page)
        try drop.process(&a, context: StageContext())
        #expect(throws: DocumentDropped.self) { try drop.process(&b, context: StageContext()) }
    }
}
