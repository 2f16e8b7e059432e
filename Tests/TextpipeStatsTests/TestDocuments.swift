import Foundation
import TextpipeCore
@testable import TextpipeStats

/// Builds documents as the pipeline would hand them to `stats`: text, paragraphs, sentences,
/// tokens (code-point offsets and kinds) and entities given by their surface text. The
/// tokenizer here is deliberately simple (letter runs, digit runs, one token per other mark;
/// a sentence ends after . ! ? before a space); the real one lives in TextpipeText.
enum TestDocuments {
    struct Mention {
        var surface: String
        var type: String
        var canonical: String?
        init(_ surface: String, _ type: String, canonical: String? = nil) {
            self.surface = surface
            self.type = type
            self.canonical = canonical
        }
    }

    static func make(_ source: String, _ text: String, language: String? = "en", site: String? = nil,
                     published: String? = nil, title: String? = nil, entities: [Mention] = []) -> Document {
        var doc = Document(id: StableHash.documentID(source: source), source: source)
        doc.text = text
        doc.meta.language = language
        doc.meta.site = site
        doc.meta.published = published
        doc.meta.title = title
        let scalars = Array(text.unicodeScalars)
        doc.tokens = tokenize(scalars)
        doc.sentences = sentences(scalars)
        doc.paragraphs = [Span(0, scalars.count)]
        for m in entities {
            let needle = Array(m.surface.unicodeScalars)
            var i = 0
            while i + needle.count <= scalars.count {
                if Array(scalars[i..<i + needle.count]) == needle {
                    doc.entities.append(Entity(start: i, end: i + needle.count, type: m.type, text: m.surface, canonical: m.canonical))
                    i += needle.count
                } else {
                    i += 1
                }
            }
        }
        doc.entities.sort { $0.start < $1.start }
        return doc
    }

    static func isWordScalar(_ c: Unicode.Scalar) -> Bool { c.properties.isAlphabetic }

    static func tokenize(_ s: [Unicode.Scalar]) -> [Token] {
        var tokens: [Token] = []
        var i = 0
        while i < s.count {
            let c = s[i]
            if c.properties.isWhitespace { i += 1; continue }
            let start = i
            if isWordScalar(c) {
                while i < s.count, isWordScalar(s[i]) || ((s[i] == "'" || s[i] == "’" || s[i] == "-") && i + 1 < s.count && isWordScalar(s[i + 1])) { i += 1 }
                tokens.append(Token(start: start, end: i, kind: .word))
            } else if c.properties.numericType != nil {
                while i < s.count, s[i].properties.numericType != nil || (s[i] == "," && i + 1 < s.count && s[i + 1].properties.numericType != nil) { i += 1 }
                tokens.append(Token(start: start, end: i, kind: .number))
            } else {
                i += 1
                tokens.append(Token(start: start, end: i, kind: .punctuation))
            }
        }
        return tokens
    }

    static func sentences(_ s: [Unicode.Scalar]) -> [Span] {
        var out: [Span] = []
        var start = 0
        var i = 0
        while i < s.count {
            if s[i] == "." || s[i] == "!" || s[i] == "?", i + 1 == s.count || s[i + 1].properties.isWhitespace {
                out.append(Span(start, i + 1))
                i += 1
                while i < s.count, s[i].properties.isWhitespace { i += 1 }
                start = i
                continue
            }
            i += 1
        }
        if start < s.count { out.append(Span(start, s.count)) }
        return out
    }

    /// A small news corpus: three languages, several sites and days, entities that co-occur,
    /// repeated phrases (for n-grams), a duplicate, and text that needs case folding.
    static let corpus: [Document] = {
        var docs = [
            make("https://www.dailyledger.example/council-budget", "The city council approved the budget on Tuesday. Mayor Rebecca Lindqvist said the city council would protect transit. The budget adds 412 million dollars for transit and schools.", site: "Daily Ledger", published: "2024-06-12", title: "Council approves budget",
                 entities: [.init("Rebecca Lindqvist", "PERSON"), .init("Tuesday", "DATE"), .init("412 million dollars", "MONEY")]),
            make("https://meridianwire.example/berlin-power", "Germany unveiled a plan to cap industrial power prices. Chancellor Olaf Brandt said Germany must keep industry in Berlin and Munich. Power prices rose in Berlin last winter.", site: "Meridian Wire", published: "2025-03-03",
                 entities: [.init("Germany", "LOC"), .init("Olaf Brandt", "PERSON"), .init("Berlin", "LOC"), .init("Munich", "LOC")]),
            make("https://harbourpost.example/ferry", "Free ferries would cost less than the fare machines. The city council keeps repairing fare machines. Eleanor Pryce argues that free ferries serve the harbour.", site: "Harbour Post", published: "2024-11-18",
                 entities: [.init("Eleanor Pryce", "PERSON")]),
            make("https://valleygazette.example/fair", "RECORD CROWDS came to the Millbrook County Fair. The fair’s steer weighed 1,412 pounds! Harold Whitaker judged the pies at the Millbrook County Fair.", site: "Valley Gazette", published: "2024-06-11",
                 entities: [.init("Millbrook County Fair", "MISC"), .init("Harold Whitaker", "PERSON")]),
            make("https://rheinische.example/koeln", "KÖLN will bis 2030 zwölftausend Sozialwohnungen bauen. Die Stadt Köln baut die Wohnungen mit dem Land. Katharina Weißgerber sagte, die Stadt Köln brauche mehr Wohnungen.", language: "de", site: "Rheinisches Tagesblatt", published: "2024-09-26",
                 entities: [.init("Köln", "LOC"), .init("KÖLN", "LOC", canonical: "Köln"), .init("Katharina Weißgerber", "PERSON")]),
            make("https://volzhsky.example/tram", "В Самаре запустили речной трамвай. Речной трамвай ходит по Волге. Анна Соколова сказала, что речной трамвай нужен Самаре.", language: "ru", site: "Волжский вестник", published: "2024-07-05",
                 entities: [.init("Самаре", "LOC", canonical: "Самара"), .init("Волге", "LOC", canonical: "Волга"), .init("Анна Соколова", "PERSON")]),
            make("/data/notes/strike.txt", "Dockworkers in three ports vote to strike. The dockworkers union met in Rotterdam and Antwerp. Rotterdam and Antwerp are the largest ports.", language: "en", published: "2025-03-14",
                 entities: [.init("Rotterdam", "LOC"), .init("Antwerp", "LOC"), .init("three", "CARDINAL")]),
            make("https://www.dailyledger.example/council-budget-2", "The city council approved the budget on Tuesday. Mayor Rebecca Lindqvist said the city council would protect transit.", site: "Daily Ledger", published: "2024-06-12",
                 entities: [.init("Rebecca Lindqvist", "PERSON", canonical: "Rebecca Lindqvist")]),
        ]
        docs[7].duplicate = DuplicateInfo(simhash: "00ff00ff00ff00ff", of: docs[0].id, distance: 3)
        docs[2].meta.language = "en-GB"
        return docs
    }()

    static let failures: [FailureRecord] = [
        FailureRecord(id: "bad1", source: "Samples/99-broken-binary.html", stage: "clean", kind: "charset", message: "not text"),
        FailureRecord(id: "bad2", source: "x.html", stage: "fetch", kind: "not_found", message: "no such file"),
        FailureRecord(id: "drop1", source: "y.html", stage: "filter", kind: "dropped", message: "too short", dropped: true),
    ]

    static func settings(_ change: (inout StatsSettings) -> Void = { _ in }) -> StatsSettings {
        var s = StatsSettings()
        s.minCount = 2
        s.reportDocuments = 3
        change(&s)
        return s
    }

    /// Contributions of the corpus and the failures, in input order.
    static func contributions(_ stage: StatsStage) -> [StatsPartial] {
        corpus.map(stage.contribution(of:)) + failures.map(stage.contribution(ofFailure:))
    }
}

func fold(_ parts: some Sequence<StatsPartial>) -> StatsPartial {
    var total = StatsPartial()
    for p in parts { total.merge(p) }
    return total
}

func encoded(_ p: StatsPartial) throws -> String {
    String(decoding: try JSONEncoder.sorted.encode(p), as: UTF8.self)
}

func temporaryDirectory() -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("textpipe-stats-tests-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
