import Foundation
import Testing
@testable import TextpipeCore

struct JSONTests {
    @Test(arguments: [
        #"{"a":1,"b":[true,false,null],"c":"x\"y\\z\n\u00e9\ud83d\ude00"}"#,
        #"[1.5,-2,3e2,"",{}]"#,
        #""caf\u00e9""#,
    ])
    func parseThenWriteIsStable(text: String) throws {
        let v = try JSONValue.parse(text)
        let again = try JSONValue.parse(v.jsonString)
        #expect(v == again)
    }

    @Test(arguments: ["{", "[1,]", "{\"a\" 1}", "tru", "\"\u{01}\"", "1 2", String(repeating: "[", count: 600) + String(repeating: "]", count: 600)])
    func rejectsBadJSON(text: String) {
        #expect(throws: JSONSyntaxError.self) { try JSONValue.parse(text) }
    }

    @Test func loneSurrogateBecomesReplacementCharacter() throws {
        #expect(try JSONValue.parse(#""a\ud800b""#) == .string("a\u{FFFD}b"))
    }

    @Test func documentRecordRoundTrips() throws {
        var d = Document(id: "x1", source: "a/b.html")
        d.text = "Ünïcode 😀 text.\n\nSecond paragraph by Ilham Aliyev."
        let offsets = TextOffsets(d.text)
        let name = "Ilham Aliyev"
        let byteStart = d.text.utf8.count - name.utf8.count - 1
        let span = offsets.span(bytes: byteStart..<(byteStart + name.utf8.count))
        d.paragraphs = [Span(0, 16), Span(18, offsets.scalarCount)]
        d.sentences = d.paragraphs
        d.entities = [Entity(start: span.start, end: span.end, type: "PERSON", text: offsets.substring(span), canonical: "Ilham Aliyev")]
        d.meta.title = "T"
        d.meta.sources["title"] = "og:title"
        d.custom["k"] = .array([.int(1), .string("v")])
        d.fetched = Date(timeIntervalSince1970: 1_600_000_000)
        let record = try JSONValue.parse(String(decoding: d.jsonRecord(), as: UTF8.self))
        let back = try Document(record: record)
        #expect(back.text == d.text)
        #expect(back.entities == d.entities)
        #expect(back.entities[0].text == name)
        #expect(back.paragraphs == d.paragraphs)
        #expect(back.meta == d.meta)
        #expect(back.custom["k"] == d.custom["k"])
        #expect(back.fetched == d.fetched)
        #expect(record["stats"]?["chars"]?.intValue == d.text.unicodeScalars.count)
    }

    @Test func offsetsConvertBetweenBytesAndCodePoints() {
        let text = "aé😀b"
        let o = TextOffsets(text)
        #expect(o.scalarCount == 4)
        #expect(o.scalar(atByte: 0) == 0)
        #expect(o.scalar(atByte: 1) == 1)
        #expect(o.scalar(atByte: 3) == 2)
        #expect(o.scalar(atByte: 7) == 3)
        #expect(o.byte(atScalar: 3) == 7)
        #expect(o.substring(Span(1, 3)) == "é😀")
    }

    @Test func isoDates() {
        let d = ISO8601.date(from: "2020-10-05T12:30:00+02:00")!
        #expect(ISO8601.string(from: d) == "2020-10-05T10:30:00Z")
        #expect(ISO8601.date(from: "2020-13-01") == nil)
        #expect(ISO8601.string(from: ISO8601.date(from: "1999-12-31")!) == "1999-12-31T00:00:00Z")
    }

    @Test func streamLinesBecomeInputsOrFailures() {
        func item(_ s: String) -> InputItem { JSONLinesInput.item(Array(s.utf8), lineNumber: 7) }
        #expect(item(#"{"id":"a","html":"<p>x</p>"}"#).document.content?.format == .html)
        #expect(item(#"{"id":3,"text":"hi"}"#).document.id == "3")
        #expect(item(#"{"source":"x.html"}"#).document.id == StableHash.documentID(source: "x.html"))
        #expect(item("nope").failure?.message.contains("line 7") == true)
        #expect(item("[1]").failure != nil)
        #expect(item(#"{"id":"a"}"#).failure?.message.contains("none of") == true)
        #expect(item(#"{"id":"a","text":"ab","paragraphs":[[0,5]]}"#).failure != nil)
    }
}
