import Foundation

/// The trained tagger: the tag set and one or two perceptrons, laid out for tagging. Immutable
/// after loading and shared by every worker thread.
///
/// With two stages (Ratinov & Roth's "prediction history", in the spirit of Krishnan & Manning's
/// two-stage consistency model), the first perceptron tags the whole document; the second sees
/// the same features plus, for each word, the labels the first stage gave its other
/// occurrences in the document, so a name is tagged consistently ("Caucasus" is a place all
/// through the article, not a place here and an organisation there). The second stage is
/// trained on first-stage labels predicted by models that did not see the document (cross-
/// validation), so it learns how far to trust them.
///
/// Layout, chosen for the tagging loop: one hash table (`HashIndex`) maps a feature key to the
/// start of its row in `rows`, and a row holds everything both stages know about the feature,
/// contiguously: a header word (stage-1 entry count | stage-2 count << 16), then one 32-bit
/// entry per non-zero weight (tag | 16-bit weight << 16), first stage 1's, then stage 2's. A
/// feature costs one probe and one row read — usually one cache line — and the second stage
/// reuses the first stage's probes. Weights are 16-bit integers with one scale for the model
/// (the averaged perceptron needs no more), so emissions are summed as integers.
///
/// The file is a `SectionFile` ("textpipe entity model 3") whose tables are used in place from
/// the mapping: `header` (JSON: types, scale, stage count, `info` saying what the model was
/// trained on), `scores` (per stage: transitions T×T, start T, end T, as Float32), `slots` and
/// `rows`.
public struct EntityModel: Sendable {
    public let tags: TagSet
    public let info: [String: String]
    public let stageCount: Int
    /// Weight of quantum 1.
    let scale: Float
    let index: HashIndex
    let rows: Table<UInt32>
    /// Per stage: transitions (T×T, from row to column), start and end scores.
    let scores: Table<Float>
    let viterbi: Viterbi

    static let kind = "textpipe entity model 3"

    struct Header: Codable {
        var types: [String]
        var scale: Float
        var stages: Int
        var info: [String: String]
    }

    /// The model of trained perceptrons (one or two, over the same tags).
    init(tags: TagSet, info: [String: String], stages: [Perceptron]) {
        precondition(!stages.isEmpty && stages.count <= 2)
        let maxAbs = stages.flatMap(\.weights).reduce(Float(0)) { max($0, abs($1)) }
        let scale = maxAbs > 0 ? maxAbs / 32767 : 1
        // Rows in order of first appearance: stage 1's keys, then stage 2's new ones.
        var rowOf: [UInt64: Int] = [:]
        var keys: [UInt64] = []
        for stage in stages {
            for key in stage.keys where rowOf[key] == nil {
                rowOf[key] = keys.count
                keys.append(key)
            }
        }
        var perStage = [[Int]](repeating: [Int](repeating: -1, count: keys.count), count: stages.count)
        for (s, stage) in stages.enumerated() {
            for (f, key) in stage.keys.enumerated() { perStage[s][rowOf[key]!] = f }
        }
        var rows: [UInt32] = []
        var index = HashIndex.Builder(capacity: keys.count)
        for (r, key) in keys.enumerated() {
            let header = rows.count
            rows.append(0)
            var counts: [UInt32] = []
            for (s, stage) in stages.enumerated() {
                let f = perStage[s][r]
                let range = f < 0 ? 0..<0 : Int(stage.rowStart[f])..<Int(stage.rowStart[f + 1])
                for j in range {
                    let q = Int16((stage.weights[j] / scale).rounded())
                    rows.append(UInt32(stage.tagOf[j]) | UInt32(UInt16(bitPattern: q)) << 16)
                }
                counts.append(UInt32(range.count))
            }
            rows[header] = counts[0] | (counts.count > 1 ? counts[1] << 16 : 0)
            index.set(key, Int32(header))
        }
        let scores = stages.flatMap { $0.transitions + $0.start + $0.end }
        self.init(tags: tags, info: info, stageCount: stages.count, scale: scale, index: index.index(),
                  rows: Table(rows), scores: Table(scores))
    }

    private init(tags: TagSet, info: [String: String], stageCount: Int, scale: Float, index: HashIndex,
                 rows: Table<UInt32>, scores: Table<Float>) {
        self.tags = tags
        self.info = info
        self.stageCount = stageCount
        self.scale = scale
        self.index = index
        self.rows = rows
        self.scores = scores
        viterbi = Viterbi(tags)
    }

    /// Features with a weight in some stage.
    public var featureCount: Int { rows.count == 0 ? 0 : index.slots.buffer.reduce(0) { $0 + ($1.key != 0 ? 1 : 0) } }
    /// Non-zero weights over all stages.
    public var weightCount: Int { rows.count - featureCount }

    /// Every weight, dequantised, row by row (for tests).
    var weights: [Float] {
        var out: [Float] = []
        var r = 0
        while r < rows.count {
            let n = Int(rows[r] & 0xFFFF) + Int(rows[r] >> 16)
            for j in r + 1..<r + 1 + n { out.append(Float(Int16(bitPattern: UInt16(rows[j] >> 16))) * scale) }
            r += 1 + n
        }
        return out
    }

    /// Stage s's transition, start and end scores: `T*T + T + T` floats.
    func scores(stage s: Int) -> UnsafeBufferPointer<Float> {
        let T = tags.count, size = (T + 2) * T
        return UnsafeBufferPointer(rebasing: scores.buffer[s * size..<(s + 1) * size])
    }

    /// A feature's row as the tagging loop uses it: the row's start in `rows` in the low 32
    /// bits and its header word in the high 32 (`FeatureRow.absent`: no weight). Reading the
    /// header while probing keeps the two cache misses of a feature in one loop whose
    /// iterations are independent, so they overlap; scoring then finds its entries in cache.
    typealias FeatureRow = UInt64
    static let absent: FeatureRow = .max

    /// The row of each feature key, appended to `out`.
    @inline(__always)
    func lookup(_ keys: [UInt64], into out: inout [FeatureRow]) {
        let table = rows.buffer
        for key in keys {
            let r = index.get(key)
            out.append(r < 0 ? Self.absent : UInt64(table[Int(r)]) << 32 | UInt64(r))
        }
    }

    /// Adds stage `stage`'s weights of each token's features (token i's are
    /// `features[offsets[i-1]..<offsets[i]]`) into `sums` (n × T, zeroed here), as integers.
    func score(stage: Int, features: [FeatureRow], offsets: [Int32], tokenCount n: Int, into sums: inout [Int32]) {
        let T = tags.count
        sums.removeAll(keepingCapacity: true)
        sums.append(contentsOf: repeatElement(0, count: n * T))
        let table = rows.buffer
        sums.withUnsafeMutableBufferPointer { e in
            features.withUnsafeBufferPointer { f in
                offsets.withUnsafeBufferPointer { off in
                    var k = 0
                    for i in 0..<n {
                        let base = i * T
                        let stop = Int(off[i])
                        while k < stop {
                            let feature = f[k]
                            k += 1
                            if feature == Self.absent { continue }
                            let header = UInt32(truncatingIfNeeded: feature >> 32)
                            let first = Int(header & 0xFFFF)
                            var j = Int(truncatingIfNeeded: feature & 0xFFFF_FFFF) + 1
                            var end = j + first
                            if stage == 1 {
                                j = end
                                end = j + Int(header >> 16)
                            }
                            while j < end {
                                let entry = table[j]
                                e[base + Int(entry & 0xFF)] &+= Int32(Int16(bitPattern: UInt16(entry >> 16)))
                                j += 1
                            }
                        }
                    }
                }
            }
        }
    }

    public func write(to url: URL) throws {
        var file = SectionFile.Writer(kind: Self.kind)
        let header = Header(types: tags.types, scale: scale, stages: stageCount, info: info)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        file.add("header", Array(try encoder.encode(header)))
        file.add("scores", scores.array)
        file.add("slots", index.slots.array)
        file.add("rows", rows.array)
        try Data(file.bytes()).write(to: url, options: .atomic)
    }

    /// Maps a model file and uses its tables in place.
    public init(contentsOf url: URL) throws {
        guard let storage = MappedBytes(mapping: url.path) else {
            throw EntityResourceError("cannot read model \(url.path)")
        }
        try self.init(storage: storage, name: url.lastPathComponent)
    }

    public init(data: Data, name: String = "model") throws {
        try self.init(storage: MappedBytes(copying: [UInt8](data)), name: name)
    }

    private init(storage: MappedBytes, name: String) throws {
        func bad(_ why: String) -> EntityResourceError { EntityResourceError("\(name) is not a textpipe entity model: \(why)") }
        if storage.bytes.count >= 8, Array(storage.bytes[0..<8]) == Array("TPNER002".utf8) {
            throw EntityResourceError("\(name) was written by an earlier textpipe (format TPNER002) whose features differ: "
                                      + "retrain it with `textpipe train entities`")
        }
        let file: SectionFile
        do { file = try SectionFile(storage, name: name) } catch let e as EntityResourceError { throw bad(e.description) }
        guard file.kind == Self.kind else { throw bad("the file holds '\(file.kind)'") }
        guard let header = try? JSONDecoder().decode(Header.self, from: Data(file.bytes("header"))),
              !header.types.isEmpty, header.types.count <= 63, (1...2).contains(header.stages), header.scale > 0
        else { throw bad("unreadable header") }
        let tags = TagSet(types: header.types)
        let T = tags.count
        let scores = try file.table("scores", of: Float.self)
        let rows = try file.table("rows", of: UInt32.self)
        let index = try HashIndex(slots: file.table("slots"))
        guard scores.count == header.stages * (T + 2) * T else { throw bad("wrong number of transition scores") }
        // Every row must lie inside the table and every tag inside the tag set: one pass over
        // the rows, the only check the tagging loop relies on.
        var r = 0, rowCount = 0
        while r < rows.count {
            let header = rows[r]
            let n = Int(header & 0xFFFF) + Int(header >> 16)
            guard r + 1 + n <= rows.count else { throw bad("truncated row") }
            for j in r + 1..<r + 1 + n where Int(rows[j] & 0xFF) >= T || rows[j] & 0xFF00 != 0 { throw bad("tag out of range") }
            r += 1 + n
            rowCount += 1
        }
        for slot in index.slots.buffer where slot.key != 0 {
            guard slot.value >= 0, Int(slot.value) < rows.count else { throw bad("feature row out of range") }
        }
        self.init(tags: tags, info: header.info, stageCount: header.stages, scale: header.scale, index: index,
                  rows: rows, scores: scores)
    }
}
