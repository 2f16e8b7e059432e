import Foundation

/// A list of phrases with what each one is, matched against token sequences.
///
/// A phrase is keyed by the hash of its bytes with whitespace removed (and, unless the list is
/// case-sensitive, lower-cased). Matching starts at every token and extends the hash token by
/// token, looking the key up after each token end; so a match always begins at a token start
/// and ends at a token end, but how the tokenizer split the inside ("St. Louis", "Guinea-Bissau")
/// does not matter. Matching stops once the phrase would be longer than the longest entry.
///
/// The built-in lists (GeoNames places, Census names) feed the model as features and are read
/// in place from the mapped resource file (`EntityResourceFile`); a user's lists (TSV: phrase,
/// type, canonical) are compiled into the same tables at load and produce entities directly,
/// like spaCy's EntityRuler. Entries are fixed-size records (`Record`) whose strings live in one
/// pool, so no `String` exists until an entry is asked for.
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

    /// An entry as stored: string ids into the pool (`none` for absent) and the rank.
    struct Record: Equatable {
        static let none = UInt32.max
        var type: UInt32
        var canonical: UInt32
        var kb: UInt32
        var rank: Int32
    }

    public let caseSensitive: Bool
    let index: HashIndex
    /// Entries of group g: `records[groupStart[g]..<groupStart[g+1]]`.
    private let groupStart: Table<UInt32>
    private let records: Table<Record>
    private let pool: StringPool
    /// Bytes of the longest key; matching stops beyond it.
    private let maxKeyBytes: Int
    /// Types are the pool's first strings; per type, the hash used in feature keys ("gaz:" + type).
    private let typeHashes: [UInt64]

    public init(_ phrases: [(phrase: String, entry: Entry)], caseSensitive: Bool) {
        // Group by key with a sort (cheaper than a dictionary of arrays at 100k phrases).
        var keyed: [(key: UInt64, order: Int)] = []
        keyed.reserveCapacity(phrases.count)
        var maxKeyBytes = 0
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
        var index = HashIndex.Builder(capacity: keyed.count)
        var pool = StringPool.Builder()
        var records: [Record] = [], groupStart: [UInt32] = [0]
        for (_, order) in keyed { _ = pool.id(phrases[order].entry.type) }
        let typeCount = pool.count
        var k = 0
        while k < keyed.count {
            let key = keyed[k].key
            var group: [Entry] = []
            while k < keyed.count && keyed[k].key == key {
                let entry = phrases[keyed[k].order].entry
                if !group.contains(entry) { group.append(entry) }
                k += 1
            }
            for e in group {
                records.append(Record(type: pool.id(e.type), canonical: e.canonical.map { pool.id($0) } ?? Record.none,
                                      kb: e.kb.map { pool.id($0) } ?? Record.none,
                                      rank: Int32(clamping: e.rank)))
            }
            index.set(key, Int32(groupStart.count - 1))
            groupStart.append(UInt32(records.count))
        }
        self.init(caseSensitive: caseSensitive, index: index.index(maxLoad: 0.75), groupStart: Table(groupStart),
                  records: Table(records), pool: pool.pool(), maxKeyBytes: maxKeyBytes, typeCount: typeCount)
    }

    private init(caseSensitive: Bool, index: HashIndex, groupStart: Table<UInt32>, records: Table<Record>,
                 pool: StringPool, maxKeyBytes: Int, typeCount: Int) {
        self.caseSensitive = caseSensitive
        self.index = index
        self.groupStart = groupStart
        self.records = records
        self.pool = pool
        self.maxKeyBytes = maxKeyBytes
        typeHashes = (0..<typeCount).map { ByteText.hash("gaz:" + pool.string(UInt32($0))) }
    }

    public var phraseCount: Int { groupStart.count - 1 }

    /// The entry types the list holds.
    public var types: Set<String> { Set((0..<typeHashes.count).map { pool.string(UInt32($0)) }) }

    public func entry(_ e: Int) -> Entry {
        let r = records[e]
        return Entry(type: pool.string(r.type), canonical: r.canonical == Record.none ? nil : pool.string(r.canonical),
                     kb: r.kb == Record.none ? nil : pool.string(r.kb), rank: Int(r.rank))
    }

    func entries(_ range: Range<Int>) -> [Entry] { range.map(entry) }

    static func key(_ phrase: String, caseSensitive: Bool) -> UInt64 {
        let bytes = Array(phrase.utf8)
        return bytes.withUnsafeBufferPointer { p in
            caseSensitive ? ByteText.exactPhraseStep(ByteText.fnvOffset, p, 0, p.count)
                : ByteText.phraseStep(ByteText.fnvOffset, p, 0, p.count)
        }
    }

    @inline(__always)
    private func group(_ g: Int) -> Range<Int> { Int(groupStart[g])..<Int(groupStart[g + 1]) }

    /// Calls `body(first, end, entries)` for every phrase matching tokens `first..<end` within
    /// `tokens`, in order of `first`, then of `end`.
    func forEachMatch(
        in text: TokenizedText, tokens: Range<Int>, startingWhere canStart: (Int) -> Bool = { _ in true },
        _ body: (Int, Int, Range<Int>) -> Void
    ) {
        guard phraseCount > 0 else { return }
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
                    let g = Int(index.get(h))
                    if g >= 0 && g < phraseCount { body(first, j + 1, group(g)) }
                }
            }
        }
    }

    @inline(__always)
    func typeHash(_ entry: Int) -> UInt64 { typeHashes[Int(records[entry].type)] }

    /// The best entry for a whole phrase (highest rank), if the list has it.
    public func lookup(_ phrase: String) -> Entry? {
        entries(for: phrase).first
    }

    /// Every entry for a whole phrase ("Thomas" is a first name and a surname).
    func entries(for phrase: String) -> [Entry] {
        let g = Int(index.get(Self.key(phrase, caseSensitive: caseSensitive)))
        return g >= 0 && g < phraseCount ? entries(group(g)) : []
    }
}

extension Gazetteer {
    /// Adds the list's tables to a resource file, as sections named `prefix.*`.
    func write(into file: inout SectionFile.Writer, prefix: String) {
        file.add(prefix + ".slots", index.slots.array)
        file.add(prefix + ".groups", groupStart.array)
        file.add(prefix + ".entries", records.array)
        pool.write(into: &file, prefix: prefix)
        file.add(prefix + ".meta", [UInt32(caseSensitive ? 1 : 0), UInt32(maxKeyBytes), UInt32(typeHashes.count)])
    }

    /// The list stored under `prefix` in a mapped resource file, used in place.
    init(file: SectionFile, prefix: String) throws {
        let meta = try file.table(prefix + ".meta", of: UInt32.self)
        let groupStart = try file.table(prefix + ".groups", of: UInt32.self)
        let records = try file.table(prefix + ".entries", of: Record.self)
        let pool = try StringPool(file: file, prefix: prefix)
        guard meta.count == 3, Int(meta[2]) <= pool.count, groupStart.count >= 1,
              groupStart[groupStart.count - 1] == records.count,
              zip(groupStart.buffer, groupStart.buffer.dropFirst()).allSatisfy({ $0 <= $1 }),
              records.buffer.allSatisfy({ $0.type < meta[2] && ($0.canonical == Record.none || pool.contains($0.canonical))
                  && ($0.kb == Record.none || pool.contains($0.kb)) })
        else { throw EntityResourceError("gazetteer '\(prefix)': inconsistent tables") }
        self.init(caseSensitive: meta[0] != 0, index: try HashIndex(slots: file.table(prefix + ".slots")),
                  groupStart: groupStart, records: records, pool: pool, maxKeyBytes: Int(meta[1]), typeCount: Int(meta[2]))
    }
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
