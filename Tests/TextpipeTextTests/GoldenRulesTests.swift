import Foundation
import Testing
import TextpipeTestSupport
import TextpipeText

/// The 52 English "Golden Rules" of pragmatic_segmenter, read at test time from the shared
/// data folder beside the repository (`../shared/data/sbd/golden_rules_en.jsonl`). Skipped,
/// with a message, where that folder is absent.
enum GoldenRules {
    struct Case: Sendable, CustomTestStringConvertible {
        var id: String
        var title: String
        var text: String
        var sentences: [String]
        var pdf: Bool
        var testDescription: String { "\(id) \(title)" }
    }

    static let file = SharedData.url("sbd/golden_rules_en.jsonl")

    static let available = FileManager.default.fileExists(atPath: file.path)

    static let cases: [Case] = {
        guard available, let data = try? String(contentsOf: file, encoding: .utf8) else { return [] }
        return data.split(separator: "\n").compactMap { line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let id = object["id"] as? String, let text = object["text"] as? String,
                  let sentences = object["sentences"] as? [String] else { return nil }
            return Case(id: id, title: object["title"] as? String ?? "", text: text, sentences: sentences,
                        pdf: object["doc_type"] as? String == "pdf")
        }
    }()
}

@Suite("Golden Rules")
struct GoldenRulesTests {
    @Test("all 52 cases are there", .enabled(if: GoldenRules.available, "shared data absent: \(GoldenRules.file.path)"))
    func fileIsComplete() {
        #expect(GoldenRules.cases.count == 52)
    }

    @Test(.enabled(if: GoldenRules.available, "shared data absent: \(GoldenRules.file.path)"),
          arguments: GoldenRules.cases)
    func goldenRule(_ c: GoldenRules.Case) {
        // The file marks case 040 as PDF text, where a line break inside a sentence is a space.
        let splitter = SentenceSplitter(language: "en", lineBreaks: c.pdf ? .join : .auto)
        let spans = splitter.split(c.text)
        let got = SentenceEvaluation.normalize(SentenceEvaluation.texts(spans, in: c.text))
        #expect(got == SentenceEvaluation.normalize(c.sentences))
    }
}
