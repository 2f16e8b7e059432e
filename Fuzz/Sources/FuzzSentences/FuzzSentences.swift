import Foundation
import FuzzSupport
import TextpipeCore
import TextpipeText

/// Fuzzes the `sentences` stage (tokenizer and sentence splitter) on arbitrary text.
///
/// The first byte picks the language, the line-break mode and how paragraphs are given: none,
/// the blank-line blocks of the text, or spans read from the next bytes, which may be out of
/// range, unsorted or overlapping (a stream line can carry any `paragraphs` it likes). The
/// rest, decoded as UTF-8 with repairs, is the text. Whatever comes in, the stage either fails
/// the document or returns sentences and tokens inside the text, in order.
let languages = ["en", "de", "fr", "es", "ru", "auto"]
let modes = ["auto", "split", "join"]

let stages: [SentencesStage] = languages.flatMap { language in
    modes.map { mode in
        try! SentencesStage(
            options: StageOptions(stageName: "sentences", values: ["language": .string(language), "line_breaks": .string(mode)]),
            context: LoadContext(baseDirectory: URL(fileURLWithPath: "/")))
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSentences(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    var bytes = FuzzTarget.bytes(data, size)
    guard let selector = bytes.first else { return 0 }
    bytes.removeFirst()
    let stage = stages[Int(selector) % stages.count]
    var paragraphs: [Span] = []
    switch (selector >> 4) % 3 {
    case 1:
        paragraphs = SentenceSplitter.paragraphs(in: String(decoding: bytes, as: UTF8.self))
    case 2:
        let count = min(bytes.count / 2, 8)
        for k in 0..<count { paragraphs.append(Span(Int(bytes[2 * k]), Int(bytes[2 * k]) + Int(bytes[2 * k + 1]))) }
        bytes.removeFirst(count * 2)
    default:
        break
    }
    var doc = Document(id: "fuzz", source: "fuzz")
    doc.text = String(decoding: bytes, as: UTF8.self)
    doc.paragraphs = paragraphs
    doc.meta.language = ["en", "de", "xx", "ru"][Int(selector >> 6)]
    var limits = Limits()
    limits.maxTokens = 50_000
    let context = StageContext(limits: limits, deadline: .distantFuture, stageName: "sentences")
    do {
        try stage.process(&doc, context: context)
    } catch is DocumentFailure {
        return 0
    } catch {
        require(false, "the stage threw something other than a DocumentFailure: \(error)")
    }
    Invariants.spans(doc.sentences, in: doc.text, "sentence")
    Invariants.tokens(doc.tokens, in: doc.text)
    require(doc.tokens.count <= limits.maxTokens, "more tokens than max_tokens")
    return 0
}

@_cdecl("FuzzSentences_main")
public func fuzzSentencesMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    FuzzTarget.run(argc, argv, fuzzSentences)
}
