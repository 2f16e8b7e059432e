import Foundation

/// Detects the language of a text, as an ISO 639-1 code.
///
/// Two steps. The script decides outright for languages that own theirs (Greek, Hebrew,
/// Arabic, Thai, Korean, Japanese when kana appear, Chinese for Han without kana, Hindi for
/// Devanagari, Georgian, Armenian). Latin and Cyrillic text is scored against per-language
/// profiles of the most frequent character trigrams (`LanguageProfiles.swift`, built by
/// `Benchmarks/language-profiles.py`): each trigram of the text adds, for each language, a
/// weight that falls with the trigram's rank in that language (Zipf-like, log scale), and the
/// best total wins, if it clearly beats the runner-up; otherwise nil.
///
/// Trigrams are packed into 64-bit keys (three 21-bit scalars), and one dictionary maps a key
/// to the weights of all languages, so a 2,000-character sample costs about 2,000 lookups.
public struct LanguageDetector: Sendable {
    public static let shared = LanguageDetector()

    let languages: [String]
    let cyrillic: [Bool]
    let weights: [UInt64: [Float]]

    init() {
        var langs: [String] = []
        var table: [UInt64: [Float]] = [:]
        let count = Self.profileData.count
        for (index, (lang, data)) in Self.profileData.enumerated() {
            langs.append(lang)
            let trigrams = data.split(separator: "|", omittingEmptySubsequences: false)
            let top = Float(trigrams.count + 1)
            for (rank, t) in trigrams.enumerated() {
                let scalars = Array(t.unicodeScalars)
                guard scalars.count == 3 else { continue }
                let key = Self.key(scalars[0].value, scalars[1].value, scalars[2].value)
                var w = table[key] ?? [Float](repeating: 0, count: count)
                w[index] = logf(top) - logf(Float(rank + 1)) + 0.5
                table[key] = w
            }
        }
        languages = langs
        cyrillic = langs.map { ["ru", "uk", "bg", "sr"].contains($0) }
        weights = table
    }

    @inline(__always)
    static func key(_ a: UInt32, _ b: UInt32, _ c: UInt32) -> UInt64 {
        UInt64(a) << 42 | UInt64(b) << 21 | UInt64(c)
    }

    /// The language of `text`, or nil when the text is too short or unclear.
    public func detect(_ text: String, sample: Int = 2_000) -> String? {
        var scripts = ScriptCounts()
        var letters: [UInt32] = [0x20]
        letters.reserveCapacity(sample + 2)
        for s in text.unicodeScalars {
            if letters.count >= sample { break }
            let v = s.value
            scripts.count(v)
            if s.properties.isAlphabetic {
                letters.append(Self.lower(v))
            } else if letters.last != 0x20 {
                letters.append(0x20)
            }
        }
        letters.append(0x20)
        if let byScript = scripts.decisive() { return byScript }
        guard scripts.latin + scripts.cyrillic >= 20 else { return nil }
        let wantCyrillic = scripts.cyrillic > scripts.latin
        var totals = [Float](repeating: 0, count: languages.count)
        var i = 0
        while i + 2 < letters.count {
            let a = letters[i], b = letters[i + 1], c = letters[i + 2]
            i += 1
            if b == 0x20 && (a == 0x20 || c == 0x20) { continue }
            guard let w = weights[Self.key(a, b, c)] else { continue }
            for l in 0..<totals.count { totals[l] += w[l] }
        }
        var best = -1, second = -1
        for l in 0..<totals.count where cyrillic[l] == wantCyrillic {
            if best < 0 || totals[l] > totals[best] { second = best; best = l } else if second < 0 || totals[l] > totals[second] { second = l }
        }
        guard best >= 0, totals[best] > 0 else { return nil }
        if second >= 0, totals[best] < totals[second] * 1.02 { return nil }
        return languages[best]
    }

    @inline(__always)
    static func lower(_ v: UInt32) -> UInt32 {
        if v >= 0x41 && v <= 0x5A { return v + 0x20 }
        if v < 0xC0 { return v }
        if let s = Unicode.Scalar(v), s.properties.isUppercase, let l = s.properties.lowercaseMapping.unicodeScalars.first {
            return l.value
        }
        return v
    }
}

/// Counts of letters by script in a sample.
struct ScriptCounts {
    var latin = 0, cyrillic = 0, greek = 0, hebrew = 0, arabic = 0, thai = 0, hangul = 0, kana = 0, han = 0
    var devanagari = 0, georgian = 0, armenian = 0

    @inline(__always)
    mutating func count(_ v: UInt32) {
        switch v {
        case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F: latin += 1
        case 0x400...0x4FF: cyrillic += 1
        case 0x370...0x3FF, 0x1F00...0x1FFF: greek += 1
        case 0x590...0x5FF: hebrew += 1
        case 0x600...0x6FF, 0x750...0x77F: arabic += 1
        case 0xE00...0xE7F: thai += 1
        case 0xAC00...0xD7AF, 0x1100...0x11FF: hangul += 1
        case 0x3040...0x30FF: kana += 1
        case 0x4E00...0x9FFF, 0x3400...0x4DBF: han += 1
        case 0x900...0x97F: devanagari += 1
        case 0x10A0...0x10FF: georgian += 1
        case 0x530...0x58F: armenian += 1
        default: break
        }
    }

    /// A language decided by its script alone, when that script dominates.
    func decisive() -> String? {
        let total = latin + cyrillic + greek + hebrew + arabic + thai + hangul + kana + han + devanagari + georgian + armenian
        guard total >= 10 else { return nil }
        func major(_ n: Int) -> Bool { n * 2 > total }
        if major(kana + han) { return kana * 10 > han || kana > 20 ? "ja" : "zh" }
        if major(hangul) { return "ko" }
        if major(greek) { return "el" }
        if major(hebrew) { return "he" }
        if major(arabic) { return "ar" }
        if major(thai) { return "th" }
        if major(devanagari) { return "hi" }
        if major(georgian) { return "ka" }
        if major(armenian) { return "hy" }
        return nil
    }
}
