/// What the tagger knows about one token on its own, computed once per token from its bytes:
/// hashes of its forms, its shape, affixes, flags, and word classes. Feature templates then
/// combine these numbers; no strings are built.
struct Lexeme {
    var exact: UInt64 = 0
    var lower: UInt64 = 0
    var title: UInt64 = 0
    /// "Xxxxx", "dd-dd", runs cut at four ("Xxxxx" for "Washington").
    var shape: UInt64 = 0
    /// Runs collapsed: "Xx", "d-d".
    var shortShape: UInt64 = 0
    var prefixes: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    var suffixes: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    var byteLength = 0
    var flags: Flags = []
    var classes = WordClasses.Classes(row: -1, c1024: -1, c256: -1, c64: -1)

    struct Flags: OptionSet {
        var rawValue: UInt16
        /// Starts with a capital letter.
        static let initialCap = Flags(rawValue: 1 << 0)
        static let hasUpper = Flags(rawValue: 1 << 1)
        static let hasLower = Flags(rawValue: 1 << 2)
        static let hasDigit = Flags(rawValue: 1 << 3)
        static let hasHyphen = Flags(rawValue: 1 << 4)
        static let hasPeriod = Flags(rawValue: 1 << 5)
        /// At least one letter or digit.
        static let hasAlnum = Flags(rawValue: 1 << 6)
        /// Starts with a lower-case letter.
        static let initialLower = Flags(rawValue: 1 << 7)
        static let hasClasses = Flags(rawValue: 1 << 8)
    }

    var isCapitalised: Bool { flags.contains(.initialCap) }
    /// Letters, all of them capitals ("NATO", "BRUSSELS").
    var isAllCaps: Bool { flags.contains(.hasUpper) && !flags.contains(.hasLower) }

    /// Analyses `p[start..<end]`; `scratch` is reused between calls.
    init(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, classes table: WordClasses,
         scratch: inout [UInt8]) {
        byteLength = end - start
        exact = ByteText.hash(p, start, end)
        ByteText.lowercased(p, start, end, into: &scratch)
        var f: Flags = []
        var shapeHash = ByteText.fnvOffset, shortHash = ByteText.fnvOffset
        var last: UInt8 = 0, run = 0
        var i = start
        while i < end {
            let b = p[i]
            var c: UInt8
            if ByteText.isUpper(b) { c = 88; f.insert(.hasUpper) }
            else if ByteText.isLower(b) { c = 120; f.insert(.hasLower) }
            else if ByteText.isDigit(b) { c = 100; f.insert(.hasDigit) }
            else if b >= 0xC0 {
                let upper = b == 0xC3 && i + 1 < end && p[i + 1] &- 0x80 < 0x1F && p[i + 1] != 0x97
                c = upper ? 88 : 120
                f.insert(upper ? .hasUpper : .hasLower)
            } else if b >= 0x80 {
                i += 1
                continue
            } else {
                c = b
                if b == 45 { f.insert(.hasHyphen) }
                if b == 46 { f.insert(.hasPeriod) }
            }
            if i == start {
                if c == 88 { f.insert(.initialCap) }
                if c == 120 { f.insert(.initialLower) }
            }
            if c == last { run += 1 } else { run = 1 }
            if run <= 4 { shapeHash = ByteText.step(shapeHash, c) }
            if run == 1 { shortHash = ByteText.step(shortHash, c) }
            last = c
            i += 1
        }
        if f.contains(.hasUpper) || f.contains(.hasLower) || f.contains(.hasDigit) { f.insert(.hasAlnum) }
        shape = shapeHash
        shortShape = shortHash
        scratch.withUnsafeBufferPointer { l in
            lower = ByteText.hash(l, 0, l.count)
            let n = l.count
            func pre(_ k: Int) -> UInt64 { k < n ? ByteText.hash(l, 0, k) : 0 }
            func suf(_ k: Int) -> UInt64 { k < n ? ByteText.hash(l, n - k, n) : 0 }
            prefixes = (pre(1), pre(2), pre(3), pre(4))
            suffixes = (suf(1), suf(2), suf(3), suf(4))
            if n > 0 {
                var h = ByteText.step(ByteText.fnvOffset, p[start])
                var j = 1
                while j < n { h = ByteText.step(h, l[j]); j += 1 }
                title = h
            }
        }
        if let c = table.lookup(exact: exact, title: title, lower: lower) {
            classes = c
            f.insert(.hasClasses)
        }
        flags = f
    }

    init() {}
}
