import TextpipeCore

/// Finds the sentences of one paragraph from its tokens: the second half of the splitter.
///
/// It walks the tokens once. Three things start a sentence whatever else holds: a hard line
/// break, a list bullet, and a confirmed enumeration marker (`ListMarkers`). Everywhere else a
/// sentence can only end at a candidate: a run of terminal marks, or a word that kept its
/// period as an abbreviation. `decide` (in `BoundaryFinder+Rules.swift`) settles each
/// candidate from the token before it, the closing quotes and brackets after it, and the kind
/// of token that follows (`Next`).
struct BoundaryFinder {
    let p: UnsafeBufferPointer<UInt8>
    let t: UnsafeBufferPointer<RawToken>
    let rules: LanguageRules
    let chars: CharLookup
    let lineBreaks: SentenceSplitter.LineBreaks
    /// Finds the boundaries without a mark that the rules cannot see (`SentenceModel`).
    var model: SentenceModel? = nil
    /// When training the model: the gold boundaries, and where its examples go.
    var collector: BoundaryCollector? = nil

    enum Decision {
        /// A sentence ends with token `last`.
        case split(last: Int)
        /// No boundary here; go on at token `resume`.
        case keep(resume: Int)
    }

    /// Appends the byte ranges of the paragraph's sentences to `out`.
    func split(into out: inout [Range<Int>]) {
        let n = t.count
        guard n > 0 else { return }
        let markers = ListMarkers.find(t, p, chars)
        var mi = 0
        var s = 0
        var i = 0
        var lineStart = Int(t[0].start)
        func close(_ last: Int) {
            emit(s, last, into: &out)
            s = last + 1
        }
        while i < n {
            let tok = t[i]
            if tok.flags.contains(.newlineBefore) {
                if i > s && hardBreak(i, lineStart) { close(i - 1) }
                lineStart = Int(tok.start)
            } else if i > s && tok.kind == .punctuation && firstClass(i).contains(.bullet) {
                close(i - 1)
            }
            if mi < markers.count && markers[mi].index == i {
                if i > s && !(i - 1 == s && firstClass(s).contains(.bullet)) { close(i - 1) }
                i = markers[mi].last + 1
                mi += 1
                continue
            }
            if tok.flags.contains(.terminal) || tok.flags.contains(.abbreviation) {
                switch decide(i, s, lineStart) {
                case .split(let last):
                    close(last)
                    i = last + 1
                case .keep(let resume):
                    i = resume
                }
                continue
            }
            i += 1
        }
        if s < n { close(n - 1) }
    }

    // MARK: - Token facts

    @inline(__always)
    func firstClass(_ k: Int) -> CharClass {
        chars.at(p, Int(t[k].start)).0
    }

    @inline(__always)
    func isByte(_ k: Int, _ b: UInt8) -> Bool {
        t[k].length == 1 && p[Int(t[k].start)] == b
    }

    /// Does the line break before token `i` end a sentence?
    func hardBreak(_ i: Int, _ lineStart: Int) -> Bool {
        let f = t[i].flags
        if f.contains(.blankLineBefore) { return true }
        switch lineBreaks {
        case .split: return true
        case .join: return false
        case .auto:
            // Prose wrapped across lines goes on in lower case after a line without a final
            // mark: after a soft wrap (trailing space), or after a long line.
            guard i > 0, t[i].kind == .word, f.contains(.lowerInitial), !f.contains(.innerUpper) else { return true }
            let prev = t[i - 1]
            if prev.flags.contains(.terminal) || p[Int(prev.end) - 1] == UInt8(ascii: ":") { return true }
            if f.contains(.softBreak) { return false }
            var chars = 0
            for k in lineStart..<Int(prev.end) where p[k] & 0xC0 != 0x80 { chars += 1 }
            return chars < 60
        }
    }

    /// What comes after a candidate boundary.
    struct Next {
        enum Case { case end, newline, lower, upper, digit, continuation, other }
        var what: Case
        /// A capitalized word that typically opens a sentence ("The", "He", "Mr.").
        var starter = false
        /// The word is itself an abbreviation or initial ("J." in "J. K. Rowling").
        var abbreviated = false
        /// The pronoun "I", which is capitalized anywhere.
        var pronounI = false
        /// Behind an opening quotation mark.
        var quoted = false
    }

    func next(_ k: Int, _ lineStart: Int) -> Next {
        guard k < t.count else { return Next(what: .end) }
        if t[k].flags.contains(.newlineBefore) && hardBreak(k, lineStart) { return Next(what: .newline) }
        return classify(k, depth: 0)
    }

    private func classify(_ k: Int, depth: Int) -> Next {
        let tk = t[k]
        let f = tk.flags
        switch tk.kind {
        case .word:
            if f.contains(.upperInitial) {
                let end = Int(tk.end) - (f.contains(.abbreviation) ? 1 : 0)
                return Next(what: .upper, starter: rules.isStarter(p, Int(tk.start), end),
                            abbreviated: f.contains(.abbreviation),
                            pronounI: tk.length == 1 && p[Int(tk.start)] == UInt8(ascii: "I"))
            }
            if f.contains(.clitic) { return Next(what: .lower) }
            if f.contains(.lowerInitial) { return Next(what: f.contains(.innerUpper) ? .upper : .lower) }
            return Next(what: .other)
        case .number:
            return Next(what: .digit)
        case .punctuation:
            let c = firstClass(k)
            let b = p[Int(tk.start)]
            if b == 0xC2 && (p[Int(tk.start) + 1] == 0xBF || p[Int(tk.start) + 1] == 0xA1) {
                return Next(what: .upper, starter: true)  // ¿ ¡ open a sentence
            }
            let opening = c.contains(.opener) || (c.contains(.quote) && f.contains(.spaceBefore))
            if opening && depth < 3 && k + 1 < t.count && !t[k + 1].flags.contains(.spaceBefore) {
                var inner = classify(k + 1, depth: depth + 1)
                if c.contains(.quote) { inner.quoted = true }
                return inner
            }
            if opening || c.contains(.bullet) || c.contains(.dash) { return Next(what: .other) }
            return Next(what: .continuation)
        case .symbol:
            let b = p[Int(tk.start)]
            return Next(what: "&+=/%".utf8.contains(b) ? .continuation : .other)
        case .emoticon:
            return Next(what: .continuation)
        case .url, .email, .hashtag, .mention:
            return Next(what: .other)
        }
    }

    /// The last token of a sentence that ends at token `g`: closing quotes and brackets that
    /// follow without a space, French closing guillemets after a space, citations ("[17]").
    func extent(_ g: Int) -> Int {
        var e = g
        var k = g + 1
        while k < t.count {
            let tk = t[k]
            guard !tk.flags.contains(.newlineBefore) else { break }
            let spaced = tk.flags.contains(.spaceBefore)
            if tk.kind == .punctuation {
                let c = firstClass(k)
                let b0 = p[Int(tk.start)]
                let low = tk.length == 3 && b0 == 0xE2 && (p[Int(tk.start) + 2] == 0x9E || p[Int(tk.start) + 2] == 0x9A)
                if !spaced && !low && (c.contains(.closer) || c.contains(.quote)) {
                    e = k
                    k += 1
                    continue
                }
                let guillemet = tk.length == 2 && b0 == 0xC2 && p[Int(tk.start) + 1] == 0xBB
                let rightQuote = tk.length == 3 && b0 == 0xE2 && p[Int(tk.start) + 2] == 0x9D
                if spaced && rules.spacedClosingQuotes && (guillemet || rightQuote) {
                    e = k
                    k += 1
                    continue
                }
                if !spaced && b0 == UInt8(ascii: "[") {
                    var j = k + 1
                    while j < t.count && j <= k + 6 && !t[j].flags.contains(.newlineBefore) && !isByte(j, UInt8(ascii: "]")) {
                        j += 1
                    }
                    if j < t.count && j <= k + 6 && isByte(j, UInt8(ascii: "]")) {
                        e = j
                        k = j + 1
                        continue
                    }
                }
            }
            break
        }
        return e
    }
}
