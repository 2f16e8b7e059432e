import Foundation

/// Unsupervised word classes: each word maps to one of 20,000 classes and, nested above it,
/// one of 1,024, 256 and 64 (see `Benchmarks/ner/build_word_classes.py`, which derives them
/// from the MIT-licensed spaCy `en_core_web_md` vectors).
///
/// Word classes are how the tagger generalises beyond the names it was trained on: an unseen
/// surname falls in the class of other surnames, a news agency in the class of other agencies.
/// The coarser levels act like the prefixes of a Brown-cluster path (Ratinov & Roth 2009).
///
/// The table keeps a word's cased form only when its class differs from the lower-case form's,
/// so lookups try the exact form, then the capitalised form, then lower case. The source is two
/// TSV files; the stage reads the compiled tables in place from the mapped resource file.
public struct WordClasses: Sendable {
    /// Class ids at the four levels; `row` is the finest.
    public struct Classes: Sendable, Equatable {
        public var row: Int32
        public var c1024: Int32
        public var c256: Int32
        public var c64: Int32
    }

    /// Word hash → row; nil for the empty table.
    private let index: HashIndex?
    /// Per row: c1024 | c256 << 10 | c64 << 18.
    private let levels: Table<UInt32>

    /// An empty table (every lookup misses).
    public init() {
        index = nil
        levels = Table([])
    }

    /// Reads `word<TAB>row` lines and `c1024<TAB>c256<TAB>c64` lines (one per row).
    public init(words: [UInt8], levels levelBytes: [UInt8]) throws {
        var levels: [UInt32] = []
        try TSVReader.forEachLine(levelBytes) { f, line in
            guard f.count >= 3, let a = TSVReader.int(levelBytes, f[0]), let b = TSVReader.int(levelBytes, f[1]),
                  let c = TSVReader.int(levelBytes, f[2]), a < 1024, b < 256, c < 64
            else { throw EntityResourceError("word-class levels: bad line \(line)") }
            levels.append(UInt32(a) | UInt32(b) << 10 | UInt32(c) << 18)
        }
        var index = HashIndex.Builder(capacity: words.count / 12)
        try words.withUnsafeBufferPointer { p in
            try TSVReader.forEachLine(words) { f, line in
                guard f.count >= 2, let row = TSVReader.int(words, f[1]), row < levels.count
                else { throw EntityResourceError("word classes: bad line \(line)") }
                index.set(ByteText.hash(p, f[0].lowerBound, f[0].upperBound), Int32(row))
            }
        }
        self.index = index.index(maxLoad: 0.75)
        self.levels = Table(levels)
    }

    /// Adds the tables to a resource file (sections `classes.*`).
    func write(into file: inout SectionFile.Writer) {
        file.add("classes.slots", index?.slots.array ?? [])
        file.add("classes.levels", levels.array)
    }

    /// The tables stored in a mapped resource file, used in place.
    init(file: SectionFile) throws {
        let levels = try file.table("classes.levels", of: UInt32.self)
        let slots = try file.table("classes.slots", of: HashIndex.Slot.self)
        index = slots.count == 0 ? nil : try HashIndex(slots: slots)
        self.levels = levels
    }

    public var isEmpty: Bool { levels.count == 0 }

    /// Classes of a word given the hashes of its exact, capitalised and lower-case forms.
    @inline(__always)
    func lookup(exact: UInt64, title: UInt64, lower: UInt64) -> Classes? {
        guard let index else { return nil }
        var row = index.get(exact)
        if row < 0 && title != exact { row = index.get(title) }
        if row < 0 && lower != exact && lower != title { row = index.get(lower) }
        guard row >= 0, Int(row) < levels.count else { return nil }
        let packed = levels[Int(row)]
        return Classes(row: row, c1024: Int32(packed & 1023), c256: Int32((packed >> 10) & 255),
                       c64: Int32(packed >> 18))
    }

    /// Classes of a word (for tests and tools).
    public func classes(of word: String) -> Classes? {
        var lower: [UInt8] = [], title: [UInt8] = []
        let bytes = Array(word.utf8)
        return bytes.withUnsafeBufferPointer { p in
            ByteText.lowercased(p, 0, p.count, into: &lower)
            title = lower
            if let first = bytes.first { title[0] = first }
            return lookup(exact: ByteText.hash(p, 0, p.count), title: hashOf(title), lower: hashOf(lower))
        }
    }

    private func hashOf(_ b: [UInt8]) -> UInt64 {
        b.withUnsafeBufferPointer { ByteText.hash($0, 0, $0.count) }
    }
}

/// A resource file that cannot be read or makes no sense.
public struct EntityResourceError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// The files shipped in the module's `Resources/` folder.
public enum EntityResources {
    public static func url(_ name: String) throws -> URL {
        let base = (name as NSString).deletingPathExtension, ext = (name as NSString).pathExtension
        if let url = Bundle.module.url(forResource: base, withExtension: ext, subdirectory: "Resources")
            ?? Bundle.module.url(forResource: base, withExtension: ext) {
            return url
        }
        throw EntityResourceError("resource \(name) is missing from the TextpipeEntities bundle")
    }

    public static func bytes(_ name: String) throws -> [UInt8] {
        let url = try url(name)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw EntityResourceError("cannot read \(url.path)")
        }
        return [UInt8](data)
    }
}
