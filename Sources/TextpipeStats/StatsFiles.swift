import Foundation
import TextpipeCore

/// The files of the statistics: stats.json, stats/*.csv and report.html.
///
/// stats.json is `{"derived": {...}, "format": "textpipe-stats/1", "partial": {...}}`: the
/// derived figures first (pretty-printed, for people) and the mergeable partial after them (on
/// one line, for programs). Nothing in it depends on when or where it was made, so statistics
/// merged from shards and those of one run over everything are the same file, byte for byte.
/// `readPartial` also accepts what other commands write that carries a partial: a run's
/// checkpoint, the last line of `textpipe stream --emit-stats`, or a bare partial.
public enum StatsFiles {
    public static let format = "textpipe-stats/1"

    public static func statsJSON(_ p: StatsPartial, summary: StatsSummary? = nil) throws -> [UInt8] {
        let derived = JSONEncoder()
        derived.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        derived.keyEncodingStrategy = .convertToSnakeCase
        let partial = JSONEncoder()
        partial.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var out = Array("{\n\"derived\": ".utf8)
        out += try derived.encode(summary ?? StatsSummary(p))
        out += Array(",\n\"format\": \"\(format)\",\n\"partial\": ".utf8)
        out += try partial.encode(p)
        out += Array("\n}\n".utf8)
        return out
    }

    /// Writes stats.json, the CSV tables and (unless `report` is false) report.html.
    public static func write(_ p: StatsPartial, to output: OutputDirectory, report: Bool) throws {
        let summary = StatsSummary(p)
        try output.write("stats.json", try statsJSON(p, summary: summary))
        for (name, table) in StatsTables.files(p, summary: summary) {
            try output.write("stats/\(name).csv", table.bytes)
        }
        if report {
            try output.write("report.html", string: ReportPage(partial: p, summary: summary).html())
        }
    }

    /// Reads the partial out of a stats.json, a checkpoint, a `stream --emit-stats` output or a
    /// bare partial. `name` is for messages.
    public static func readPartial(_ data: Data, name: String) throws -> StatsPartial {
        var candidates: [Data] = [data]
        if let text = String(data: data, encoding: .utf8), text.contains("\n{") {
            // JSON Lines (stream output): the statistics are on the last line that has them.
            let lines = text.split(separator: "\n").filter { $0.contains("\"stats\"") }
            if let last = lines.last { candidates = [Data(last.utf8)] }
        }
        let value: JSONValue
        do {
            value = try candidates[0].withUnsafeBytes { try JSONValue.parse(bytes: $0.bindMemory(to: UInt8.self)) }
        } catch {
            throw StatsFileError("\(name) is not JSON: \(error)")
        }
        let partial: JSONValue
        if let f = value["format"]?.stringValue {
            guard f == format, let p = value["partial"] else {
                throw StatsFileError("\(name) is statistics of format '\(f)'; this textpipe reads \(format)")
            }
            partial = p
        } else if let p = value["partials"]?["stats"] ?? value["stats"]?["stats"] {
            partial = p
        } else if value["format"]?.intValue != nil, value["documents"] != nil {
            partial = value
        } else {
            throw StatsFileError("\(name) holds no statistics (expected a stats.json, a checkpoint, or the last line of 'textpipe stream --emit-stats')")
        }
        guard partial["format"]?.intValue == 1 else {
            throw StatsFileError("\(name): unsupported partial format \(partial["format"]?.jsonString ?? "(none)")")
        }
        do {
            return try PartialCoding.decode(StatsPartial.self, from: partial)
        } catch {
            throw StatsFileError("\(name): the statistics cannot be read: \(error)")
        }
    }

    public static func readPartial(file: URL) throws -> StatsPartial {
        let data: Data
        do {
            data = try Data(contentsOf: file)
        } catch {
            throw StatsFileError("cannot read \(file.path): \((error as NSError).localizedDescription)")
        }
        return try readPartial(data, name: file.lastPathComponent)
    }
}

public struct StatsFileError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
