import Foundation

/// Reads a publication date out of the many ways pages write one, into ISO 8601 (YYYY-MM-DD).
///
/// Accepted: ISO forms ("2019-11-19T10:00:00Z", "2019/11/19", "2019.11.19"), day-first numeric
/// dates ("19.11.2019", "19/11/2019"; "11/19/2019" when the first number cannot be a day's
/// month), RFC 822 ("Tue, 19 Nov 2019 10:00:00 GMT") and written months in the languages of
/// the corpus ("November 19, 2019", "19. November 2019", "19 novembre 2019",
/// "19 de noviembre de 2019"). Years outside 1990-2100 are rejected as noise.
enum DateParser {
    static let months: [String: Int] = {
        var d = [String: Int]()
        let names: [[String]] = [
            ["january", "jan", "januar", "jänner", "janvier", "enero", "gennaio", "janeiro", "januari", "styczeń", "stycznia"],
            ["february", "feb", "februar", "février", "fevrier", "febrero", "febbraio", "fevereiro", "februari", "lutego"],
            ["march", "mar", "märz", "maerz", "mars", "marzo", "março", "maart", "marca", "mär"],
            ["april", "apr", "avril", "abril", "aprile", "kwietnia"],
            ["may", "mai", "mayo", "maggio", "maio", "mei", "maja"],
            ["june", "jun", "juni", "juin", "junio", "giugno", "junho", "czerwca"],
            ["july", "jul", "juli", "juillet", "julio", "luglio", "julho", "lipca"],
            ["august", "aug", "août", "aout", "agosto", "augustus", "sierpnia"],
            ["september", "sep", "sept", "septembre", "septiembre", "settembre", "setembro", "września"],
            ["october", "oct", "oktober", "octobre", "octubre", "ottobre", "outubro", "okt", "października"],
            ["november", "nov", "novembre", "noviembre", "novembro", "listopada"],
            ["december", "dec", "dezember", "décembre", "decembre", "diciembre", "dicembre", "dezembro", "dez", "grudnia"],
        ]
        for (i, list) in names.enumerated() { for n in list { d[n] = i + 1 } }
        return d
    }()

    /// The date in `s` as "YYYY-MM-DD", or nil.
    static func iso8601(_ s: String) -> String? {
        let tokens = tokenize(s)
        // Year first: 2019-11-19, 2019/11/19, 20191119.
        for (k, t) in tokens.enumerated() {
            // A year right after a month name is a written date's ("02 Feb 2022 09:12"): the
            // numbers after it are the time.
            if k > 0, case .word(let w) = tokens[k - 1], months[w] != nil { continue }
            if case .number(let y, let digits) = t, digits == 4, k + 2 < tokens.count,
               case .number(let m, _) = tokens[k + 1], case .number(let d, _) = tokens[k + 2],
               let r = format(y, m, d) {
                return r
            }
            if case .number(let v, let digits) = t, digits == 8, let r = format(v / 10000, (v / 100) % 100, v % 100) {
                return r
            }
        }
        // Day or month first, numeric: 19.11.2019, 11/19/2019.
        for k in 0..<tokens.count {
            guard k + 2 < tokens.count, case .number(let a, let da) = tokens[k], da <= 2,
                  case .number(let b, let db) = tokens[k + 1], db <= 2,
                  case .number(let y, let dy) = tokens[k + 2], dy == 4 else { continue }
            if let r = format(y, b, a) { return r }
            if let r = format(y, a, b) { return r }
        }
        // Written month: find it, then a day and a year around it.
        for (k, t) in tokens.enumerated() {
            guard case .word(let w) = t, let month = months[w] else { continue }
            var day: Int?
            var year: Int?
            for j in max(0, k - 3)...min(tokens.count - 1, k + 4) where j != k {
                if case .number(let v, let digits) = tokens[j] {
                    if digits == 4, year == nil { year = v } else if digits <= 2, day == nil, v >= 1, v <= 31 { day = v }
                }
            }
            if let year, let day, let r = format(year, month, day) { return r }
        }
        return nil
    }

    /// A date in a URL path: /2019/11/19/, /2019-11-19-, /20191119/.
    static func fromURL(_ url: String) -> String? {
        guard let pathStart = url.range(of: "://").map({ url[$0.upperBound...] }).flatMap({ $0.firstIndex(of: "/") }) else { return nil }
        let path = String(url[pathStart...])
        let tokens = tokenize(path)
        for k in 0..<tokens.count {
            if case .number(let y, 4) = tokens[k], k + 2 < tokens.count, case .number(let m, let dm) = tokens[k + 1], dm <= 2,
               case .number(let d, let dd) = tokens[k + 2], dd <= 2, let r = format(y, m, d) {
                return r
            }
            if case .number(let v, 8) = tokens[k], let r = format(v / 10000, (v / 100) % 100, v % 100) { return r }
        }
        return nil
    }

    static func date(_ iso: String) -> Date? {
        let parts = iso.prefix(10).split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        var c = DateComponents()
        c.year = parts[0]; c.month = parts[1]; c.day = parts[2]
        c.timeZone = TimeZone(identifier: "UTC")
        return Calendar(identifier: .gregorian).date(from: c)
    }

    static func format(_ y: Int, _ m: Int, _ d: Int) -> String? {
        guard y >= 1990, y <= 2100, m >= 1, m <= 12, d >= 1, d <= daysIn(m, y) else { return nil }
        return String(format: "%04d-%02d-%02d", y, m, d)
    }

    static func daysIn(_ m: Int, _ y: Int) -> Int {
        switch m {
        case 2: return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    enum Token: Equatable {
        case number(Int, digits: Int)
        case word(String)
    }

    /// Numbers and lower-case words; everything else separates. "T10:00" after a date is
    /// just more numbers, which the rules above never reach.
    static func tokenize(_ s: String) -> [Token] {
        var out: [Token] = []
        var digits = ""
        var word = ""
        func flush() {
            if !digits.isEmpty, digits.count <= 8, let v = Int(digits) { out.append(.number(v, digits: digits.count)) }
            if !word.isEmpty { out.append(.word(word.lowercased())) }
            digits = ""
            word = ""
        }
        for ch in s.prefix(200) {
            if ch.isASCII, ch.isNumber {
                if !word.isEmpty { flush() }
                digits.append(ch)
            } else if ch.isLetter {
                if !digits.isEmpty { flush() }
                word.append(ch)
            } else {
                flush()
            }
            if out.count > 40 { break }
        }
        flush()
        return out
    }
}
