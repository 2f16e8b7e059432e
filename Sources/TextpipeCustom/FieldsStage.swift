import TextpipeCore

/// `fields`: chooses which fields of each document record are written, and under what names.
///
///     - fields:
///         keep:   [id, source, meta.title, meta.published, text, entities, custom]
///         drop:   [custom.debug]
///         rename: { text: body, meta.published: meta.date }
///
/// The three options apply in that order (keep, then drop, then rename), each naming fields as
/// they stand when it runs: a top-level field (`text`), or one inside `meta`, `http`,
/// `duplicate`, `stats` or `custom` (`meta.title`, `custom.quotes`). A nested field is renamed
/// within its parent. `id` is always written under its own name: streaming, resuming and
/// merging rely on it.
///
/// It changes the output only: stages after it still see every field. Its steps become part of
/// the pipeline's `RecordShape`, which the executor applies as it writes each record, so
/// leaving out a large field (`paragraphs`, `text`) also saves the time of writing it.
public struct FieldsStage: RecordShapingStage {
    public static let description = StageDescription(
        name: "fields",
        summary: "keep, drop or rename fields of the output records (applied as records are written)",
        options: [
            OptionSpec("keep", .list(.string), "write only these fields (id is always kept)"),
            OptionSpec("drop", .list(.string), default: .list([]), "leave these fields out"),
            OptionSpec("rename", .structured("map of field: new name"), "write fields under new names"),
        ])

    public let shapeSteps: [RecordShape.Step]

    /// Parents whose children may be named, and the children they have (nil: any name).
    static let parents: [String: Set<String>?] = {
        var out: [String: Set<String>?] = ["custom": nil]
        for path in RecordShape.builtInPaths {
            guard let dot = path.firstIndex(of: ".") else { continue }
            let parent = String(path[..<dot])
            var children = (out[parent] ?? nil) ?? []
            children.insert(String(path[path.index(after: dot)...]))
            out[parent] = children
        }
        return out
    }()

    public init(options: StageOptions, context: LoadContext) throws {
        var steps: [RecordShape.Step] = []
        var errors: [ConfigurationError] = []
        if case .list = options["keep"] {
            let keep = options.strings("keep")
            for path in keep { if let e = Self.check(path, option: "keep", options) { errors.append(e) } }
            steps.append(.keep(Set(keep + ["id"])))
        }
        let drop = options.strings("drop")
        for path in drop {
            if let e = Self.check(path, option: "drop", options) { errors.append(e) }
            if path == "id" { errors.append(options.error("'id' is always written: streaming, resuming and merging rely on it", key: "drop")) }
        }
        if !drop.isEmpty { steps.append(.drop(Set(drop))) }
        var renames: [String: String] = [:]
        if let node = options.node("rename") {
            guard let pairs = node.mapping else {
                throw options.error("option 'fields.rename' expects a map such as { text: body }, found \(node.kindName)", key: "rename")
            }
            for (old, location, value) in pairs {
                let at = ConfigurationError("", at: location, key: "fields.rename.\(old)")
                guard let new = value.scalar, !value.isNull, !new.isEmpty else {
                    errors.append(Self.located("the new name for '\(old)' must be a name", at)); continue
                }
                if let e = Self.check(old, option: "rename", options) { errors.append(Self.located(e.message, at)); continue }
                if old == "id" { errors.append(Self.located("'id' is always written as 'id': streaming, resuming and merging rely on it", at)); continue }
                switch (old.split(separator: ".", maxSplits: 1).map(String.init), new.split(separator: ".", maxSplits: 1).map(String.init)) {
                case let (o, n) where o.count == 1 && n.count == 1:
                    renames[old] = new
                case let (o, n) where o.count == 2 && n.count == 1:
                    renames[old] = o[0] + "." + n[0]
                case let (o, n) where o.count == 2 && n.count == 2 && o[0] == n[0]:
                    renames[old] = new
                default:
                    errors.append(Self.located("'\(old)' can only be renamed within its parent (a nested field stays nested, a top-level one top-level)", at))
                }
            }
        }
        if !renames.isEmpty { steps.append(.rename(renames)) }
        if steps.isEmpty { errors.append(options.error("'fields' needs at least one of keep, drop or rename")) }
        if let clash = Self.clash(RecordShape(steps)) {
            errors.append(options.error("two fields would be written as '\(clash)'", key: renames.isEmpty ? nil : "rename"))
        }
        if !errors.isEmpty { throw ConfigurationErrors(errors) }
        shapeSteps = steps
    }

    public func process(_ document: inout Document, context: StageContext) throws {}

    /// An error for a path that names no field, with a suggestion for a near miss.
    static func check(_ path: String, option: String, _ options: StageOptions) -> ConfigurationError? {
        let parts = path.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        if parts.count == 1 {
            if Document.outputFields.contains(path) { return nil }
            return unknown(path, option, options, candidates: Document.outputFields)
        }
        guard let children = parents[parts[0]] else {
            return unknown(path, option, options, candidates: parents.keys.map { $0 + "." + parts[1] })
        }
        guard !parts[1].isEmpty, !parts[1].contains(".") else {
            return options.error("'\(path)' in '\(option)' names a field more than two levels deep", key: option)
        }
        if let children, !children.contains(parts[1]) {
            return unknown(path, option, options, candidates: children.map { parts[0] + "." + $0 })
        }
        return nil
    }

    static func unknown(_ path: String, _ option: String, _ options: StageOptions, candidates: [String]) -> ConfigurationError {
        var e = options.error("'\(path)' in '\(option)' is not a field of the record", key: option)
        e.suggestion = closestMatch(to: path, in: candidates.sorted())
        return e
    }

    static func located(_ message: String, _ at: ConfigurationError) -> ConfigurationError {
        ConfigurationError(message, at: at.location, key: at.key)
    }

    /// The first output name that two built-in fields of one level would share.
    static func clash(_ shape: RecordShape) -> String? {
        var seen: Set<String> = []
        for path in RecordShape.builtInPaths {
            guard let out = shape.outputPath(path) else { continue }
            if !seen.insert(out).inserted { return out }
        }
        return nil
    }
}
