/// A small nested view of XML for code that reads feeds and sitemaps: names with their prefix
/// ("dc:creator"), attributes as a dictionary, the element's own text, and child elements.
/// Built from a `MarkupDocument` (so it went through the same hardened parse) and made only of
/// Swift values.
public struct XMLElement: Sendable, Equatable {
    public var name: String
    public var attributes: [String: String]
    /// The text directly inside this element (not its children's), whitespace kept.
    public var text: String
    public var children: [XMLElement]

    public init(name: String, attributes: [String: String] = [:], text: String = "", children: [XMLElement] = []) {
        self.name = name
        self.attributes = attributes
        self.text = text
        self.children = children
    }

    /// The first child with this name.
    public func child(_ name: String) -> XMLElement? { children.first { $0.name == name } }

    /// All children with this name.
    public func children(_ name: String) -> [XMLElement] { children.filter { $0.name == name } }

    /// All text below this element, children included.
    public var allText: String { text.isEmpty && children.isEmpty ? "" : collectText() }

    private func collectText() -> String {
        children.isEmpty ? text : text + children.map(\.allText).joined()
    }

    /// Parses XML bytes (declared charset optional) into the root element.
    public static func parse(_ bytes: [UInt8], declaredCharset: String? = nil,
                             limits: MarkupLimits = MarkupLimits()) throws -> XMLElement {
        let doc = try MarkupParser.parseXML(bytes, declaredCharset: declaredCharset, limits: limits)
        guard let root = doc.children(of: 0).first(where: { !doc.nodes[$0].isText }) else {
            throw MarkupError.notWellFormed("no root element")
        }
        return doc.xmlElement(at: root)
    }
}

extension MarkupDocument {
    /// The element at `node` and everything below it as nested values.
    public func xmlElement(at node: Int) -> XMLElement {
        var attrs = [String: String]()
        for a in attributes(of: node) {
            attrs[names[Int(a.name)]] = String(decoding: data[Int(a.valueStart)..<Int(a.valueEnd)], as: UTF8.self)
        }
        var text = [UInt8]()
        var kids = [XMLElement]()
        for c in children(of: node) {
            if nodes[c].isText { text.append(contentsOf: textBytes(of: c)) } else { kids.append(xmlElement(at: c)) }
        }
        return XMLElement(name: name(of: node), attributes: attrs, text: String(decoding: text, as: UTF8.self), children: kids)
    }
}
