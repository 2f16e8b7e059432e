/// A displaCy-like view of one document: its text with each entity marked in its type's colour
/// and labelled with the type.
enum EntityView {
    static func html(_ d: SampledDocument) -> String {
        let scalars = Array(d.text.unicodeScalars)
        var out = ""
        var at = 0
        for e in d.entities.sorted(by: { ($0.start, -$0.end) < ($1.start, -$1.end) }) {
            // Overlapping or out-of-range entities are skipped: marks cannot nest here.
            guard e.start >= at, e.end <= scalars.count, e.start < e.end else { continue }
            out += HTML.escape(text(scalars, at, e.start))
            let surface = text(scalars, e.start, e.end)
            var tip = e.type
            if let c = e.canonical, c != surface { tip += " · \(c)" }
            out += "<mark class=\"ent\" style=\"background:\(ReportStyle.color(e.type))\" title=\"\(HTML.escape(tip))\" data-type=\"\(HTML.escape(e.type))\">"
            out += HTML.escape(surface) + "<span class=\"t\">\(HTML.escape(e.type))</span></mark>"
            at = e.end
        }
        out += HTML.escape(text(scalars, at, scalars.count))
        if d.truncated { out += " …" }
        return out
    }

    static func legend(_ types: [String]) -> String {
        var s = "<div class=\"legend\">"
        for t in types {
            s += "<mark class=\"ent\" style=\"background:\(ReportStyle.color(t))\">\(HTML.escape(t))</mark>"
        }
        return s + "</div>"
    }

    private static func text(_ scalars: [Unicode.Scalar], _ from: Int, _ to: Int) -> String {
        guard from < to else { return "" }
        var s = String.UnicodeScalarView()
        s.append(contentsOf: scalars[from..<to])
        return String(s)
    }
}
