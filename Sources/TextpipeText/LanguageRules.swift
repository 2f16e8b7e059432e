/// How an abbreviation behaves before the next word: the one fact the splitter needs about it.
enum AbbreviationKind: UInt8, Sendable {
    /// Precedes a name or a noun and practically never ends a sentence: "Mr.", "Dr.", "St.",
    /// "vs.", "e.g.", "z.B.", "M." (French). A boundary only at the end of a paragraph.
    case title = 1
    /// Usually precedes a number: "No. 5", "p. 55", "Jan. 6", "Art. 3", "Nr. 7". Never a
    /// boundary before a number; before anything else an ordinary word ("modern art. The"),
    /// or an initial when it is a single letter.
    case beforeNumber = 2
    /// Often ends a sentence, often does not: "Inc.", "U.S.", "a.m.", "etc.", "Calif.", "г.".
    /// A boundary before a capitalized word only when that word is a typical sentence opener
    /// ("It", "The", "Mr."), so "U.S. Government" stays one sentence and "the U.S. How" splits.
    case ambiguous = 3
    /// A single letter with a period that no list names: an initial ("Jonas E. Smith") or a
    /// list label; handled like `ambiguous`, and never a boundary before another initial.
    case initial = 4
}

/// What the tokenizer and the splitter know about one language: abbreviations by kind, the
/// closed-class words that typically open a sentence, the words that open a time or place
/// phrase ("At 5 a.m." is not a sentence), and a few typographic habits.
///
/// The word lists live in `Abbreviations+<Language>.swift`, one file per language; a list
/// common to all languages (corporate suffixes, Latin, "U.S.") is merged into each.
struct LanguageRules: Sendable {
    enum Clitics: Sendable {
        /// English: "don't" -> "do" "n't", "John's" -> "John" "'s" (Penn Treebank).
        case english
        /// French (and other Romance elision): "l'homme" -> "l'" "homme".
        case french
        case none
    }

    let code: String
    let abbreviations: WordTable
    /// Words that typically open a sentence (value 1), capitalized as they would appear there.
    let starters: WordTable
    /// Per ASCII capital, a bit for each byte length (up to 31) that a starter with that first
    /// letter has: most capitalized words (names) are turned away without hashing them.
    let starterLengths: [UInt32]
    /// Capitalized prepositions that open a short introductory phrase ("At", "Am", "À").
    let phraseOpeners: WordTable
    let clitics: Clitics
    /// "am 3. Oktober": a small number with a period before a capitalized word is an ordinal
    /// unless that word is a sentence opener (German).
    let ordinalNumbers: Bool
    /// French sets closing guillemets off with a space: « Oui. » ends after the ».
    let spacedClosingQuotes: Bool

    static let supportedCodes = ["en", "de", "fr", "es", "ru"]

    /// The rules for an ISO 639-1 code ("en", "de-AT", "FR"); unknown languages get English.
    static func forCode(_ code: String, extraAbbreviations: [String] = []) -> LanguageRules {
        let base = code.lowercased().prefix(2)
        let lists: LanguageLists
        switch base {
        case "de": lists = .german
        case "fr": lists = .french
        case "es": lists = .spanish
        case "ru": lists = .russian
        default: lists = .english
        }
        return LanguageRules(lists: lists, extra: extraAbbreviations)
    }

    init(lists: LanguageLists, extra: [String]) {
        code = lists.code
        var table = WordTable()
        let common = LanguageLists.common
        for (words, kind) in [
            (common.ambiguous, AbbreviationKind.ambiguous), (common.beforeNumber, .beforeNumber),
            (common.titles, .title), (lists.ambiguous, .ambiguous), (lists.beforeNumber, .beforeNumber),
            (lists.titles, .title),
        ] {
            for w in words { table.insert(Self.key(w), kind.rawValue) }
        }
        for w in extra where !w.isEmpty { table.insert(Self.key(w), AbbreviationKind.title.rawValue) }
        abbreviations = table
        let starterWords = Self.withApostropheVariants(lists.starters + common.starters)
        starters = WordTable(starterWords)
        var lengths = [UInt32](repeating: 0, count: 26)
        for w in starterWords {
            let b = w.utf8.first ?? 0
            if b &- 0x41 < 26 { lengths[Int(b - 0x41)] |= 1 << UInt32(min(w.utf8.count, 31)) }
        }
        starterLengths = lengths
        phraseOpeners = WordTable(lists.phraseOpeners)
        clitics = lists.clitics
        ordinalNumbers = lists.ordinalNumbers
        spacedClosingQuotes = lists.spacedClosingQuotes
    }

    /// Lists write abbreviations with or without their final period; the table holds them
    /// without ("U.S." -> "U.S"), as the tokenizer looks them up.
    private static func key(_ word: String) -> String {
        word.hasSuffix(".") ? String(word.dropLast()) : word
    }

    /// "L'" also as "L’", so that either apostrophe matches.
    private static func withApostropheVariants(_ words: [String]) -> [String] {
        var out = words
        for w in words where w.contains("'") {
            out.append(w.replacingOccurrences(of: "'", with: "\u{2019}"))
        }
        return out
    }

    @inline(__always)
    func abbreviation(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> AbbreviationKind? {
        abbreviations.lookup(p, start, end, foldingFirst: true).flatMap(AbbreviationKind.init(rawValue:))
    }

    @inline(__always)
    func isStarter(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        let b = p[start]
        if b &- 0x41 < 26 && starterLengths[Int(b - 0x41)] & (1 << UInt32(min(end - start, 31))) == 0 { return false }
        return starters.lookup(p, start, end) != nil
    }
}

/// The raw word lists of one language (see the `Abbreviations+*.swift` files).
struct LanguageLists: Sendable {
    var code: String
    var titles: [String] = []
    var beforeNumber: [String] = []
    var ambiguous: [String] = []
    var starters: [String] = []
    var phraseOpeners: [String] = []
    var clitics: LanguageRules.Clitics = .none
    var ordinalNumbers = false
    var spacedClosingQuotes = false
}
