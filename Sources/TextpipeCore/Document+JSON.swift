import Foundation

extension Document {
    /// The top-level fields of an output record, in the order they are written.
    public static let outputFields = [
        "id", "source", "fetched", "http", "meta", "text", "paragraphs", "sentences",
        "entities", "duplicate", "stats", "custom",
    ]

    /// The document as one line of `documents.jsonl` (without the newline), with the fields
    /// that `shape` keeps, under its names.
    public func jsonRecord(shape: RecordShape = RecordShape()) -> [UInt8] {
        var w = JSONWriter(capacity: text.utf8.count * 2 + 512)
        writeJSON(to: &w, shape: shape)
        return w.bytes
    }

    public func writeJSON(to w: inout JSONWriter, shape: RecordShape = RecordShape()) {
        // Swapped in and out rather than copied, so the buffer is never duplicated.
        var o = ShapedWriter(w: JSONWriter(capacity: 0), shape: shape)
        swap(&o.w, &w)
        o.w.beginObject()
        o.field("id", id)
        o.field("source", source)
        if let fetched { o.field("fetched", ISO8601.string(from: fetched)) }
        if let http, o.begin("http") {
            o.field("status", http.status, in: "http")
            o.field("content_type", http.contentType, in: "http")
            o.field("etag", http.etag, in: "http")
            o.field("last_modified", http.lastModified, in: "http")
            o.field("final_url", http.finalURL, in: "http")
            o.w.endObject()
        }
        if o.begin("meta") {
            o.field("title", meta.title, in: "meta")
            o.field("author", meta.author, in: "meta")
            o.field("published", meta.published, in: "meta")
            o.field("site", meta.site, in: "meta")
            o.field("language", meta.language, in: "meta")
            o.field("canonical_url", meta.canonicalURL, in: "meta")
            o.field("description", meta.description, in: "meta")
            if !meta.sources.isEmpty, let name = shape.name("sources", in: "meta") {
                o.w.key(name)
                o.w.beginObject()
                for (k, v) in meta.sources.sorted(by: { $0.key < $1.key }) { o.w.field(k, v) }
                o.w.endObject()
            }
            o.w.endObject()
        }
        o.field("text", text)
        for (name, spans) in [("paragraphs", paragraphs), ("sentences", sentences)] {
            guard let out = shape.name(name) else { continue }
            o.w.key(out)
            o.w.beginArray()
            for s in spans { o.w.span(s) }
            o.w.endArray()
        }
        if let name = shape.name("entities") {
            o.w.key(name)
            o.w.beginArray()
            for e in entities {
                o.w.beginObject()
                o.w.field("start", e.start)
                o.w.field("end", e.end)
                o.w.field("type", e.type)
                o.w.field("text", e.text)
                o.w.field("canonical", e.canonical)
                o.w.field("kb", e.kb)
                o.w.endObject()
            }
            o.w.endArray()
        }
        if let duplicate, o.begin("duplicate") {
            o.field("simhash", duplicate.simhash, in: "duplicate")
            o.field("of", duplicate.of, in: "duplicate")
            o.field("distance", duplicate.distance, in: "duplicate")
            o.w.endObject()
        }
        if o.begin("stats") {
            let c = counts
            o.field("chars", c.chars, in: "stats")
            o.field("words", c.words, in: "stats")
            o.field("sentences", c.sentences, in: "stats")
            o.field("entities", c.entities, in: "stats")
            o.w.endObject()
        }
        if !custom.isEmpty, o.begin("custom") {
            for (k, v) in custom.sorted(by: { $0.key < $1.key }) {
                guard let name = shape.name(k, in: "custom") else { continue }
                o.w.key(name)
                o.w.value(v)
            }
            o.w.endObject()
        }
        o.w.endObject()
        swap(&o.w, &w)
    }

    /// Reads a document back from its output record (or a `stream` input that carries one).
    /// Fields it does not know are ignored; `tokens` are not part of the record.
    public init(record: JSONValue) throws {
        guard case .object = record else { throw RecordError("a document record must be a JSON object") }
        guard let id = record["id"]?.stringValue ?? record["id"]?.intValue.map(String.init) else {
            throw RecordError("the record has no \"id\"")
        }
        self.init(id: id, source: record["source"]?.stringValue ?? id)
        if let f = record["fetched"]?.stringValue { fetched = ISO8601.date(from: f) }
        if let h = record["http"], case .object = h {
            http = HTTPInfo(
                status: h["status"]?.intValue ?? 0, contentType: h["content_type"]?.stringValue,
                etag: h["etag"]?.stringValue, lastModified: h["last_modified"]?.stringValue,
                finalURL: h["final_url"]?.stringValue)
        }
        if let m = record["meta"], case .object = m {
            meta.title = m["title"]?.stringValue
            meta.author = m["author"]?.stringValue
            meta.published = m["published"]?.stringValue
            meta.site = m["site"]?.stringValue
            meta.language = m["language"]?.stringValue
            meta.canonicalURL = m["canonical_url"]?.stringValue
            meta.description = m["description"]?.stringValue
            for (k, v) in m["sources"]?.objectValue ?? [] {
                if let s = v.stringValue { meta.sources[k] = s }
            }
        }
        text = record["text"]?.stringValue ?? ""
        let length = text.unicodeScalars.count
        paragraphs = try Self.spans(record["paragraphs"], "paragraphs", length)
        sentences = try Self.spans(record["sentences"], "sentences", length)
        let offsets = TextOffsets(text)
        for item in record["entities"]?.arrayValue ?? [] {
            guard let start = item["start"]?.intValue, let end = item["end"]?.intValue,
                  let type = item["type"]?.stringValue, 0 <= start, start <= end, end <= length
            else { throw RecordError("an entity needs start <= end within the text, and a type") }
            let covered = offsets.substring(Span(start, end))
            if let given = item["text"]?.stringValue, given != covered {
                throw RecordError("an entity [\(start), \(end)] whose text '\(given.prefix(80))' is not the text there ('\(covered.prefix(80))'); offsets count code points, as Python's str does")
            }
            entities.append(Entity(
                start: start, end: end, type: type,
                text: covered,
                canonical: item["canonical"]?.stringValue, kb: item["kb"]?.stringValue))
        }
        if let d = record["duplicate"], let hash = d["simhash"]?.stringValue {
            duplicate = DuplicateInfo(simhash: hash, of: d["of"]?.stringValue, distance: d["distance"]?.intValue)
        }
        for (k, v) in record["custom"]?.objectValue ?? [] { custom[k] = v }
    }

    /// Paragraphs and sentences as textpipe writes them: within the text, in order, none
    /// overlapping the one before (a record read back is written out again as it is).
    private static func spans(_ value: JSONValue?, _ name: String, _ length: Int) throws -> [Span] {
        guard let items = value?.arrayValue else { return [] }
        var previousEnd = 0
        return try items.map { item in
            guard let pair = item.arrayValue, pair.count == 2, let s = pair[0].intValue,
                  let e = pair[1].intValue, 0 <= s, s <= e, e <= length
            else { throw RecordError("each of \"\(name)\" must be [start, end] within the text") }
            guard s >= previousEnd else { throw RecordError("\"\(name)\" must be in order without overlapping: [\(s), \(e)] starts before \(previousEnd)") }
            previousEnd = e
            return Span(s, e)
        }
    }
}

/// A record that does not have the shape of a document.
public struct RecordError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// ISO 8601 in UTC without a formatter object (formatters are neither cheap nor Sendable).
public enum ISO8601 {
    public static func string(from date: Date) -> String {
        var t = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&t, &parts)
        func pad(_ n: Int32, _ width: Int = 2) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1))-\(pad(parts.tm_mday))T"
            + "\(pad(parts.tm_hour)):\(pad(parts.tm_min)):\(pad(parts.tm_sec))Z"
    }

    /// Parses `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SS[.fraction]` with `Z` or an offset in any of
    /// ISO 8601's forms (`+01:00`, `+0100`, `+01`); a time followed by anything else is no date.
    public static func date(from text: String) -> Date? {
        let u = Array(text.utf8)
        func num(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= u.count else { return nil }
            var v = 0
            for b in u[from..<from + count] {
                guard (48...57).contains(b) else { return nil }
                v = v * 10 + Int(b - 48)
            }
            return v
        }
        guard let y = num(0, 4), u.count >= 10, u[4] == 45, let mo = num(5, 2), u[7] == 45,
              let d = num(8, 2), (1...12).contains(mo), (1...31).contains(d) else { return nil }
        var h = 0, mi = 0, s = 0, offset = 0
        if u.count >= 19, u[10] == UInt8(ascii: "T") || u[10] == 32 {
            guard let hh = num(11, 2), let mm = num(14, 2), let ss = num(17, 2) else { return nil }
            (h, mi, s) = (hh, mm, ss)
            var k = 19
            if k < u.count, u[k] == UInt8(ascii: ".") {
                k += 1
                while k < u.count, (48...57).contains(u[k]) { k += 1 }
            }
            if k < u.count {
                guard let zone = zoneOffset(u[k...]) else { return nil }
                offset = zone
            }
        }
        var parts = tm()
        parts.tm_year = Int32(y - 1900)
        parts.tm_mon = Int32(mo - 1)
        parts.tm_mday = Int32(d)
        parts.tm_hour = Int32(h)
        parts.tm_min = Int32(mi)
        parts.tm_sec = Int32(s)
        let t = timegm(&parts)
        return Date(timeIntervalSince1970: TimeInterval(t - offset))
    }

    /// Seconds east of UTC of `Z`, `+HH:MM`, `+HHMM` or `+HH` (or `-`), the whole of `zone`.
    static func zoneOffset(_ zone: ArraySlice<UInt8>) -> Int? {
        let z = Array(zone)
        if z == [90] || z == [122] { return 0 }  // Z, z
        guard z.count == 3 || z.count == 5 || (z.count == 6 && z[3] == 58), z[0] == 43 || z[0] == 45 else { return nil }
        let digits = z.count == 6 ? Array(z[1...2] + z[4...5]) : Array(z.dropFirst())
        guard digits.allSatisfy({ (48...57).contains($0) }) else { return nil }
        let v = digits.map { Int($0 - 48) }
        let hours = v[0] * 10 + v[1], minutes = v.count == 4 ? v[2] * 10 + v[3] : 0
        guard hours <= 23, minutes <= 59 else { return nil }
        return (hours * 3600 + minutes * 60) * (z[0] == 45 ? -1 : 1)
    }
}

/// A `JSONWriter` that asks a `RecordShape` for each field's name, or whether to skip it.
private struct ShapedWriter {
    var w: JSONWriter
    let shape: RecordShape

    /// Opens the object of a top-level field; false when the shape leaves it out.
    mutating func begin(_ field: String) -> Bool {
        guard let name = shape.name(field) else { return false }
        w.key(name)
        w.beginObject()
        return true
    }

    mutating func field(_ name: String, _ value: String?) {
        guard value != nil, let out = shape.name(name) else { return }
        w.field(out, value)
    }

    mutating func field(_ name: String, _ value: String?, in parent: String) {
        guard value != nil, let out = shape.name(name, in: parent) else { return }
        w.field(out, value)
    }

    mutating func field(_ name: String, _ value: Int?, in parent: String) {
        guard value != nil, let out = shape.name(name, in: parent) else { return }
        w.field(out, value)
    }
}
