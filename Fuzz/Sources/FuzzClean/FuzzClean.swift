import Foundation
import FuzzSupport
import TextpipeClean
import TextpipeCore

/// Fuzzes the `clean` stage end to end on one document: charset decision and transcoding,
/// libxml2's HTML parser under our SAX builder, content selection, metadata, paragraphs; or the
/// plain-text and Markdown paths.
///
/// The first byte picks the format (html, xhtml, text, markdown) and the charset the transport
/// claims (none, the truth or a lie, an unknown label); the rest is the page. The stage either
/// fails the document with a `DocumentFailure` or fills `text` and `paragraphs` so that every
/// span lies inside the text, in order, and the document's JSON record is valid.
let formats: [Content.Format] = [.html, .xhtml, .text, .markdown]
let declared: [String?] = [nil, "utf-8", "windows-1252", "shift_jis", "utf-16", "x-no-such-charset", "utf-16be", "koi8-r"]

let stage = try! CleanStage(
    options: StageOptions(stageName: "clean", values: ["duplicates": .string("off")]),
    context: LoadContext(baseDirectory: URL(fileURLWithPath: "/")))

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzClean(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    var bytes = FuzzTarget.bytes(data, size)
    guard let selector = bytes.first else { return 0 }
    bytes.removeFirst()
    var doc = Document(id: "fuzz", source: "https://example.org/2024/05/01/fuzz.html")
    doc.content = Content(bytes: bytes, format: formats[Int(selector & 3)], declaredCharset: declared[Int(selector >> 2) & 7])
    var limits = Limits()
    limits.maxNodes = 100_000
    limits.maxDOMDepth = 500
    let context = StageContext(limits: limits, deadline: .distantFuture, stageName: "clean")
    do {
        try stage.process(&doc, context: context)
    } catch is DocumentFailure {
        return 0
    } catch is DocumentDropped {
        return 0
    } catch {
        require(false, "the stage threw something other than a DocumentFailure: \(error)")
    }
    require(doc.content == nil, "clean kept the raw content")
    require(!doc.text.unicodeScalars.contains("\u{0}"), "clean text contains a NUL")
    Invariants.document(doc)
    return 0
}

@_cdecl("FuzzClean_main")
public func fuzzCleanMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    FuzzTarget.run(argc, argv, fuzzClean)
}
