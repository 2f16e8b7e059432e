import ArgumentParser
import Foundation
import TextpipeCore

/// `textpipe stream`: JSON Lines in on stdin, JSON Lines out on stdout, one line per line.
///
/// This is the contract an external engine (Spark's `RDD.pipe`, a Slurm step, a script) relies
/// on, so it is kept strictly:
/// - exactly one output line per input line, in input order, whatever the line holds (a bad
///   line becomes an error record in its place: see `JSONLinesInput`), and with
///   `--emit-stats` one more line at the end with the mergeable statistics;
/// - bounded memory: the executor admits at most `run.max_in_flight` documents between reading
///   and writing, and no line longer than `limits.max_bytes` is held whole, so a slow reader
///   of the output slows the reading of the input instead of filling memory;
/// - exit code 0 whenever the input was read to its end and every line answered, however many
///   documents failed (they are records, for the engine to count); 2 for a bad pipeline file;
///   3 when the input cannot be read or the output cannot be written; 1 when the pipeline's
///   `on_error: stop` ended the stream early (lines after the failure have no answer);
/// - a reader that closes the output early (`textpipe stream ... | head -1`) ends the run
///   quietly with 0: SIGPIPE is ignored, the next write fails with EPIPE, and the documents in
///   flight are finished without being written.
struct StreamCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stream",
        abstract: "Run a pipeline on JSON Lines from standard input, writing one JSON line per input line.",
        discussion: """
            An input line is {"id", "html"}, {"id", "text"} or {"id", "source": PATH|URL}. The output \
            line is the document record with the same id, or {"id", "source", "error": {stage, kind, \
            message}} for a line or document that failed, in input order. With --emit-stats a last \
            line {"stats": {...}, "counts": {...}} holds the mergeable statistics ('textpipe stats \
            merge' reads it). Memory stays bounded by run.max_in_flight; a line longer than \
            limits.max_bytes is answered with a too_large error.
            """)

    @Argument(help: "The pipeline file. Its input and output sections are not used, but checked as by 'validate': a chain that starts after 'clean' needs 'input: { stdin: jsonl }' and lines that are records of an earlier run.")
    var pipeline: String

    @Option(name: .long, help: "CPU worker threads (default: one per core; 1 under an engine that gives each task one core).")
    var workers: Int?

    @Flag(name: .long, help: "End with a line of mergeable statistics.")
    var emitStats = false

    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        if let workers, !(1...1024).contains(workers) { throw ValidationError("--workers must be from 1 to 1024") }
    }

    func run() throws {
        let logger = logging.makeLogger()
        var overrides = PipelineOverrides()
        overrides.stdin = true
        overrides.workers = workers
        let pipeline = try PipelineLoader(registry: TextpipeCLI.registry).load(file: URL(fileURLWithPath: self.pipeline), overrides: overrides)
        let executor = Executor(pipeline: pipeline, logger: logger)
        let input = JSONLinesInput(pipeline: pipeline)
        let report: RunReport
        do {
            report = try executor.run(input, total: nil, sink: StreamOutput(emitStats: emitStats))
        } catch is OutputClosed {
            return  // the reader went away: a clean end
        } catch let e as OutputError {
            throw CommandExit(code: 3, message: "textpipe: \(e)")
        }
        if let problem = input.readError {
            throw CommandExit(code: 3, message: "textpipe: \(problem); the output answers only the lines before it")
        }
        if let stopped = report.stoppedBy {
            throw CommandExit(code: 1, message: "textpipe: stopped (\(stopped)); the lines after it were not processed")
        }
    }
}
