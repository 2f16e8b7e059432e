/// SHA-1 (FIPS 180-4), for the digests WARC records carry. WARC tools compare
/// `WARC-Block-Digest` and `WARC-Payload-Digest` as "sha1:" and the base32 of the hash;
/// SHA-1's weakness against chosen collisions does not matter for spotting damaged records.
/// Written here so the module needs no crypto library.
struct SHA1 {
    private var h: (UInt32, UInt32, UInt32, UInt32, UInt32) = (0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0)
    private var pending: [UInt8] = []
    private var length: UInt64 = 0

    init() {
        pending.reserveCapacity(64)
    }

    mutating func update(_ bytes: some Collection<UInt8>) {
        let done: Void? = bytes.withContiguousStorageIfAvailable { update(raw: UnsafeRawBufferPointer($0)) }
        if done == nil { Array(bytes).withUnsafeBytes { update(raw: $0) } }
    }

    private mutating func update(raw: UnsafeRawBufferPointer) {
        var data = raw[...]
        length &+= UInt64(data.count)
        if !pending.isEmpty {
            let take = min(64 - pending.count, data.count)
            pending.append(contentsOf: data.prefix(take))
            data = data.dropFirst(take)
            guard pending.count == 64 else { return }
            let block = pending
            block.withUnsafeBytes { compress($0.baseAddress!, blocks: 1) }
            pending.removeAll(keepingCapacity: true)
        }
        let whole = data.count / 64
        if whole > 0 {
            compress(raw.baseAddress! + data.startIndex, blocks: whole)
            data = data.dropFirst(whole * 64)
        }
        pending.append(contentsOf: data)
    }

    /// The 20-byte hash of everything given to `update`.
    mutating func finish() -> [UInt8] {
        let bits = length &* 8
        var tail = pending
        tail.append(0x80)
        while tail.count % 64 != 56 { tail.append(0) }
        for shift in stride(from: 56, through: 0, by: -8) { tail.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
        tail.withUnsafeBytes { compress($0.baseAddress!, blocks: tail.count / 64) }
        pending.removeAll()
        var out: [UInt8] = []
        for word in [h.0, h.1, h.2, h.3, h.4] {
            out += [UInt8(word >> 24), UInt8(truncatingIfNeeded: word >> 16), UInt8(truncatingIfNeeded: word >> 8), UInt8(truncatingIfNeeded: word)]
        }
        return out
    }

    static func hash(_ bytes: some Collection<UInt8>) -> [UInt8] {
        var s = SHA1()
        s.update(bytes)
        return s.finish()
    }

    private mutating func compress(_ base: UnsafeRawPointer, blocks: Int) {
        var w = [UInt32](repeating: 0, count: 80)
        var (a0, b0, c0, d0, e0) = h
        w.withUnsafeMutableBufferPointer { w in
            for block in 0..<blocks {
                let p = base + block * 64
                for t in 0..<16 {
                    w[t] = UInt32(p.load(fromByteOffset: t * 4, as: UInt8.self)) << 24
                        | UInt32(p.load(fromByteOffset: t * 4 + 1, as: UInt8.self)) << 16
                        | UInt32(p.load(fromByteOffset: t * 4 + 2, as: UInt8.self)) << 8
                        | UInt32(p.load(fromByteOffset: t * 4 + 3, as: UInt8.self))
                }
                for t in 16..<80 { w[t] = rotl(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1) }
                var (a, b, c, d, e) = (a0, b0, c0, d0, e0)
                for t in 0..<80 {
                    let f: UInt32, k: UInt32
                    switch t {
                    case 0..<20: f = (b & c) | (~b & d); k = 0x5A82_7999
                    case 20..<40: f = b ^ c ^ d; k = 0x6ED9_EBA1
                    case 40..<60: f = (b & c) | (b & d) | (c & d); k = 0x8F1B_BCDC
                    default: f = b ^ c ^ d; k = 0xCA62_C1D6
                    }
                    let temp = rotl(a, 5) &+ f &+ e &+ k &+ w[t]
                    e = d
                    d = c
                    c = rotl(b, 30)
                    b = a
                    a = temp
                }
                a0 = a0 &+ a; b0 = b0 &+ b; c0 = c0 &+ c; d0 = d0 &+ d; e0 = e0 &+ e
            }
        }
        h = (a0, b0, c0, d0, e0)
    }

    @inline(__always) private func rotl(_ x: UInt32, _ n: UInt32) -> UInt32 { (x << n) | (x >> (32 - n)) }
}

/// RFC 4648 base32 (upper case, "=" padded), the encoding of WARC digests.
enum Base32 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for b in bytes {
            buffer = buffer << 8 | UInt32(b)
            bits += 8
            while bits >= 5 {
                out.append(alphabet[Int(buffer >> UInt32(bits - 5) & 31)])
                bits -= 5
            }
        }
        if bits > 0 { out.append(alphabet[Int(buffer << UInt32(5 - bits) & 31)]) }
        while out.count % 8 != 0 { out.append(0x3D) }
        return String(decoding: out, as: UTF8.self)
    }

    /// "sha1:" and the base32 of the SHA-1 of `bytes`.
    static func sha1Digest(_ bytes: some Collection<UInt8>) -> String {
        "sha1:" + encode(SHA1.hash(bytes))
    }
}
