import TextpipeCore

/// The decision at each candidate boundary. In short:
///
/// - 。！？ always end a sentence; "!" and "?" do unless a lower-case word or a comma follows
///   ("Yahoo! in", "'Why?' he asked").
/// - A period after an ordinary word ends the sentence unless lower case or continuing
///   punctuation follows; no space is needed ("world.Today"). After a number it also ends
///   it, except for a number that opens the sentence ("1. The first item") and, in German, a
///   small number before a capitalized word that is not a sentence opener ("am 3. Oktober").
/// - An abbreviation's period ends the sentence when its kind allows and the next word is a
///   sentence opener ("the U.S. How", "& Co. It"), never when it opens the sentence or when
///   the sentence so far is a short phrase such as "At 5 a.m.".
/// - An ellipsis ends the sentence before a capitalized word other than "I"; four dots (an
///   ellipsis and a period) before any capitalized word; an ellipsis in brackets ("[...]") or
///   at the start of a sentence never.
extension BoundaryFinder {
    @inline(__always)
    private func isDot(_ k: Int) -> Bool {
        t[k].flags.contains(.terminal) && isByte(k, UInt8(ascii: "."))
    }

    func decide(_ i: Int, _ s: Int, _ lineStart: Int) -> Decision {
        let tok = t[i]
        if tok.flags.contains(.abbreviation) { return abbreviation(i, s, lineStart) }
        if tok.flags.contains(.fullStop) { return .split(last: extent(i)) }
        if tok.flags.contains(.exclaim) {
            let e = extent(i)
            switch next(e + 1, lineStart).what {
            case .lower, .continuation: return .keep(resume: i + 1)
            default: return .split(last: e)
            }
        }
        if tok.flags.contains(.ellipsis) {
            return ellipsis(i, i, four: tok.flags.contains(.fourDots), s, lineStart)
        }
        // A single period, or the first of spaced dots: ". . ." or ". . . ."
        var g = i
        while g + 1 < t.count && isDot(g + 1) && t[g + 1].start == t[g].end + 1 && p[Int(t[g].end)] == 0x20 {
            g += 1
        }
        let dots = g - i + 1
        if dots >= 2 {
            let attached = i > s && !tok.flags.contains(.spaceBefore)
            if attached && dots == 4 {
                // "compounds. . . . The": the sentence ends at its period; the ellipsis opens the next.
                let e = extent(g)
                switch next(e + 1, lineStart).what {
                case .upper: return .split(last: i)
                case .end, .newline: return .split(last: e)
                default: return .keep(resume: g + 1)
                }
            }
            return ellipsis(i, g, four: dots >= 4, s, lineStart)
        }
        return period(i, s, lineStart)
    }

    private func period(_ i: Int, _ s: Int, _ lineStart: Int) -> Decision {
        let e = extent(i)
        let nx = next(e + 1, lineStart)
        switch nx.what {
        case .end, .newline: return .split(last: e)
        case .lower, .continuation: return .keep(resume: i + 1)
        default: break
        }
        let w = i - 1
        if w >= s && !t[i].flags.contains(.spaceBefore) {
            let word = t[w]
            if word.kind == .number {
                if opensSentence(w, s) { return .keep(resume: i + 1) }  // "1. The first item"
                if nx.what == .upper && rules.ordinalNumbers && word.length <= 3 && !nx.starter {
                    return .keep(resume: i + 1)  // "am 3. Oktober"
                }
            } else if nx.what == .digit && isNumeroSign(w) {
                return .keep(resume: i + 1)  // "N°. 1026"
            }
        }
        return .split(last: e)
    }

    private func abbreviation(_ i: Int, _ s: Int, _ lineStart: Int) -> Decision {
        let tok = t[i]
        let kind = tok.flags.abbreviationKind ?? .ambiguous
        let e = extent(i)
        let nx = next(e + 1, lineStart)
        switch nx.what {
        case .end, .newline: return .split(last: e)
        case .upper: break
        default: return .keep(resume: i + 1)
        }
        if i == s { return .keep(resume: i + 1) }
        switch kind {
        case .title:
            return .keep(resume: i + 1)
        case .beforeNumber:
            // Before anything but a number, an ordinary word ("modern art. The"), or an initial.
            return tok.length > 2 ? .split(last: e) : initial(i, s, e, nx)
        case .initial:
            return initial(i, s, e, nx)
        case .ambiguous:
            return (nx.starter || nx.quoted) && !isPhrase(s, i) ? .split(last: e) : .keep(resume: i + 1)
        }
    }

    private func initial(_ i: Int, _ s: Int, _ e: Int, _ nx: Next) -> Decision {
        // "you and I. Did": the pronoun, not an initial (but "by I. M. Pei").
        if t[i].length == 2 && p[Int(t[i].start)] == UInt8(ascii: "I") && !nx.abbreviated && i - 1 >= s
            && t[i - 1].kind == .word && t[i - 1].flags.contains(.lowerInitial) {
            return .split(last: e)
        }
        return (nx.starter || nx.quoted) && !nx.abbreviated && !isPhrase(s, i) ? .split(last: e) : .keep(resume: i + 1)
    }

    private func ellipsis(_ gs: Int, _ ge: Int, four: Bool, _ s: Int, _ lineStart: Int) -> Decision {
        if gs == s { return .keep(resume: ge + 1) }
        // "[...]" and "(...)" mark an omission inside a sentence.
        if gs > 0 && ge + 1 < t.count && !t[gs].flags.contains(.spaceBefore) && !t[ge + 1].flags.contains(.spaceBefore)
            && firstClass(gs - 1).contains(.opener) && firstClass(ge + 1).contains(.closer) {
            return .keep(resume: ge + 1)
        }
        let e = extent(ge)
        let nx = next(e + 1, lineStart)
        switch nx.what {
        case .end, .newline: return .split(last: e)
        case .upper: return four || !nx.pronounI ? .split(last: e) : .keep(resume: ge + 1)
        case .digit: return four ? .split(last: e) : .keep(resume: ge + 1)
        default: return .keep(resume: ge + 1)
        }
    }

    /// Only bullets, quotes and brackets come before token `w` in the sentence.
    private func opensSentence(_ w: Int, _ s: Int) -> Bool {
        var k = s
        while k < w {
            guard t[k].kind == .punctuation, !firstClass(k).isDisjoint(with: [.bullet, .opener, .quote, .dash]) else {
                return false
            }
            k += 1
        }
        return true
    }

    /// "N°" / "n°" before the period at `w + 1`.
    private func isNumeroSign(_ w: Int) -> Bool {
        guard w >= 1, t[w].length == 2, p[Int(t[w].start)] == 0xC2, p[Int(t[w].start) + 1] == 0xB0 else { return false }
        let n = t[w - 1]
        return n.end == t[w].start && n.length == 1 && p[Int(n.start)] | 0x20 == UInt8(ascii: "n")
    }

    /// The sentence so far is a short phrase opened by a preposition: "At 5 a.m.", "In the U.S."
    private func isPhrase(_ s: Int, _ i: Int) -> Bool {
        guard i - s < 5, t[s].kind == .word else { return false }
        return rules.phraseOpeners.lookup(p, Int(t[s].start), Int(t[s].end)) != nil
    }
}
