/// Groups publication days into periods for the time chart: days when the corpus spans up to
/// two months, weeks up to half a year, months beyond. Empty periods are kept, so gaps show.
enum Timeline {
    struct Period {
        var label: String
        var count: Int
    }

    static func periods(_ days: [(String, Int)]) -> (unit: String, items: [Period]) {
        let parsed = days.compactMap { d in dayNumber(d.0).map { ($0, d.1) } }
        guard let first = parsed.map(\.0).min(), let last = parsed.map(\.0).max() else { return ("day", []) }
        let span = last - first
        if span <= 62 {
            var counts = Array(repeating: 0, count: span + 1)
            for (d, n) in parsed { counts[d - first] += n }
            return ("day", counts.enumerated().map { Period(label: civil(first + $0.offset).label(day: true), count: $0.element) })
        }
        if span <= 182 {
            let start = first - weekday(first)  // Monday
            var counts = Array(repeating: 0, count: (last - start) / 7 + 1)
            for (d, n) in parsed { counts[(d - start) / 7] += n }
            return ("week", counts.enumerated().map { Period(label: civil(start + 7 * $0.offset).label(day: true), count: $0.element) })
        }
        let a = civil(first), b = civil(last)
        let months = (b.year - a.year) * 12 + (b.month - a.month) + 1
        var counts = Array(repeating: 0, count: months)
        for (d, n) in parsed {
            let c = civil(d)
            counts[(c.year - a.year) * 12 + (c.month - a.month)] += n
        }
        return ("month", counts.enumerated().map { i, n in
            let m = a.month - 1 + i
            return Period(label: Civil(year: a.year + m / 12, month: m % 12 + 1, day: 1).label(day: false), count: n)
        })
    }

    struct Civil {
        var year: Int, month: Int, day: Int
        func label(day withDay: Bool) -> String {
            let m = month < 10 ? "0\(month)" : "\(month)"
            let d = day < 10 ? "0\(day)" : "\(day)"
            return withDay ? "\(year)-\(m)-\(d)" : "\(year)-\(m)"
        }
    }

    /// Days since 1970-01-01 of "YYYY-MM-DD" (H. Hinnant's days_from_civil).
    static func dayNumber(_ s: String) -> Int? {
        let parts = s.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1...12).contains(parts[1]), (1...31).contains(parts[2]) else { return nil }
        let (m, d) = (parts[1], parts[2])
        let y = parts[0] - (m <= 2 ? 1 : 0)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(_ z0: Int) -> Civil {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return Civil(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    /// 0 for Monday ... 6 for Sunday (1970-01-01 was a Thursday).
    static func weekday(_ day: Int) -> Int { ((day % 7) + 7 + 3) % 7 }
}
