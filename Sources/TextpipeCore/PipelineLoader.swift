import Foundation

/// What the command line may change in a pipeline file.
public struct PipelineOverrides: Sendable {
    /// Paths, URLs or `@FILE` (a URL list); replaces the file's `input`.
    public var inputs: [String] = []
    public var outputDirectory: String?
    public var workers: Int?
    public var shard: Shard?
    public var fresh = false
    /// Read JSON Lines from stdin instead of the file's inputs (`textpipe stream`).
    public var stdin = false

    public init() {}
}

/// Reads a pipeline file and checks all of it before any document is touched: the YAML, every
/// section and option (unknown keys get a suggestion), that inputs exist and the output folder
/// can be written, that each stage finds what it requires in an earlier stage. All problems are
/// reported at once, each with file:line:column.
public struct PipelineLoader: Sendable {
    public var registry: StageRegistry
    /// Relative paths in the pipeline file are resolved against this folder (the current one).
    public var baseDirectory: URL

    public init(registry: StageRegistry,
                baseDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) {
        self.registry = registry
        self.baseDirectory = baseDirectory
    }

    public func load(file: URL, overrides: PipelineOverrides = PipelineOverrides()) throws -> Pipeline {
        let name = file.path.hasPrefix(baseDirectory.path + "/") ? String(file.path.dropFirst(baseDirectory.path.count + 1)) : file.path
        let data: Data
        do {
            data = try Data(contentsOf: file)
        } catch {
            throw ConfigurationError("cannot read the pipeline file \(name): \(Self.reason(error))")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigurationError("the pipeline file is not UTF-8 text", at: SourceLocation(file: name, line: 0, column: 0))
        }
        var pipeline = try load(yaml: text, fileName: name, overrides: overrides)
        pipeline.file = file
        return pipeline
    }

    static func reason(_ error: Error) -> String {
        let ns = error as NSError
        if ns.domain == NSCocoaErrorDomain, ns.code == NSFileReadNoSuchFileError { return "no such file" }
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain,
           let code = POSIXErrorCode(rawValue: Int32(underlying.code)) {
            return String(cString: strerror(code.rawValue))
        }
        return ns.localizedDescription
    }

    public func load(yaml: String, fileName: String, overrides: PipelineOverrides = PipelineOverrides()) throws -> Pipeline {
        let root = try ConfigNode.parse(yaml: yaml, file: fileName)
        let top = SourceLocation(file: fileName, line: 1, column: 1)
        guard let pairs = root.mapping else {
            throw ConfigurationError("a pipeline file is a map with version, input, output, run and stages", at: root.location)
        }
        var errors: [ConfigurationError] = []
        let sections = ["version", "name", "input", "output", "run", "limits", "stages"]
        for (key, loc, _) in pairs where !sections.contains(key) {
            errors.append(ConfigurationError("unknown section '\(key)'", at: loc, key: key,
                                             suggestion: closestMatch(to: key, in: sections)))
        }
        // version
        if let v = root["version"] {
            if v.scalar != "1" {
                errors.append(ConfigurationError("unsupported version '\(v.scalar ?? v.kindName)'; this textpipe reads version 1", at: v.location, key: "version"))
            }
        } else {
            errors.append(ConfigurationError("missing 'version: 1'", at: top, key: "version"))
        }
        let name = root["name"]?.scalar ?? (fileName as NSString).lastPathComponent.replacingOccurrences(of: ".yaml", with: "")

        let inputOptions = section("input", root, Self.inputSpecs, &errors)
        let outputOptions = section("output", root, Self.outputSpecs, &errors)
        let runOptions = section("run", root, Self.runSpecs, &errors)
        let limitOptions = section("limits", root, Limits.specs, &errors)

        var input = InputSpec()
        input.paths = inputOptions.strings("paths")
        input.exclude = inputOptions.strings("exclude")
        input.urlLists = inputOptions.strings("urls")
        input.feeds = inputOptions.strings("feeds")
        input.feedWindow = inputOptions.duration("since")
        input.stdin = inputOptions.string("stdin") != nil
        // Records of an earlier run can come in only where the file reads standard input; this,
        // not the command, decides the check of the chain, so `validate`, `run` and `stream`
        // give the same file the same verdict. `--input` files bring no records.
        let recordsIn = input.stdin && overrides.inputs.isEmpty
        if !overrides.inputs.isEmpty {
            let exclude = input.exclude
            input = InputSpec()
            input.exclude = exclude
            for item in overrides.inputs {
                if item.hasPrefix("@") { input.urlLists.append(String(item.dropFirst())) }
                else if item.contains("://") { input.sources.append(item) }
                else { input.paths.append(item) }
            }
        }
        if overrides.stdin {
            input = InputSpec()
            input.stdin = true
        }
        errors += checkInputs(input, node: root["input"], top: top)

        var output = OutputSpec()
        output.directory = inputOptions.resolve(path: overrides.outputDirectory ?? outputOptions.string("dir") ?? "out/\(name)")
        output.documents = outputOptions.string("documents") ?? "jsonl"
        if !overrides.stdin, let problem = Self.writeProblem(output.directory) {
            errors.append(ConfigurationError("the output folder \(output.directory.path) cannot be written: \(problem)",
                                             at: outputOptions.locations["dir"] ?? root["output"]?.location ?? top, key: "output.dir"))
        }

        var run = RunSettings()
        if let w = runOptions.string("workers"), w != "auto" {
            if let n = Int(w), n >= 1, n <= 1024 { run.workers = n } else {
                errors.append(ConfigurationError("option 'run.workers' expects 'auto' or a number from 1 to 1024, found '\(w)'",
                                                 at: runOptions.locations["workers"], key: "run.workers"))
            }
        }
        if let w = overrides.workers { run.workers = w }
        run.maxInFlight = runOptions.int("max_in_flight") ?? run.maxInFlight
        run.ioWorkers = runOptions.int("io_workers") ?? run.ioWorkers
        run.onError = runOptions.string("on_error").flatMap(RunSettings.OnError.init(rawValue:)) ?? run.onError
        run.maxErrorRate = runOptions.double("max_error_rate") ?? run.maxErrorRate
        run.checkpointInterval = runOptions.duration("checkpoint_interval") ?? run.checkpointInterval
        run.shard = overrides.shard
        run.fresh = overrides.fresh
        let limits = Limits(options: limitOptions)

        let (stages, fromInput) = loadStages(root["stages"], top: top, output: output.directory, limits: limits,
                                             recordsIn: recordsIn, errors: &errors)
        if !errors.isEmpty { throw ConfigurationErrors(errors) }

        let overrideText = "\(overrides.inputs)|\(overrides.outputDirectory ?? "")|\(overrides.shard?.description ?? "")|\(overrides.stdin)"
        let hash = StableHash.hex(StableHash.fnv1a64(yaml + "\u{0}" + overrideText))
        var pipeline = Pipeline(name: name, hash: hash, input: input, output: output, run: run, limits: limits, stages: stages)
        pipeline.fieldsFromInput = fromInput
        return pipeline
    }

    static let inputSpecs: [OptionSpec] = [
        OptionSpec("paths", .list(.string), default: .list([]), "files, folders (read recursively) and globs: .html .htm .xhtml .txt .md, each also .gz"),
        OptionSpec("exclude", .list(.string), default: .list([]), "globs of file names or paths to leave out of folders and globs"),
        OptionSpec("urls", .list(.path(mustExist: true)), default: .list([]), "files with one URL per line (# comments)"),
        OptionSpec("feeds", .list(.string), default: .list([]), "RSS 2.0, Atom, sitemap or sitemap index files or URLs, expanded into article URLs"),
        OptionSpec("since", .duration, "only feed entries dated within this long before the run (e.g. 2d); undated entries are kept"),
        OptionSpec("stdin", .choice(["jsonl"]), "read JSON Lines from standard input"),
    ]

    static let outputSpecs: [OptionSpec] = [
        OptionSpec("dir", .string, "output folder (default out/NAME)"),
        OptionSpec("documents", .choice(["jsonl", "jsonl.gz", "none"]), default: .string("jsonl"),
                   "write documents.jsonl, documents.jsonl.gz (gzip, one member per checkpoint), or only statistics"),
    ]

    static let runSpecs: [OptionSpec] = [
        OptionSpec("workers", .string, default: .string("auto"), "CPU worker threads: auto (one per core) or a number"),
        OptionSpec("max_in_flight", .int(1...1_000_000), default: .int(256), "documents between reading and writing (bounds memory)"),
        OptionSpec("io_workers", .int(1...1024), default: .int(16), "threads for fetching"),
        OptionSpec("on_error", .choice(RunSettings.OnError.allCases.map(\.rawValue)), default: .string("quarantine"), "quarantine: record and go on; stop: end the run"),
        OptionSpec("max_error_rate", .double(0...1), default: .double(0.2), "share of failed documents above which the run exits 1"),
        OptionSpec("checkpoint_interval", .duration, default: .duration(2), "how often a run saves what it has written, to resume after a kill"),
    ]

    private func section(_ name: String, _ root: ConfigNode, _ specs: [OptionSpec], _ errors: inout [ConfigurationError]) -> StageOptions {
        let node = root[name]
        return OptionConversion.options(
            for: node, specs: specs, section: name, stageName: name, base: baseDirectory,
            location: node?.location ?? root.location, errors: &errors)
    }

    private func checkInputs(_ input: InputSpec, node: ConfigNode?, top: SourceLocation) -> [ConfigurationError] {
        if input.isEmpty {
            return [ConfigurationError("no input: give 'input: { paths: [...] }' (or urls, feeds, stdin) or --input", at: node?.location ?? top, key: "input")]
        }
        var errors: [ConfigurationError] = []
        let pathNodes = node?["paths"]?.sequence ?? []
        for (i, path) in input.paths.enumerated() {
            let loc = i < pathNodes.count ? pathNodes[i].location : (node?.location ?? top)
            if InputEnumerator.isGlob(path) {
                if InputEnumerator.expandGlob(path, base: baseDirectory).isEmpty {
                    errors.append(ConfigurationError("input pattern '\(path)' matches no file", at: loc, key: "input.paths"))
                }
            } else {
                let url = path.hasPrefix("file://") ? URL(string: path).map { URL(fileURLWithPath: $0.path) } : resolve(path)
                if url == nil || !FileManager.default.fileExists(atPath: url!.path) {
                    errors.append(ConfigurationError("input '\(path)' does not exist", at: loc, key: "input.paths"))
                }
            }
        }
        for list in input.urlLists where !FileManager.default.fileExists(atPath: resolve(list).path) {
            errors.append(ConfigurationError("URL list '\(list)' does not exist", at: node?["urls"]?.location ?? top, key: "input.urls"))
        }
        for feed in input.feeds where !feed.contains("://") && !FileManager.default.fileExists(atPath: resolve(feed).path) {
            errors.append(ConfigurationError("feed '\(feed)' does not exist", at: node?["feeds"]?.location ?? top, key: "input.feeds"))
        }
        if input.feedWindow != nil, input.feeds.isEmpty {
            errors.append(ConfigurationError("'since' applies to feeds, and no feeds are given", at: node?["since"]?.location ?? top, key: "input.since"))
        }
        return errors
    }

    private func resolve(_ path: String) -> URL {
        let expanded = (path as NSString).expandingTildeInPath
        return expanded.hasPrefix("/") ? URL(fileURLWithPath: expanded) : baseDirectory.appendingPathComponent(expanded)
    }

    /// Why `dir` could not be created or written, or nil if it can.
    static func writeProblem(_ dir: URL) -> String? {
        var candidate = dir.standardizedFileURL
        let fm = FileManager.default
        while true {
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: candidate.path, isDirectory: &isDir) {
                if !isDir.boolValue { return "\(candidate.path) is a file" }
                return access(candidate.path, W_OK | X_OK) == 0 ? nil : "no permission to write in \(candidate.path)"
            }
            let parent = candidate.deletingLastPathComponent()
            if parent.path == candidate.path { return "no existing parent folder" }
            candidate = parent
        }
    }
}
