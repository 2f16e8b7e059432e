import Foundation
import TextpipeCore

/// A count-min sketch: `depth` rows of `width` counters; an item adds to one counter per row
/// and its estimate is the smallest of them. Estimates never fall below the true count and
/// exceed it by at most e/width × total with probability 1 − e^−depth. Two sketches of the same
/// shape merge by adding counters, which is exactly the sketch of the combined input, so merges
/// are associative and commutative. Counters are 32-bit and saturate (stated in the report).
public struct CountMinSketch: Codable, Sendable, Equatable {
    public let width: Int
    public let depth: Int
    public private(set) var total: Int = 0
    private var counters: [UInt32]

    public init(width: Int, depth: Int) {
        self.width = width
        self.depth = depth
        counters = Array(repeating: 0, count: width * depth)
    }

    public mutating func add(_ key: String, _ count: Int) {
        let (h1, h2) = Self.hashes(key)
        let n = UInt32(clamping: count)
        for row in 0..<depth {
            let i = row * width + Int((h1 &+ UInt64(row) &* h2) % UInt64(width))
            counters[i] = counters[i].addingReportingOverflow(n).overflow ? .max : counters[i] &+ n
        }
        total &+= count
    }

    public func estimate(_ key: String) -> Int {
        let (h1, h2) = Self.hashes(key)
        var best = UInt32.max
        for row in 0..<depth {
            best = min(best, counters[row * width + Int((h1 &+ UInt64(row) &* h2) % UInt64(width))])
        }
        return Int(best)
    }

    public mutating func merge(_ other: CountMinSketch) {
        precondition(width == other.width && depth == other.depth, "count-min sketches of different shapes")
        for i in counters.indices {
            let (sum, overflow) = counters[i].addingReportingOverflow(other.counters[i])
            counters[i] = overflow ? .max : sum
        }
        total &+= other.total
    }

    /// Two independent 64-bit hashes for double hashing (Kirsch–Mitzenmacher).
    static func hashes(_ key: String) -> (UInt64, UInt64) {
        let h = StableHash.fnv1a64(key)
        return (Mix.fmix64(h), Mix.fmix64(h ^ 0x9e37_79b9_7f4a_7c15) | 1)
    }

    enum CodingKeys: String, CodingKey { case width, depth, total, counters }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        width = try c.decode(Int.self, forKey: .width)
        depth = try c.decode(Int.self, forKey: .depth)
        total = try c.decode(Int.self, forKey: .total)
        counters = try Packed.decode(try c.decode(String.self, forKey: .counters), count: width * depth, codingPath: c.codingPath)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(width, forKey: .width)
        try c.encode(depth, forKey: .depth)
        try c.encode(total, forKey: .total)
        try c.encode(Packed.encode(counters), forKey: .counters)
    }
}

/// HyperLogLog: 2^precision registers, each the largest rank of leading zeros seen among the
/// hashes routed to it. Estimates a number of distinct items with a standard error of
/// 1.04/√registers; merges by taking the larger register, which is associative, commutative
/// and idempotent.
public struct HyperLogLog: Codable, Sendable, Equatable {
    public let precision: Int
    private var registers: [UInt8]

    public init(precision: Int) {
        self.precision = precision
        registers = Array(repeating: 0, count: 1 << precision)
    }

    public mutating func insert(_ key: String) {
        let x = Mix.fmix64(StableHash.fnv1a64(key))
        let index = Int(x >> UInt64(64 - precision))
        let rest = x << UInt64(precision)
        let rank = UInt8(min(rest.leadingZeroBitCount + 1, 64 - precision + 1))
        if rank > registers[index] { registers[index] = rank }
    }

    public mutating func merge(_ other: HyperLogLog) {
        precondition(precision == other.precision, "HyperLogLogs of different precision")
        for i in registers.indices where other.registers[i] > registers[i] { registers[i] = other.registers[i] }
    }

    public var estimate: Int {
        let m = Double(registers.count)
        var sum = 0.0
        var zeros = 0
        for r in registers {
            sum += 1 / Double(UInt64(1) << UInt64(r))
            if r == 0 { zeros += 1 }
        }
        let alpha = 0.7213 / (1 + 1.079 / m)
        let raw = alpha * m * m / sum
        if raw <= 2.5 * m, zeros > 0 { return Int((m * log(m / Double(zeros))).rounded()) }
        return Int(raw.rounded())
    }

    enum CodingKeys: String, CodingKey { case precision, registers }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        precision = try c.decode(Int.self, forKey: .precision)
        let text = try c.decode(String.self, forKey: .registers)
        guard let data = Data(base64Encoded: text), data.count == 1 << precision else {
            throw DecodingError.dataCorruptedError(forKey: .registers, in: c, debugDescription: "bad HyperLogLog registers")
        }
        registers = Array(data)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(precision, forKey: .precision)
        try c.encode(Data(registers).base64EncodedString(), forKey: .registers)
    }
}

/// Counters saved as base64 of little-endian 32-bit words: a sketch has hundreds of thousands
/// of counters, which as JSON numbers would make every checkpoint slow and large.
enum Packed {
    static func encode(_ values: [UInt32]) -> String {
        var bytes = [UInt8]()
        bytes.reserveCapacity(values.count * 4)
        for v in values {
            bytes.append(UInt8(truncatingIfNeeded: v))
            bytes.append(UInt8(truncatingIfNeeded: v >> 8))
            bytes.append(UInt8(truncatingIfNeeded: v >> 16))
            bytes.append(UInt8(truncatingIfNeeded: v >> 24))
        }
        return Data(bytes).base64EncodedString()
    }

    static func decode(_ text: String, count: Int, codingPath: [CodingKey]) throws -> [UInt32] {
        guard let data = Data(base64Encoded: text), data.count == count * 4 else {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "bad count-min counters"))
        }
        let b = Array(data)
        return (0..<count).map { i in
            UInt32(b[4 * i]) | UInt32(b[4 * i + 1]) << 8 | UInt32(b[4 * i + 2]) << 16 | UInt32(b[4 * i + 3]) << 24
        }
    }
}
