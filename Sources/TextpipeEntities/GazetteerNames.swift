import TextpipeCore

/// Names for documents in a language the model was not trained on: the shipped gazetteers
/// alone, by capitalisation. A capitalised place from GeoNames — a country, continent or
/// state, or a city of 100,000 people or more — is LOC; a known first name followed by one or
/// two capitalised words is PERSON. The first word of a sentence is capitalised anyway, so there
/// a place must be a country or continent, and a first name needs a known surname after it
/// ("Man" is not a city there); so does a first name of three letters or less, which in other
/// languages is often a word ("Les Calanques" is a band). It finds fewer names
/// than a model would, but few wrong ones, where the English model run on German would tag
/// every capitalised noun.
enum GazetteerNames {
    static let smallestCity = 100_000

    static func find(_ text: TokenizedText, lexemes: [Lexeme], resources: FeatureResources) -> [(first: Int, end: Int, type: String)] {
        var found: [(first: Int, end: Int, type: String)] = []
        func capitalised(_ i: Int) -> Bool {
            lexemes[i].flags.contains(.initialCap) && lexemes[i].flags.contains(.hasLower)
        }
        func adjacent(_ i: Int) -> Bool {  // token i+1 follows token i after one space
            i + 1 < text.count && text.starts[i + 1] == text.ends[i] + 1 && text.bytes[Int(text.ends[i])] == 0x20
        }
        let names = resources.names
        for sentence in text.sentences {
            // The first word, after any opening quotes or dashes.
            let firstWord = sentence.first { startsWithLetterOrDigit(text, $0) } ?? sentence.lowerBound
            var taken = sentence.lowerBound
            let placesStart = found.count  // this sentence's places: the only ones a name can overlap
            resources.places?.forEachMatch(in: text, tokens: sentence, startingWhere: capitalised) { first, end, group in
                guard first >= taken, (first..<end).allSatisfy(capitalised) else { return }
                let entries = resources.places!.entries(group)
                let wanted: Set<String> = first == firstWord ? ["country", "continent"] : ["country", "continent", "state"]
                let region = entries.contains { wanted.contains($0.type) }
                let city = entries.contains { $0.type == "city" && $0.rank >= smallestCity }
                guard region || (city && first != firstWord) else { return }
                if let last = found.last, last.first == first, last.end < end {
                    found[found.count - 1].end = end  // the longer of two matches at one start
                } else {
                    found.append((first, end, "LOC"))
                }
                taken = first
            }
            guard let names else { continue }
            var i = sentence.lowerBound
            while i < sentence.upperBound {
                defer { i += 1 }
                guard capitalised(i), adjacent(i), i + 1 < sentence.upperBound, capitalised(i + 1),
                      !found[placesStart...].contains(where: { $0.first <= i + 1 && i < $0.end }) else { continue }
                func word(_ k: Int) -> String {
                    String(decoding: text.bytes[Int(text.starts[k])..<Int(text.ends[k])], as: UTF8.self)
                }
                guard names.entries(for: word(i)).contains(where: { $0.type.hasPrefix("first-") }) else { continue }
                let short = text.ends[i] - text.starts[i] < 4  // "Les", "Die", "Una": words in other languages
                if (i == firstWord || short) && !names.entries(for: word(i + 1)).contains(where: { $0.type == "surname" }) { continue }
                var end = i + 2
                if adjacent(end - 1), end < sentence.upperBound, capitalised(end) { end += 1 }
                found.append((i, end, "PERSON"))
                i = end - 1
            }
        }
        return found.sorted { $0.first < $1.first }
    }

    /// Decoded, since `Lexeme` counts every non-ASCII byte as a letter ("„" opens German quotes).
    static func startsWithLetterOrDigit(_ text: TokenizedText, _ i: Int) -> Bool {
        let start = Int(text.starts[i]), end = min(Int(text.ends[i]), start + 4)
        guard let c = String(decoding: text.bytes[start..<end], as: UTF8.self).unicodeScalars.first else { return false }
        return c.properties.isAlphabetic || c.properties.numericType != nil
    }
}
