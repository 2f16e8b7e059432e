import Foundation
import TextpipeCore

/// `command`: a stage written in any language, as a long-lived child process that reads one
/// document record per line on standard input and writes one answer per line on standard
/// output (JSON Lines).
///
///     - command:
///         run: [python3, stages/tickers.py]
///         changes: [entities, custom.tickers]   # what the answer may change
///         requires: [sentences]                 # what it reads (checked at load)
///         workers: 2                            # children running at once
///         timeout: 10s                          # per document
///
/// In: the document's record, the same line as in documents.jsonl. Out, one line for each:
/// the document — whole, or only the fields it changed (absent fields are kept) —, or
/// `{"drop": "reason"}` to drop it (counted by reason), or `{"error": "message"}` to fail it.
/// Only the fields named in `changes` may differ from what was sent; an answer that changes
/// any other field fails the document with a message naming the field (a silent change would
/// corrupt the corpus unnoticed). `stats` is derived and ignored. A declared field set to null
/// is cleared. When `text` changes, span fields not also declared are cleared, as are tokens.
///
/// A child that crashes, hangs past `timeout`, or writes something that is not an answer fails
/// that document with a clear message and is replaced; the batch goes on (see `ChildPool` for
/// a command that cannot start at all). Children start with a clean environment (see
/// `CommandEnvironment`) in `cwd`, lead their own process groups, and are ended when the run
/// ends (`close`): first by closing their input, then SIGTERM, then SIGKILL.
public struct CommandStage: Stage {
    public static let description = StageDescription(
        name: "command",
        summary: "run a program in any language as a stage: JSON Lines over its standard input and output",
        options: [
            OptionSpec("run", .list(.string), "the program and its arguments, e.g. [python3, stages/x.py]"),
            OptionSpec("changes", .list(.string), default: .list([]), "fields the answer may change: text, paragraphs, sentences, entities, meta[.FIELD], custom[.KEY]"),
            OptionSpec("requires", .list(.string), default: .list([]), "fields the program reads, which earlier stages must provide"),
            OptionSpec("workers", .int(1...256), default: .int(1), "children running at once"),
            OptionSpec("timeout", .duration, default: .duration(10), "time a child may take to answer one document"),
            OptionSpec("start_timeout", .duration, default: .duration(30), "extra time for a new child's first answer"),
            OptionSpec("cwd", .path(mustExist: true), "working folder of the children (default: the folder textpipe resolves relative paths against)"),
            OptionSpec("env", .structured("map of NAME: value"), "environment variables to set"),
            OptionSpec("pass_env", .list(.string), default: .list([]), "names of textpipe's environment variables to pass on"),
        ])

    public let requires: [String]
    public let provides: [String]
    let changes: DeclaredChanges
    let timeout: Double
    let startTimeout: Double
    let pool: ChildPool

    public init(options: StageOptions, context: LoadContext) throws {
        let run = options.strings("run")
        guard !run.isEmpty, !run[0].isEmpty else {
            throw options.error("'command' needs 'run': the program and its arguments, e.g. run: [python3, stages/x.py]", key: "run")
        }
        let changeList = options.strings("changes")
        changes = try DeclaredChanges(changeList, options: options)
        provides = changeList
        requires = options.strings("requires")
        timeout = options.duration("timeout") ?? 10
        startTimeout = options.duration("start_timeout") ?? 30
        guard timeout > 0 else { throw options.error("option 'command.timeout' must be more than 0", key: "timeout") }
        let cwd = options.path("cwd") ?? context.baseDirectory
        if cwd.standardizedFileURL.path != URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path,
           !SpawnExtensions.canChangeDirectory {
            throw options.error("this system's C library cannot start a program in another folder; leave out 'cwd' or start textpipe there", key: "cwd")
        }
        let environment = try CommandEnvironment.make(options: options, stagePosition: context.previousStages.count)
        let executable = try CommandEnvironment.locate(run[0], in: cwd, path: environment["PATH"], options: options)
        try CommandEnvironment.checkScripts(Array(run.dropFirst()), in: cwd, options: options)
        let spec = CommandSpec(executable: executable, arguments: Array(run.dropFirst()), environment: environment,
                               workingDirectory: cwd.path, display: run.joined(separator: " "))
        pool = ChildPool(spec: spec, size: options.int("workers") ?? 1)
    }

    public func process(_ document: inout Document, context: StageContext) throws {
        let record = document.jsonRecord()
        let sent = try record.withUnsafeBufferPointer { try JSONValue.parse(bytes: $0) }
        let answer: JSONValue = try pool.withChild(logger: context.logger) { child in
            let display = "\(pool.spec.display) [pid \(child.pid)]"
            let fresh = child.answered == 0
            let budget = timeout + (fresh ? startTimeout : 0)
            let deadline = min(context.deadline, .now() + .milliseconds(Int(budget * 1000)))
            let line: [UInt8]
            do throws(ChildError) {
                line = try child.exchange(record, deadline: deadline, maxReply: max(64 << 20, record.count * 4)) {
                    context.logger.info("\(display): \($0)")
                }
            } catch {
                let failure = Self.failure(error, display: display, budget: budget, stderr: child.lastErrorLine)
                pool.recordFailure(beforeAnswering: fresh, failure.message)
                throw failure
            }
            do {
                return (try Self.answer(line, for: document.id, display: display), true)
            } catch let failure as DocumentFailure {
                pool.recordFailure(beforeAnswering: fresh, failure.message)
                throw failure
            }
        }
        if let reason = answer["drop"] {
            throw DocumentDropped(reason.stringValue ?? reason.jsonString)
        }
        if let message = answer["error"] {
            throw DocumentFailure("command", "\(pool.spec.display): \(message.stringValue ?? message.jsonString)")
        }
        try changes.apply(answer, sent: sent, to: &document, command: pool.spec.display)
    }

    public func close() {
        pool.close()
    }

    /// Checks that an answer line is a JSON object about this document.
    static func answer(_ line: [UInt8], for id: String, display: String) throws -> JSONValue {
        let value: JSONValue
        do {
            value = try line.withUnsafeBufferPointer { try JSONValue.parse(bytes: $0) }
        } catch {
            throw DocumentFailure("bad_output", "\(display) answered with a line that is not JSON (\(error)): \(quote(line)); it was restarted")
        }
        guard case .object = value else {
            throw DocumentFailure("bad_output", "\(display) answered with \(quote(line)), not a JSON object; it was restarted")
        }
        if let answeredID = value["id"], answeredID != .string(id) {
            throw DocumentFailure("bad_output", "\(display) answered for document \(answeredID.jsonString) when given \"\(id)\"; it was restarted")
        }
        return value
    }

    static func failure(_ error: ChildError, display: String, budget: Double, stderr: String) -> DocumentFailure {
        let said = stderr.isEmpty ? "" : " (its last words on standard error: \(stderr))"
        switch error {
        case .timedOut:
            return DocumentFailure(.timeout, "\(display) gave no answer within \(Duration.describe(seconds: budget)); it was killed and will be restarted\(said)")
        case .ended(let how):
            return DocumentFailure(.crashed, "\(display) \(how) before answering\(said); it will be restarted")
        case .replyTooLong(let limit):
            return DocumentFailure("bad_output", "\(display) wrote an answer longer than \(ByteSize.describe(limit)) without a newline; it was killed and will be restarted")
        case .extraOutput:
            return DocumentFailure("bad_output", "\(display) wrote more than one line for one document; it was restarted")
        case .spawnFailed(let message):
            return DocumentFailure(.crashed, message)
        }
    }

    static func quote(_ line: [UInt8]) -> String {
        let text = String(decoding: line.prefix(120), as: UTF8.self)
        return "'" + text + (line.count > 120 ? "…'" : "'")
    }
}
