import ArgumentParser
import Foundation
import TextpipeCore
import TextpipeStats

/// `textpipe stats`: work with saved statistics.
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Work with saved corpus statistics.",
        subcommands: [StatsMergeCommand.self])
}

/// `textpipe stats merge A.json B.json ... -o OUT.json`: adds up the statistics of shards.
///
/// The partials are a commutative monoid, so the result is exactly the statistics of one run
/// over all the shards' documents: stats.json byte for byte, whatever the order of the files.
struct StatsMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge statistics from shards into one stats.json, exactly as one run over everything would give.",
        discussion: """
            Each input is a stats.json written by a run (or by an earlier merge), a run's checkpoint \
            (.textpipe/checkpoint.json), or the output of 'textpipe stream --emit-stats'. The inputs \
            must have been counted with the same stats settings (n-grams, stop words, sample size, \
            sketch). Shards should not overlap: a document in two inputs is counted twice.
            """)

    @Argument(help: "Statistics files to merge.")
    var inputs: [String]

    @Option(name: .shortAndLong, help: "The merged stats.json to write.")
    var output: String

    @Option(name: .long, help: "Also write the CSV tables into this folder (as stats/*.csv of a run).")
    var tables: String?

    @Option(name: .long, help: "Also write the report to this file.")
    var report: String?

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("give at least one statistics file to merge") }
    }

    func run() throws {
        let merged = try StatsInputs.merge(inputs)
        try StatsInputs.write(try StatsFiles.statsJSON(merged), to: output)
        if let tables {
            let dir = OutputDirectory(URL(fileURLWithPath: tables))
            do {
                for (name, table) in StatsTables.files(merged, summary: StatsSummary(merged)) {
                    try dir.write("\(name).csv", table.bytes)
                }
            } catch {
                throw CommandExit(code: 3, message: "textpipe: cannot write the tables in \(tables): \(error)")
            }
        }
        if let report { try StatsInputs.write(Array(ReportPage(partial: merged).html().utf8), to: report) }
        let documents = merged.documents
        FileHandle.standardError.write(Data("textpipe: merged \(inputs.count) statistics (\(documents) documents) into \(output)\n".utf8))
    }
}

/// Reading, checking and merging statistics files for `stats merge` and `report`.
enum StatsInputs {
    static func merge(_ paths: [String]) throws -> StatsPartial {
        var partials: [(String, StatsPartial)] = []
        for path in paths {
            do {
                partials.append((path, try StatsFiles.readPartial(file: URL(fileURLWithPath: path))))
            } catch let e as StatsFileError {
                throw CommandExit(code: FileManager.default.isReadableFile(atPath: path) ? 2 : 3, message: "textpipe: \(e)")
            }
        }
        if let (firstPath, first) = partials.first(where: { $0.1.settings != nil }) {
            for (path, p) in partials {
                if p.mixedSettings {
                    throw CommandExit(code: 2, message: "textpipe: \(path) already merges statistics counted with different settings")
                }
                guard let s = p.settings, s.counting != first.settings!.counting else { continue }
                throw CommandExit(code: 2, message: """
                    textpipe: \(path) was counted with other stats settings than \(firstPath); they cannot be merged exactly.
                      \(firstPath): \(first.settings!.counting)
                      \(path): \(s.counting)
                    """)
            }
        }
        var total = StatsPartial()
        for (_, p) in partials { total.merge(p) }
        // Settings that only shape the derived figures (top_terms, ...) may differ: the first
        // file's apply, as `merge` alone would pick by another rule.
        if let (_, first) = partials.first(where: { $0.1.settings != nil }) {
            total.settings = first.settings
            total.mixedSettings = false
        }
        return total
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try OutputDirectory.atomicWrite(bytes, to: url)
        } catch {
            throw CommandExit(code: 3, message: "textpipe: cannot write \(path): \(error)")
        }
    }
}
