import Foundation

/// Python as an oracle: tests compare textpipe with a Python library that implements the same
/// standard (`unicodedata` for NFC, `codecs` for charsets, `protego` for robots.txt).
///
/// A test asks for the modules it needs; where python3 or a module is missing it skips with a
/// message (`.enabled(if: PythonOracle.available([...]), PythonOracle.missing([...]))`). With
/// TEXTPIPE_REQUIRE_INTEGRATION=1, as `.ci/run` sets it after installing the modules, a missing
/// module is a failure instead of a skip.
public enum PythonOracle {
    public static let required = ProcessInfo.processInfo.environment["TEXTPIPE_REQUIRE_INTEGRATION"] == "1"

    /// python3 on the PATH.
    public static let executable: String? = {
        let dirs = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return dirs.map { $0 + "/python3" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    nonisolated(unsafe) private static var known: [String: Bool] = [:]
    private static let lock = NSLock()

    /// Whether python3 can import `module`.
    public static func has(_ module: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if let k = known[module] { return k }
        let ok = (try? run("import \(module)")) != nil
        known[module] = ok
        return ok
    }

    /// Whether tests that need these modules run: they are there, or their absence must fail.
    public static func available(_ modules: [String]) -> Bool {
        required || modules.allSatisfy(has)
    }

    /// The skip message for tests that need these modules.
    public static func missing(_ modules: [String]) -> String {
        let pip = modules.filter { !["unicodedata", "codecs", "json", "gzip"].contains($0) }
        return "needs python3 with \(modules.joined(separator: ", "))"
            + (pip.isEmpty ? "" : " (pip install \(pip.joined(separator: " ")))")
            + "; set TEXTPIPE_REQUIRE_INTEGRATION=1 to make this a failure"
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Runs a Python program with `input` on its standard input (in `directory`, if given);
    /// returns its standard output. Throws when python3 is missing or the program fails (with
    /// its standard error).
    @discardableResult
    public static func run(_ program: String, input: Data = Data(), arguments: [String] = [],
                           in directory: URL? = nil) throws -> Data {
        guard let executable else { throw Failure(description: "python3 is not on the PATH") }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = ["-c", program] + arguments
        if let directory { p.currentDirectoryURL = directory }
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        p.standardInput = stdin
        p.standardOutput = stdout
        p.standardError = stderr
        try p.run()
        // Write and read on other threads, so that no pipe can fill up and stall the others.
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) {
            stdin.fileHandleForWriting.write(input)
            try? stdin.fileHandleForWriting.close()
        }
        nonisolated(unsafe) var errors = Data()
        DispatchQueue.global().async(group: group) { errors = stderr.fileHandleForReading.readDataToEndOfFile() }
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        group.wait()
        guard p.terminationStatus == 0 else {
            throw Failure(description: "python3 failed (\(p.terminationStatus)): \(String(decoding: errors, as: UTF8.self))")
        }
        return output
    }

    /// Runs a program that prints one JSON value, and decodes it.
    public static func json<T: Decodable>(_ type: T.Type, _ program: String, input: Data = Data()) throws -> T {
        try JSONDecoder().decode(T.self, from: run(program, input: input))
    }
}
