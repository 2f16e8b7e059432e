import TextpipeCore

/// The fields a command stage's answer may change (its `changes` option), and how an answer is
/// applied to the document.
///
/// An answer is read as a patch over the record that was sent: a field it leaves out is kept; a
/// field it gives must either be declared, or equal what was sent (objects compared without
/// regard to key order, a missing key equal to null), so that a child may echo the whole record
/// back. A declared field replaces the document's; null clears it. Declaring a parent
/// (`custom`) covers all of it; declaring a child (`custom.tickers`, `meta.title`) covers only
/// that key, and the parent's other keys must come back unchanged or not at all.
struct DeclaredChanges: Sendable {
    static let topLevel = ["text", "paragraphs", "sentences", "entities", "meta", "custom"]
    static let spanFields = ["paragraphs", "sentences", "entities"]
    static let metaFields = ["title", "author", "published", "site", "language", "canonical_url", "description", "sources"]

    /// Top-level fields declared whole.
    let whole: Set<String>
    /// Children declared one by one, by parent (`meta`, `custom`).
    let children: [String: Set<String>]
    let list: [String]

    init(_ list: [String], options: StageOptions) throws {
        var whole: Set<String> = [], children: [String: Set<String>] = [:]
        for path in list {
            let parts = path.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            if parts.count == 1, Self.topLevel.contains(path) {
                whole.insert(path)
            } else if parts.count == 2, parts[0] == "custom", !parts[1].isEmpty, !parts[1].contains(".") {
                children["custom", default: []].insert(parts[1])
            } else if parts.count == 2, parts[0] == "meta", Self.metaFields.contains(parts[1]) {
                children["meta", default: []].insert(parts[1])
            } else {
                let why = ["id", "source", "fetched", "http", "stats", "duplicate"].contains(parts[0])
                    ? "'\(parts[0])' is set by textpipe and cannot be changed by a command"
                    : "'\(path)' is not a field a command may change (text, paragraphs, sentences, entities, meta, meta.FIELD, custom, custom.KEY)"
                var e = options.error("\(why), in 'changes'", key: "changes")
                e.suggestion = closestMatch(to: path, in: Self.topLevel + Self.metaFields.map { "meta." + $0 })
                throw e
            }
        }
        self.whole = whole
        self.children = children.filter { !whole.contains($0.key) }
        self.list = list
    }

    /// Applies an answer to `document`; throws when it changes a field that was not declared
    /// or gives fields textpipe cannot read.
    func apply(_ answer: JSONValue, sent: JSONValue, to document: inout Document, command: String) throws {
        guard let pairs = answer.objectValue, var merged = sent.objectValue else { return }
        var touched: Set<String> = []
        for (key, value) in pairs where key != "id" && key != "stats" {
            let original = sent[key]
            if whole.contains(key) {
                Self.set(&merged, key, value)
                touched.insert(key)
            } else if let declared = children[key], let subs = value.objectValue {
                var object = original?.objectValue ?? []
                for (sub, v) in subs {
                    if declared.contains(sub) {
                        Self.set(&object, sub, v)
                    } else if !Self.same(v, original?[sub]) {
                        throw undeclared("\(key).\(sub)", command)
                    }
                }
                Self.set(&merged, key, .object(object))
                touched.insert(key)
            } else if !Self.same(value, original) {
                // Name the field inside an object that changed: 'meta.title', not 'meta'.
                let inner = value.objectValue.flatMap { subs in subs.first { !Self.same($0.1, original?[$0.0]) }?.0 }
                    ?? original?.objectValue.flatMap { subs in subs.first { !Self.same($0.1, value[$0.0]) }?.0 }
                throw undeclared(inner.map { key + "." + $0 } ?? key, command)
            }
        }
        guard !touched.isEmpty else { return }
        let textChanged = touched.contains("text") && !Self.same(merged.first { $0.0 == "text" }?.1, sent["text"])
        if textChanged {
            // Spans into the old text mean nothing in the new one.
            for field in Self.spanFields where !whole.contains(field) { merged.removeAll { $0.0 == field } }
        }
        let updated: Document
        do {
            updated = try Document(record: .object(merged))
        } catch {
            throw DocumentFailure("bad_output", "\(command) answered with fields textpipe cannot read: \(error)")
        }
        if touched.contains("entities") {
            let offsets = TextOffsets(updated.text)
            for e in updated.entities where offsets.substring(e.span) != e.text {
                throw DocumentFailure("bad_output", "\(command) answered with an entity [\(e.start), \(e.end)] whose text '\(e.text)' is not the text there ('\(offsets.substring(e.span))'); offsets count code points, as Python's str does")
            }
        }
        if textChanged {
            document.text = updated.text
            document.tokens = []
        }
        if textChanged || touched.contains("paragraphs") { document.paragraphs = updated.paragraphs }
        if textChanged || touched.contains("sentences") { document.sentences = updated.sentences }
        if textChanged || touched.contains("entities") { document.entities = updated.entities }
        if touched.contains("meta") { document.meta = updated.meta }
        if touched.contains("custom") { document.custom = updated.custom.filter { $0.value != .null } }
    }

    func undeclared(_ field: String, _ command: String) -> DocumentFailure {
        let declared = list.isEmpty ? "it declares no changes" : "it declares changes: [\(list.joined(separator: ", "))]"
        return DocumentFailure("undeclared_change", "\(command) changed '\(field)', which is not among the fields it may change (\(declared)); add it to 'changes' or leave it as it was sent")
    }

    /// Replaces or adds `key`; null removes it.
    static func set(_ pairs: inout [(String, JSONValue)], _ key: String, _ value: JSONValue) {
        if let i = pairs.firstIndex(where: { $0.0 == key }) {
            if value == .null { pairs.remove(at: i) } else { pairs[i].1 = value }
        } else if value != .null {
            pairs.append((key, value))
        }
    }

    /// JSON equality where key order does not matter and a missing key equals null.
    static func same(_ a: JSONValue?, _ b: JSONValue?) -> Bool {
        switch (a ?? .null, b ?? .null) {
        case let (.object(x), .object(y)):
            var keys = Set(x.map(\.0))
            keys.formUnion(y.map(\.0))
            return keys.allSatisfy { k in same(x.first { $0.0 == k }?.1, y.first { $0.0 == k }?.1) }
        case let (.array(x), .array(y)):
            return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
        case let (x, y):
            return x == y
        }
    }
}
