import Dispatch

/// Builds a `MarkupDocument` from SAX events. It lives only for the duration of one parse
/// (created, driven and dropped inside `MarkupParser`), so it holds no C pointer beyond the
/// callbacks that hand it one.
///
/// Limits are enforced while building: past `maxDepth` or `maxNodes` the builder records a
/// failure and asks the parser to stop, so a hostile page costs at most that much memory.
final class TreeBuilder {
    // The builder is driven by one parser on one thread and never escapes the parse, so the
    // runtime's exclusivity checks on its stored properties only cost time (about 5% of a parse).
    @exclusivity(unchecked) var doc: MarkupDocument
    @exclusivity(unchecked) private var stack: [Int32] = [0]
    /// Names by the address libxml2 hands them out at: its dictionary gives each distinct name
    /// one address for the whole parse, so a small direct-mapped cache answers most lookups.
    @exclusivity(unchecked) private var pointerCache = [(UnsafePointer<UInt8>?, Int32)](repeating: (nil, 0), count: 512)
    private var nameByKey: [UInt64: Int32] = [:]
    @exclusivity(unchecked) private var tagByName: [HTMLTag] = []
    /// Above zero while inside an element whose text we drop (style, non-JSON script).
    @exclusivity(unchecked) private var dropTextDepth = 0
    private let isHTML: Bool
    private let limits: MarkupLimits
    @exclusivity(unchecked) private(set) var failure: MarkupError?
    private var jsonTypeName: Int32 = -1
    /// The parser context while a parse runs (to stop it at a limit); nil otherwise.
    var context: UnsafeMutableRawPointer?
    @exclusivity(unchecked) private var attributeStart: Int32 = 0
    /// Elements and text nodes since the deadline was last looked at.
    @exclusivity(unchecked) private var sinceDeadlineCheck = 0

    init(isHTML: Bool, charset: CharsetDecision, limits: MarkupLimits, sizeHint: Int) {
        self.isHTML = isHTML
        self.limits = limits
        doc = MarkupDocument(charset: charset)
        doc.nodes.reserveCapacity(sizeHint / 40)
        doc.data.reserveCapacity(sizeHint / 2)
        doc.attributes.reserveCapacity(sizeHint / 60)
        let rootName = internString("#document")
        doc.nodes.append(MarkupNode(tag: .other, depth: 0, name: rootName, parent: -1, end: 1, dataStart: 0, dataEnd: 0))
        jsonTypeName = internString("type")
    }

    var hasElements: Bool { doc.nodes.count > 1 }

    // MARK: names

    @inline(__always)
    func intern(cString p: UnsafePointer<UInt8>) -> Int32 {
        let slot = Int(truncatingIfNeeded: UInt(bitPattern: p) >> 3) & 511
        if pointerCache[slot].0 == p { return pointerCache[slot].1 }
        let id = internSlow(p)
        pointerCache[slot] = (p, id)
        return id
    }

    private func internSlow(_ p: UnsafePointer<UInt8>) -> Int32 {
        let (key, length) = NameKey.pack(cString: p)
        if let key {
            if let id = nameByKey[key] { return id }
            let id = internString(String(decoding: UnsafeBufferPointer(start: p, count: length), as: UTF8.self))
            nameByKey[key] = id
            return id
        }
        return internString(String(decoding: UnsafeBufferPointer(start: p, count: length), as: UTF8.self))
    }

    func internString(_ s: String) -> Int32 {
        if let id = doc.nameIndex[s] { return id }
        let id = Int32(doc.names.count)
        doc.names.append(s)
        doc.nameIndex[s] = id
        tagByName.append(isHTML ? HTMLTag.named(s) : .other)
        return id
    }

    // MARK: events

    /// Marks where the attributes of the next element begin; `addAttribute` then appends them
    /// and `startElement` opens the element that owns them.
    @inline(__always)
    func beginAttributes() {
        attributeStart = Int32(doc.attributes.count)
    }

    @inline(__always)
    func addAttribute(name: Int32, value: UnsafeBufferPointer<UInt8>) {
        let start = Int32(doc.data.count)
        if value.count > 0 { doc.data.append(contentsOf: value) }
        doc.attributes.append(MarkupAttribute(name: name, valueStart: start, valueEnd: Int32(doc.data.count)))
    }

    @inline(__always)
    func startElement(name: Int32) {
        guard failure == nil else { return }
        let depth = stack.count
        if depth > limits.maxDepth {
            failure = .tooDeep(limits.maxDepth)
            return
        }
        if doc.nodes.count >= limits.maxNodes {
            failure = .tooManyNodes(limits.maxNodes)
            return
        }
        if pastDeadline() { return }
        let tag = tagByName[Int(name)]
        let index = Int32(doc.nodes.count)
        doc.nodes.append(MarkupNode(tag: tag, depth: UInt16(truncatingIfNeeded: depth), name: name, parent: stack[stack.count - 1],
                                    end: index + 1, dataStart: attributeStart, dataEnd: Int32(doc.attributes.count)))
        stack.append(index)
        if dropTextDepth > 0 {
            dropTextDepth += 1
        } else if tag == .style || (tag == .script && !isJSONScript(index)) {
            dropTextDepth = 1
        }
    }

    func endElement(name: Int32) {
        guard failure == nil, stack.count > 1 else { return }
        var k = stack.count - 1
        while k > 0, doc.nodes[Int(stack[k])].name != name { k -= 1 }
        guard k > 0 else { return }  // a stray end tag
        while stack.count > k { closeTop() }
    }

    private func closeTop() {
        let index = Int(stack.removeLast())
        doc.nodes[index].end = Int32(doc.nodes.count)
        if dropTextDepth > 0 { dropTextDepth -= 1 }
    }

    @inline(__always)
    func characters(_ p: UnsafePointer<UInt8>, _ count: Int) {
        guard failure == nil, dropTextDepth == 0, count > 0 else { return }
        let parent = stack[stack.count - 1]
        let last = doc.nodes.count - 1
        doc.data.append(contentsOf: UnsafeBufferPointer(start: p, count: count))
        if doc.nodes[last].tag == .text, doc.nodes[last].parent == parent {
            doc.nodes[last].dataEnd = Int32(doc.data.count)
            return
        }
        if doc.nodes.count >= limits.maxNodes {
            failure = .tooManyNodes(limits.maxNodes)
            return
        }
        if pastDeadline() { return }
        let index = Int32(doc.nodes.count)
        doc.nodes.append(MarkupNode(tag: .text, depth: UInt16(truncatingIfNeeded: stack.count), name: -1, parent: parent, end: index + 1,
                                    dataStart: Int32(doc.data.count - count), dataEnd: Int32(doc.data.count)))
    }

    /// Every 4,096 nodes, whether the deadline has passed; if so, records the failure (the
    /// caller then stops the parser).
    @inline(__always)
    private func pastDeadline() -> Bool {
        sinceDeadlineCheck &+= 1
        guard sinceDeadlineCheck & 4095 == 0, let deadline = limits.deadline, DispatchTime.now() > deadline else { return false }
        failure = .timeout
        return true
    }

    /// Closes what the parser left open and hands out the document.
    func finish() -> MarkupDocument {
        while stack.count > 1 { closeTop() }
        doc.nodes[0].end = Int32(doc.nodes.count)
        return doc
    }

    private func isJSONScript(_ node: Int32) -> Bool {
        guard let v = doc.attributeBytes(jsonTypeName, of: Int(node)), v.count >= 4 else { return false }
        var i = v.startIndex
        while i + 4 <= v.endIndex {
            if v[i] | 0x20 == 0x6A, v[i + 1] | 0x20 == 0x73, v[i + 2] | 0x20 == 0x6F, v[i + 3] | 0x20 == 0x6E { return true }  // "json"
            i += 1
        }
        return false
    }
}

/// Bounds on what one parse may build.
public struct MarkupLimits: Sendable, Equatable {
    public var maxDepth: Int
    public var maxNodes: Int
    /// When to give up: checked every few thousand elements and text nodes, so that a page
    /// that keeps libxml2 busy is abandoned at the stage's deadline instead of holding a worker.
    public var deadline: DispatchTime?

    public init(maxDepth: Int = 1_000, maxNodes: Int = 1_000_000, deadline: DispatchTime? = nil) {
        self.maxDepth = maxDepth
        self.maxNodes = maxNodes
        self.deadline = deadline
    }
}

/// Why a page could not be turned into a `MarkupDocument`.
public enum MarkupError: Error, Sendable, Equatable, CustomStringConvertible {
    case tooDeep(Int)
    case tooManyNodes(Int)
    /// The page's elements carry more attributes than libxml2 can parse in time; the number is
    /// the largest count on one element (see `AttributeBudget`).
    case tooManyAttributes(Int)
    /// `MarkupLimits.deadline` passed during the parse.
    case timeout
    case notWellFormed(String)
    case unsupportedCharset(String)
    case empty

    public var description: String {
        switch self {
        case .tooDeep(let n): return "elements nest deeper than \(n) levels"
        case .tooManyNodes(let n): return "more than \(n) nodes"
        case .tooManyAttributes(let n): return "elements carry too many attributes to parse in time (\(n) on one element)"
        case .timeout: return "the parse went past its deadline"
        case .notWellFormed(let m): return "not well-formed: \(m)"
        case .unsupportedCharset(let c): return "charset '\(c)' cannot be decoded"
        case .empty: return "no markup in the input"
        }
    }
}
