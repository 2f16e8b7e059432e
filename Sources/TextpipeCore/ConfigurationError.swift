/// Where something is in a pipeline file: 1-based line and column.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { line > 0 ? "\(file):\(line):\(column)" : file }
}

/// A problem with the pipeline file or the command line, found before any document is read.
/// It names the place, the key, what is wrong and, for near-misses, what was probably meant:
/// "unknown stage 'sentence' at news.yaml:12:5; did you mean 'sentences'?". Exit code 2.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var location: SourceLocation?
    /// The dotted key path, e.g. "stages[2].sentences.language", for programs; messages name
    /// the key in words.
    public var key: String?
    public var suggestion: String?

    public init(_ message: String, at location: SourceLocation? = nil, key: String? = nil,
                suggestion: String? = nil) {
        self.message = Self.shorten(message)
        self.location = location
        self.key = key
        self.suggestion = suggestion
    }

    /// Messages quote what the file says, and a hostile file can say a megabyte in one key:
    /// a long message is cut in the middle, so that its start and end still read.
    static func shorten(_ message: String, limit: Int = 400) -> String {
        guard message.utf8.count > limit else { return message }
        return String(message.prefix(limit / 2)) + " […] " + String(message.suffix(limit / 2))
    }

    public var description: String {
        var s = message
        if let location { s += " at \(location)" }
        if let suggestion { s += "; did you mean '\(suggestion)'?" }
        return s
    }
}

/// Several configuration errors reported together, so a user fixes a file in one pass.
public struct ConfigurationErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [ConfigurationError]
    public init(_ errors: [ConfigurationError]) { self.errors = errors }
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}

/// Picks the candidate closest to a misspelled name, if it is close enough to be a likely typo.
public func closestMatch(to word: String, in candidates: some Sequence<String>) -> String? {
    let w = Array(word.lowercased().unicodeScalars)
    var best: (String, Int)?
    for c in candidates {
        let d = editDistance(w, Array(c.lowercased().unicodeScalars))
        if d < (best?.1 ?? Int.max) { best = (c, d) }
    }
    guard let (name, distance) = best else { return nil }
    let allowed = max(1, min(3, name.count / 3))
    return distance <= allowed ? name : nil
}

/// Optimal-string-alignment distance: insertions, deletions, substitutions and swaps of
/// neighbours each cost one.
func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var beforePrevious = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                current[j] = min(current[j], beforePrevious[j - 2] + 1)
            }
        }
        (beforePrevious, previous, current) = (previous, current, beforePrevious)
    }
    return previous[b.count]
}
