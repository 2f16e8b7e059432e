/// Which fields of a document record are written, and under what names.
///
/// The record's layout is fixed by `Document.writeJSON`; a shape only filters and renames on
/// the way out, so stages later in the chain still see every field of the `Document`. A shape
/// is a list of steps applied in order — keep, drop, rename — each naming fields by their
/// current (possibly already renamed) name, as a dotted path of at most two levels: `text`,
/// `meta.title`, `stats.words`, `custom.quotes`. Pipelines get one from their
/// `RecordShapingStage`s (the `fields` stage), combined in chain order.
///
/// The names of the built-in fields are resolved once, when the shape is built; names under
/// `custom` are open-ended and resolved as they are met (a few set lookups per key).
public struct RecordShape: Sendable, Equatable {
    public enum Step: Sendable, Equatable {
        /// Keeps only these paths: a top-level name keeps the field whole, `meta.title` keeps
        /// `meta` with only `title` in it.
        case keep(Set<String>)
        case drop(Set<String>)
        /// Old path to new path; a nested field keeps its parent (`meta.title` -> `meta.headline`).
        case rename([String: String])
    }

    public private(set) var steps: [Step] = []
    /// Resolved output names of the built-in fields; nil for a field left out.
    private var builtIn: [String: String?] = [:]

    /// The empty shape: every field as it is.
    public init() {}

    public init(_ steps: [Step]) {
        for step in steps { append(step) }
    }

    public var isIdentity: Bool { steps.isEmpty }

    /// Paths of the record's built-in fields, nested ones included (custom keys are open).
    public static let builtInPaths: [String] = {
        var paths = Document.outputFields
        paths += ["status", "content_type", "etag", "last_modified", "final_url"].map { "http." + $0 }
        paths += ["title", "author", "published", "site", "language", "canonical_url", "description", "sources"].map { "meta." + $0 }
        paths += ["simhash", "of", "distance"].map { "duplicate." + $0 }
        paths += ["chars", "words", "sentences", "entities"].map { "stats." + $0 }
        return paths
    }()

    public mutating func append(_ step: Step) {
        steps.append(step)
        var table: [String: String?] = [:]
        for path in Self.builtInPaths { table[path] = outputPath(path) }
        builtIn = table
    }

    /// The output name of a top-level field, or nil when it is left out.
    @inline(__always)
    public func name(_ field: String) -> String? {
        if steps.isEmpty { return field }
        if let known = builtIn[field] { return known }
        return outputPath(field)
    }

    /// The output name (last component) of `parent.field`, or nil when it is left out. The
    /// parent's own name comes from `name(_:)`.
    @inline(__always)
    public func name(_ field: String, in parent: String) -> String? {
        if steps.isEmpty { return field }
        let path = parent + "." + field
        let out = builtIn[path] ?? outputPath(path)
        return out.map { String($0[$0.index(after: $0.firstIndex(of: ".")!)...]) }
    }

    /// Runs the steps over one original path; returns the final path, or nil if left out.
    public func outputPath(_ path: String) -> String? {
        var top = path, sub: String?
        if let dot = path.firstIndex(of: ".") {
            top = String(path[..<dot])
            sub = String(path[path.index(after: dot)...])
        }
        for step in steps {
            let current = sub.map { top + "." + $0 } ?? top
            switch step {
            case .drop(let set):
                if set.contains(top) || set.contains(current) { return nil }
            case .keep(let set):
                if set.contains(top) || set.contains(current) { continue }
                // A parent stays when one of its children is kept.
                if sub == nil, set.contains(where: { $0.hasPrefix(top + ".") }) { continue }
                return nil
            case .rename(let map):
                // A nested field is renamed within its parent: `meta.title` -> `meta.headline`.
                if sub != nil, let renamed = map[current], let dot = renamed.firstIndex(of: ".") {
                    sub = String(renamed[renamed.index(after: dot)...])
                }
                if let renamed = map[top] { top = renamed }
            }
        }
        return sub.map { top + "." + $0 } ?? top
    }
}

/// A stage that changes which fields of the record are written (the `fields` stage). Its steps
/// apply to the output only, after the whole chain has run, in the stage's place among the
/// other shaping stages.
public protocol RecordShapingStage: Stage {
    var shapeSteps: [RecordShape.Step] { get }
}

extension RecordShape {
    /// The shape of a chain: the steps of its shaping stages, in order.
    public static func combined(_ stages: [any Stage]) -> RecordShape {
        RecordShape(stages.compactMap { $0 as? any RecordShapingStage }.flatMap(\.shapeSteps))
    }
}
