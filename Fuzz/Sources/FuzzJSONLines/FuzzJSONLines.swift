import FuzzSupport
import TextpipeCore

/// Fuzzes the reading of `textpipe stream` input: the bytes are split into lines as the
/// stream reader splits them, and each line becomes an input item. A line is either a document
/// ready for the pipeline or an input failure; either way its record must be valid JSON on one
/// line, and a document that arrives already clean (a record of an earlier run) must carry
/// spans that lie inside its own text.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONLines(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = FuzzTarget.bytes(data, size)
    for (n, line) in bytes.split(separator: 10, omittingEmptySubsequences: false).enumerated() {
        let item = JSONLinesInput.item(Array(line), lineNumber: n + 1)
        if let failure = item.failure {
            Invariants.jsonLine(failure.jsonRecord(), "error record")
            continue
        }
        Invariants.document(item.document)
    }
    // The parser on its own, at every nesting the input happens to have.
    _ = try? bytes.withUnsafeBufferPointer { try JSONValue.parse(bytes: $0) }
    return 0
}

@_cdecl("FuzzJSONLines_main")
public func fuzzJSONLinesMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    FuzzTarget.run(argc, argv, fuzzJSONLines)
}
