/// Guesses the single-byte charset of bytes that are not valid UTF-8 and declare nothing usable.
///
/// Every candidate decodes each high byte (0x80-0xFF) to a code point, which earns points when
/// it is a letter that the languages written in that charset use often, and loses points when
/// it is a control code or a symbol wedged between letters. Context decides the rest: Western
/// and Central European text has isolated accented letters between ASCII letters, while
/// Cyrillic text (all letters in the high half) has long runs of high bytes, which for a Latin
/// candidate would be implausible strings like "Ïðèâåò". Ties go to windows-1252, the web's
/// most common non-UTF-8 charset.
enum CharsetGuesser {
    static let candidates = ["windows-1252", "windows-1250", "iso-8859-2", "windows-1251", "koi8-r", "windows-1253"]

    /// Letters common in the languages each candidate serves.
    static let common: [String: Set<UInt32>] = {
        func set(_ s: String) -> Set<UInt32> { Set(s.unicodeScalars.map(\.value)) }
        let western = set("éèêàâäöüßçñóíáúôîïëÄÖÜÉÈÀÇÑÓÍÁÚåøæÅØÆœã õ")
        let central = set("ąćęłńóśźżĄĆĘŁŃÓŚŹŻčďěňřšťůžýáéíúČĎĚŇŘŠŤŮŽÝÁÉÍőűŐŰăâîșțşţäöüßÄÖÜ")
        // Lower case only: running text is mostly lower case, and that is what tells KOI8-R
        // (lower case at 0xC0-0xDF) from windows-1251 (lower case at 0xE0-0xFF).
        let cyrillic = Set((0x430...0x44F).map { UInt32($0) }).union([0x451, 0x456, 0x457, 0x454, 0x491])
        let greek = Set((0x3AC...0x3CE).map { UInt32($0) })
        return ["windows-1252": western, "windows-1250": central, "iso-8859-2": central,
                "windows-1251": cyrillic, "koi8-r": cyrillic, "windows-1253": greek]
    }()

    static let typographic: Set<UInt32> = [0x2018, 0x2019, 0x201A, 0x201C, 0x201D, 0x201E, 0x2013, 0x2014, 0x2026,
                                           0x2022, 0xAB, 0xBB, 0xA0, 0xB0, 0xA9, 0xAE, 0x20AC, 0xA7, 0xB7]

    static func guess(_ bytes: [UInt8]) -> String {
        var scores = [Double](repeating: 0, count: candidates.count)
        let tables = candidates.map { SingleByteCharset.tables[$0]! }
        let commons = candidates.map { common[$0]! }
        // Scripts written entirely in the high half: letters come in runs.
        let isCyrillic = candidates.map { $0 == "windows-1251" || $0 == "koi8-r" || $0 == "windows-1253" }
        bytes.withUnsafeBufferPointer { p in
            let n = min(p.count, 256 * 1024)
            var i = 0
            while i < n {
                let b = p[i]
                if b < 0x80 { i += 1; continue }
                var runEnd = i
                while runEnd < n, p[runEnd] >= 0x80 { runEnd += 1 }
                let runLength = runEnd - i
                let before = i > 0 && isASCIILetter(p[i - 1])
                let after = runEnd < n && isASCIILetter(p[runEnd])
                for k in i..<runEnd {
                    let byte = Int(p[k] - 0x80)
                    for c in 0..<candidates.count {
                        let cp = UInt32(tables[c][byte])
                        scores[c] += score(cp, common: commons[c], cyrillic: isCyrillic[c],
                                           run: runLength, between: before && after)
                    }
                }
                i = runEnd
            }
        }
        var best = 0
        for c in 1..<candidates.count where scores[c] > scores[best] { best = c }
        return candidates[best]
    }

    @inline(__always)
    static func score(_ cp: UInt32, common: Set<UInt32>, cyrillic: Bool, run: Int, between: Bool) -> Double {
        if cp >= 0x80 && cp < 0xA0 { return -4 }
        if common.contains(cp) {
            if cyrillic { return run >= 2 ? 2 : 0 }  // a lone letter is not how these scripts are written
            return run >= 3 ? -0.5 : 2
        }
        if typographic.contains(cp) { return 0.5 }
        if isLetter(cp) { return run >= 3 && !cyrillic ? -1 : 0.2 }
        return between ? -2 : -0.5
    }

    @inline(__always)
    static func isASCIILetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }

    static func isLetter(_ cp: UInt32) -> Bool {
        (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) || (cp >= 0x370 && cp <= 0x52F)
    }
}
