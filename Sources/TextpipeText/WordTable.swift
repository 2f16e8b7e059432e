/// A read-only set of short words with a small value each, looked up by UTF-8 byte range so
/// that the scanners never build a `String` to ask "is this an abbreviation?".
///
/// Open addressing over a power-of-two slot array; keys live back to back in one byte array.
/// Lookups are exact (case-sensitive): lists hold each form they mean to match, and
/// `lookup(_:_:_:foldingFirst:)` can additionally try the word with an ASCII capital first
/// letter lowered, for entries that are written in lower case but may start a sentence.
struct WordTable: Sendable {
    private var keys: [UInt8] = []
    /// Per entry: offset of its key in `keys`, key length, value.
    private var entries: [(offset: Int32, length: Int32, value: UInt8)] = []
    /// Entry index + 1 for each slot; 0 = empty.
    private var slots: [Int32]
    private var mask: Int

    init(_ words: [(String, UInt8)] = []) {
        var size = 16
        while size < words.count * 2 + 1 { size <<= 1 }
        slots = [Int32](repeating: 0, count: size)
        mask = size - 1
        for (word, value) in words { insert(word, value) }
    }

    init(_ words: [String], value: UInt8 = 1) {
        self.init(words.map { ($0, value) })
    }

    var count: Int { entries.count }

    /// Adds a word, or replaces the value of one that is already there.
    mutating func insert(_ word: String, _ value: UInt8) {
        let bytes = Array(word.utf8)
        guard !bytes.isEmpty else { return }
        if entries.count * 2 + 2 > slots.count { grow() }
        let h = bytes.withUnsafeBufferPointer { Self.hash($0, 0, $0.count, foldFirst: false) }
        var s = h & mask
        while slots[s] != 0 {
            let e = Int(slots[s]) - 1
            if equal(e, bytes) {
                entries[e].value = value
                return
            }
            s = (s + 1) & mask
        }
        entries.append((Int32(keys.count), Int32(bytes.count), value))
        keys.append(contentsOf: bytes)
        slots[s] = Int32(entries.count)
    }

    private func equal(_ e: Int, _ bytes: [UInt8]) -> Bool {
        let entry = entries[e]
        guard Int(entry.length) == bytes.count else { return false }
        for k in 0..<bytes.count where keys[Int(entry.offset) + k] != bytes[k] { return false }
        return true
    }

    private mutating func grow() {
        let old = entries
        let oldKeys = keys
        keys = []
        entries = []
        slots = [Int32](repeating: 0, count: slots.count * 2)
        mask = slots.count - 1
        for entry in old {
            let word = String(decoding: oldKeys[Int(entry.offset)..<Int(entry.offset + entry.length)], as: UTF8.self)
            insert(word, entry.value)
        }
    }

    @inline(__always)
    private static func hash(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, foldFirst: Bool) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        var i = start
        while i < end {
            var b = p[i]
            if foldFirst && i == start && b >= 0x41 && b <= 0x5A { b |= 0x20 }
            h = (h ^ UInt64(b)) &* 0x100_0000_01b3
            i += 1
        }
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }

    /// The value of the word at `p[start..<end]`, if it is in the table.
    func lookup(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt8? {
        find(p, start, end, foldFirst: false)
    }

    /// Like `lookup`, and if that fails and the word starts with an ASCII capital, tries again
    /// with that letter lowered ("Etc." finds "etc").
    func lookup(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, foldingFirst: Bool) -> UInt8? {
        if let v = find(p, start, end, foldFirst: false) { return v }
        guard foldingFirst, start < end, p[start] >= 0x41, p[start] <= 0x5A else { return nil }
        return find(p, start, end, foldFirst: true)
    }

    private func find(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, foldFirst: Bool) -> UInt8? {
        let length = end - start
        guard length > 0, !entries.isEmpty else { return nil }
        var s = Self.hash(p, start, end, foldFirst: foldFirst) & mask
        return keys.withUnsafeBufferPointer { k -> UInt8? in
            while slots[s] != 0 {
                let entry = entries[Int(slots[s]) - 1]
                if Int(entry.length) == length {
                    var same = true
                    let o = Int(entry.offset)
                    for j in 0..<length {
                        var b = p[start + j]
                        if foldFirst && j == 0 { b |= 0x20 }
                        if k[o + j] != b {
                            same = false
                            break
                        }
                    }
                    if same { return entry.value }
                }
                s = (s + 1) & mask
            }
            return nil
        }
    }
}
