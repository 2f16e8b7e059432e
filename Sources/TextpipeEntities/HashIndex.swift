/// An open-addressing hash table from 64-bit keys to `Int32` values: the one lookup structure
/// behind the model's feature weights, the word-class table, the gazetteers and the rule words.
///
/// Lookups are the tagger's main cost (about fifty per token, mostly cache misses), so a slot
/// is 8 bytes: the key's upper 32 bits as a fingerprint and the value. The slot index comes from
/// a mix of the whole key (scaled to the table's size, which need not be a power of two) and
/// probing is linear, the table at most `maxLoad` full; a wrong hit needs
/// two keys agreeing in 32 fingerprint bits within one probe run (about 1e-9 per lookup).
/// Fingerprint 0 marks an empty slot (a real 0 is stored as 1).
///
/// The table is built once (`Builder`, which also serves tables filled at load time), then read
/// only: its slots are a `Table`, so the shipped tables are used in place from a mapped file
/// (`slots`/`init(slots:)`) and shared across threads.
struct HashIndex: Sendable {
    struct Slot: Equatable {
        var key: UInt32
        var value: Int32
    }

    let slots: Table<Slot>

    /// An index over slots written by `Builder.slots()`, at least one of them empty.
    init(slots: Table<Slot>) throws {
        guard slots.buffer.contains(where: { $0.key == 0 }) else {
            throw EntityResourceError("a hash table without an empty slot")
        }
        self.slots = slots
    }

    /// Where the probe for `key` starts among `size` slots: the mixed key's high bits scaled
    /// to the size (a multiply, not a modulo).
    @inline(__always)
    static func home(_ key: UInt64, size: Int) -> Int {
        Int(truncatingIfNeeded: ByteText.mix(key).multipliedFullWidth(by: UInt64(size)).high)
    }

    @inline(__always)
    static func fingerprint(_ key: UInt64) -> UInt32 {
        let f = UInt32(truncatingIfNeeded: key >> 32)
        return f == 0 ? 1 : f
    }

    /// The value stored for `key`, or -1.
    @inline(__always)
    func get(_ key: UInt64) -> Int32 {
        let k = Self.fingerprint(key)
        let sp = slots.buffer
        let size = sp.count
        var i = Self.home(key, size: size)
        while true {
            let s = sp[i]
            if s.key == k { return s.value }
            if s.key == 0 { return -1 }
            i += 1
            if i == size { i = 0 }
        }
    }

    /// Collects keys and values; `index()` lays them out. The layout depends only on the keys
    /// and the order they were set in, so a table built from the same source is byte-identical.
    struct Builder {
        private var pairs: [(key: UInt64, value: Int32)] = []
        private var position: [UInt64: Int] = [:]

        init(capacity: Int = 0) {
            pairs.reserveCapacity(capacity)
            position.reserveCapacity(capacity)
        }

        var count: Int { pairs.count }

        /// Inserts or replaces.
        mutating func set(_ key: UInt64, _ value: Int32) {
            if let p = position[key] {
                pairs[p].value = value
            } else {
                position[key] = pairs.count
                pairs.append((key, value))
            }
        }

        func get(_ key: UInt64) -> Int32 { position[key].map { pairs[$0].value } ?? -1 }

        /// The slots, at most `maxLoad` full: the model's table, probed about fifty times a
        /// token and mostly for absent keys, stays half empty; tables probed once or twice a
        /// token can be fuller and smaller.
        func slots(maxLoad: Double = 0.5) -> [Slot] {
            let size = max(16, Int((Double(pairs.count) / maxLoad).rounded(.up)) + 1)
            var slots = [Slot](repeating: Slot(key: 0, value: -1), count: size)
            for (key, value) in pairs {
                let k = HashIndex.fingerprint(key)
                var i = HashIndex.home(key, size: size)
                while slots[i].key != 0 && slots[i].key != k {
                    i += 1
                    if i == size { i = 0 }
                }
                slots[i] = Slot(key: k, value: value)
            }
            return slots
        }

        func index(maxLoad: Double = 0.5) -> HashIndex { try! HashIndex(slots: Table(slots(maxLoad: maxLoad))) }
    }
}
