import FuzzSupport
import TextpipeMarkup

/// Fuzzes the XML path of the markup wrapper (feeds, sitemaps, XHTML): libxml2's XML parser in
/// recover mode with no network, no DTD loading and no entity expansion, under our SAX builder
/// and its depth and node limits, then the nested `XMLElement` view the feed reader walks.
/// The first byte picks the charset the transport claims; the rest is the document.
let declared: [String?] = [nil, "utf-8", "iso-8859-1", "utf-16le", "euc-jp", "bogus"]
let limits = MarkupLimits(maxDepth: 256, maxNodes: 50_000)

/// Counts elements and checks names, without recursion deeper than the limit allows.
func walk(_ e: XMLElement, depth: Int) -> Int {
    require(!e.name.isEmpty, "an element without a name")
    require(depth <= limits.maxDepth + 1, "the tree is deeper than max_depth")
    return 1 + e.children.reduce(0) { $0 + walk($1, depth: depth + 1) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    var bytes = FuzzTarget.bytes(data, size)
    guard let selector = bytes.first else { return 0 }
    bytes.removeFirst()
    let charset = declared[Int(selector) % declared.count]
    do {
        let doc = try MarkupParser.parseXML(bytes, declaredCharset: charset, limits: limits)
        require(doc.nodes.count <= limits.maxNodes + 1, "more nodes than max_nodes")
        Invariants.utf8(doc.data, "parsed text")
        let root = try XMLElement.parse(bytes, declaredCharset: charset, limits: limits)
        require(walk(root, depth: 1) <= limits.maxNodes, "more elements than max_nodes")
    } catch is MarkupError {
        return 0
    } catch {
        require(false, "the parser threw something other than a MarkupError: \(error)")
    }
    return 0
}

@_cdecl("FuzzXML_main")
public func fuzzXMLMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    FuzzTarget.run(argc, argv, fuzzXML)
}
