import ArgumentParser
import Foundation
import TextpipeCore

/// `textpipe validate`: loads and checks a pipeline without running it.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Load and check a pipeline file without running it (exit 2 when it has errors).")

    @Argument(help: "The pipeline file.")
    var pipeline: String

    func run() throws {
        let loaded = try PipelineLoader(registry: TextpipeCLI.registry).load(file: URL(fileURLWithPath: pipeline))
        let chain = loaded.stages.map(\.name).joined(separator: " -> ")
        print("\(pipeline): ok. \(loaded.name): \(chain); output \(loaded.output.directory.path)/; \(loaded.run.workers) workers")
    }
}

/// `textpipe stages`: every registered stage with its options and defaults.
struct StagesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stages",
        abstract: "List every registered stage with its options and defaults.")

    func run() throws {
        let registry = TextpipeCLI.registry
        var out = ""
        for name in registry.names {
            let d = registry[name]!.description
            out += "\(d.name)  \(d.summary)\n"
            if !d.requires.isEmpty || !d.provides.isEmpty {
                out += "    requires: \(d.requires.isEmpty ? "-" : d.requires.joined(separator: ", "))"
                out += "   provides: \(d.provides.isEmpty ? "-" : d.provides.joined(separator: ", "))\n"
            }
            let width = d.options.map(\.name.count).max() ?? 0
            for o in d.options {
                let pad = String(repeating: " ", count: width - o.name.count)
                var line = "    \(o.name)\(pad)  \(o.kind)"
                if case .none = o.defaultValue {} else { line += " = \(o.defaultValue)" }
                out += line + "\n      \(o.help)\n"
            }
            out += "\n"
        }
        print(out, terminator: "")
    }
}

/// `textpipe eval`: scores a stage against labelled data.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Score a stage against labelled data and measure its speed.",
        subcommands: [EvalSentencesCommand.self, EvalExtractionCommand.self, EvalEntitiesCommand.self])
}
