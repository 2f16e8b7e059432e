extension ValueRules {
    /// The value grammar over one sentence. Each method returns the end (exclusive, relative to
    /// the sentence) of the longest value of its type starting at `i`, or nil.
    struct Matcher {
        typealias Kind = ValueWords.Kind
        let words: ValueWords
        let lexemes: [Lexeme]
        let shapes: [Shape]
        let base: Int
        let text: TokenizedText

        var n: Int { shapes.count }

        func kind(_ i: Int) -> Kind? { i >= 0 && i < n ? words.kind(lexemes[base + i].lower) : nil }
        func shape(_ i: Int) -> Shape { i >= 0 && i < n ? shapes[i] : .none }
        func isWord(_ i: Int, _ w: WordSet) -> Bool {
            i >= 0 && i < n && w.contains(lexemes[base + i].lower)
        }
        func capitalised(_ i: Int) -> Bool { i >= 0 && i < n && lexemes[base + i].isCapitalised }
        func isPunctuation(_ i: Int) -> Bool { i >= n || !lexemes[base + i].flags.contains(.hasAlnum) }

        /// The integer value of a plain number token of at most 4 digits.
        func smallValue(_ i: Int) -> Int? {
            guard case .number = shape(i) else { return nil }
            let s = Int(text.starts[base + i]), e = Int(text.ends[base + i])
            guard e - s <= 4 else { return nil }
            var v = 0
            for j in s..<e {
                let d = text.bytes[j] &- 48
                guard d < 10 else { return nil }
                v = v * 10 + Int(d)
            }
            return v
        }

        func isDay(_ i: Int) -> Bool { smallValue(i).map { (1...31).contains($0) } ?? false || shape(i) == .ordinal }
        func isYear(_ i: Int) -> Bool { shape(i) == .number(isYear: true) }

        func isMonth(_ i: Int) -> Bool { kind(i) == .month || (kind(i) == .ambiguousMonth && capitalised(i)) }

        // MARK: Numbers

        /// "14", "14 million", "six", "twenty five", "150,000-300,000", "about 20 million".
        func numberPhrase(_ i: Int) -> Int? {
            var j = i
            if kind(j) == .approximator, numberCore(j + 1) != nil { j += 1 }
            else if isWord(j, .comparatives), isWord(j + 1, .than), numberCore(j + 2) != nil { j += 2 }
            else if isWord(j, .up), isWord(j + 1, .to), numberCore(j + 2) != nil { j += 2 }
            guard let e = numberCore(j) else { return nil }
            if kind(e) == .rangeWord, !isWord(e, .and) || kind(e + 1) != nil, let e2 = numberCore(e + 1) { return e2 }
            return e
        }

        func numberCore(_ i: Int) -> Int? {
            var j: Int
            switch shape(i) {
            case .number, .range(years: false): j = i + 1
            default:
                guard kind(i) == .numberWord else { return nil }
                if isWord(i, .one), isWord(i - 1, .oneAsPronounCue) { return nil }
                j = i + 1
                while kind(j) == .numberWord { j += 1 }
            }
            while kind(j) == .scale, !isWord(j, .shortScales) || j == i + 1 && !capitalised(j) { j += 1 }
            return j
        }

        // MARK: Types

        func date(_ i: Int) -> Int? {
            switch shape(i) {
            case .isoDate, .decade, .range(years: true): return i + 1
            default: break
            }
            if kind(i) == .dayWord { return i + 1 }
            if kind(i) == .weekday && capitalised(i) {
                var j = i + 1
                if isWord(j, .comma) && isMonth(j + 1) { j += 1 }
                return monthPhrase(j) ?? dayMonthPhrase(j) ?? i + 1
            }
            if let e = dayMonthPhrase(i) ?? monthPhrase(i) { return e }
            if isYear(i) {
                var e = i + 1
                if kind(e) == .rangeWord, isYear(e + 1) { e += 2 }
                let preposition = isWord(i - 1, .yearCue)
                // "in 1988", "1988.", "1994 to 2009", "the 1917 October Revolution"; not "2000 people".
                return preposition || isPunctuation(e) || kind(e) == .rangeWord || capitalised(e) || isWord(i - 1, .the) ? e : nil
            }
            // "last week", "the past decades", "recent years", "the next two months"
            var j = i
            if isWord(j, .the), kind(j + 1) == .relative { j += 1 }
            if kind(j) == .relative {
                var k = j + 1
                if let e = numberPhrase(k) { k = e }
                if kind(k) == .dateUnit { return k + 1 }
                if isMonth(k) || (kind(k) == .weekday && capitalised(k)) { return k + 1 }
                return nil
            }
            // "six years (ago)", "two days"
            if let e = numberPhrase(i), kind(e) == .dateUnit {
                return isWord(e + 1, .agoWords) ? e + 2 : e + 1
            }
            return nil
        }

        /// "5 October 2020", "5th of October", "5 Oct."
        func dayMonthPhrase(_ i: Int) -> Int? {
            guard isDay(i) else { return nil }
            var j = i + 1
            if isWord(j, .of) { j += 1 }
            guard isMonth(j) else { return nil }
            j += 1
            if isYear(j) { return j + 1 }
            if isWord(j, .comma), isYear(j + 1) { return j + 2 }
            return j
        }

        /// "September 27", "October 4, 2020", "November 1991", "in November".
        func monthPhrase(_ i: Int) -> Int? {
            guard isMonth(i) else { return nil }
            var j = i + 1
            if isDay(j) {
                j += 1
                if isWord(j, .comma), isYear(j + 1) { return j + 2 }
                return isYear(j) ? j + 1 : j
            }
            if isYear(j) { return j + 1 }
            if kind(i) == .ambiguousMonth {
                return isWord(i - 1, .monthCue) ? j : nil
            }
            j = i + 1
            return j
        }

        func time(_ i: Int) -> Int? {
            var j: Int
            if shape(i) == .clock {
                j = i + 1
            } else if let v = smallValue(i), (1...12).contains(v), kind(i + 1) == .meridiem {
                j = i + 1
            } else if shape(i) == .number(isYear: false) || isYear(i), kind(i + 1) == .timeZone,
                      Int(text.ends[base + i] - text.starts[base + i]) == 4 {
                return i + 2  // "1400 GMT"
            } else if kind(i) == .timeWord, !isWord(i, .dayPartsNotNight) {
                return i + 1
            } else if kind(i) == .relative, isWord(i + 1, .dayParts) {
                return i + 2
            } else {
                return nil
            }
            if kind(j) == .meridiem { j += 1 }
            if kind(j) == .timeZone { j += 1 }
            return j
        }

        func money(_ i: Int) -> Int? {
            if shape(i) == .money {
                var j = i + 1
                while kind(j) == .scale { j += 1 }
                if kind(j) == .rangeWord, !isWord(j, .and), shape(j + 1) == .money || numberCore(j + 1) != nil {
                    j = numberCore(j + 1) ?? j + 2
                }
                return j
            }
            if kind(i) == .currencySymbol || (kind(i) == .currencyCode && lexemes[base + i].isAllCaps) {
                return numberPhrase(i + 1)
            }
            if let e = numberPhrase(i), kind(e) == .currencyWord { return e + 1 }
            return nil
        }

        func percent(_ i: Int) -> Int? {
            if shape(i) == .percent { return i + 1 }
            guard let e = numberPhrase(i) else { return nil }
            if kind(e) == .percentWord { return isWord(e, .percentage) && isWord(e + 1, .pointWords) ? e + 2 : e + 1 }
            if isWord(e, .per), isWord(e + 1, .cent) { return e + 2 }
            return nil
        }

        func quantity(_ i: Int) -> Int? {
            guard let e = numberPhrase(i) else { return nil }
            if isWord(e, .areaWords), kind(e + 1) == .unit { return e + 2 }
            return kind(e) == .unit ? e + 1 : nil
        }

        func ordinal(_ i: Int) -> Int? {
            shape(i) == .ordinal || kind(i) == .ordinalWord ? i + 1 : nil
        }

        func cardinal(_ i: Int) -> Int? {
            if kind(i) == .plural {
                if isWord(i + 1, .of), kind(i + 2) == .plural { return i + 3 }  // "hundreds of thousands"
                return i + 1
            }
            return numberPhrase(i)
        }
    }

}

/// A handful of words, as hashes of their lower-case forms, for the rules' context tests.
struct WordSet: Sendable {
    let hashes: [UInt64]
    init(_ words: [String]) { hashes = words.map { ByteText.hash($0) } }
    @inline(__always)
    func contains(_ h: UInt64) -> Bool { hashes.contains(h) }
}

extension WordSet {
    static let agoWords = WordSet(["ago", "earlier", "later"])
    static let and = WordSet(["and"])
    static let cent = WordSet(["cent"])
    static let comma = WordSet([","])
    static let yearCue = WordSet(["in", "since", "of", "from", "until", "till", "by", "during", "before", "after", "between", "through", "early", "late", "mid", "year", "fiscal"])
    static let monthCue = WordSet(["in", "since", "until", "by", "from", "of", "last", "next", "early", "late", "mid", "this"])
    static let shortScales = WordSet(["m", "k"])
    static let comparatives = WordSet(["more", "less", "fewer"])
    static let dayPartsNotNight = WordSet(["morning", "afternoon", "evening"])
    static let dayParts = WordSet(["morning", "afternoon", "evening", "night"])
    static let of = WordSet(["of"])
    static let one = WordSet(["one"])
    static let per = WordSet(["per"])
    static let percentage = WordSet(["percentage"])
    static let pointWords = WordSet(["point", "points"])
    static let areaWords = WordSet(["square", "sq", "cubic"])
    static let than = WordSet(["than"])
    static let the = WordSet(["the"])
    static let oneAsPronounCue = WordSet(["the", "no", "this", "that", "any", "every", "each", "which"])
    static let to = WordSet(["to"])
    static let up = WordSet(["up"])
    static let ruleStarters = WordSet(["the", "more", "less", "fewer", "up"])
}
