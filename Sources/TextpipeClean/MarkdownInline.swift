/// Removes inline Markdown from one paragraph, leaving the text a reader sees:
/// `\$` → `$`, `[text](url)` → `text`, `![alt](src)` → nothing, `*emphasis*`, `**strong**`,
/// `_emphasis_` and `` `code` `` → their content, inline HTML tags → nothing.
///
/// Emphasis markers are recognised by flanking, as CommonMark does in spirit: a `*` or `_` run
/// that touches a word on one side and space or punctuation on the other. So "5 * 3" and
/// "snake_case_name" keep their characters.
enum MarkdownInline {
    static func strip(_ s: String) -> String {
        let c = Array(s.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        func isWordChar(_ k: Int) -> Bool {
            guard k >= 0, k < c.count else { return false }
            let p = c[k].properties
            return p.isAlphabetic || p.numericType != nil
        }
        func isSpaceOrEdge(_ k: Int) -> Bool { k < 0 || k >= c.count || c[k].properties.isWhitespace }
        while i < c.count {
            let ch = c[i]
            switch ch {
            case "\\" where i + 1 < c.count && c[i + 1].isASCII && c[i + 1].properties.isPatternSyntax:
                out.append(c[i + 1])
                i += 2
            case "!" where i + 1 < c.count && c[i + 1] == "[":
                if let (_, end) = link(c, at: i + 1) { i = end } else { out.append(ch); i += 1 }
            case "[":
                if let (text, end) = link(c, at: i) {
                    out.append(contentsOf: strip(String(String.UnicodeScalarView(text))).unicodeScalars)
                    i = end
                } else {
                    out.append(ch)
                    i += 1
                }
            case "*", "_":
                var j = i
                while j < c.count, c[j] == ch { j += 1 }
                let before = i - 1, after = j
                let opens = !isSpaceOrEdge(after) && (isSpaceOrEdge(before) || !isWordChar(before))
                let closes = !isSpaceOrEdge(before) && (isSpaceOrEdge(after) || !isWordChar(after))
                let intraword = isWordChar(before) && isWordChar(after)
                if (opens || closes) && !(ch == "_" && intraword) && !(ch == "*" && intraword && j - i > 2) {
                    // a marker: drop it
                } else {
                    out.append(contentsOf: c[i..<j])
                }
                i = j
            case "`":
                i += 1
            case "<":
                var j = i + 1
                if j < c.count, c[j].properties.isAlphabetic || c[j] == "/" {
                    while j < c.count, c[j] != ">", c[j] != "<" { j += 1 }
                    if j < c.count, c[j] == ">" { i = j + 1; continue }
                }
                out.append(ch)
                i += 1
            default:
                out.append(ch)
                i += 1
            }
        }
        return String(out)
    }

    /// `[text](target)` or `[text][ref]` starting at `[`: the text and the index after it.
    static func link(_ c: [Unicode.Scalar], at start: Int) -> ([Unicode.Scalar], Int)? {
        var depth = 0
        var j = start
        while j < c.count {
            if c[j] == "\\" { j += 2; continue }
            if c[j] == "[" { depth += 1 }
            if c[j] == "]" {
                depth -= 1
                if depth == 0 { break }
            }
            j += 1
        }
        guard j < c.count, j + 1 < c.count else { return nil }
        let text = Array(c[(start + 1)..<j])
        let open = c[j + 1]
        guard open == "(" || open == "[" else { return nil }
        let close: Unicode.Scalar = open == "(" ? ")" : "]"
        var k = j + 2
        var nested = 0
        while k < c.count {
            if c[k] == "(" && open == "(" { nested += 1 }
            if c[k] == close {
                if nested == 0 { return (text, k + 1) }
                nested -= 1
            }
            k += 1
        }
        return nil
    }
}
