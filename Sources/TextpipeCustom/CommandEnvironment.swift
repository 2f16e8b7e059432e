import Foundation
import TextpipeCore

/// The environment a command stage's children start with, and the checks that find a wrong
/// program or script path when the pipeline is loaded rather than at the first document.
///
/// Children do not inherit textpipe's environment (which may hold credentials meant for
/// nothing else). They get:
/// - `PATH`, `HOME`, `TMPDIR` and `TZ` as textpipe has them (when set);
/// - `LANG=C.UTF-8` and `LC_ALL=C.UTF-8`, so that standard streams are UTF-8;
/// - `PYTHONIOENCODING=utf-8` and `PYTHONUNBUFFERED=1`, so that a Python child's answers are
///   not stuck in an output buffer (other languages must flush after each line);
/// - `TEXTPIPE_VERSION`, `TEXTPIPE_STAGE` (the stage's position in the chain, from 0) and
///   `TEXTPIPE_CHILD` (which child of the stage, from 0, counting restarts);
/// - the variables named in `pass_env`, from textpipe's environment, when set;
/// - the variables set in `env`, which win over all of the above except `TEXTPIPE_*`.
enum CommandEnvironment {
    static let inherited = ["PATH", "HOME", "TMPDIR", "TZ"]

    static func make(options: StageOptions, stagePosition: Int,
                     parent: [String: String] = ProcessInfo.processInfo.environment) throws -> [String: String] {
        var env: [String: String] = [:]
        for name in inherited { env[name] = parent[name] }
        if env["PATH"] == nil { env["PATH"] = "/usr/local/bin:/usr/bin:/bin" }
        env["LANG"] = "C.UTF-8"
        env["LC_ALL"] = "C.UTF-8"
        env["PYTHONIOENCODING"] = "utf-8"
        env["PYTHONUNBUFFERED"] = "1"
        for name in options.strings("pass_env") {
            guard isName(name) else { throw options.error("'\(name)' in 'pass_env' is not a variable name", key: "pass_env") }
            if let value = parent[name] { env[name] = value }
        }
        if let node = options.node("env") {
            guard let pairs = node.mapping else {
                throw options.error("option 'command.env' expects a map such as { MODEL: small }, found \(node.kindName)", key: "env")
            }
            for (name, location, value) in pairs {
                guard isName(name), !name.hasPrefix("TEXTPIPE_") else {
                    throw ConfigurationError("'\(name)' cannot be set in 'env' (a variable name, not TEXTPIPE_*)", at: location, key: "command.env.\(name)")
                }
                guard let text = value.scalar else {
                    throw ConfigurationError("the value of '\(name)' must be text, found \(value.kindName)", at: value.location, key: "command.env.\(name)")
                }
                env[name] = text
            }
        }
        env["TEXTPIPE_VERSION"] = TextpipeVersion.current
        env["TEXTPIPE_STAGE"] = String(stagePosition)
        return env
    }

    static func isName(_ s: String) -> Bool {
        guard let first = s.utf8.first, !(48...57).contains(first) else { return false }
        return s.utf8.allSatisfy { (65...90).contains($0) || (97...122).contains($0) || (48...57).contains($0) || $0 == 95 }
    }

    /// The program's absolute path: a name with a slash is taken relative to the children's
    /// folder, a bare name is looked up in the children's PATH.
    static func locate(_ program: String, in cwd: URL, path: String?, options: StageOptions) throws -> String {
        let fm = FileManager.default
        if program.contains("/") {
            let url = program.hasPrefix("/") ? URL(fileURLWithPath: program) : cwd.appendingPathComponent(program).standardizedFileURL
            guard fm.fileExists(atPath: url.path) else {
                throw options.error("the program \(program) does not exist (looked for \(url.path))", key: "run")
            }
            guard fm.isExecutableFile(atPath: url.path) else {
                throw options.error("the program \(program) is not executable (chmod +x \(url.path))", key: "run")
            }
            return url.path
        }
        for folder in (path ?? "").split(separator: ":") {
            let candidate = String(folder) + "/" + program
            var isDirectory: ObjCBool = false
            if fm.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue,
               fm.isExecutableFile(atPath: candidate) {
                return candidate
            }
        }
        throw options.error("the program '\(program)' is not on the PATH (\(path ?? "")); give its full path", key: "run")
    }

    static let scriptExtensions: Set<String> = ["py", "rb", "js", "mjs", "cjs", "pl", "sh", "r", "jl", "lua", "php", "ts"]

    /// Arguments that look like script files must exist, so that a typo is found at load time.
    static func checkScripts(_ arguments: [String], in cwd: URL, options: StageOptions) throws {
        for argument in arguments where !argument.hasPrefix("-") && !argument.contains("=") {
            let ext = (argument as NSString).pathExtension.lowercased()
            guard scriptExtensions.contains(ext) else { continue }
            let url = argument.hasPrefix("/") ? URL(fileURLWithPath: argument) : cwd.appendingPathComponent(argument).standardizedFileURL
            if !FileManager.default.fileExists(atPath: url.path) {
                throw options.error("the script \(argument) does not exist (looked for \(url.path); the children run in \(cwd.path))", key: "run")
            }
        }
    }
}
