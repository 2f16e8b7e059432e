import Testing
@testable import TextpipeStats

/// CSV fields are quoted exactly when they must be, and read back as written.
struct CSVTests {
    @Test(arguments: [
        ("plain", "plain"),
        ("", ""),
        ("a,b", "\"a,b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("two\nlines", "\"two\nlines\""),
        ("cr\rhere", "\"cr\rhere\""),
        (" padded", "\" padded\""),
        ("trailing ", "\"trailing \""),
        ("Köln, Zürich", "\"Köln, Zürich\""),
        ("=SUM(A1)", "=SUM(A1)"),
        ("Волга", "Волга"),
    ])
    func escapesFields(value: String, written: String) {
        var w = CSVWriter(header: ["h"])
        w.row([value])
        #expect(w.string == "h\n\(written)\n")
        #expect(CSVReader.rows(w.string) == [["h"], [value]])
    }

    @Test(arguments: [(0.0, "0"), (3.0, "3"), (0.5, "0.5"), (1.23456, "1.2346"), (-2.5, "-2.5"), (0.00004, "0"), (12.1, "12.1"), (Double.nan, "")])
    func formatsNumbers(value: Double, text: String) {
        #expect(CSVWriter.format(value) == text)
    }

    @Test func rowsOfMixedFieldsRoundTrip() {
        var w = CSVWriter(header: ["term", "count", "score", "note"])
        w.row([.text("bank of, england"), .int(12), .double(3.25), .empty])
        w.row([.text("\"quoted\""), .int(-1), .double(0), .text("x\ny")])
        #expect(CSVReader.rows(w.string) == [["term", "count", "score", "note"], ["bank of, england", "12", "3.25", ""],
                                             ["\"quoted\"", "-1", "0", "x\ny"]])
    }
}
