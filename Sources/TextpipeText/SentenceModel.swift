/// A linear model that finds the sentence boundaries the rules cannot see: where a sentence
/// ends without a mark ("... Thanks John I'm back", a headline run into its text, a signature),
/// and where the next sentence starts in lower case ("it broke. i returned it").
///
/// Design. The rules of `BoundaryFinder` go first and stay in charge of every boundary they
/// find; the model only adds boundaries inside the sentences they return, so it can never undo
/// a rule (the Golden Rules) and costs nothing where the text is regular. Its candidates are
/// the gaps before a capitalized word or a number that follows a word without a final mark,
/// and the gaps after a final mark that the rules kept because lower case follows
/// (`BoundaryFeatures` says which, and what it sees there: the words on either side, their
/// shapes, how far the sentence has run, whether it is all capitals so far). A gap is a
/// boundary when the weights of its features sum above zero.
///
/// The weights are learned (`SentenceModelTrainer`, an averaged perceptron; `textpipe train
/// sentences`) and stored as text, one `feature<TAB>weight` line each, so a model can be read
/// and diffed. The header's `threshold` (set when training) trades recall for precision. At run time each feature is a 64-bit hash of its name, computed straight from
/// the bytes of the text, looked up in an open-addressing table: no strings are built.
public struct SentenceModel: Sendable {
    private var keys: [UInt64]
    private var weights: [Float]
    private var mask: Int
    /// A gap is a boundary when its features' weights sum above this.
    public let threshold: Float
    /// Number of features with a weight.
    public private(set) var count = 0
    /// The `# key: value` header lines of the model file (what it was trained on, its licence).
    public private(set) var info: [String: String] = [:]

    init(weights named: [(String, Float)], info: [String: String] = [:]) {
        threshold = info["threshold"].flatMap(Float.init) ?? 0
        var size = 64
        while size < named.count * 2 + 1 { size <<= 1 }
        keys = [UInt64](repeating: 0, count: size)
        weights = [Float](repeating: 0, count: size)
        mask = size - 1
        self.info = info
        for (name, w) in named { insert(FeatureHash.of(name), w) }
    }

    private mutating func insert(_ h: UInt64, _ w: Float) {
        let key = h == 0 ? 1 : h  // 0 marks an empty slot
        var s = Int(truncatingIfNeeded: key ^ (key >> 31)) & mask
        while keys[s] != 0 && keys[s] != key { s = (s + 1) & mask }
        if keys[s] == 0 { count += 1 }
        keys[s] = key
        weights[s] = w
    }

    /// The weight of a feature (0 when the model does not know it).
    @inline(__always)
    func weight(_ h: UInt64) -> Float {
        let key = h == 0 ? 1 : h
        var s = Int(truncatingIfNeeded: key ^ (key >> 31)) & mask
        while true {
            let k = keys[s]
            if k == key { return weights[s] }
            if k == 0 { return 0 }
            s = (s + 1) & mask
        }
    }

    /// Reads a model from its text form: `# key: value` header lines, then one
    /// `feature<TAB>weight` per line.
    public init(text: String) throws {
        var named: [(String, Float)] = []
        var info: [String: String] = [:]
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty { continue }
            if line.hasPrefix("#") {
                let body = line.dropFirst().drop(while: { $0 == " " })
                if let colon = body.firstIndex(of: ":") {
                    info[String(body[..<colon])] = String(body[body.index(after: colon)...].drop(while: { $0 == " " }))
                }
                continue
            }
            guard let tab = line.lastIndex(of: "\t"), let w = Float(line[line.index(after: tab)...]) else {
                throw SentenceModelError(line: n + 1, message: "expected 'feature<TAB>weight', found '\(line.prefix(60))'")
            }
            named.append((String(line[..<tab]), w))
        }
        self.init(weights: named, info: info)
    }
}

/// A line of a model file that cannot be read.
public struct SentenceModelError: Error, CustomStringConvertible {
    public var line: Int
    public var message: String
    public var description: String { "sentence model, line \(line): \(message)" }
}

/// Feature names hash as 64-bit FNV-1a of their UTF-8 bytes: the runtime hashes a template's
/// prefix ("r=") and then the word's bytes, lowered, and gets the hash of the whole name.
enum FeatureHash {
    static let seed: UInt64 = 0xcbf2_9ce4_8422_2325

    @inline(__always)
    static func add(_ h: UInt64, _ b: UInt8) -> UInt64 {
        (h ^ UInt64(b)) &* 0x100_0000_01b3
    }

    static func of(_ name: String) -> UInt64 {
        var h = seed
        for b in name.utf8 { h = add(h, b) }
        return h
    }
}

extension SentenceModel {
    /// The model shipped for English (trained on UD English-EWT; see `Model/NOTICE.md`), read
    /// once from the text compiled into the binary (`Model/EnglishSentenceModel.swift`).
    static let english: SentenceModel = {
        do {
            return try SentenceModel(text: englishModelText)
        } catch {
            fatalError("the shipped English sentence model does not read: \(error)")  // a test reads it
        }
    }()

    /// The shipped model for a language, if there is one.
    static func shipped(language: String) -> SentenceModel? {
        language == "en" ? english : nil
    }
}
