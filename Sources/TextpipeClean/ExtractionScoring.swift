import Foundation

/// Scores extracted text against ground truth exactly as the extraction dev set's README
/// defines it (the article-extraction-benchmark's definition):
///
/// - tokens are maximal runs of word characters, as Python's `\w+` on `str`: letters
///   (categories Lu, Ll, Lt, Lm, Lo), characters with a numeric value, and `_` (combining
///   marks are not word characters there, so they split words here too);
/// - each text becomes the multiset of its 4-token shingles (1-3 tokens: one short shingle);
/// - per page, TP is the multiset overlap, FP the extra predicted shingles, FN the missed
///   ones; precision and recall are 1 when there is nothing to get wrong;
/// - the set's precision is the mean over pages with a non-empty prediction, its recall the
///   mean over all pages, F1 the harmonic mean of those two means.
///
/// Pages with snippets instead of a body (`trafilatura_eval`) count, after whitespace is
/// collapsed, each `with` snippet found as a TP (else an FN) and each `without` snippet found
/// as an FP, summed over pages. Titles compare case-folded with whitespace collapsed, authors
/// as sets of names, dates by their first ten characters.
public struct ExtractionScore: Sendable {
    public var pages = 0
    public var precisionSum = 0.0
    public var precisionPages = 0
    public var recallSum = 0.0
    public var snippetTP = 0, snippetFP = 0, snippetFN = 0
    public var usesSnippets = false
    /// Field name → (correct, labelled).
    public var metadata: [String: (correct: Int, labelled: Int)] = [:]

    public init() {}

    public var precision: Double {
        usesSnippets ? Double(snippetTP) / Double(max(1, snippetTP + snippetFP)) : precisionSum / Double(max(1, precisionPages))
    }

    public var recall: Double {
        usesSnippets ? Double(snippetTP) / Double(max(1, snippetTP + snippetFN)) : recallSum / Double(max(1, pages))
    }

    public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }

    /// Adds one page: its predicted text and metadata against its truth.
    public mutating func add(predicted: String, truth: ExtractionTruth, title: String?, author: String?, published: String?) {
        pages += 1
        if let body = truth.body {
            let p = Self.shingles(predicted), g = Self.shingles(body)
            var tp = 0
            for (s, n) in p { tp += min(n, g[s] ?? 0) }
            let fp = p.values.reduce(0, +) - tp
            let fn = g.values.reduce(0, +) - tp
            let precision = tp + fp == 0 ? 1 : Double(tp) / Double(tp + fp)
            let recall = tp + fn == 0 ? 1 : Double(tp) / Double(tp + fn)
            if !p.isEmpty {
                precisionSum += precision
                precisionPages += 1
            }
            recallSum += recall
        } else {
            usesSnippets = true
            let text = Self.collapse(predicted)
            for s in truth.with { if text.contains(Self.collapse(s)) { snippetTP += 1 } else { snippetFN += 1 } }
            for s in truth.without where text.contains(Self.collapse(s)) { snippetFP += 1 }
        }
        func count(_ field: String, _ label: String?, _ value: String?, _ same: (String, String) -> Bool) {
            guard let label, !label.isEmpty else { return }
            var c = metadata[field] ?? (0, 0)
            c.labelled += 1
            if let value, same(value, label) { c.correct += 1 }
            metadata[field] = c
        }
        count("title", truth.title, title) { Self.fold($0) == Self.fold($1) }
        count("author", truth.byline, author) { Self.names($0) == Self.names($1) }
        count("date", truth.published, published) { $0.prefix(10) == $1.prefix(10) }
    }

    static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        if s == "_" { return true }
        let p = s.properties
        switch p.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return p.numericType != nil
        }
    }

    public static func tokens(_ text: String) -> [String] {
        var out: [String] = []
        var current = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            if isWordScalar(s) {
                current.append(s)
            } else if !current.isEmpty {
                out.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { out.append(String(current)) }
        return out
    }

    static func shingles(_ text: String) -> [String: Int] {
        let t = tokens(text)
        var out: [String: Int] = [:]
        if t.isEmpty { return out }
        if t.count < 4 {
            out[t.joined(separator: "\u{1}")] = 1
            return out
        }
        for i in 0...(t.count - 4) { out[t[i..<(i + 4)].joined(separator: "\u{1}"), default: 0] += 1 }
        return out
    }

    static func collapse(_ s: String) -> String {
        s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// Python's `casefold()` for the cases that matter here: lower case, and ß as ss.
    static func fold(_ s: String) -> String {
        collapse(s).lowercased().replacingOccurrences(of: "ß", with: "ss")
    }

    static func names(_ s: String) -> Set<String> {
        var parts = [s]
        for sep in [";", ",", "|", "&", "/", " and "] { parts = parts.flatMap { $0.components(separatedBy: sep) } }
        return Set(parts.map(fold).filter { !$0.isEmpty })
    }
}

/// One page's ground truth in the dev set's `ground-truth.json`.
public struct ExtractionTruth: Sendable {
    public var body: String?
    public var with: [String]
    public var without: [String]
    public var url: String?
    public var title: String?
    public var byline: String?
    public var published: String?

    /// Reads `ground-truth.json` (id → truth). `byline` may be a string or a list of names.
    public static func load(_ url: URL) throws -> [String: ExtractionTruth] {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
        guard let all = object as? [String: [String: Any]] else { return [:] }
        var out: [String: ExtractionTruth] = [:]
        for (id, g) in all {
            var byline = g["byline"] as? String
            if let list = g["byline"] as? [String] { byline = list.joined(separator: "; ") }
            out[id] = ExtractionTruth(body: g["articleBody"] as? String, with: g["with"] as? [String] ?? [],
                                      without: g["without"] as? [String] ?? [], url: g["url"] as? String,
                                      title: g["title"] as? String, byline: byline, published: g["publishedTime"] as? String)
        }
        return out
    }
}
