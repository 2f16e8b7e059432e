/// An open-addressing hash table from 64-bit keys to `Int32` values: the one lookup structure
/// behind the model's feature weights, the word-class table, the gazetteers and the rule words.
///
/// Lookups are the tagger's main cost (about fifty per token, mostly cache misses), so a slot
/// is 8 bytes: the key's upper 32 bits as a fingerprint and the value. The slot index comes from
/// a mix of the whole key and probing is linear, the table at most half full; a wrong hit needs
/// two keys agreeing in 32 fingerprint bits within one probe run (about 1e-9 per lookup).
/// Fingerprint 0 marks an empty slot (a real 0 is stored as 1). Built once at load time, then
/// read-only and shared across threads.
struct HashIndex: Sendable {
    struct Slot {
        var key: UInt32
        var value: Int32
    }

    private var slots: [Slot]
    /// Full keys in insertion order, kept only while building (growing rehashes them).
    private var inserted: [(UInt64, Int32)] = []
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Slot](repeating: Slot(key: 0, value: -1), count: size)
        mask = size - 1
    }

    @inline(__always)
    private static func slotKey(_ key: UInt64) -> UInt32 {
        let f = UInt32(truncatingIfNeeded: key >> 32)
        return f == 0 ? 1 : f
    }

    /// Inserts or replaces; grows when more than half full.
    mutating func set(_ key: UInt64, _ value: Int32) {
        if (count + 1) * 2 > slots.count { grow() }
        let k = Self.slotKey(key)
        let mask = self.mask
        let added = slots.withUnsafeMutableBufferPointer { sp in
            var i = Int(truncatingIfNeeded: ByteText.mix(key)) & mask
            while sp[i].key != 0 && sp[i].key != k { i = (i + 1) & mask }
            let isNew = sp[i].key == 0
            sp[i] = Slot(key: k, value: value)
            return isNew
        }
        if added {
            count += 1
            inserted.append((key, value))
        }
    }

    /// Drops what only building needed.
    mutating func seal() { inserted = [] }

    /// The value stored for `key`, or -1.
    @inline(__always)
    func get(_ key: UInt64) -> Int32 {
        let k = Self.slotKey(key)
        return slots.withUnsafeBufferPointer { sp in
            var i = Int(truncatingIfNeeded: ByteText.mix(key)) & mask
            while true {
                let s = sp[i]
                if s.key == k { return s.value }
                if s.key == 0 { return -1 }
                i = (i + 1) & mask
            }
        }
    }

    private mutating func grow() {
        let before = self
        slots = [Slot](repeating: Slot(key: 0, value: -1), count: slots.count * 2)
        mask = slots.count - 1
        count = 0
        inserted = []
        for (k, _) in before.inserted { set(k, before.get(k)) }
    }
}
