/// Receives the features of one candidate gap, each a name built from parts: a prefix, then
/// static text or bytes of the text (ASCII letters lowered). Scoring hashes the parts as they
/// come; training spells out the names.
protocol FeatureSink {
    mutating func begin(_ prefix: StaticString)
    mutating func text(_ s: StaticString)
    mutating func bytes(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int)
    mutating func end()
}

/// Sums the model's weights of the features, hashing their names as they are built.
struct ScoringSink: FeatureSink {
    let model: SentenceModel
    var total: Float = 0
    private var h = FeatureHash.seed

    init(_ model: SentenceModel) { self.model = model }

    @inline(__always) mutating func begin(_ prefix: StaticString) {
        h = FeatureHash.seed
        text(prefix)
    }

    @inline(__always) mutating func text(_ s: StaticString) {
        let p = s.utf8Start
        for i in 0..<s.utf8CodeUnitCount { h = FeatureHash.add(h, p[i]) }
    }

    @inline(__always) mutating func bytes(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) {
        for i in start..<end { h = FeatureHash.add(h, FeatureNames.lowered(p[i])) }
    }

    @inline(__always) mutating func end() { total += model.weight(h) }
}

/// Spells out feature names (for training and for looking at a model).
struct NamingSink: FeatureSink {
    var names: [String] = []
    private var buffer: [UInt8] = []

    mutating func begin(_ prefix: StaticString) {
        buffer.removeAll(keepingCapacity: true)
        text(prefix)
    }

    mutating func text(_ s: StaticString) {
        buffer.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    mutating func bytes(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) {
        for i in start..<end { buffer.append(FeatureNames.lowered(p[i])) }
    }

    mutating func end() { names.append(String(decoding: buffer, as: UTF8.self)) }
}

enum FeatureNames {
    /// ASCII capitals lowered; other bytes as they are.
    @inline(__always)
    static func lowered(_ b: UInt8) -> UInt8 { b &- 0x41 < 26 ? b | 0x20 : b }

    /// Words longer than this are named by their first bytes (never inside a UTF-8 sequence).
    static let maxWordBytes = 16
}

/// A gap the model decides: before token `k`, in a sentence that started at token `sub`.
struct Candidate {
    enum Kind { case noMark, afterMark }
    var kind: Kind
    var k: Int
    var sub: Int
    /// The final mark before the gap (`afterMark`), or the token before it (`noMark`).
    var mark: Int
    /// The last token of the rules' sentence.
    var last: Int
    /// Words in lower case in the sentence so far, up to 3 (0: a headline or a name so far).
    var lowerWords: Int
}

extension BoundaryFinder {
    /// Is the gap before token `k` a candidate? `sub` is where the current sentence starts.
    func candidate(_ k: Int, _ sub: Int, _ last: Int) -> Candidate? {
        let r = t[k]
        guard r.flags.contains(.spaceBefore), k > sub else { return nil }
        let l = t[k - 1]
        if l.flags.contains(.terminal) {
            // Only before lower case (elsewhere the rules kept the mark on purpose: "1. The
            // first"), and not after an ellipsis, which edited prose goes on after ("and… well").
            guard k - 1 > sub, !l.flags.contains(.ellipsis), r.kind == .word, r.flags.contains(.lowerInitial),
                  !r.flags.contains(.clitic) else { return nil }
            return Candidate(kind: .afterMark, k: k, sub: sub, mark: k - 1, last: last, lowerWords: lowerWords(sub, k))
        }
        if l.kind == .punctuation && !l.flags.contains(.spaceBefore) && k - 2 > sub && t[k - 2].flags.contains(.terminal)
            && !firstClass(k - 1).isDisjoint(with: [.closer, .quote]) {
            return nil  // '"Why?" he asked': a quotation, then who said it
        }
        // No final mark: only before a word that typically opens a sentence ("Thanks John I'm
        // back", "TEN YEARS ON In the last decade"), never after an opening bracket or quote, a
        // colon, or an abbreviation ("Mr. Smith"). Before other capitalized words (names,
        // headings in title case) gaps are too many and too rarely boundaries to be worth it.
        guard r.kind == .word, r.flags.contains(.upperInitial) else { return nil }
        if l.kind == .punctuation && (isByte(k - 1, UInt8(ascii: ":"))
            || (firstClass(k - 1).contains(.opener) && !firstClass(k - 1).contains(.closer))) {
            return nil
        }
        if l.flags.contains(.abbreviation) { return nil }  // the rules decided there ("a. The first item")
        guard rules.isStarter(p, Int(r.start), Int(r.end) - (r.flags.contains(.abbreviation) ? 1 : 0)) else { return nil }
        return Candidate(kind: .noMark, k: k, sub: sub, mark: k - 1, last: last, lowerWords: lowerWords(sub, k))
    }

    /// The features of a candidate gap.
    func features<S: FeatureSink>(_ c: Candidate, into s: inout S) {
        let k = c.k
        let after = c.kind == .afterMark
        let l = after ? c.mark - 1 : c.mark  // the word before the mark, or before the gap
        func f(_ name: StaticString) {
            s.begin(after ? "T " : "N ")
            s.text(name)
            s.end()
        }
        // Kind of gap (a bias), and the mark itself.
        f("bias")
        if after {
            s.begin("T m=")
            shape(c.mark, into: &s)
            s.end()
            if t[l].kind == .word {  // short words with a period are often abbreviations: "tsp. olive"
                let n = t[l].length
                f(n == 1 ? "len 1" : n == 2 ? "len 2" : n == 3 ? "len 3" : n == 4 ? "len 4" : "len 5+")
            }
        }
        // The words on either side and their shapes, alone and in pairs.
        s.begin(after ? "T r=" : "N r=")
        word(k, into: &s)
        s.end()
        s.begin(after ? "T rs=" : "N rs=")
        shape(k, into: &s)
        s.end()
        s.begin(after ? "T l=" : "N l=")
        word(l, into: &s)
        s.end()
        s.begin(after ? "T ls=" : "N ls=")
        shape(l, into: &s)
        s.end()
        s.begin(after ? "T ls|rs=" : "N ls|rs=")
        shape(l, into: &s)
        s.text("|")
        shape(k, into: &s)
        s.end()
        s.begin(after ? "T l|rs=" : "N l|rs=")
        word(l, into: &s)
        s.text("|")
        shape(k, into: &s)
        s.end()
        s.begin(after ? "T ls|r=" : "N ls|r=")
        shape(l, into: &s)
        s.text("|")
        word(k, into: &s)
        s.end()
        s.begin(after ? "T l2s=" : "N l2s=")
        if l - 1 >= c.sub { shape(l - 1, into: &s) } else { s.text("^") }
        s.end()
        s.begin(after ? "T r2=" : "N r2=")
        if k + 1 <= c.last { word(k + 1, into: &s) } else { s.text("$") }
        s.end()
        s.begin(after ? "T rs|r2s=" : "N rs|r2s=")
        shape(k, into: &s)
        s.text("|")
        if k + 1 <= c.last { shape(k + 1, into: &s) } else { s.text("$") }
        s.end()
        if t[k].kind == .word && t[k].flags.contains(.upperInitial) {
            let end = Int(t[k].end) - (t[k].flags.contains(.abbreviation) ? 1 : 0)
            if rules.isStarter(p, Int(t[k].start), end) { f("starter") }
        }
        // Words in lower case soon after: a sentence goes on, a heading in title case does not.
        var lowerSoon = false
        for j in (k + 1)..<min(c.last + 1, k + 4) where t[j].kind == .word && t[j].flags.contains(.lowerInitial) {
            lowerSoon = true
            break
        }
        f(lowerSoon ? "next lower" : "next other")
        // How far the sentence has run, whether it has had a word in lower case, how much is left.
        s.begin(after ? "T n=" : "N n=")
        s.text(Self.bucket(l - c.sub + 1))
        s.end()
        s.begin(after ? "T n|lw=" : "N n|lw=")
        s.text(Self.bucket(l - c.sub + 1))
        s.text(c.lowerWords == 0 ? "|0" : c.lowerWords < 3 ? "|1" : "|3")
        s.end()
        s.begin(after ? "T left=" : "N left=")
        s.text(Self.bucket(c.last - k + 1))
        s.end()
    }

    static func bucket(_ n: Int) -> StaticString {
        switch n {
        case ...1: return "1"
        case 2: return "2"
        case 3: return "3"
        case 4...5: return "4"
        case 6...9: return "6"
        case 10...15: return "10"
        case 16...25: return "16"
        default: return "26"
        }
    }

    /// A word in lower case (its first bytes when long); other tokens by their shape.
    func word<S: FeatureSink>(_ k: Int, into s: inout S) {
        let tk = t[k]
        guard tk.kind == .word else { return shape(k, into: &s) }
        var end = Int(tk.end)
        if end - Int(tk.start) > FeatureNames.maxWordBytes {
            end = Int(tk.start) + FeatureNames.maxWordBytes
            while end > Int(tk.start) && p[end] & 0xC0 == 0x80 { end -= 1 }
        }
        s.bytes(p, Int(tk.start), end)
    }

    /// The shape of a token: "Xx", "XX", "X", "x", "xX", "Xx." (abbreviation), "X." (initial),
    /// "d", "dd", "dddd" (by digits), "d." (other numbers), the characters of a punctuation
    /// mark or symbol, and the kind of a web form.
    func shape<S: FeatureSink>(_ k: Int, into s: inout S) {
        let tk = t[k]
        let f = tk.flags
        switch tk.kind {
        case .word:
            if f.contains(.clitic) { return s.text("'x") }
            let abbreviated = f.contains(.abbreviation)
            if f.contains(.upperInitial) {
                let letters = tk.length - (abbreviated ? 1 : 0)
                if letters == 1 { return s.text(abbreviated ? "X." : "X") }
                var lower = false
                for i in Int(tk.start)..<Int(tk.end) where p[i] &- 0x61 < 26 { lower = true; break }
                if !lower { return s.text(abbreviated ? "XX." : "XX") }
                if f.contains(.innerUpper) { return s.text("XxX") }
                return s.text(abbreviated ? "Xx." : "Xx")
            }
            if f.contains(.lowerInitial) {
                if f.contains(.innerUpper) { return s.text("xX") }
                return s.text(abbreviated ? "x." : "x")
            }
            return s.text("w")
        case .number:
            var digits = 0
            for i in Int(tk.start)..<Int(tk.end) {
                guard p[i] &- 0x30 < 10 else { return s.text("d.") }
                digits += 1
            }
            return s.text(digits == 1 ? "d" : digits == 2 ? "dd" : digits == 4 ? "dddd" : "ddd")
        case .punctuation, .symbol:
            var end = min(Int(tk.end), Int(tk.start) + 4)
            while end > Int(tk.start) + 1 && end < Int(tk.end) && p[end] & 0xC0 == 0x80 { end -= 1 }
            return s.bytes(p, Int(tk.start), end)
        case .emoticon: return s.text(":)")
        case .url: return s.text("url")
        case .email: return s.text("email")
        case .hashtag: return s.text("#")
        case .mention: return s.text("@")
        }
    }
}

