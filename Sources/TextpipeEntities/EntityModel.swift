import Foundation

/// The trained tagger: the tag set and one or two perceptrons. Immutable after loading and
/// shared by every worker thread.
///
/// With two stages (Ratinov & Roth's "prediction history", in the spirit of Krishnan & Manning's
/// two-stage consistency model), the first perceptron tags the whole document; the second sees
/// the same features plus, for each word, the labels the first stage gave its other
/// occurrences in the document, so a name is tagged consistently ("Caucasus" is a place all
/// through the article, not a place here and an organisation there). The second stage is
/// trained on first-stage labels predicted by models that did not see the document (cross-
/// validation), so it learns how far to trust them.
///
/// File layout (little-endian): the magic "TPNER002", a UInt32 length and a JSON header (types,
/// weight scale, the size of each stage, and a free-form `info` map saying what the model was
/// trained on), then for each stage: transitions, start and end scores as Float32 ((T+2)·T),
/// feature keys as UInt64, row starts as UInt32 (features+1), tags as UInt8 and weights as
/// Int16 (entries). Weights are stored as 16-bit integers with one scale for the file: the
/// averaged perceptron needs no more precision, and the file stays at a few bytes per weight.
public struct EntityModel: Sendable {
    public let tags: TagSet
    public let info: [String: String]
    let stages: [Perceptron]
    let viterbi: Viterbi
    /// Every stage's feature keys, once: key → shared row.
    private let index: HashIndex

    static let magic = Array("TPNER002".utf8)

    struct Header: Codable {
        struct Stage: Codable {
            var features: Int
            var entries: Int
        }
        var types: [String]
        var scale: Float
        var stages: [Stage]
        var info: [String: String]
    }

    init(tags: TagSet, info: [String: String], stages: [Perceptron]) {
        precondition(!stages.isEmpty && stages.count <= 2)
        self.tags = tags
        self.info = info
        viterbi = Viterbi(tags)
        var index = HashIndex(capacity: stages.reduce(0) { $0 + $1.keys.count })
        var shared = 0
        var rowsByStage: [[(Int32, Int32)]] = []
        for stage in stages {
            var pairs: [(Int32, Int32)] = []
            pairs.reserveCapacity(stage.keys.count)
            for (row, key) in stage.keys.enumerated() {
                var s = index.get(key)
                if s < 0 {
                    s = Int32(shared)
                    index.set(key, s)
                    shared += 1
                }
                pairs.append((s, Int32(row)))
            }
            rowsByStage.append(pairs)
        }
        index.seal()
        self.index = index
        var withRows = stages
        for (i, pairs) in rowsByStage.enumerated() {
            var map = [Int32](repeating: -1, count: shared)
            for (s, row) in pairs { map[Int(s)] = row }
            withRows[i].rowOfShared = map
        }
        self.stages = withRows
    }

    /// Shared rows of feature keys, appended to `rows`. The probes are independent, so their
    /// cache misses overlap; this is where most of the tagging time goes.
    @inline(__always)
    func lookup(_ keys: [UInt64], into rows: inout [Int32]) {
        for key in keys { rows.append(index.get(key)) }
    }

    public var featureCount: Int { stages.reduce(0) { $0 + $1.keys.count } }
    public var weightCount: Int { stages.reduce(0) { $0 + $1.weights.count } }
    public var stageCount: Int { stages.count }
    var weights: [Float] { stages.flatMap(\.weights) }

    public func write(to url: URL) throws {
        let maxAbs = stages.flatMap(\.weights).reduce(Float(0)) { max($0, abs($1)) }
        let scale = maxAbs > 0 ? maxAbs / 32767 : 1
        let header = Header(types: tags.types, scale: scale,
                            stages: stages.map { .init(features: $0.keys.count, entries: $0.weights.count) }, info: info)
        let json = try JSONEncoder().encode(header)
        var out = Data(Self.magic)
        withUnsafeBytes(of: UInt32(json.count).littleEndian) { out.append(contentsOf: $0) }
        out.append(json)
        func append<T>(_ array: [T]) { array.withUnsafeBytes { out.append(contentsOf: $0) } }
        for s in stages {
            append(s.transitions + s.start + s.end)
            append(s.keys)
            append(s.rowStart)
            append(s.tagOf)
            append(s.weights.map { Int16(($0 / scale).rounded()) })
        }
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
              let header = try? JSONDecoder().decode(Header.self, from: Data(bytes[12..<12 + jsonLength])),
              !header.types.isEmpty, (1...2).contains(header.stages.count)
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
        var stages: [Perceptron] = []
        for s in header.stages {
            let scores = try read((T + 2) * T, Float.self)
            let keys = try read(s.features, UInt64.self)
            let rowStart = try read(s.features + 1, UInt32.self)
            let tagOf = try read(s.entries, UInt8.self)
            let quantized = try read(s.entries, Int16.self)
            guard rowStart.last.map(Int.init) == s.entries, tagOf.allSatisfy({ Int($0) < T }),
                  zip(rowStart, rowStart.dropFirst()).allSatisfy({ $0 <= $1 })
            else { throw bad("inconsistent sizes") }
            stages.append(Perceptron(
                keys: keys, rowStart: rowStart, tagOf: tagOf, weights: quantized.map { Float($0) * header.scale },
                transitions: Array(scores[0..<T * T]), start: Array(scores[T * T..<T * T + T]),
                end: Array(scores[T * T + T..<T * T + 2 * T])))
        }
        guard offset == bytes.count else { throw bad("trailing bytes") }
        self.init(tags: tags, info: header.info, stages: stages)
    }
}
