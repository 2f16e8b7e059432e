/// An open-addressing hash table from 64-bit keys to `Int32` values: the one lookup structure
/// behind the model's feature weights, the word-class table and the gazetteers.
///
/// Keys are already well-mixed 64-bit hashes, so the slot is the key's low bits and probing is
/// linear; the table is at most half full. Key 0 marks an empty slot (a real key of 0 is stored
/// as 1, a collision nobody will meet). Built once at load time, then read-only and shared
/// across threads.
struct HashIndex: Sendable {
    private var keys: [UInt64]
    private var values: [Int32]
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = [UInt64](repeating: 0, count: size)
        values = [Int32](repeating: -1, count: size)
        mask = size - 1
    }

    @inline(__always)
    private static func slotKey(_ key: UInt64) -> UInt64 { key == 0 ? 1 : key }

    /// Inserts or replaces; grows when more than half full.
    mutating func set(_ key: UInt64, _ value: Int32) {
        if (count + 1) * 2 > keys.count { grow() }
        let k = Self.slotKey(key)
        var i = Int(truncatingIfNeeded: ByteText.mix(k)) & mask
        while keys[i] != 0 && keys[i] != k { i = (i + 1) & mask }
        if keys[i] == 0 { count += 1 }
        keys[i] = k
        values[i] = value
    }

    /// The value stored for `key`, or -1.
    @inline(__always)
    func get(_ key: UInt64) -> Int32 {
        let k = Self.slotKey(key)
        return keys.withUnsafeBufferPointer { kp in
            var i = Int(truncatingIfNeeded: ByteText.mix(k)) & mask
            while true {
                let s = kp[i]
                if s == k { return values[i] }
                if s == 0 { return -1 }
                i = (i + 1) & mask
            }
        }
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = [UInt64](repeating: 0, count: oldKeys.count * 2)
        values = [Int32](repeating: -1, count: oldKeys.count * 2)
        mask = keys.count - 1
        count = 0
        for (i, k) in oldKeys.enumerated() where k != 0 { set(k, oldValues[i]) }
    }
}
