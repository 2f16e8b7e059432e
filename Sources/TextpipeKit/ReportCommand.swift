import ArgumentParser
import Foundation
import TextpipeCore
import TextpipeStats

/// `textpipe report STATS.json -o report.html`: renders the report from saved statistics.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Render report.html from saved statistics (several files are merged first).",
        discussion: """
            The page is self-contained (inline styles and SVG charts, no scripts, fonts or network) \
            and is the same page the run wrote, since it is drawn from the statistics alone.
            """)

    @Argument(help: "A stats.json (or several, from shards).")
    var inputs: [String]

    @Option(name: .shortAndLong, help: "The HTML file to write (default: report.html beside the first input).")
    var output: String?

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("give the statistics file to render") }
    }

    func run() throws {
        let partial = try StatsInputs.merge(inputs)
        let target = output ?? URL(fileURLWithPath: inputs[0]).deletingLastPathComponent().appendingPathComponent("report.html").path
        try StatsInputs.write(Array(ReportPage(partial: partial).html().utf8), to: target)
        FileHandle.standardError.write(Data("textpipe: wrote \(target)\n".utf8))
    }
}
