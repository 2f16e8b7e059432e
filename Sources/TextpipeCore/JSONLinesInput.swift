import Foundation

/// Reads `textpipe stream` input: one JSON object per line, read lazily from a file
/// descriptor so that memory does not grow with the input.
///
/// A line is `{"id", "html"}`, `{"id", "text"}` (plain text; `"format": "markdown"` for
/// markdown), `{"id", "source": PATH|URL}`, or a whole document record from an earlier run
/// (it has "text" and "paragraphs"), which enters already clean. A line that is not such an
/// object becomes an input failure in its place, never a crash.
public struct JSONLinesInput: Sequence, IteratorProtocol {
    private let reader: LineReader
    private var lineNumber = 0
    private let maxLineBytes: Int

    public init(fd: Int32 = STDIN_FILENO, maxLineBytes: Int = 64_000_000) {
        reader = LineReader(fd: fd)
        self.maxLineBytes = maxLineBytes
    }

    public mutating func next() -> InputItem? {
        while true {
            guard let line = reader.nextLine(limit: maxLineBytes) else { return nil }
            lineNumber += 1
            switch line {
            case .tooLong:
                return Self.failure(id: "line-\(lineNumber)", "line \(lineNumber) is longer than \(maxLineBytes) bytes")
            case .line(let bytes):
                if bytes.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 }) { continue }
                return Self.item(bytes, lineNumber: lineNumber)
            }
        }
    }

    static func failure(id: String, source: String? = nil, _ message: String) -> InputItem {
        InputItem(document: Document(id: id, source: source ?? id),
                  failure: FailureRecord(id: id, source: source ?? id, stage: "input", kind: FailureKind.input.rawValue, message: message))
    }

    /// Turns one line into an input item.
    public static func item(_ bytes: [UInt8], lineNumber: Int) -> InputItem {
        let value: JSONValue
        do {
            value = try bytes.withUnsafeBufferPointer { try JSONValue.parse(bytes: $0) }
        } catch {
            return failure(id: "line-\(lineNumber)", "line \(lineNumber): \(error)")
        }
        guard case .object = value else {
            return failure(id: "line-\(lineNumber)", "line \(lineNumber) is not a JSON object")
        }
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
}

/// Buffered reading of lines from a file descriptor.
final class LineReader {
    enum Line {
        case line([UInt8])
        case tooLong
    }

    private let fd: Int32
    private var buffer = [UInt8](repeating: 0, count: 1 << 16)
    private var start = 0
    private var end = 0
    private var eof = false

    init(fd: Int32) {
        self.fd = fd
    }

    /// The next line without its newline, or nil at the end of input.
    func nextLine(limit: Int) -> Line? {
        var line: [UInt8] = []
        var overflow = false
        while true {
            if start == end {
                if eof { return line.isEmpty && !overflow ? nil : (overflow ? .tooLong : .line(line)) }
                let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if n < 0, errno == EINTR { continue }
                if n <= 0 { eof = true; continue }
                start = 0
                end = n
            }
            if let nl = buffer[start..<end].firstIndex(of: 10) {
                if !overflow { line.append(contentsOf: buffer[start..<nl]) }
                start = nl + 1
                if overflow || line.count > limit { return .tooLong }
                return .line(line)
            }
            if !overflow { line.append(contentsOf: buffer[start..<end]) }
            if line.count > limit {
                overflow = true
                line = []
            }
            start = end
        }
    }
}
