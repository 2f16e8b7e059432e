import Foundation

/// WARC-Date values: UTC in the W3C form of ISO 8601, "2024-05-01T12:34:56Z", with a
/// fraction of a second in WARC 1.1 ("2024-05-01T12:34:56.123456Z"). Read and written by
/// hand: a date formatter costs more per record than the whole header parse.
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
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = Double(days * 86_400 + hour * 3_600 + minute * 60 + second) + fraction
        return Date(timeIntervalSince1970: seconds)
    }

    /// "2024-05-01T12:34:56.123456Z": microseconds, as WARC 1.1 allows and warcio writes.
    public static func format(_ date: Date) -> String {
        let micros = Int64((date.timeIntervalSince1970 * 1_000_000).rounded(.down))
        let seconds = Int(micros >= 0 ? micros / 1_000_000 : (micros - 999_999) / 1_000_000)
        let fraction = Int(micros - Int64(seconds) * 1_000_000)
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let (y, m, d) = civilFromDays(days)
        let inDay = seconds - days * 86_400
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(inDay / 3600, 2)):\(pad(inDay / 60 % 60, 2)):\(pad(inDay % 60, 2))"
            + ".\(pad(fraction, 6))Z"
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
