import TextpipeCore

/// A map from strings to additive values that remembers each key's stable 64-bit hash.
///
/// Design. Vocabulary and n-gram tables are where the statistics spend their time: every
/// document adds hundreds of keys to them, first on the worker (building its contribution) and
/// again on the serial writer (folding it into the total). `Dictionary<String, _>` rehashes
/// each key with SipHash at every step, which profiling showed to be most of the stage's cost.
/// Here the hash is computed once, from the key's UTF-8 bytes while the document is scanned
/// (FNV-1a, finished with a 64-bit mixer), and travels with the key: merging two tables probes
/// with the stored hashes and compares bytes only when hashes agree. Entries are kept in
/// arrays (keys, hashes, values) with an open-addressing index of entry numbers, so merging is
/// a linear pass. The table only grows; statistics never remove a key.
///
/// As a value it behaves like a dictionary: equality ignores insertion order, and it is saved
/// as a JSON object (whose keys `JSONEncoder.sortedKeys` orders), so its saved form does not
/// depend on the order of merges either.
public struct CountTable<Value: Additive & Sendable>: Sendable, Additive, Sequence, ExpressibleByDictionaryLiteral {
    public private(set) var keys: [String] = []
    public private(set) var values: [Value] = []
    private(set) var hashes: [UInt64] = []
    /// Entry number + 1 for each slot, 0 when empty; the count is a power of two (or zero).
    private var slots: [Int32] = []

    public init() {}

    public init(dictionaryLiteral elements: (String, Value)...) {
        for (k, v) in elements { add(k, v) }
    }

    /// A table of distinct keys whose hashes are known (`hash(_:)` of each key).
    init(uniqueKeys keys: [String], hashes: [UInt64], values: [Value]) {
        self.keys = keys
        self.hashes = hashes
        self.values = values
        rebuildIndex(capacity: Self.capacity(for: keys.count))
    }

    public static var zero: CountTable { CountTable() }

    /// The stable hash of a key: the same in every process and on every platform.
    public static func hash(_ key: String) -> UInt64 {
        var s = key
        return s.withUTF8 { buf in
            var h: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a, as StableHash.fnv1a64
            for b in buf {
                h ^= UInt64(b)
                h &*= 0x0000_0100_0000_01B3
            }
            return Mix.fmix64(h)
        }
    }

    public var count: Int { keys.count }
    public var isEmpty: Bool { keys.isEmpty }

    public subscript(key: String) -> Value? {
        guard let i = find(key, Self.hash(key)) else { return nil }
        return values[i]
    }

    public mutating func add(_ key: String, _ value: Value) {
        add(key, hash: Self.hash(key), value)
    }

    public mutating func add(_ key: String, hash h: UInt64, _ value: Value) {
        if let i = find(key, h) {
            values[i].add(value)
            return
        }
        if (keys.count + 1) * 2 > slots.count { rebuildIndex(capacity: Self.capacity(for: keys.count + 1)) }
        keys.append(key)
        hashes.append(h)
        values.append(value)
        insertSlot(keys.count - 1)
    }

    public mutating func add(_ other: CountTable) {
        if isEmpty {
            self = other
            return
        }
        if (keys.count + other.count) * 2 > slots.count {
            rebuildIndex(capacity: Self.capacity(for: keys.count + other.count))
        }
        for i in other.keys.indices { add(other.keys[i], hash: other.hashes[i], other.values[i]) }
    }

    private func find(_ key: String, _ h: UInt64) -> Int? {
        guard !slots.isEmpty else { return nil }
        let mask = slots.count - 1
        var s = Int(truncatingIfNeeded: h) & mask
        while true {
            let e = Int(slots[s])
            if e == 0 { return nil }
            if hashes[e - 1] == h, keys[e - 1] == key { return e - 1 }
            s = (s + 1) & mask
        }
    }

    private mutating func insertSlot(_ entry: Int) {
        let mask = slots.count - 1
        var s = Int(truncatingIfNeeded: hashes[entry]) & mask
        while slots[s] != 0 { s = (s + 1) & mask }
        slots[s] = Int32(entry + 1)
    }

    private mutating func rebuildIndex(capacity: Int) {
        slots = Array(repeating: 0, count: capacity)
        for i in keys.indices { insertSlot(i) }
    }

    /// A power of two at least twice `n` (load factor at most one half).
    static func capacity(for n: Int) -> Int {
        var c = 8
        while c < n * 2 { c <<= 1 }
        return c
    }

    // MARK: Sequence

    public struct Iterator: IteratorProtocol {
        let table: CountTable
        var i = 0
        public mutating func next() -> (key: String, value: Value)? {
            guard i < table.keys.count else { return nil }
            defer { i += 1 }
            return (table.keys[i], table.values[i])
        }
    }

    public func makeIterator() -> Iterator { Iterator(table: self) }
    public var underestimatedCount: Int { keys.count }

    // MARK: Equatable, Codable

    public static func == (a: CountTable, b: CountTable) -> Bool {
        guard a.count == b.count else { return false }
        for i in a.keys.indices {
            guard let j = b.find(a.keys[i], a.hashes[i]), b.values[j] == a.values[i] else { return false }
        }
        return true
    }

    struct EntryKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: EntryKey.self)
        for k in c.allKeys { add(k.stringValue, try c.decode(Value.self, forKey: k)) }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: EntryKey.self)
        for i in keys.indices { try c.encode(values[i], forKey: EntryKey(stringValue: keys[i])) }
    }
}
