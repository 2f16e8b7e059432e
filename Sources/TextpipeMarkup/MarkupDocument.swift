/// A parsed HTML or XML page as plain Swift values: no C pointer survives the parse.
///
/// The tree is flat. `nodes` lists elements and text nodes in document order (pre-order), and
/// each node records `end`, the index just past its last descendant, so a subtree is the range
/// `i..<nodes[i].end`: walking it is a loop over integers, and the next sibling of `i` is
/// `nodes[i].end`. Text and attribute values live in one byte buffer (`data`, valid UTF-8);
/// element and attribute names are interned in `names`. This layout costs a few arrays per
/// page instead of one object per node, which is what lets cleaning run at tens of MB/s.
///
/// Node 0 is the document itself (an element with tag `.other` and name "#document").
public struct MarkupDocument: Sendable {
    public internal(set) var nodes: [MarkupNode] = []
    public internal(set) var names: [String] = []
    public internal(set) var attributes: [MarkupAttribute] = []
    public internal(set) var data: [UInt8] = []
    /// The charset the bytes were read in.
    public internal(set) var charset: CharsetDecision
    /// Names by string, for `nameID(_:)`.
    var nameIndex: [String: Int32] = [:]

    init(charset: CharsetDecision) {
        self.charset = charset
    }

    public var root: Int { 0 }

    /// The id of an element or attribute name in this document, nil when it never occurs (so
    /// no node can match it).
    public func nameID(_ name: String) -> Int32? { nameIndex[name] }

    public func name(of node: Int) -> String {
        let n = nodes[node]
        return n.tag == .text ? "#text" : names[Int(n.name)]
    }

    /// Child nodes of `node`, in order.
    public func children(of node: Int) -> ChildIndices {
        ChildIndices(nodes: nodes, start: node + 1, end: Int(nodes[node].end))
    }

    /// Child elements of `node` with the given name.
    public func childElements(of node: Int, named name: String) -> [Int] {
        guard let id = nameID(name) else { return [] }
        return children(of: node).filter { nodes[$0].tag != .text && nodes[$0].name == id }
    }

    /// The bytes of a text node.
    @inline(__always)
    public func textBytes(of node: Int) -> ArraySlice<UInt8> {
        let n = nodes[node]
        return data[Int(n.dataStart)..<Int(n.dataEnd)]
    }

    /// The attributes of an element.
    public func attributes(of node: Int) -> ArraySlice<MarkupAttribute> {
        let n = nodes[node]
        return n.tag == .text ? [] : attributes[Int(n.dataStart)..<Int(n.dataEnd)]
    }

    /// The value of an attribute by interned name id.
    @inline(__always)
    public func attributeBytes(_ nameID: Int32, of node: Int) -> ArraySlice<UInt8>? {
        let n = nodes[node]
        guard n.tag != .text else { return nil }
        var k = Int(n.dataStart)
        let e = Int(n.dataEnd)
        while k < e {
            let a = attributes[k]
            if a.name == nameID { return data[Int(a.valueStart)..<Int(a.valueEnd)] }
            k += 1
        }
        return nil
    }

    public func attribute(_ name: String, of node: Int) -> String? {
        guard let id = nameID(name), let v = attributeBytes(id, of: node) else { return nil }
        return String(decoding: v, as: UTF8.self)
    }

    /// All text below `node`, concatenated as it appears (no separators added).
    public func textContent(of node: Int) -> String {
        if nodes[node].tag == .text { return String(decoding: textBytes(of: node), as: UTF8.self) }
        var out = [UInt8]()
        for i in (node + 1)..<Int(nodes[node].end) where nodes[i].tag == .text {
            out.append(contentsOf: textBytes(of: i))
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Elements with the given name anywhere in the document, in document order.
    public func elements(named name: String) -> [Int] {
        guard let id = nameID(name) else { return [] }
        return nodes.indices.filter { nodes[$0].tag != .text && nodes[$0].name == id && $0 != 0 }
    }
}

/// One element or text node of a `MarkupDocument`.
public struct MarkupNode: Sendable, Equatable {
    /// `.text` for text nodes; the element otherwise (`.other` for names we do not know).
    public var tag: HTMLTag
    /// Nesting depth (the document is 0).
    public var depth: UInt16
    /// Interned name of an element; -1 for text.
    public var name: Int32
    public var parent: Int32
    /// Index just past the last descendant.
    public var end: Int32
    /// Text: byte range in `data`. Element: range in `attributes`.
    public var dataStart: Int32
    public var dataEnd: Int32

    public var isText: Bool { tag == .text }
}

/// One attribute: an interned name and a byte range of its value in `MarkupDocument.data`.
public struct MarkupAttribute: Sendable, Equatable {
    public var name: Int32
    public var valueStart: Int32
    public var valueEnd: Int32
}

/// The child indices of a node: each step jumps over the previous child's subtree.
public struct ChildIndices: Sequence {
    let nodes: [MarkupNode]
    let start: Int
    let end: Int

    public struct Iterator: IteratorProtocol {
        let nodes: [MarkupNode]
        var position: Int
        let end: Int
        public mutating func next() -> Int? {
            guard position < end else { return nil }
            let i = position
            position = Int(nodes[i].end)
            return i
        }
    }

    public func makeIterator() -> Iterator { Iterator(nodes: nodes, position: start, end: end) }
}
