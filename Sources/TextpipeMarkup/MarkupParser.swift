import CLibXML2
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Parses HTML or XML bytes with libxml2 and returns Swift values only.
///
/// Everything C happens inside one call: a parser context is made, driven over the bytes with
/// SAX callbacks that feed a `TreeBuilder`, and freed before the call returns. libxml2 never
/// builds its own tree (that alone costs a third of the time and all of the frees), and no
/// object holding a C pointer outlives the parse.
///
/// Hardening: the charset is decided and the bytes transcoded to UTF-8 before libxml2 sees
/// them (see `CharsetDecision`), and libxml2 is told to ignore in-document encoding hints. No
/// network (`NONET`), no DTD loading, no entity substitution: the SAX handler registers no
/// entity or DTD callbacks, so declared entities are never expanded (no "billion laughs") and
/// external entities never resolved; libxml2's own size limits stay on (no `HUGE`). HTML is
/// parsed in recover mode, so broken markup still yields a tree. Depth and node count are
/// bounded by `MarkupLimits`, and so is time (a deadline checked as nodes are built); a page
/// with so many attributes that libxml2 2.9's quadratic attribute check could not finish in
/// time is refused before parsing (`AttributeBudget`). Script and style bodies and comments,
/// which the tree would drop, are cut before libxml2 reads them (`MarkupPrescan`). Parsing is
/// thread-safe with one document per thread.
public enum MarkupParser {
    /// Parses an HTML page. `declaredCharset` is what the transport said (HTTP Content-Type).
    /// `cutRawText: false` has libxml2 read script and style bodies and comments too: the tree
    /// is the same, only slower (tests and the fuzzer check that the cut changes nothing).
    public static func parseHTML(_ bytes: [UInt8], declaredCharset: String? = nil,
                                 limits: MarkupLimits = MarkupLimits(), cutRawText: Bool = true) throws -> MarkupDocument {
        try parse(bytes, declaredCharset: declaredCharset, limits: limits, html: true, cutRawText: cutRawText)
    }

    /// Parses an XML document (a feed, a sitemap). Element names keep their prefix ("dc:creator").
    public static func parseXML(_ bytes: [UInt8], declaredCharset: String? = nil,
                                limits: MarkupLimits = MarkupLimits()) throws -> MarkupDocument {
        try parse(bytes, declaredCharset: declaredCharset, limits: limits, html: false)
    }

    static func parse(_ bytes: [UInt8], declaredCharset: String?, limits: MarkupLimits, html: Bool,
                      cutRawText: Bool = true) throws -> MarkupDocument {
        _ = initialized
        let decision = CharsetDetector.decide(bytes, declared: declaredCharset, isXML: !html)
        guard var input = Transcoder.transcode(bytes, from: decision.charset) else {
            throw MarkupError.unsupportedCharset(decision.charset)
        }
        stripNULs(&input)
        guard input.contains(where: { $0 > 0x20 }) else { throw MarkupError.empty }
        let prescan = MarkupPrescan.scan(input, html: html)
        if prescan.attributes.comparisons > AttributeBudget.budget { throw MarkupError.tooManyAttributes(prescan.attributes.largest) }
        if cutRawText { input = prescan.removingDroppable(from: input) }

        let builder = TreeBuilder(isHTML: html, charset: decision, limits: limits, sizeHint: input.count)
        let handler = UnsafeMutablePointer<xmlSAXHandler>.allocate(capacity: 1)
        handler.initialize(to: xmlSAXHandler())
        defer { handler.deinitialize(count: 1); handler.deallocate() }
        html ? installHTMLCallbacks(handler) : installXMLCallbacks(handler)

        let unmanaged = Unmanaged.passRetained(builder)
        defer { unmanaged.release() }
        var wellFormed = true
        guard let ctxt = html ? htmlNewParserCtxt() : xmlNewParserCtxt() else {
            throw MarkupError.notWellFormed("libxml2 could not make a parser")
        }
        let original = ctxt.pointee.sax
        ctxt.pointee.sax = handler
        // SAX callbacks receive the builder, not the context. With userData != ctxt libxml2
        // also stops looking up entities declared in the document (which it keeps in SAX mode
        // "for expat compatibility"), so none is ever expanded.
        ctxt.pointee.userData = unmanaged.toOpaque()
        builder.context = UnsafeMutableRawPointer(ctxt)
        input.withUnsafeBufferPointer { p in
            p.withMemoryRebound(to: CChar.self) { c in
                if html {
                    let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
                        | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NOIMPLIED.rawValue | HTML_PARSE_IGNORE_ENC.rawValue)
                    _ = htmlCtxtReadMemory(ctxt, c.baseAddress, Int32(c.count), nil, "UTF-8", options)
                } else {
                    let options = Int32(XML_PARSE_RECOVER.rawValue | XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue
                        | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_IGNORE_ENC.rawValue)
                    _ = xmlCtxtReadMemory(ctxt, c.baseAddress, Int32(c.count), nil, "UTF-8", options)
                }
            }
        }
        wellFormed = ctxt.pointee.wellFormed != 0
        builder.context = nil
        ctxt.pointee.sax = original
        ctxt.pointee.userData = UnsafeMutableRawPointer(ctxt)
        if let doc = ctxt.pointee.myDoc { xmlFreeDoc(doc); ctxt.pointee.myDoc = nil }
        html ? htmlFreeParserCtxt(ctxt) : xmlFreeParserCtxt(ctxt)

        if let failure = builder.failure { throw failure }
        guard builder.hasElements else {
            throw html ? MarkupError.empty : MarkupError.notWellFormed("no root element")
        }
        if !html, !wellFormed, !builder.hasElements { throw MarkupError.notWellFormed("not XML") }
        return builder.finish()
    }

    private static let initialized: Void = { xmlInitParser() }()

    /// NUL bytes end libxml2's view of a string early; they carry nothing in text.
    private static func stripNULs(_ bytes: inout [UInt8]) {
        guard bytes.withUnsafeBufferPointer({ memchrNUL($0) }) else { return }
        bytes.removeAll { $0 == 0 }
    }

    private static func memchrNUL(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = p.baseAddress, p.count > 0 else { return false }
        return memchr(base, 0, p.count) != nil
    }

    @inline(__always)
    static func builder(_ ctx: UnsafeMutableRawPointer?) -> TreeBuilder {
        Unmanaged<TreeBuilder>.fromOpaque(ctx!).takeUnretainedValue()
    }

    @inline(__always)
    static func stop(_ ctx: UnsafeMutableRawPointer?, _ b: TreeBuilder) {
        if b.failure != nil, let c = b.context { xmlStopParser(c.assumingMemoryBound(to: xmlParserCtxt.self)) }
    }

    private static func installHTMLCallbacks(_ h: UnsafeMutablePointer<xmlSAXHandler>) {
        h.pointee.startElement = { ctx, name, atts in
            guard let name else { return }
            let b = MarkupParser.builder(ctx)
            let id = b.intern(cString: name)
            b.beginAttributes()
            if let atts {
                var k = 0
                while let an = atts[k] {
                    let attributeName = b.intern(cString: an)
                    if let v = atts[k + 1] {
                        b.addAttribute(name: attributeName, value: UnsafeBufferPointer(start: v, count: strlen8(v)))
                    } else {
                        b.addAttribute(name: attributeName, value: UnsafeBufferPointer(start: nil, count: 0))
                    }
                    k += 2
                }
            }
            b.startElement(name: id)
            MarkupParser.stop(ctx, b)
        }
        h.pointee.endElement = { ctx, name in
            guard let name else { return }
            let b = MarkupParser.builder(ctx)
            b.endElement(name: b.intern(cString: name))
        }
        let text: charactersSAXFunc = { ctx, ch, len in
            guard let ch else { return }
            let b = MarkupParser.builder(ctx)
            b.characters(ch, Int(len))
            MarkupParser.stop(ctx, b)
        }
        h.pointee.characters = text
        h.pointee.cdataBlock = text
        h.pointee.ignorableWhitespace = text
    }

    private static func installXMLCallbacks(_ h: UnsafeMutablePointer<xmlSAXHandler>) {
        h.pointee.initialized = XML_SAX2_MAGIC
        h.pointee.startElementNs = { ctx, localname, prefix, _, _, _, nbAttributes, _, attributes in
            guard let localname else { return }
            let b = MarkupParser.builder(ctx)
            let id = MarkupParser.qualifiedName(b, localname, prefix)
            b.beginAttributes()
            if let attributes {
                for k in 0..<Int(nbAttributes) {
                    guard let an = attributes[5 * k], let v = attributes[5 * k + 3], let e = attributes[5 * k + 4] else { continue }
                    let attributeName = MarkupParser.qualifiedName(b, an, attributes[5 * k + 1])
                    b.addAttribute(name: attributeName, value: UnsafeBufferPointer(start: v, count: e - v))
                }
            }
            b.startElement(name: id)
            MarkupParser.stop(ctx, b)
        }
        h.pointee.endElementNs = { ctx, localname, prefix, _ in
            guard let localname else { return }
            let b = MarkupParser.builder(ctx)
            b.endElement(name: MarkupParser.qualifiedName(b, localname, prefix))
        }
        let text: charactersSAXFunc = { ctx, ch, len in
            guard let ch else { return }
            let b = MarkupParser.builder(ctx)
            b.characters(ch, Int(len))
            MarkupParser.stop(ctx, b)
        }
        h.pointee.characters = text
        h.pointee.cdataBlock = text
    }

    static func qualifiedName(_ b: TreeBuilder, _ local: UnsafePointer<UInt8>, _ prefix: UnsafePointer<UInt8>?) -> Int32 {
        guard let prefix else { return b.intern(cString: local) }
        let s = String(cString: prefix) + ":" + String(cString: local)
        return b.internString(s)
    }
}

@inline(__always)
func strlen8(_ p: UnsafePointer<UInt8>) -> Int {
    var n = 0
    while p[n] != 0 { n += 1 }
    return n
}
