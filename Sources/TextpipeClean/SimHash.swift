import Foundation

/// 64-bit SimHash (Charikar) of a text: every shingle of three consecutive words is hashed
/// (FNV-1a), each of its 64 bits votes +1 or -1, and the sign of each bit's total is the
/// fingerprint's bit. Texts that share most shingles get fingerprints a few bits apart, so the
/// Hamming distance between fingerprints estimates how different the texts are.
///
/// Words are runs of letters and digits, lower-cased (ASCII fast path over UTF-8 bytes;
/// non-ASCII bytes count as letters, which is what scripts without case need anyway).
public enum SimHash {
    public static func fingerprint(_ text: String) -> UInt64 {
        var votes = [Int32](repeating: 0, count: 64)
        var window: [UInt64] = [0, 0, 0]
        var words = 0
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        var inWord = false
        func endWord() {
            window[0] = window[1]
            window[1] = window[2]
            window[2] = h
            words += 1
            if words >= 3 {
                var s = window[0] &* 0x9E37_79B9_7F4A_7C15
                s = (s ^ window[1]) &* 0xBF58_476D_1CE4_E5B9
                s = (s ^ window[2]) &* 0x94D0_49BB_1331_11EB
                s ^= s >> 31
                for bit in 0..<64 { votes[bit] += (s >> UInt64(bit)) & 1 == 1 ? 1 : -1 }
            }
            h = 0xcbf2_9ce4_8422_2325
        }
        var copy = text
        copy.withUTF8 { p in
            for b in p {
                let isWord = b >= 0x80 || (b >= 0x30 && b <= 0x39) || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A)
                if isWord {
                    let c = b < 0x80 ? b | (b >= 0x41 ? 0x20 : 0) : b
                    h = (h ^ UInt64(c)) &* 0x100_0000_01b3
                    inWord = true
                } else if inWord {
                    endWord()
                    inWord = false
                }
            }
        }
        if inWord { endWord() }
        if words > 0 && words < 3 {
            // Too short for shingles: the words themselves.
            for w in window.suffix(words) { for bit in 0..<64 { votes[bit] += (w >> UInt64(bit)) & 1 == 1 ? 1 : -1 } }
        }
        var result: UInt64 = 0
        for bit in 0..<64 where votes[bit] > 0 { result |= 1 << UInt64(bit) }
        return result
    }

    public static func distance(_ a: UInt64, _ b: UInt64) -> Int { (a ^ b).nonzeroBitCount }

    public static func hex(_ v: UInt64) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}

/// The fingerprints seen so far in a run, for near-duplicate detection across the corpus.
///
/// Shared by all workers of one `clean` stage, so it is a class behind a lock: `claim` looks
/// up and inserts under one lock, which makes "is there an earlier near-copy?" and "remember
/// me" a single atomic step (marked `@unchecked Sendable` for that reason: all mutable state is
/// only touched while `lock` is held). Lookup uses the pigeonhole trick: with a distance of at
/// most 3, two fingerprints agree exactly on at least one of four 16-bit bands, so only
/// fingerprints sharing a band are compared.
///
/// Which copy is kept: the first one to *reach the index*, in processing order. With several
/// workers that is usually, but not always, the one earlier in the input: two copies cleaned
/// at the same moment race, and either may win. Runs with one worker are fully deterministic.
public final class DuplicateIndex: @unchecked Sendable {
    private let lock = NSLock()
    private var ids: [String] = []
    private var hashes: [UInt64] = []
    private var bands: [[UInt16: [Int32]]] = Array(repeating: [:], count: 4)
    public let maxDistance: Int

    public init(maxDistance: Int = 3) {
        self.maxDistance = min(maxDistance, 3)
    }

    /// The earlier document this fingerprint nearly repeats (id and distance), or nil after
    /// recording it as the first of its kind.
    public func claim(_ hash: UInt64, id: String) -> (id: String, distance: Int)? {
        lock.lock()
        defer { lock.unlock() }
        var best: (Int, Int)?
        for band in 0..<4 {
            let key = UInt16(truncatingIfNeeded: hash >> UInt64(band * 16))
            for candidate in bands[band][key] ?? [] {
                let d = SimHash.distance(hashes[Int(candidate)], hash)
                if d <= maxDistance, best == nil || d < best!.1 { best = (Int(candidate), d) }
            }
        }
        if let (index, d) = best { return (ids[index], d) }
        let index = Int32(ids.count)
        ids.append(id)
        hashes.append(hash)
        for band in 0..<4 {
            bands[band][UInt16(truncatingIfNeeded: hash >> UInt64(band * 16)), default: []].append(index)
        }
        return nil
    }
}
