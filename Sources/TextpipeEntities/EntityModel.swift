import Foundation

/// The trained tagger: sparse weights per feature key and tag, transition scores, and the tag
/// set. Immutable after loading and shared by every worker thread.
///
/// Only what training left non-zero is kept: for each feature, the tags it votes for and with
/// what weight. Weights are stored as 16-bit integers with one scale for the model (the
/// perceptron's averaged weights need no more precision than that), which keeps the file at a
/// few bytes per weight. Scoring a token is then a table probe per feature key and a few
/// additions.
///
/// File layout (little-endian): the magic "TPNER001", a UInt32 length and a JSON header
/// (types, scale, counts, a free-form `info` map saying what it was trained on), then
/// transitions as Float32 ((T+2)·T: T rows of transitions, then start, then end), feature keys
/// as UInt64, row starts as UInt32 (features+1), tags as UInt8 and weights as Int16 (entries).
public struct EntityModel: Sendable {
    public let tags: TagSet
    public let info: [String: String]
    let keys: [UInt64]
    let rowStart: [UInt32]
    let tagOf: [UInt8]
    let weights: [Float]
    let transitions: [Float]
    let start: [Float]
    let end: [Float]
    private let index: HashIndex
    let viterbi: Viterbi

    static let magic = Array("TPNER001".utf8)

    struct Header: Codable {
        var types: [String]
        var scale: Float
        var features: Int
        var entries: Int
        var info: [String: String]
    }

    init(tags: TagSet, info: [String: String], keys: [UInt64], rowStart: [UInt32], tagOf: [UInt8],
         weights: [Float], transitions: [Float], start: [Float], end: [Float]) {
        self.tags = tags
        self.info = info
        self.keys = keys
        self.rowStart = rowStart
        self.tagOf = tagOf
        self.weights = weights
        self.transitions = transitions
        self.start = start
        self.end = end
        var index = HashIndex(capacity: keys.count)
        for (row, k) in keys.enumerated() { index.set(k, Int32(row)) }
        index.seal()
        self.index = index
        viterbi = Viterbi(tags)
    }

    public var featureCount: Int { keys.count }
    public var weightCount: Int { weights.count }

    /// Adds the weights of each token's features to `emissions` (n × T, zeroed here). Rows are
    /// looked up in one pass first: the probes are independent, so their cache misses overlap.
    func score(keys featureKeys: [UInt64], offsets: [Int32], tokenCount n: Int, rows: inout [Int32],
               into emissions: inout [Float]) {
        let T = tags.count
        rows.removeAll(keepingCapacity: true)
        for key in featureKeys { rows.append(index.get(key)) }
        emissions.removeAll(keepingCapacity: true)
        emissions.append(contentsOf: repeatElement(0, count: n * T))
        emissions.withUnsafeMutableBufferPointer { e in
            rowStart.withUnsafeBufferPointer { rs in
                tagOf.withUnsafeBufferPointer { tg in
                    weights.withUnsafeBufferPointer { w in
                        rows.withUnsafeBufferPointer { r in
                            var k = 0
                            for i in 0..<n {
                                let base = i * T
                                let stop = Int(offsets[i])
                                while k < stop {
                                    let row = Int(r[k])
                                    k += 1
                                    if row < 0 { continue }
                                    var j = Int(rs[row])
                                    let end = Int(rs[row + 1])
                                    while j < end {
                                        e[base + Int(tg[j])] += w[j]
                                        j += 1
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    // MARK: File

    public func write(to url: URL) throws {
        let maxAbs = weights.reduce(Float(0)) { max($0, abs($1)) }
        let scale = maxAbs > 0 ? maxAbs / 32767 : 1
        let header = Header(types: tags.types, scale: scale, features: keys.count, entries: weights.count, info: info)
        let json = try JSONEncoder().encode(header)
        var out = Data(Self.magic)
        withUnsafeBytes(of: UInt32(json.count).littleEndian) { out.append(contentsOf: $0) }
        out.append(json)
        func append<T>(_ array: [T]) { array.withUnsafeBytes { out.append(contentsOf: $0) } }
        append(transitions + start + end)
        append(keys)
        append(rowStart)
        append(tagOf)
        append(weights.map { Int16(($0 / scale).rounded()) })
        try out.write(to: url, options: .atomic)
    }

    public init(contentsOf url: URL) throws {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw EntityResourceError("cannot read model \(url.path)")
        }
        try self.init(data: data, name: url.lastPathComponent)
    }

    public init(data: Data, name: String = "model") throws {
        let bytes = [UInt8](data)
        func bad(_ why: String) -> EntityResourceError { EntityResourceError("\(name) is not a textpipe entity model: \(why)") }
        guard bytes.count >= 12, Array(bytes[0..<8]) == Self.magic else { throw bad("wrong magic number") }
        let jsonLength = Int(UInt32(bytes[8]) | UInt32(bytes[9]) << 8 | UInt32(bytes[10]) << 16 | UInt32(bytes[11]) << 24)
        guard 12 + jsonLength <= bytes.count,
              let header = try? JSONDecoder().decode(Header.self, from: Data(bytes[12..<12 + jsonLength]))
        else { throw bad("unreadable header") }
        let tags = TagSet(types: header.types)
        let T = tags.count
        var offset = 12 + jsonLength
        func read<E>(_ count: Int, _: E.Type) throws -> [E] {
            let size = count * MemoryLayout<E>.stride
            guard count >= 0, offset + size <= bytes.count else { throw bad("truncated") }
            let array = [E](unsafeUninitializedCapacity: count) { buffer, initialized in
                bytes.withUnsafeBytes { raw in
                    UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[offset..<offset + size]))
                }
                initialized = count
            }
            offset += size
            return array
        }
        let scores = try read((T + 2) * T, Float.self)
        let keys = try read(header.features, UInt64.self)
        let rowStart = try read(header.features + 1, UInt32.self)
        let tagOf = try read(header.entries, UInt8.self)
        let quantized = try read(header.entries, Int16.self)
        guard offset == bytes.count, rowStart.last.map(Int.init) == header.entries,
              tagOf.allSatisfy({ Int($0) < T }) else { throw bad("inconsistent sizes") }
        self.init(tags: tags, info: header.info, keys: keys, rowStart: rowStart, tagOf: tagOf,
                  weights: quantized.map { Float($0) * header.scale },
                  transitions: Array(scores[0..<T * T]), start: Array(scores[T * T..<T * T + T]),
                  end: Array(scores[T * T + T..<T * T + 2 * T]))
    }
}
