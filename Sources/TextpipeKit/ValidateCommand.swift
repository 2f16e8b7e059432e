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

/// `textpipe stream`: JSON Lines in on stdin, JSON Lines out on stdout, one line per line.
struct StreamCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stream",
        abstract: "Run a pipeline on JSON Lines from standard input, writing one JSON line per input line.",
        discussion: """
            An input line is {"id", "html"}, {"id", "text"} or {"id", "source": PATH|URL}. The output \
            line is the document record with the same id, or {"id", "error": {stage, kind, message}}. \
            With --emit-stats a last line {"stats": {...}, "counts": {...}} holds the mergeable statistics.
            """)

    @Argument(help: "The pipeline file (its input and output sections are ignored).")
    var pipeline: String

    @Option(name: .long, help: "CPU worker threads (default: one per core).")
    var workers: Int?

    @Flag(name: .long, help: "End with a line of mergeable statistics.")
    var emitStats = false

    @OptionGroup var logging: LoggingOptions

    func run() throws {
        let logger = try logging.makeLogger()
        var overrides = PipelineOverrides()
        overrides.stdin = true
        overrides.workers = workers
        let pipeline = try PipelineLoader(registry: TextpipeCLI.registry).load(file: URL(fileURLWithPath: self.pipeline), overrides: overrides)
        let executor = Executor(pipeline: pipeline, logger: logger)
        do {
            _ = try executor.run(JSONLinesInput(), total: nil, sink: StreamOutput(emitStats: emitStats))
        } catch let e as OutputError where e.description.contains("Broken pipe") {
            return  // the reader went away: a clean end
        } catch let e as OutputError {
            throw CommandExit(code: 3, message: "textpipe: \(e)")
        }
    }
}

/// `textpipe eval`: scores a stage against labelled data.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Score a stage against labelled data and measure its speed.",
        subcommands: [EvalExtractionCommand.self, EvalSentencesCommand.self])
}
