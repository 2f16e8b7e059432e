import FuzzSupport
import TextpipeMarkup

/// Differential fuzzing of the HTML pre-scan (`MarkupPrescan`): cutting script and style
/// bodies and comments before libxml2 reads them must give exactly the tree libxml2 builds
/// from the whole input. libxml2 is the oracle; any difference means the scan ended a comment,
/// a quoted value or a raw-text element where libxml2 did not.
let limits = MarkupLimits(maxDepth: 256, maxNodes: 50_000)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRawText(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = FuzzTarget.bytes(data, size)
    let cut: MarkupDocument
    let whole: MarkupDocument
    do {
        cut = try MarkupParser.parseHTML(bytes, declaredCharset: "utf-8", limits: limits)
        whole = try MarkupParser.parseHTML(bytes, declaredCharset: "utf-8", limits: limits, cutRawText: false)
    } catch is MarkupError {
        return 0
    } catch {
        require(false, "the parser threw something other than a MarkupError: \(error)")
        return 0
    }
    require(cut.nodes == whole.nodes, "the cut changed the tree's shape")
    require(cut.data == whole.data, "the cut changed the text or attribute values")
    require(cut.names == whole.names, "the cut changed the element names")
    return 0
}

@_cdecl("FuzzRawText_main")
public func fuzzRawTextMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    FuzzTarget.run(argc, argv, fuzzRawText)
}
