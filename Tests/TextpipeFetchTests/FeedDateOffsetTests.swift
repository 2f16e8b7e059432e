import Foundation
import Testing
@testable import TextpipeFetch

/// ISO 8601 allows a time zone offset with or without its colon (`+01:00`, `+0100`, `+01`);
/// feeds and sitemaps use all three, and an offset read as zero moves the date by hours.
struct FeedDateOffsetTests {
    static func date(_ iso: String) -> Date? { ISO8601DateFormatter().date(from: iso) }

    @Test(arguments: [
        ("2026-11-24T10:00:00+0100", "2026-11-24T09:00:00Z"),
        ("2026-11-24T10:00:00+01:00", "2026-11-24T09:00:00Z"),
        ("2026-11-24T10:00:00+01", "2026-11-24T09:00:00Z"),
        ("2026-11-24T10:00+0100", "2026-11-24T09:00:00Z"),
        ("2026-11-24T10:00:00.250-0530", "2026-11-24T15:30:00Z"),
        ("2026-11-24T23:30:00-0100", "2026-11-25T00:30:00Z"),
        ("2026-11-24T10:00:00z", "2026-11-24T10:00:00Z"),
    ])
    func offsetWithOrWithoutColon(text: String, iso: String) {
        #expect(FeedDate.parse(text) == Self.date(iso), "\(text)")
    }

    /// A time zone that is not one is no date, rather than a date hours off.
    @Test(arguments: ["2026-11-24T10:00:00+1", "2026-11-24T10:00:00+01:0", "2026-11-24T10:00:00+2500", "2026-11-24T10:00:00 nonsense"])
    func malformedOffsetIsNoDate(text: String) {
        #expect(FeedDate.parse(text) == nil, "\(text)")
    }
}
