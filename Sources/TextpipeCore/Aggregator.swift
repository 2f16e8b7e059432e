import Foundation

/// The executor's handle on one `AggregatingStage`: its running total and the typed
/// operations on it, behind closures so that the executor needs no generics.
struct Aggregator: @unchecked Sendable {
    // Safety: `total` is only read and written on the executor's serial writer queue.
    let name: String
    let contribution: @Sendable (Document) -> any Mergeable
    let failureContribution: @Sendable (FailureRecord) -> any Mergeable
    let fold: @Sendable (inout any Mergeable, any Mergeable) -> Void
    let finish: @Sendable (any Mergeable, OutputDirectory) throws -> Void
    let encode: @Sendable (any Mergeable) throws -> [UInt8]
    let decode: @Sendable (JSONValue) throws -> any Mergeable
    var total: any Mergeable

    init<S: AggregatingStage>(name: String, stage: S) {
        self.name = name
        contribution = { stage.contribution(of: $0) }
        failureContribution = { stage.contribution(ofFailure: $0) }
        fold = { total, part in
            var t = total as! S.Partial
            t.merge(part as! S.Partial)
            total = t
        }
        finish = { try stage.finish($0 as! S.Partial, output: $1) }
        encode = { Array(try JSONEncoder.sorted.encode($0 as! S.Partial)) }
        decode = { try PartialCoding.decode(S.Partial.self, from: $0) }
        total = S.Partial()
    }

    /// Builds aggregators for the aggregating stages of a chain, keyed by position.
    static func make(for stages: [ConfiguredStage]) -> [Int: Aggregator] {
        var out: [Int: Aggregator] = [:]
        for (i, s) in stages.enumerated() {
            if let agg = s.stage as? any AggregatingStage {
                out[i] = Aggregator(name: s.name, stage: agg)
            }
        }
        return out
    }
}

/// Partials are saved as JSON (in checkpoints and stats.json), with sorted keys so that equal
/// partials give equal files.
public enum PartialCoding {
    public static func encode<P: Encodable>(_ partial: P) throws -> JSONValue {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(partial)
        return try data.withUnsafeBytes { try JSONValue.parse(bytes: $0.bindMemory(to: UInt8.self)) }
    }

    public static func decode<P: Decodable>(_ type: P.Type, from value: JSONValue) throws -> P {
        let data = Data(value.jsonString.utf8)
        return try JSONDecoder().decode(P.self, from: data)
    }
}
