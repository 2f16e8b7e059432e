import Foundation

/// A document with its gold names: tokens, sentences, and entities as token ranges.
public struct LabeledDocument: Sendable {
    public var sentences: [[String]]
    /// Per sentence: entities as token ranges within the sentence, with their type.
    public var entities: [[TokenEntity]]

    public init(sentences: [[String]], entities: [[TokenEntity]]) {
        self.sentences = sentences
        self.entities = entities
    }

    public var tokenCount: Int { sentences.reduce(0) { $0 + $1.count } }
}

/// Reads CoNLL-style files: one token per line with its tag in the last column, a blank line
/// after each sentence, and `-DOCSTART-` lines between documents. Tags may be IOB1 (CoNLL-2003:
/// `I-` everywhere, `B-` only between two touching names of one type), IOB2/BIO, or BILOU/BIOES;
/// they are read into spans, so the scheme does not matter. `PER` is renamed `PERSON`, the
/// name the pipeline uses; other type names are kept, and `typeMap` can rename or drop (map to
/// "") types, e.g. to read WNUT's "corporation" as ORG.
public enum CoNLLReader {
    public static let defaultTypeMap = ["PER": "PERSON"]

    public static func read(contentsOf url: URL, typeMap: [String: String] = defaultTypeMap) throws -> [LabeledDocument] {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw EntityResourceError("cannot read \(url.path)")
        }
        return try parse(String(decoding: data, as: UTF8.self), typeMap: typeMap, name: url.lastPathComponent)
    }

    public static func parse(_ text: String, typeMap: [String: String] = defaultTypeMap, name: String = "input") throws -> [LabeledDocument] {
        var documents: [LabeledDocument] = []
        var sentences: [[String]] = [], entities: [[TokenEntity]] = []
        var tokens: [String] = [], tags: [String] = []

        func endSentence() {
            guard !tokens.isEmpty else { return }
            sentences.append(tokens)
            entities.append(spans(tags, typeMap: typeMap))
            tokens.removeAll()
            tags.removeAll()
        }
        func endDocument() {
            endSentence()
            if !sentences.isEmpty { documents.append(LabeledDocument(sentences: sentences, entities: entities)) }
            sentences.removeAll()
            entities.removeAll()
        }

        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let tabbed = line.contains("\t")
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            if fields.isEmpty { endSentence(); continue }
            if fields[0] == "-DOCSTART-" { endDocument(); continue }
            if fields[0] == "#" && fields.count > 2 && fields[2] == "=" { continue }  // "# text = ..." comments
            guard fields.count >= 2 else {
                throw EntityResourceError("\(name):\(lineNumber): expected a token and a tag")
            }
            // UNER files are tab-separated and start with an index column: idx, token, tag, ...
            let indexed = tabbed && fields.count >= 3 && fields[0].allSatisfy(\.isNumber)
            tokens.append(String(indexed ? fields[1] : fields[0]))
            tags.append(String(indexed ? fields[2] : fields[fields.count - 1]))
        }
        endDocument()
        return documents
    }

    /// Spans of a tag sequence in any of IOB1, IOB2, BIOES/BILOU.
    static func spans(_ tags: [String], typeMap: [String: String]) -> [TokenEntity] {
        var out: [TokenEntity] = []
        var open: (first: Int, type: String)?
        func close(_ end: Int) {
            if let o = open, !o.type.isEmpty { out.append(TokenEntity(first: o.first, end: end, type: o.type)) }
            open = nil
        }
        for (i, tag) in tags.enumerated() {
            guard tag != "O", let dash = tag.firstIndex(of: "-") else { close(i); continue }
            let prefix = tag[..<dash]
            var type = String(tag[tag.index(after: dash)...])
            type = typeMap[type] ?? type
            if type == "O" { close(i); continue }  // stray "B-O" tags in UNER
            switch prefix {
            case "B", "S", "U":
                close(i)
                open = (i, type)
                if prefix != "B" { close(i + 1) }
            case "E", "L":
                if open?.type != type { close(i); open = (i, type) }
                close(i + 1)
            default:  // "I"
                if open?.type != type { close(i); open = (i, type) }
            }
        }
        close(tags.count)
        return out
    }
}
