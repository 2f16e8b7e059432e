import Foundation

/// Gives each distinct term of one document a small integer id, without making a `String` per
/// token: a word is lower-cased straight into a byte arena, hashed there, and looked up in an
/// open-addressing index; a term seen before is simply not kept. Only the first occurrence of
/// a term becomes a `String`. The arena and the index are allocated once per document from its
/// size (lower-casing never makes a word longer, so the text's length bounds the arena), which
/// keeps the per-token path free of array growth and uniqueness checks. It is a struct, not a
/// class, so that its fields need no dynamic exclusivity checks; `release()` frees the buffers.
struct TermInterner {
    private let arena: UnsafeMutablePointer<UInt8>
    private var used = 0
    private let slots: UnsafeMutablePointer<Int32>
    private let mask: Int
    private(set) var starts: [Int32] = []
    private(set) var lengths: [Int32] = []
    private(set) var hashes: [UInt64] = []
    private(set) var names: [String] = []
    private(set) var counts: [Int] = []

    init(tokens: Int, bytes: Int) {
        arena = .allocate(capacity: max(bytes, 1))
        let capacity = CountTable<Int>.capacity(for: max(tokens, 4))
        slots = .allocate(capacity: capacity)
        slots.initialize(repeating: 0, count: capacity)
        mask = capacity - 1
    }

    func release() {
        arena.deallocate()
        slots.deallocate()
    }

    var count: Int { names.count }

    /// Interns the lower-cased form of `buf[start..<end]` and returns its id.
    @inline(__always)
    mutating func intern(_ buf: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int32 {
        let mark = used
        let stop = CaseFolding.writeLowercased(buf, start, end, to: arena, at: mark)
        let length = stop - mark
        var h: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a, as StableHash.fnv1a64
        for i in mark..<stop {
            h ^= UInt64(arena[i])
            h &*= 0x0000_0100_0000_01B3
        }
        h = Mix.fmix64(h)
        var s = Int(truncatingIfNeeded: h) & mask
        while true {
            let e = Int(slots[s])
            if e == 0 { break }
            let id = e - 1
            if hashes[id] == h, Int(lengths[id]) == length,
               memcmp(arena + Int(starts[id]), arena + mark, length) == 0 {
                counts[id] += 1
                return Int32(id)
            }
            s = (s + 1) & mask
        }
        used = stop
        let id = names.count
        slots[s] = Int32(id + 1)
        starts.append(Int32(mark))
        lengths.append(Int32(length))
        hashes.append(h)
        counts.append(1)
        names.append(String(decoding: UnsafeBufferPointer(start: arena + mark, count: length), as: UTF8.self))
        return Int32(id)
    }

    /// The key of an n-gram of term ids ("w1 w2 w3") and its stable hash, built from the arena.
    func join(_ ids: [Int], into scratch: inout [UInt8]) -> (String, UInt64) {
        scratch.removeAll(keepingCapacity: true)
        for (k, id) in ids.enumerated() {
            if k > 0 { scratch.append(0x20) }
            scratch.append(contentsOf: UnsafeBufferPointer(start: arena + Int(starts[id]), count: Int(lengths[id])))
        }
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in scratch {
            h ^= UInt64(b)
            h &*= 0x0000_0100_0000_01B3
        }
        return (String(decoding: scratch, as: UTF8.self), Mix.fmix64(h))
    }
}

/// Counts of packed integer keys (n-grams as tuples of term ids) for one document, in an
/// open-addressing table sized once from the number of tokens.
struct IDCounter {
    private(set) var keys: [UInt64] = []
    private(set) var counts: [Int] = []
    private var slots: [Int32]

    init(capacityFor n: Int) {
        slots = Array(repeating: 0, count: CountTable<Int>.capacity(for: max(n, 4)))
    }

    @inline(__always)
    mutating func add(_ key: UInt64) {
        let mask = slots.count - 1
        var s = Int(truncatingIfNeeded: Mix.fmix64(key)) & mask
        while true {
            let e = Int(slots[s])
            if e == 0 { break }
            if keys[e - 1] == key {
                counts[e - 1] += 1
                return
            }
            s = (s + 1) & mask
        }
        keys.append(key)
        counts.append(1)
        slots[s] = Int32(keys.count)
    }
}
