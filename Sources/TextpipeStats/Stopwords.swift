import TextpipeCore

/// Stop words by language: the built-in lists plus words a pipeline adds.
///
/// Stop words decide two things. Vocabulary figures come with and without them (both are
/// derived from the full counts, so the lists can change after the fact), and n-grams are only
/// counted when they neither start nor end with one ("bank of england" is kept, "of the" is
/// not). The second use happens while counting, so the lists are part of the settings saved
/// with a partial: partials counted with different lists do not merge.
public struct Stopwords: Sendable, Equatable {
    /// Lower-cased words by ISO 639-1 code.
    public private(set) var lists: [String: Set<String>]
    /// The same words as stable hashes (`CountTable.hash`), for the counting loop.
    private(set) var hashLists: [String: Set<UInt64>]

    /// - Parameters:
    ///   - builtIn: start from textpipe's lists (en, de, fr, es, it, pt, nl, ru).
    ///   - extra: more words per language (any case; lower-cased here).
    public init(builtIn: Bool = true, extra: [String: [String]] = [:]) {
        var lists: [String: Set<String>] = [:]
        if builtIn {
            for (language, words) in Self.builtIn {
                lists[language] = Set(words.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))
            }
        }
        for (language, words) in extra {
            lists[language, default: []].formUnion(words.map(CaseFolding.lowercased))
        }
        self.lists = lists
        hashLists = lists.mapValues { Set($0.map(CountTable<Int>.hash)) }
    }

    /// Stable hashes of the list for a language.
    func hashes(for language: String) -> Set<UInt64> {
        hashLists[Self.primary(language)] ?? []
    }

    static func primary(_ language: String) -> String {
        guard let dash = language.firstIndex(where: { $0 == "-" || $0 == "_" }) else { return language.lowercased() }
        return String(language[..<dash]).lowercased()
    }

    /// The list for a language ("en-GB" uses "en"); empty for a language without one.
    public func list(for language: String) -> Set<String> {
        lists[language] ?? lists[Self.primary(language)] ?? []
    }

    public func contains(_ word: String, language: String) -> Bool {
        list(for: language).contains(word)
    }

    /// Languages that have a built-in list.
    public static var builtInLanguages: [String] { builtIn.keys.sorted() }
}
