import Foundation

/// Reads `textpipe stream` input (and `input: { stdin: jsonl }`): one JSON object per line,
/// read lazily from a file descriptor so that memory does not grow with the input.
///
/// A line is `{"id", "html"}`, `{"id", "text"}` (plain text; `"format": "markdown"` for
/// markdown), `{"id", "source": PATH|URL}`, or a whole document record from an earlier run
/// (it has "text" and "paragraphs"), which enters already clean.
///
/// Engines such as Spark's `RDD.pipe` pair output lines with input lines, so every input line
/// yields exactly one item, in order, whatever it holds: a line that is empty, not JSON, not an
/// object, or an object without content becomes an input failure in its place (kind "input",
/// id "line-N" unless the line names one), and a line longer than `maxLineBytes` becomes a
/// "too_large" failure without ever being held whole in memory (its id is recovered when the
/// line starts with it). Invalid UTF-8 inside a JSON string becomes U+FFFD, so the output stays
/// valid UTF-8. A UTF-8 byte-order mark before the first line is skipped. Only a failure to
/// read the descriptor itself ends the input early; it is kept in `readError` so that the
/// command can fail instead of passing a truncated input for a whole one.
///
/// A chain that starts after `clean` reads fields that only records bring
/// (`Pipeline.fieldsFromInput`): a line that does not carry them, a raw page or text among
/// them, fails in its place rather than going through the chain to an empty answer.
public struct JSONLinesInput: Sequence, IteratorProtocol {
    private let reader: LineReader
    private var lineNumber = 0
    private let maxLineBytes: Int
    private let requiredFields: [String]

    /// `maxLineBytes` bounds one line, and so the memory one unread line can take; a pipeline
    /// passes its `limits.max_bytes`. `requiredFields`: what every line must carry.
    public init(fd: Int32 = STDIN_FILENO, maxLineBytes: Int = Limits().maxBytes, requiredFields: [String] = []) {
        reader = LineReader(fd: fd)
        self.maxLineBytes = maxLineBytes
        self.requiredFields = requiredFields
    }

    /// The input of a pipeline: its line limit and the fields its chain expects.
    public init(fd: Int32 = STDIN_FILENO, pipeline: Pipeline) {
        self.init(fd: fd, maxLineBytes: pipeline.limits.maxBytes, requiredFields: pipeline.fieldsFromInput)
    }

    /// Why the input ended early, if it did (the descriptor could not be read).
    public var readError: String? { reader.error }

    public mutating func next() -> InputItem? {
        guard let line = reader.nextLine(limit: maxLineBytes) else { return nil }
        lineNumber += 1
        switch line {
        case .tooLong(let head):
            let id = Self.leadingID(head) ?? "line-\(lineNumber)"
            return Self.failure(id: id, kind: .tooLarge,
                                "line \(lineNumber) is longer than max_bytes (\(maxLineBytes) bytes)")
        case .line(var bytes):
            if lineNumber == 1, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
            if bytes.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 }) {
                return Self.failure(id: "line-\(lineNumber)", "line \(lineNumber) is empty")
            }
            return Self.item(bytes, lineNumber: lineNumber, requiredFields: requiredFields)
        }
    }

    static func failure(id: String, source: String? = nil, kind: FailureKind = .input, _ message: String) -> InputItem {
        InputItem(document: Document(id: id, source: source ?? id),
                  failure: FailureRecord(id: id, source: source ?? id, stage: "input", kind: kind.rawValue, message: message))
    }

    /// Turns one line into an input item, failed when it lacks one of `requiredFields`.
    public static func item(_ bytes: [UInt8], lineNumber: Int, requiredFields: [String] = []) -> InputItem {
        let (item, value) = parse(bytes, lineNumber: lineNumber)
        guard !requiredFields.isEmpty, item.failure == nil, let value else { return item }
        let carried = carriedFields(value)
        let missing = requiredFields.filter { r in !carried.contains { StageDependencies.satisfies($0, r) } }
        guard !missing.isEmpty else { return item }
        let names = missing.map { "'\($0)'" }.joined(separator: ", ")
        let them = missing.count == 1 ? "it" : "them"
        return failure(id: item.document.id, source: item.document.source, """
            line \(lineNumber) does not carry \(names), which the pipeline's stages read and none of them \
            provides: give records of an earlier run that have \(them), or add the stages that provide \(them) \
            (fetch and clean for a page)
            """)
    }

    /// The fields a line brings: a page or text its content; a record of an earlier run (it
    /// has "text" and "paragraphs") its top-level fields, and for an object field (`meta`,
    /// `custom`) the keys in it, so that `meta.language` is carried only when it is there.
    static func carriedFields(_ line: JSONValue) -> [String] {
        var fields = StageDependencies.initial
        if line["html"] != nil || (line["text"] != nil && line["paragraphs"] == nil) { return fields + ["content"] }
        guard line["text"] != nil, let object = line.objectValue else { return fields }
        for (key, value) in object where key != "id" && key != "source" {
            if let nested = value.objectValue { fields += nested.map { key + "." + $0.0 } } else { fields.append(key) }
        }
        return fields
    }

    /// One line as an item, and its JSON when it is an object.
    private static func parse(_ bytes: [UInt8], lineNumber: Int) -> (InputItem, JSONValue?) {
        let value: JSONValue
        do {
            value = try bytes.withUnsafeBufferPointer { try JSONValue.parse(bytes: $0) }
        } catch {
            return (failure(id: "line-\(lineNumber)", "line \(lineNumber): \(error)"), nil)
        }
        guard case .object = value else {
            return (failure(id: "line-\(lineNumber)", "line \(lineNumber) is not a JSON object"), nil)
        }
        return (item(value, lineNumber: lineNumber), value)
    }

    private static func item(_ value: JSONValue, lineNumber: Int) -> InputItem {
        let source = value["source"]?.stringValue
        let id = value["id"]?.stringValue ?? value["id"]?.intValue.map(String.init)
            ?? source.map { StableHash.documentID(source: $0) } ?? "line-\(lineNumber)"
        if let html = value["html"] {
            guard let s = html.stringValue else { return failure(id: id, "\"html\" must be a string") }
            var doc = Document(id: id, source: source ?? id)
            doc.content = Content(bytes: Array(s.utf8), format: .html, declaredCharset: "utf-8")
            return InputItem(document: doc)
        }
        if let text = value["text"] {
            guard let s = text.stringValue else { return failure(id: id, "\"text\" must be a string") }
            if value["paragraphs"] != nil {
                do {
                    var doc = try Document(record: value)
                    doc.id = id
                    return InputItem(document: doc)
                } catch {
                    return failure(id: id, source: source, "line \(lineNumber): \(error)")
                }
            }
            var doc = Document(id: id, source: source ?? id)
            let format: Content.Format = value["format"]?.stringValue == "markdown" ? .markdown : .text
            doc.content = Content(bytes: Array(s.utf8), format: format, declaredCharset: "utf-8")
            return InputItem(document: doc)
        }
        if let source {
            return InputItem(document: Document(id: id, source: source))
        }
        return failure(id: id, "line \(lineNumber) has none of \"html\", \"text\" or \"source\"")
    }

    /// The id of a line that begins `{"id": "..."` or `{"id": 123`, read from its first bytes
    /// (all that is kept of a line too long to parse), so that its failure keeps its id.
    static func leadingID(_ head: [UInt8]) -> String? {
        var i = 0
        func skipSpace() { while i < head.count, [32, 9, 13].contains(head[i]) { i += 1 } }
        func expect(_ text: String) -> Bool {
            let want = Array(text.utf8)
            guard head.count - i >= want.count, Array(head[i..<i + want.count]) == want else { return false }
            i += want.count
            return true
        }
        skipSpace()
        guard expect("{") else { return nil }
        skipSpace()
        guard expect("\"id\"") else { return nil }
        skipSpace()
        guard expect(":") else { return nil }
        skipSpace()
        guard i < head.count else { return nil }
        var j = i
        if head[i] == UInt8(ascii: "\"") {
            j += 1
            while j < head.count, head[j] != UInt8(ascii: "\"") { j += head[j] == UInt8(ascii: "\\") ? 2 : 1 }
            guard j < head.count else { return nil }
            j += 1
        } else {
            while j < head.count, head[j] == UInt8(ascii: "-") || (48...57).contains(head[j]) { j += 1 }
            guard j < head.count else { return nil }  // the number may go on past the head
        }
        let token = Array(head[i..<j])
        guard let value = try? token.withUnsafeBufferPointer({ try JSONValue.parse(bytes: $0) }) else { return nil }
        return value.stringValue ?? value.intValue.map(String.init)
    }
}

/// Buffered reading of lines from a file descriptor, holding at most one line (up to the limit)
/// and one 64 KiB buffer. Lines end at "\n"; a last line without one is still a line.
final class LineReader {
    enum Line {
        case line([UInt8])
        /// A line over the limit; only its first bytes were kept.
        case tooLong(head: [UInt8])
    }

    static let headBytes = 4096

    private let fd: Int32
    private var buffer = [UInt8](repeating: 0, count: 1 << 16)
    private var start = 0
    private var end = 0
    private var eof = false
    /// Set when reading failed (not at a normal end of input).
    private(set) var error: String?

    init(fd: Int32) {
        self.fd = fd
    }

    /// The next line without its newline, or nil at the end of input.
    func nextLine(limit: Int) -> Line? {
        var line: [UInt8] = []
        var head: [UInt8]?  // set once the line is over the limit
        while true {
            if start == end, !fill() {
                if let head { return .tooLong(head: head) }
                return line.isEmpty ? nil : .line(line)
            }
            let (stop, found) = buffer.withUnsafeBufferPointer { p -> (Int, Bool) in
                guard let nl = memchr(p.baseAddress! + start, 10, end - start) else { return (end, false) }
                return (UnsafeRawPointer(p.baseAddress!).distance(to: UnsafeRawPointer(nl)), true)
            }
            if head == nil {
                line.append(contentsOf: buffer[start..<stop])
                if line.count > limit {
                    head = Array(line.prefix(Self.headBytes))
                    line = []
                }
            }
            start = found ? stop + 1 : stop
            if found { return head.map { .tooLong(head: $0) } ?? .line(line) }
        }
    }

    /// Refills the buffer; false at the end of input or on a read error. A non-blocking
    /// descriptor (some parents hand one over) is waited on rather than taken for the end.
    private func fill() -> Bool {
        while !eof {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n > 0 {
                start = 0
                end = n
                return true
            }
            if n == 0 { eof = true; break }
            switch errno {
            case EINTR:
                continue
            case EAGAIN, EWOULDBLOCK:
                var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                _ = poll(&p, 1, -1)
            default:
                error = "cannot read the input: \(String(cString: strerror(errno)))"
                eof = true
            }
        }
        return false
    }
}
