import Foundation

/// WARC-Date values: UTC in the W3C form of ISO 8601, "2024-05-01T12:34:56Z", with a
/// fraction of a second in WARC 1.1 ("2024-05-01T12:34:56.123456Z"). Read by hand and
/// converted with the C library's `timegm`: a date formatter costs more per record than the
/// whole header parse.
public enum WARCDate {
    /// The date, or nil for a value that is not one. Accepts what the standard allows:
    /// year-month-day, then optionally hours and minutes, seconds, a fraction, and "Z".
    public static func parse(_ text: String) -> Date? {
        var s = Substring(text).utf8[...]
        func number(_ digits: Int) -> Int? {
            guard s.count >= digits else { return nil }
            var n = 0
            for b in s.prefix(digits) {
                guard b &- 0x30 < 10 else { return nil }
                n = n * 10 + Int(b - 0x30)
            }
            s = s.dropFirst(digits)
            return n
        }
        func skip(_ c: UInt8) -> Bool {
            guard s.first == c else { return false }
            s = s.dropFirst()
            return true
        }
        guard let year = number(4), skip(0x2D), let month = number(2), skip(0x2D), let day = number(2),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        var hour = 0, minute = 0, second = 0
        var fraction = 0.0
        if skip(0x54) {
            guard let h = number(2), skip(0x3A), let m = number(2), h < 24, m < 60 else { return nil }
            hour = h
            minute = m
            if skip(0x3A) {
                guard let sec = number(2), sec <= 60 else { return nil }
                second = sec
                if skip(0x2E) {
                    var scale = 0.1
                    var digits = 0
                    while let b = s.first, b &- 0x30 < 10 {
                        fraction += Double(b - 0x30) * scale
                        scale /= 10
                        digits += 1
                        s = s.dropFirst()
                    }
                    guard digits > 0 else { return nil }
                }
            }
        }
        _ = skip(0x5A)
        guard s.isEmpty else { return nil }
        var parts = tm()
        parts.tm_year = Int32(year - 1900)
        parts.tm_mon = Int32(month - 1)
        parts.tm_mday = Int32(day)
        parts.tm_hour = Int32(hour)
        parts.tm_min = Int32(minute)
        parts.tm_sec = Int32(second)
        return Date(timeIntervalSince1970: Double(timegm(&parts)) + fraction)
    }

    /// "2024-05-01T12:34:56.123456Z": microseconds, as WARC 1.1 allows and warcio writes.
    public static func format(_ date: Date) -> String {
        let micros = Int64((date.timeIntervalSince1970 * 1_000_000).rounded(.down))
        var seconds = time_t(micros >= 0 ? micros / 1_000_000 : (micros - 999_999) / 1_000_000)
        let fraction = Int(micros - Int64(seconds) * 1_000_000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ n: some BinaryInteger, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))"
            + "T\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2)).\(pad(fraction, 6))Z"
    }
}
