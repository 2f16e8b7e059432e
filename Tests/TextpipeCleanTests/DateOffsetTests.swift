import Testing
@testable import TextpipeClean

/// The publication date of a page is the day as the page writes it, whatever the offset's form.
struct DateOffsetTests {
    @Test(arguments: [
        ("2019-11-19T23:30:00+0100", "2019-11-19"), ("2019-11-19T23:30:00+01:00", "2019-11-19"),
        ("2019-11-19T00:30:00-0500", "2019-11-19"), ("2019-11-19T10:00+0100", "2019-11-19"),
        ("Tue, 19 Nov 2019 10:00:00 +0100", "2019-11-19"), ("19.11.2019 10:00 +0100", "2019-11-19"),
    ])
    func offsetsWithoutColon(_ text: String, _ iso: String) {
        #expect(DateParser.iso8601(text) == iso)
    }
}
