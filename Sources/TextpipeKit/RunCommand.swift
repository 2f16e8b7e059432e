import ArgumentParser
import Foundation
import Logging
import TextpipeCore
import TextpipeFetch

/// `textpipe run`: the main job.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a pipeline over its inputs and write documents, errors, statistics and a manifest.",
        discussion: """
            Without a pipeline file, runs Pipelines/news.yaml (Samples/ -> out/news/). A run that is \
            killed or interrupted resumes where it stopped when started again with the same pipeline \
            (--fresh starts over).
            """)

    @Argument(help: "The pipeline file.")
    var pipeline: String = "Pipelines/news.yaml"

    @Option(name: .long, help: "A path, folder, glob, URL, or @FILE with one URL per line; replaces the file's inputs. Repeatable.")
    var input: [String] = []

    @Option(name: .long, help: "Output folder; replaces output.dir.")
    var output: String?

    @Option(name: .long, help: "CPU worker threads (default: one per core).")
    var workers: Int?

    @Option(name: .long, help: "Process only shard I of N (0-based), partitioned by document id.")
    var shard: String?

    @Flag(name: .long, help: "Ignore saved state: do not resume an interrupted run, and fetch every page in full (no conditional requests; the new state is still saved).")
    var fresh = false

    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        if let workers, !(1...1024).contains(workers) { throw ValidationError("--workers must be from 1 to 1024") }
        if let shard, Shard(shard) == nil { throw ValidationError("--shard expects I/N with 0 <= I < N, e.g. 0/4") }
    }

    func run() throws {
        let logger = logging.makeLogger()
        var overrides = PipelineOverrides()
        overrides.inputs = input
        overrides.outputDirectory = output
        overrides.workers = workers
        overrides.shard = shard.flatMap(Shard.init)
        overrides.fresh = fresh
        let loader = PipelineLoader(registry: TextpipeCLI.registry)
        let pipeline = try loader.load(file: URL(fileURLWithPath: self.pipeline), overrides: overrides)

        let executor = Executor(pipeline: pipeline, logger: logger)
        executor.progress = TerminalProgress()
        let signals = SignalTrap { name in executor.stop(reason: name) }
        defer { signals.cancel() }

        let report: RunReport
        do {
            let sink = RunOutput(directory: pipeline.output.directory, pipeline: pipeline, logger: logger)
            if pipeline.input.stdin {
                let input = JSONLinesInput(pipeline: pipeline)
                report = try executor.run(input, total: nil, sink: sink)
                if let problem = input.readError { throw InputError(problem) }
            } else {
                let feeds = FeedReader(pipeline: pipeline, base: loader.baseDirectory)
                var items = try InputEnumerator(baseDirectory: loader.baseDirectory, feedReader: feeds).items(pipeline.input)
                // A shard's progress counts the shard's documents, not everyone's.
                if let shard = pipeline.run.shard { items = items.filter { shard.contains(id: $0.document.id) } }
                report = try executor.run(items, total: items.count, sink: sink)
            }
        } catch let e as InputError {
            throw CommandExit(code: 3, message: "textpipe: \(e)")
        } catch let e as OutputError {
            throw CommandExit(code: 3, message: "textpipe: \(e)")
        }
        print(RunSummary.paragraph(report, pipeline: pipeline))
        if let stopped = report.stoppedBy {
            throw CommandExit(code: stopped == "SIGTERM" ? 143 : stopped == "SIGINT" ? 130 : 1,
                              message: "textpipe: stopped (\(stopped)); run the same command again to resume")
        }
        if report.counts.errorRate > pipeline.run.maxErrorRate {
            throw CommandExit(code: 1, message: String(
                format: "textpipe: %.1f%% of documents failed, more than max_error_rate (%.1f%%)",
                report.counts.errorRate * 100, pipeline.run.maxErrorRate * 100))
        }
    }
}

/// The paragraph printed at the end of a run.
enum RunSummary {
    static func paragraph(_ r: RunReport, pipeline: Pipeline) -> String {
        let c = r.counts
        let rate = r.seconds > 0 ? Double(c.inputs) / r.seconds : 0
        var s = String(format: "textpipe: %d documents in %.2f s (%.1f docs/s, %.1f MB read)", c.inputs, r.seconds, rate, Double(c.bytesIn) / 1e6)
        s += ": \(c.documents) written, \(c.failed) failed"
        if !c.failedByKind.isEmpty {
            s += " (" + c.failedByKind.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + ")"
        }
        s += ", \(c.dropped) dropped"
        if !c.droppedByReason.isEmpty {
            s += " (" + c.droppedByReason.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + ")"
        }
        if !c.tags.isEmpty {
            s += "; tagged " + c.tags.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        }
        if r.resumedDocuments > 0 { s += "; \(r.resumedDocuments) already done by the interrupted run" }
        let slowest = c.stageSeconds.sorted { $0.value > $1.value }.prefix(3)
            .map { String(format: "%@ %.2f s", $0.key, $0.value) }.joined(separator: ", ")
        if !slowest.isEmpty { s += ". Time in stages: \(slowest)" }
        s += ". Output: \(pipeline.output.directory.path)/"
        return s + "."
    }
}

/// Turns SIGINT and SIGTERM into a call, so a run can stop taking documents, write what it has
/// and save a checkpoint. A second signal ends the process at once.
final class SignalTrap: @unchecked Sendable {
    // Safety: the sources are created and cancelled on the calling thread; the handlers run on
    // one serial queue.
    private var sources: [DispatchSourceSignal] = []
    private let queue = DispatchQueue(label: "textpipe.signals")

    init(_ handler: @escaping @Sendable (String) -> Void) {
        let received = ManagedAtomicFlag()
        for (sig, name) in [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: queue)
            source.setEventHandler {
                if received.testAndSet() { _exit(sig == SIGINT ? 130 : 143) }
                FileHandle.standardError.write(Data("\ntextpipe: \(name): finishing documents in flight (again to quit at once)\n".utf8))
                handler(name)
            }
            source.resume()
            sources.append(source)
        }
    }

    func cancel() {
        for s in sources { s.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}

/// A flag set once, read from a serial queue.
final class ManagedAtomicFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var set = false
    /// Sets the flag and says whether it was already set.
    func testAndSet() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        let was = set
        set = true
        return was
    }
}
