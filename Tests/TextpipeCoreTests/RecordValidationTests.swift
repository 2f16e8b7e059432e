import Testing
@testable import TextpipeCore

/// A document record read back from stream input (or an earlier run) is written out again as
/// it is, so it must already keep the output's promises: spans within the text, in order,
/// not overlapping, and every entity's text equal to `text[start:end]` in code points.
/// Otherwise the line becomes an input failure. Found by Fuzz/FuzzJSONLines.
struct RecordValidationTests {
    static let lines: [(String, Bool)] = [
        (#"{"id": "r", "text": "Clean. Text.", "paragraphs": [[0, 12]], "sentences": [[0, 6], [7, 12]]}"#, true),
        // The fuzzer's find: overlapping sentences went through.
        (#"{"id": "r", "text": "Clean. Text.", "paragraphs": [[0, 12]], "sentences": [[0, 6], [3, 12]]}"#, false),
        (#"{"id": "r", "text": "Clean. Text.", "paragraphs": [[7, 12], [0, 6]]}"#, false),
        (#"{"id": "r", "text": "ab", "paragraphs": [[0, 99]]}"#, false),
        (#"{"id": "e", "text": "Ana in 🇵🇹 Lisboa", "paragraphs": [[0, 16]], "entities": [{"start": 10, "end": 16, "type": "LOC", "text": "Lisboa"}]}"#, true),
        (#"{"id": "e", "text": "Ana in 🇵🇹 Lisboa", "paragraphs": [[0, 16]], "entities": [{"start": 10, "end": 16, "type": "LOC"}]}"#, true),
        (#"{"id": "e", "text": "Ana in 🇵🇹 Lisboa", "paragraphs": [[0, 16]], "entities": [{"start": 10, "end": 16, "type": "LOC", "text": "Paris"}]}"#, false),
        (#"{"id": "e", "text": "Ana in 🇵🇹 Lisboa", "paragraphs": [[0, 16]], "entities": [{"start": 12, "end": 18, "type": "LOC", "text": "Lisboa"}]}"#, false),
    ]

    @Test(arguments: lines.indices)
    func recordsKeepTheOutputsPromises(_ i: Int) {
        let (line, valid) = Self.lines[i]
        let item = JSONLinesInput.item(Array(line.utf8), lineNumber: 1)
        #expect((item.failure == nil) == valid, "\(line): \(item.failure?.message ?? "accepted")")
        if valid {
            let scalars = Array(item.document.text.unicodeScalars)
            for e in item.document.entities {
                #expect(String(String.UnicodeScalarView(scalars[e.start..<e.end])) == e.text)
            }
        }
    }
}
