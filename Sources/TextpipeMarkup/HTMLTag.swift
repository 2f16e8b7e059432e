/// The HTML elements the cleaner reasons about, as a one-byte code, so that scanning a DOM
/// compares small integers instead of strings. Any other element (and every XML element) is
/// `.other`; its name is still in `MarkupDocument.names`. `.text` marks a text node.
public enum HTMLTag: UInt8, Sendable, CaseIterable {
    case text = 0, other
    case html, head, body, title, meta, link, base, script, style, noscript, template
    case article, section, main, nav, aside, header, footer, address, div, span
    case p, br, hr, h1, h2, h3, h4, h5, h6, hgroup, ul, ol, li, dl, dt, dd, menu, dir
    case blockquote, pre, code, figure, figcaption, table, caption, thead, tbody, tfoot, tr, td, th
    case colgroup, col
    case a, abbr, b, i, em, strong, small, sub, sup, u, s, strike, del, ins, mark, q, cite, dfn
    case kbd, samp, tt, `var`, time, data, font, big, center, label, bdi, bdo, wbr, ruby, rt, rp
    case img, picture, source, video, audio, track, canvas, svg, math, iframe, object, embed, param
    case map, area, form, input, button, select, option, optgroup, textarea, fieldset, legend
    case output, progress, meter, datalist, details, summary, dialog, noembed, noframes, frame, frameset

    /// Elements that start a new block of text (a paragraph boundary when flattening).
    public var isBlock: Bool { HTMLTag.blockFlags[Int(rawValue)] }

    /// Elements whose content is never article text: code, styling, media, form controls.
    public var isNeverContent: Bool { HTMLTag.neverContentFlags[Int(rawValue)] }

    public var isHeading: Bool { self >= .h1 && self <= .h6 }

    /// The element for a lower-case name, `.other` when it is not one of ours.
    public static func named(_ name: String) -> HTMLTag {
        byKey[NameKey.pack(Array(name.utf8)[...]) ?? 0] ?? .other
    }

    static func >= (a: HTMLTag, b: HTMLTag) -> Bool { a.rawValue >= b.rawValue }
    static func <= (a: HTMLTag, b: HTMLTag) -> Bool { a.rawValue <= b.rawValue }

    static let byKey: [UInt64: HTMLTag] = {
        var d = [UInt64: HTMLTag]()
        for t in HTMLTag.allCases where t != .text && t != .other {
            let name = "\(t)"
            if let k = NameKey.pack(Array(name.utf8)[...]) { d[k] = t }
        }
        return d
    }()

    static let blockFlags: [Bool] = {
        let block: Set<HTMLTag> = [
            .html, .body, .article, .section, .main, .nav, .aside, .header, .footer, .address, .div, .p, .br,
            .hr, .h1, .h2, .h3, .h4, .h5, .h6, .hgroup, .ul, .ol, .li, .dl, .dt, .dd, .menu, .dir,
            .blockquote, .pre, .figure, .figcaption, .table, .caption, .thead, .tbody, .tfoot, .tr, .td,
            .th, .center, .form, .fieldset, .legend, .details, .summary, .dialog, .title, .img, .video, .iframe,
        ]
        return HTMLTag.allCases.map { block.contains($0) }
    }()

    static let neverContentFlags: [Bool] = {
        let never: Set<HTMLTag> = [
            .head, .meta, .link, .base, .script, .style, .noscript, .template, .svg, .canvas, .iframe,
            .object, .embed, .param, .map, .area, .video, .audio, .track, .source, .picture, .img, .input,
            .button, .select, .option, .optgroup, .textarea, .datalist, .output, .progress, .meter,
            .noembed, .noframes, .frame, .frameset, .dialog,
        ]
        return HTMLTag.allCases.map { never.contains($0) }
    }()
}

/// Packs a short ASCII name (up to 10 bytes of a-z, 0-9, '-', ':', '_') into 64 bits, so that
/// element and attribute names are looked up without building a String. Upper-case names (XML
/// keeps case) do not pack and take the String path.
public enum NameKey {
    @inline(__always)
    public static func pack(_ bytes: ArraySlice<UInt8>) -> UInt64? {
        guard bytes.count <= 10, !bytes.isEmpty else { return nil }
        var key: UInt64 = 0
        for b in bytes {
            let code: UInt64
            switch b {
            case 0x61...0x7A: code = UInt64(b - 0x61) + 1
            case 0x30...0x39: code = UInt64(b - 0x30) + 27
            case 0x2D: code = 37
            case 0x3A: code = 38
            case 0x5F: code = 39
            default: return nil
            }
            key = key << 6 | code
        }
        return key
    }

    /// The same packing over a NUL-terminated C string, with its length.
    @inline(__always)
    static func pack(cString p: UnsafePointer<UInt8>) -> (key: UInt64?, length: Int) {
        var key: UInt64 = 0
        var n = 0
        var ok = true
        while p[n] != 0 {
            let b = p[n]
            if ok {
                let code: UInt64
                switch b {
                case 0x61...0x7A: code = UInt64(b - 0x61) + 1
                    case 0x30...0x39: code = UInt64(b - 0x30) + 27
                case 0x2D: code = 37
                case 0x3A: code = 38
                case 0x5F: code = 39
                default: code = 0; ok = false
                }
                key = key << 6 | code
            }
            n += 1
        }
        return (ok && n <= 10 && n > 0 ? key : nil, n)
    }
}
