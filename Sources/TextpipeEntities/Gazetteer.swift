import Foundation

/// A list of phrases with what each one is, matched against token sequences.
///
/// A phrase is keyed by the hash of its bytes with whitespace removed (and, unless the list is
/// case-sensitive, lower-cased). Matching starts at every token and extends the hash token by
/// token, looking the key up after each token end; so a match always begins at a token start
/// and ends at a token end, but how the tokenizer split the inside ("St. Louis", "Guinea-Bissau")
/// does not matter. Matching stops once the phrase would be longer than the longest entry.
///
/// The built-in lists (GeoNames places, Census names) feed the model as features; a user's
/// lists (TSV: phrase, type, canonical) produce entities directly, like spaCy's EntityRuler.
public struct Gazetteer: Sendable {
    public struct Entry: Sendable, Equatable {
        /// The list's kind for built-in lists ("country", "surname"), the entity type for a
        /// user's list ("PRODUCT").
        public var type: String
        public var canonical: String?
        public var kb: String?
        /// Breaks ties between entries of one phrase (population for places).
        public var rank: Int

        public init(type: String, canonical: String? = nil, kb: String? = nil, rank: Int = 0) {
            self.type = type
            self.canonical = canonical
            self.kb = kb
            self.rank = rank
        }
    }

    public let caseSensitive: Bool
    var index: HashIndex
    var groups: [Range<Int>] = []
    public private(set) var entries: [Entry] = []
    /// Hash of each entry's type, for feature keys.
    private(set) var typeHashes: [UInt64] = []
    private var maxKeyBytes = 0

    public init(_ phrases: [(phrase: String, entry: Entry)], caseSensitive: Bool) {
        self.caseSensitive = caseSensitive
        // Group by key with a sort (cheaper than a dictionary of arrays at 100k phrases).
        var keyed: [(key: UInt64, order: Int)] = []
        keyed.reserveCapacity(phrases.count)
        for (n, (phrase, _)) in phrases.enumerated() {
            var length = 0
            for b in phrase.utf8 where !ByteText.isSpace(b) { length += 1 }
            guard length > 0 else { continue }
            maxKeyBytes = max(maxKeyBytes, length)
            keyed.append((Self.key(phrase, caseSensitive: caseSensitive), n))
        }
        keyed.sort { a, b in
            a.key != b.key ? a.key < b.key
                : phrases[a.order].entry.rank != phrases[b.order].entry.rank ? phrases[a.order].entry.rank > phrases[b.order].entry.rank
                : a.order < b.order
        }
        index = HashIndex(capacity: keyed.count)
        var typeHash: [String: UInt64] = [:]
        var k = 0
        while k < keyed.count {
            let key = keyed[k].key
            let first = entries.count
            while k < keyed.count && keyed[k].key == key {
                let entry = phrases[keyed[k].order].entry
                if !entries[first...].contains(entry) {
                    entries.append(entry)
                    if typeHash[entry.type] == nil { typeHash[entry.type] = ByteText.hash("gaz:" + entry.type) }
                    typeHashes.append(typeHash[entry.type]!)
                }
                k += 1
            }
            index.set(key, Int32(groups.count))
            groups.append(first..<entries.count)
        }
        index.seal()
    }

    public var phraseCount: Int { groups.count }

    static func key(_ phrase: String, caseSensitive: Bool) -> UInt64 {
        let bytes = Array(phrase.utf8)
        return bytes.withUnsafeBufferPointer { p in
            caseSensitive ? ByteText.exactPhraseStep(ByteText.fnvOffset, p, 0, p.count)
                : ByteText.phraseStep(ByteText.fnvOffset, p, 0, p.count)
        }
    }

    /// Calls `body(first, end, entries)` for every phrase matching tokens `first..<end` within
    /// `tokens`, in order of `first`, then of `end`.
    func forEachMatch(
        in text: TokenizedText, tokens: Range<Int>, startingWhere canStart: (Int) -> Bool = { _ in true },
        _ body: (Int, Int, Range<Int>) -> Void
    ) {
        guard !groups.isEmpty else { return }
        text.bytes.withUnsafeBufferPointer { p in
            for first in tokens where canStart(first) {
                var h = ByteText.fnvOffset
                var from = Int(text.starts[first])
                var length = 0
                for j in first..<tokens.upperBound {
                    let to = Int(text.ends[j])
                    length += to - Int(text.starts[j])
                    if length > maxKeyBytes { break }
                    h = caseSensitive ? ByteText.exactPhraseStep(h, p, from, to) : ByteText.phraseStep(h, p, from, to)
                    from = to
                    let g = index.get(h)
                    if g >= 0 { body(first, j + 1, groups[Int(g)]) }
                }
            }
        }
    }

    func typeHash(_ entry: Int) -> UInt64 { typeHashes[entry] }
}

extension Gazetteer {
    /// GeoNames places: `phrase, kind, canonical, geonames id, population`.
    public static func places(_ bytes: [UInt8]) throws -> Gazetteer {
        var phrases: [(String, Entry)] = []
        try TSVReader.forEachLine(bytes) { f, line in
            guard f.count >= 3 else { throw EntityResourceError("places: bad line \(line)") }
            let id = f.count > 3 ? TSVReader.string(bytes, f[3]) : ""
            let rank = f.count > 4 ? TSVReader.int(bytes, f[4]) ?? 0 : 0
            let kind = TSVReader.string(bytes, f[1])
            phrases.append((TSVReader.string(bytes, f[0]), Entry(
                type: kind, canonical: TSVReader.string(bytes, f[2]), kb: id.isEmpty ? nil : "geonames:" + id,
                rank: kind == "country" ? Int.max : rank)))
            if kind == "city" && rank >= 1_000_000 {
                phrases.append((TSVReader.string(bytes, f[0]), Entry(type: "city-large", rank: -1)))
            }
        }
        return Gazetteer(phrases, caseSensitive: false)
    }

    /// Census names: `name, kind`.
    public static func names(_ bytes: [UInt8]) throws -> Gazetteer {
        var phrases: [(String, Entry)] = []
        try TSVReader.forEachLine(bytes) { f, line in
            guard f.count >= 2 else { throw EntityResourceError("names: bad line \(line)") }
            phrases.append((TSVReader.string(bytes, f[0]), Entry(type: TSVReader.string(bytes, f[1]))))
        }
        return Gazetteer(phrases, caseSensitive: false)
    }

    /// A user's list: `phrase<TAB>type[<TAB>canonical]`, matched with case as written.
    public static func user(contentsOf url: URL) throws -> Gazetteer {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw EntityResourceError("cannot read gazetteer \(url.path)")
        }
        let bytes = [UInt8](data)
        var phrases: [(String, Entry)] = []
        try TSVReader.forEachLine(bytes) { f, line in
            guard f.count >= 2, !f[0].isEmpty, !f[1].isEmpty else {
                throw EntityResourceError("\(url.lastPathComponent):\(line): expected phrase<TAB>type[<TAB>canonical]")
            }
            let canonical = f.count > 2 && !f[2].isEmpty ? TSVReader.string(bytes, f[2]) : nil
            phrases.append((TSVReader.string(bytes, f[0]), Entry(type: TSVReader.string(bytes, f[1]), canonical: canonical)))
        }
        return Gazetteer(phrases, caseSensitive: true)
    }
}

extension Gazetteer {
    /// The best entry for a whole phrase (highest rank), if the list has it.
    public func lookup(_ phrase: String) -> Entry? {
        entries(for: phrase).first
    }

    /// Every entry for a whole phrase ("Thomas" is a first name and a surname).
    func entries(for phrase: String) -> ArraySlice<Entry> {
        let g = index.get(Self.key(phrase, caseSensitive: caseSensitive))
        return g >= 0 ? entries[groups[Int(g)]] : []
    }
}
