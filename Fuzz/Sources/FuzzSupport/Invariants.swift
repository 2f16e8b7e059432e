import TextpipeCore

/// What every stage's output must satisfy, whatever the input: valid UTF-8, spans inside the
/// text in code points and in order, records that are valid JSON. Fuzz targets call these on
/// whatever a stage returns; a broken invariant is a crash.
public enum Invariants {
    /// Spans lie within `0...scalarCount`, are not inverted, and (when `disjoint`) come in
    /// order without overlapping.
    public static func spans(_ spans: [Span], in text: String, _ what: String, disjoint: Bool = true) {
        let n = text.unicodeScalars.count
        var previousEnd = 0
        for s in spans {
            require(s.start >= 0 && s.start <= s.end && s.end <= n, "\(what) span \(s) outside 0...\(n)")
            if disjoint {
                require(s.start >= previousEnd, "\(what) span \(s) overlaps the one before (ending at \(previousEnd))")
                previousEnd = s.end
            }
        }
    }

    /// Tokens lie within the text, in order, none empty.
    public static func tokens(_ tokens: [Token], in text: String) {
        let n = text.unicodeScalars.count
        var previousEnd = 0
        for t in tokens {
            require(t.start >= 0 && t.start < t.end && Int(t.end) <= n, "token \(t.span) outside 0...\(n) or empty")
            require(Int(t.start) >= previousEnd, "token \(t.span) overlaps the one before")
            previousEnd = Int(t.end)
        }
    }

    /// The bytes are well-formed UTF-8.
    public static func utf8(_ bytes: some Collection<UInt8>, _ what: String) {
        var decoder = UTF8()
        var it = bytes.makeIterator()
        loop: while true {
            switch decoder.decode(&it) {
            case .scalarValue: continue
            case .emptyInput: break loop
            case .error: require(false, "\(what) is not valid UTF-8")
            }
        }
    }

    /// A JSON line as textpipe writes it: valid UTF-8, one line, parseable JSON.
    public static func jsonLine(_ bytes: [UInt8], _ what: String) {
        utf8(bytes, what)
        require(!bytes.contains(10), "\(what) contains a raw line feed")
        do {
            _ = try bytes.withUnsafeBufferPointer { try JSONValue.parse(bytes: $0) }
        } catch {
            require(false, "\(what) is not JSON: \(error)")
        }
    }

    /// Everything a document carries after processing.
    public static func document(_ doc: Document) {
        Invariants.spans(doc.paragraphs, in: doc.text, "paragraph")
        Invariants.spans(doc.sentences, in: doc.text, "sentence")
        Invariants.tokens(doc.tokens, in: doc.text)
        let scalars = Array(doc.text.unicodeScalars)
        for e in doc.entities {
            require(e.start >= 0 && e.start <= e.end && e.end <= scalars.count, "entity \(e.start)..<\(e.end) outside the text")
            var s = String.UnicodeScalarView()
            s.append(contentsOf: scalars[e.start..<e.end])
            require(String(s) == e.text, "entity text '\(e.text)' differs from text[\(e.start):\(e.end)]")
        }
        jsonLine(doc.jsonRecord(), "document record")
    }
}
