import TextpipeCore

/// Puts a document's entities together from the three sources and gives them canonical forms.
///
/// Precedence: a user's gazetteer and pattern matches either win over the model's names
/// (`before`, the default: a user's list is the user's decision) or only fill the gaps the
/// model left (`after`), like spaCy's EntityRuler before or after its NER. Value rules come
/// last and fill what is left. Within one source, overlapping matches are resolved
/// leftmost-longest.
///
/// Canonical forms: within the document a person or organisation named in part ("Aliyev" after
/// "Ilham Aliyev") takes the longest full mention as its canonical form, and a place is linked
/// to its GeoNames entry (canonical name and `geonames:ID`). See `canonicalize`.
enum EntityAssembly {
    enum Order: String { case before, after }

    /// Non-overlapping selection: longest first, then leftmost.
    static func leftmostLongest(_ entities: [Entity]) -> [Entity] {
        let sorted = entities.sorted { a, b in
            a.end - a.start != b.end - b.start ? a.end - a.start > b.end - b.start : a.start < b.start
        }
        var kept: [Entity] = []
        for e in sorted where !kept.contains(where: { overlaps($0, e) }) { kept.append(e) }
        return kept
    }

    @inline(__always)
    static func overlaps(_ a: Entity, _ b: Entity) -> Bool { a.start < b.end && b.start < a.end }

    /// `first` entirely, then what of `then` does not overlap it.
    static func layer(_ first: [Entity], _ then: [Entity]) -> [Entity] {
        let sortedFirst = first.sorted { $0.start < $1.start }
        var out = sortedFirst
        for e in then {
            // Binary search for the first kept entity ending after e starts.
            var lo = 0, hi = sortedFirst.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if sortedFirst[mid].start < e.end { lo = mid + 1 } else { hi = mid }
            }
            var clash = false
            var k = lo - 1
            while k >= 0 {
                if overlaps(sortedFirst[k], e) { clash = true; break }
                if sortedFirst[k].end <= e.start && sortedFirst[k].start + 64 < e.start { break }
                k -= 1
            }
            if !clash { out.append(e) }
        }
        return out.sorted { $0.start != $1.start ? $0.start < $1.start : $0.end < $1.end }
    }

    static func assemble(names: [Entity], user: [Entity], values: [Entity], order: Order) -> [Entity] {
        let user = leftmostLongest(user)
        let named = order == .before ? layer(user, names) : layer(names, user)
        return layer(named, values)
    }

    /// Fills `canonical` and `kb`, and makes person names consistent. `words(e)` gives the
    /// lower-case word hashes of an entity.
    ///
    /// - A LOC that the places gazetteer knows gets its GeoNames name and id.
    /// - A one-word name that is the first or last word of a longer PERSON mention in the
    ///   document ("Putin" after "Vladimir Putin") is that person, whatever type the model gave
    ///   it, unless it is a known place.
    /// - A PERSON that starts or ends a longer PERSON mention, or an ORG contained word for word
    ///   in a longer ORG mention, takes the longest such mention as its canonical form. MISC and
    ///   LOC mentions are not aliased: "Russian" is not short for "Russian Federation".
    static func canonicalize(_ entities: inout [Entity], words: (Entity) -> [UInt64], places: Gazetteer?) {
        let named: Set<String> = ["PERSON", "ORG", "LOC", "MISC"]
        var sequences: [Int: [UInt64]] = [:]
        for (i, e) in entities.enumerated() where named.contains(e.type) { sequences[i] = words(e) }
        for (i, e) in entities.enumerated() where e.type == "LOC" && e.kb == nil {
            if let entry = places?.lookup(e.text), entry.kb != nil || entry.canonical != nil {
                entities[i].canonical = entry.canonical
                entities[i].kb = entry.kb
            }
        }
        var personEnds = Set<UInt64>()
        for (i, seq) in sequences where entities[i].type == "PERSON" && seq.count > 1 {
            personEnds.insert(seq[0])
            personEnds.insert(seq[seq.count - 1])
        }
        for (i, seq) in sequences where seq.count == 1 && entities[i].type != "PERSON" && entities[i].kb == nil {
            if personEnds.contains(seq[0]) { entities[i].type = "PERSON" }
        }
        for (i, seq) in sequences where !seq.isEmpty && (entities[i].type == "PERSON" || entities[i].type == "ORG") {
            let person = entities[i].type == "PERSON"
            var best: Int?
            for (j, other) in sequences where j != i && entities[j].type == entities[i].type && other.count > seq.count {
                let matches = person
                    ? Array(other.prefix(seq.count)) == seq || Array(other.suffix(seq.count)) == seq
                    : contains(other, seq)
                guard matches else { continue }
                if best == nil || other.count > sequences[best!]!.count || (other.count == sequences[best!]!.count && j < best!) {
                    best = j
                }
            }
            if let best {
                entities[i].canonical = entities[best].canonical ?? entities[best].text
                if entities[i].kb == nil { entities[i].kb = entities[best].kb }
            }
        }
    }

    static func contains(_ haystack: [UInt64], _ needle: [UInt64]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        for s in 0...(haystack.count - needle.count) where Array(haystack[s..<s + needle.count]) == needle { return true }
        return false
    }
}
