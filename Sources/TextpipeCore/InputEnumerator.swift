import Foundation

/// Turns the `input` section into the ordered list of sources a run reads: files in sorted
/// order (folders recursively), glob matches, the lines of URL lists, and the article URLs of
/// feeds. Sources are short strings, so even a million of them fit in memory; that gives the
/// progress line its total.
public struct InputEnumerator: Sendable {
    /// Extensions read from folders and globs (each may also end in .gz).
    public static let extensions: Set<String> = ["html", "htm", "xhtml", "txt", "md", "text", "markdown"]

    public var baseDirectory: URL
    /// Expands `feeds:`; the core cannot read XML or fetch, so the command line passes one in.
    public var feedReader: (any FeedReading)?
    /// The run's start, from which `since:` counts back.
    public var now: Date

    public init(baseDirectory: URL, feedReader: (any FeedReading)? = nil, now: Date = Date()) {
        self.baseDirectory = baseDirectory
        self.feedReader = feedReader
        self.now = now
    }

    /// All sources, in input order, without duplicates; a feed that cannot be read throws.
    public func sources(_ input: InputSpec) throws -> [String] {
        try items(input).map { item in
            if let f = item.failure { throw InputError("feed \(f.source): \(f.message)") }
            return item.document.source
        }
    }

    /// All inputs, in input order, without duplicates: an item per source, and in the place of
    /// a feed that cannot be read an item that goes straight to errors.jsonl (stage "input",
    /// the kind the feed reader gave), so that one dead feed neither stops the batch nor
    /// disappears from it.
    public func items(_ input: InputSpec) throws -> [InputItem] {
        var out: [InputItem] = []
        var seen: Set<String> = []
        func add(_ s: String) {
            if seen.insert(s).inserted { out.append(InputItem(source: s)) }
        }
        func excluded(_ path: String) -> Bool {
            let name = (path as NSString).lastPathComponent
            return input.exclude.contains { fnmatch($0, name, 0) == 0 || fnmatch($0, path, 0) == 0 }
        }
        for path in input.paths {
            if Self.isGlob(path) {
                for p in Self.expandGlob(path, base: baseDirectory) where !excluded(p) { add(p) }
            } else if path.hasPrefix("file://"), let url = URL(string: path) {
                for p in files(under: url.path, display: url.path) where p == url.path || !excluded(p) { add(p) }
            } else {
                // A file named directly is read even if it matches an exclusion.
                for p in files(under: resolve(path).path, display: path) where p == path || !excluded(p) { add(p) }
            }
        }
        for list in input.urlLists {
            let url = resolve(list)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw InputError("cannot read the URL list \(list)")
            }
            for line in String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline) {
                let entry = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
                    .trimmingCharacters(in: .whitespaces)
                if !entry.isEmpty { add(entry) }
            }
        }
        if !input.feeds.isEmpty {
            guard let feedReader else { throw InputError("this textpipe cannot read feeds (no feed reader is built in)") }
            let since = input.feedWindow.map { now.addingTimeInterval(-$0) }
            for feed in input.feeds {
                let location = feed.contains("://") ? feed : resolve(feed).path
                do {
                    for url in try feedReader.articleURLs(feed: location, since: since) { add(url) }
                } catch {
                    guard seen.insert(feed).inserted else { continue }
                    let f = error as? DocumentFailure ?? DocumentFailure(.input, "\(error)")
                    let id = StableHash.documentID(source: feed)
                    out.append(InputItem(document: Document(id: id, source: feed), failure: FailureRecord(
                        id: id, source: feed, stage: "input", kind: f.kind.rawValue, message: "feed: \(f.message)")))
                }
            }
        }
        for s in input.sources { add(s) }
        return out
    }

    private func resolve(_ path: String) -> URL {
        let expanded = (path as NSString).expandingTildeInPath
        return expanded.hasPrefix("/") ? URL(fileURLWithPath: expanded) : baseDirectory.appendingPathComponent(expanded)
    }

    /// A file as given, or the readable files under a folder, sorted, shown relative to how the
    /// folder was named.
    private func files(under absolute: String, display: String) -> [String] {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDir) else { return [display] }
        guard isDir.boolValue else { return [display] }
        let prefix = display.hasSuffix("/") ? display : display + "/"
        var out: [String] = []
        walk(absolute, relative: "") { rel in out.append(prefix + rel) }
        return out
    }

    private func walk(_ dir: String, relative: String, _ visit: (String) -> Void) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return }
        for name in names.sorted() where !name.hasPrefix(".") {
            let path = dir + "/" + name
            let rel = relative.isEmpty ? name : relative + "/" + name
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { continue }
            if isDir.boolValue {
                walk(path, relative: rel, visit)
            } else if Self.isReadable(name: name) {
                visit(rel)
            }
        }
    }

    /// Whether a folder walk picks up a file of this name.
    public static func isReadable(name: String) -> Bool {
        var n = name.lowercased()
        if n.hasSuffix(".gz") { n.removeLast(3) }
        guard let dot = n.lastIndex(of: ".") else { return false }
        return extensions.contains(String(n[n.index(after: dot)...]))
    }

    public static func isGlob(_ path: String) -> Bool {
        path.contains("*") || path.contains("?") || path.contains("[")
    }

    /// Expands a glob: `*` and `?` within a name, `**` across folders. Matches are sorted.
    public static func expandGlob(_ pattern: String, base: URL) -> [String] {
        let parts = pattern.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let firstWild = parts.firstIndex(where: isGlob) ?? parts.count
        let fixed = parts[..<firstWild].joined(separator: "/")
        let root = pattern.hasPrefix("/") ? (fixed.isEmpty ? "/" : fixed)
            : (fixed.isEmpty ? base.path : base.appendingPathComponent(fixed).path)
        let rest = Array(parts[firstWild...])
        var out: [String] = []
        let display = fixed.isEmpty ? "" : fixed + "/"
        match(rest, in: root, display: display, into: &out)
        return out.sorted()
    }

    private static func match(_ rest: [String], in dir: String, display: String, into out: inout [String]) {
        guard let head = rest.first else { return }
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: dir) else { return }
        let tail = Array(rest.dropFirst())
        if head == "**" {
            match(tail, in: dir, display: display, into: &out)
            for name in names.sorted() where !name.hasPrefix(".") {
                var isDir: ObjCBool = false
                if fm.fileExists(atPath: dir + "/" + name, isDirectory: &isDir), isDir.boolValue {
                    match(rest, in: dir + "/" + name, display: display + name + "/", into: &out)
                }
            }
            return
        }
        for name in names.sorted() where !name.hasPrefix(".") && fnmatch(head, name, 0) == 0 {
            var isDir: ObjCBool = false
            let path = dir + "/" + name
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else { continue }
            if tail.isEmpty {
                if !isDir.boolValue { out.append(display + name) }
            } else if isDir.boolValue {
                match(tail, in: path, display: display + name + "/", into: &out)
            }
        }
    }
}

/// An input that cannot be listed (an unreadable URL list, say): stops the run with code 3.
public struct InputError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Reads a feed (RSS, Atom, a sitemap or sitemap index; a file path or a URL) into the URLs
/// of its articles, in the feed's order, keeping entries dated at or after `since` (and
/// undated ones). A feed that cannot be read throws, preferably a `DocumentFailure` whose
/// kind says why (`http_5xx`, `parse`, ...); it becomes the feed's record in errors.jsonl.
public protocol FeedReading: Sendable {
    func articleURLs(feed: String, since: Date?) throws -> [String]
}
