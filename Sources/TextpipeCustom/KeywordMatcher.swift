/// Finds many terms in a text at once: an Aho–Corasick automaton over UTF-8 bytes, compiled to
/// a dense transition table over byte classes.
///
/// Bytes that occur in no term share one class, so the table has (distinct term bytes + 1)
/// columns — a few dozen for a list of English words — and one row per trie node; a text is
/// scanned once, one table lookup per byte, whatever the number of terms. Without case
/// sensitivity the terms and the text are folded first (ASCII through the class table, other
/// letters by their Unicode lower-case mapping, on the rare non-ASCII scalars only).
///
/// Matches are chosen leftmost-longest without overlap ("New York Times" rather than "New
/// York" inside it), and with `wholeWords` a match must not start or end inside a word: the
/// neighbour of a term's first or last letter or digit may not be a letter or digit.
struct KeywordMatcher: Sendable {
    let caseSensitive: Bool
    let wholeWords: Bool
    /// Term index to its folded length in bytes, and whether it starts and ends with a word
    /// character (where the word-boundary check applies).
    private let lengths: [Int]
    private let edges: [(first: Bool, last: Bool)]
    private let classOf: [UInt8]
    private let classCount: Int
    /// `next[state * classCount + class]`.
    private let next: [Int32]
    /// The longest term ending at each state, or -1; shorter ones through `outputLink`.
    private let output: [Int32]
    private let outputLink: [Int32]

    init(terms: [String], caseSensitive: Bool, wholeWords: Bool) {
        self.caseSensitive = caseSensitive
        self.wholeWords = wholeWords
        let folded = terms.map { caseSensitive ? Array($0.utf8) : Self.fold(Array($0.utf8)) }
        lengths = folded.map(\.count)
        edges = folded.map { ($0.first.map(Self.isWordByte) ?? false, $0.last.map(Self.isWordByte) ?? false) }
        var classes = [UInt8](repeating: 0, count: 256)
        var count = 1
        for term in folded {
            for b in term where classes[Int(b)] == 0 {
                classes[Int(b)] = UInt8(count)
                count += 1
            }
        }
        classOf = classes
        classCount = count
        // The trie, then breadth-first failure links folded into a full transition table.
        var goto: [[Int32]] = [[Int32](repeating: -1, count: count)]
        var out: [Int32] = [-1]
        for (index, term) in folded.enumerated() where !term.isEmpty {
            var state = 0
            for b in term {
                let c = Int(classes[Int(b)])
                if goto[state][c] < 0 {
                    goto[state][c] = Int32(goto.count)
                    goto.append([Int32](repeating: -1, count: count))
                    out.append(-1)
                }
                state = Int(goto[state][c])
            }
            if out[state] < 0 { out[state] = Int32(index) }
        }
        var fail = [Int32](repeating: 0, count: goto.count)
        var link = [Int32](repeating: -1, count: goto.count)
        var table = [Int32](repeating: 0, count: goto.count * count)
        var queue: [Int] = [0]
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            for c in 0..<count {
                let child = goto[state][c]
                if child >= 0 {
                    let f = state == 0 ? 0 : table[Int(fail[state]) * count + c]
                    fail[Int(child)] = f
                    link[Int(child)] = out[Int(f)] >= 0 ? f : link[Int(f)]
                    table[state * count + c] = child
                    queue.append(Int(child))
                } else {
                    table[state * count + c] = state == 0 ? 0 : table[Int(fail[state]) * count + c]
                }
            }
        }
        next = table
        output = out
        outputLink = link
    }

    var isEmpty: Bool { lengths.allSatisfy { $0 == 0 } }

    /// The terms found in `text`, as term indices, leftmost-longest without overlap.
    func matches(in text: String) -> [Int] {
        var text = text
        let bytes = text.withUTF8 { raw in caseSensitive ? Array(raw) : Self.fold(raw) }
        var found: [(start: Int, term: Int)] = []
        bytes.withUnsafeBufferPointer { p in
            next.withUnsafeBufferPointer { next in
                classOf.withUnsafeBufferPointer { classOf in
                    var state = 0
                    for i in 0..<p.count {
                        state = Int(next[state &* classCount &+ Int(classOf[Int(p[i])])])
                        var s = output[state] >= 0 ? Int32(state) : outputLink[state]
                        while s >= 0 {
                            let term = Int(output[Int(s)])
                            let start = i + 1 - lengths[term]
                            if !wholeWords || isWholeWord(p, start, i + 1, term) { found.append((start, term)) }
                            s = outputLink[Int(s)]
                        }
                    }
                }
            }
        }
        found.sort { $0.start != $1.start ? $0.start < $1.start : lengths[$0.term] > lengths[$1.term] }
        var taken: [Int] = []
        var end = 0
        for m in found where m.start >= end {
            taken.append(m.term)
            end = m.start + lengths[m.term]
        }
        return taken
    }

    private func isWholeWord(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ term: Int) -> Bool {
        if edges[term].first, start > 0, Self.endsWithWordCharacter(bytes, before: start) { return false }
        if edges[term].last, end < bytes.count, Self.startsWithWordCharacter(bytes, at: end) { return false }
        return true
    }

    static func isWordByte(_ b: UInt8) -> Bool {
        b >= 0x80 || (48...57).contains(b) || (65...90).contains(b) || (97...122).contains(b) || b == 95
    }

    static func startsWithWordCharacter(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        let b = bytes[i]
        if b < 0x80 { return isWordByte(b) }
        var end = i + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        return isWordScalar(bytes[i..<end])
    }

    static func endsWithWordCharacter(_ bytes: UnsafeBufferPointer<UInt8>, before i: Int) -> Bool {
        let b = bytes[i - 1]
        if b < 0x80 { return isWordByte(b) }
        var start = i - 1
        while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return isWordScalar(bytes[start..<i])
    }

    static func isWordScalar(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        guard let scalar = String(decoding: bytes, as: UTF8.self).unicodeScalars.first else { return false }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    /// Lower-cases ASCII by table and other scalars by their Unicode mapping. A lower-case
    /// mapping is at most twice as long in UTF-8 (İ -> i̇), so the output is written in place.
    static func fold(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: bytes.count * 2) { out, count in
            var o = 0, i = 0
            while i < bytes.count {
                let b = bytes[i]
                if b < 0x80 {
                    out[o] = b &+ ((b &- 65) < 26 ? 32 : 0)
                    o += 1
                    i += 1
                    continue
                }
                var end = i + 1
                var value = UInt32(b & (b >= 0xF0 ? 0x07 : b >= 0xE0 ? 0x0F : 0x1F))
                while end < bytes.count, bytes[end] & 0xC0 == 0x80 {
                    value = value << 6 | UInt32(bytes[end] & 0x3F)
                    end += 1
                }
                // Punctuation (’ “ ” —) is most of what is not ASCII in news text: no case there.
                if !(0x2000...0x206F).contains(value), let scalar = Unicode.Scalar(value), scalar.properties.changesWhenLowercased {
                    for u in scalar.properties.lowercaseMapping.utf8 {
                        out[o] = u
                        o += 1
                    }
                } else {
                    for k in i..<end {
                        out[o] = bytes[k]
                        o += 1
                    }
                }
                i = end
            }
            count = o
        }
    }

    static func fold(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBufferPointer { fold($0) }
    }
}
