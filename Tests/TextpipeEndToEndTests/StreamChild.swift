import Foundation

/// A `textpipe` child with raw pipes, for the tests that drive `textpipe stream` as an engine
/// does: feeding it bytes that are not valid UTF-8, feeding it from one thread while reading from
/// another, not reading its output for a while, or closing its output early.
/// `Binary.run` covers the simple case of a whole input in and whole outputs out.
final class StreamChild: @unchecked Sendable {
    // Safety: the pipes are used by at most one thread each (a feeder writes, the test reads);
    // `process` is only asked for its state.
    let process = Process()
    private let input = Pipe(), output = Pipe(), errors = Pipe()

    init(_ arguments: [String], in directory: URL = Binary.root) throws {
        // Our writes to a child that stopped reading must fail with EPIPE, not end the tests.
        signal(SIGPIPE, SIG_IGN)
        process.executableURL = Binary.url
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
    }

    /// Writes all of `bytes` to the child's standard input; false once the child stopped reading.
    @discardableResult
    func feed(_ bytes: [UInt8]) -> Bool {
        let fd = input.fileHandleForWriting.fileDescriptor
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += n
        }
        return true
    }

    func feed(_ text: String) -> Bool { feed(Array(text.utf8)) }

    func closeInput() {
        try? input.fileHandleForWriting.close()
    }

    /// Reads standard output up to and including the first newline (or the end).
    func readLine() -> [UInt8] {
        let fd = output.fileHandleForReading.fileDescriptor
        var line: [UInt8] = []
        var byte: UInt8 = 0
        while read(fd, &byte, 1) == 1 {
            line.append(byte)
            if byte == 10 { break }
        }
        return line
    }

    /// Closes our end of the child's standard output, as `head` does when it has enough.
    func closeOutput() {
        try? output.fileHandleForReading.close()
    }

    /// The rest of standard output, to its end.
    func readOutput() -> Data {
        output.fileHandleForReading.readDataToEndOfFile()
    }

    func readErrors() -> String {
        String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    }

    /// Waits for the child to end; nil if it is still running after `seconds`.
    func wait(seconds: Double) -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning {
            if Date() > deadline { return nil }
            usleep(20_000)
        }
        return process.terminationStatus
    }

    /// Ends a child that a failed test left running.
    func kill() {
        if process.isRunning { process.terminate() }
    }
}

/// A scratch pipeline file for stream tests. Only `fetch` is used, so that the tests depend on
/// the stream machinery alone: inputs that carry their content (html, text, records) pass
/// through it unchanged, and `source` paths are read by it.
func streamPipeline(in dir: URL, run: String = "{ workers: 2 }", limits: String = "{}") throws -> String {
    let file = dir.appendingPathComponent("stream-test.yaml")
    try """
        version: 1
        name: stream-test
        input: { stdin: jsonl }
        run: \(run)
        limits: \(limits)
        stages:
          - fetch: {}
        """.write(to: file, atomically: true, encoding: .utf8)
    return file.path
}

/// Output lines as JSON objects; a line that is not a valid UTF-8 JSON object fails the caller.
func jsonLines(_ data: Data) throws -> [[String: Any]] {
    guard String(validating: data, as: UTF8.self) != nil else { throw CocoaError(.fileReadInapplicableStringEncoding) }
    return try data.split(separator: 10).map { line in
        guard let object = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else {
            throw CocoaError(.propertyListReadCorrupt)
        }
        return object
    }
}
