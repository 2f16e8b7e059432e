import Yams

/// A YAML node with the place it came from, so that every later complaint can point at a line.
/// The loader turns Yams' tree into these once; nothing else in textpipe sees Yams.
public struct ConfigNode: Sendable {
    public enum Value: Sendable {
        /// `plain` is false for quoted scalars: `"2"` is a string, `2` a number.
        case scalar(String, plain: Bool)
        case sequence([ConfigNode])
        case mapping([(key: String, keyLocation: SourceLocation, value: ConfigNode)])
    }

    public var value: Value
    public var location: SourceLocation

    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }

    public var isNull: Bool {
        if case .scalar(let s, plain: true) = value { return s.isEmpty || s == "~" || s == "null" || s == "Null" || s == "NULL" }
        return false
    }

    /// A short name for the node's kind, for messages ("expected a list, found a string").
    public var kindName: String {
        switch value {
        case .scalar: return isNull ? "nothing" : "a value"
        case .sequence: return "a list"
        case .mapping: return "a map"
        }
    }

    public var scalar: String? {
        if case .scalar(let s, _) = value { return s }
        return nil
    }

    public var sequence: [ConfigNode]? {
        if case .sequence(let items) = value { return items }
        return nil
    }

    public var mapping: [(key: String, keyLocation: SourceLocation, value: ConfigNode)]? {
        if case .mapping(let pairs) = value { return pairs }
        return nil
    }

    public subscript(key: String) -> ConfigNode? {
        mapping?.first(where: { $0.key == key })?.value
    }
}

extension ConfigNode {
    /// Limits that keep a hostile pipeline file from exhausting memory or the stack.
    static let maxBytes = 1 << 20
    static let maxNodes = 100_000
    static let maxDepth = 64

    /// Parses YAML text into a node tree, or throws a located `ConfigurationError`.
    public static func parse(yaml: String, file: String) throws -> ConfigNode {
        if yaml.utf8.count > maxBytes {
            throw ConfigurationError("the pipeline file is larger than \(maxBytes / 1024) KiB", at: SourceLocation(file: file, line: 0, column: 0))
        }
        try checkNesting(yaml, file: file)
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw ConfigurationError(describe(error), at: location(of: error, file: file))
        } catch {
            throw ConfigurationError("cannot read YAML: \(error)", at: SourceLocation(file: file, line: 0, column: 0))
        }
        guard let node else {
            throw ConfigurationError("the pipeline file is empty", at: SourceLocation(file: file, line: 1, column: 1))
        }
        var budget = maxNodes
        return try convert(node, file: file, depth: 0, budget: &budget)
    }

    /// Rejects flow or block nesting deeper than `maxDepth` before the recursive composer sees it.
    private static func checkNesting(_ yaml: String, file: String) throws {
        var depth = 0, line = 1, column = 0
        var quote: UInt8? = nil
        var lineIndent = 0, inIndent = true
        for b in yaml.utf8 {
            column += 1
            if b == 10 { line += 1; column = 0; inIndent = true; lineIndent = 0; quote = nil; continue }
            if inIndent {
                if b == 32 || b == UInt8(ascii: "-") { lineIndent += 1; continue }
                inIndent = false
                if lineIndent / 2 > maxDepth {
                    throw ConfigurationError("the pipeline file nests deeper than \(maxDepth) levels", at: SourceLocation(file: file, line: line, column: column))
                }
            }
            if let q = quote {
                if b == q { quote = nil }
                continue
            }
            switch b {
            case UInt8(ascii: "\""), UInt8(ascii: "'"): quote = b
            case UInt8(ascii: "#"): quote = 10  // comment: skip to the end of the line
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > maxDepth {
                    throw ConfigurationError("the pipeline file nests deeper than \(maxDepth) levels", at: SourceLocation(file: file, line: line, column: column))
                }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth = max(0, depth - 1)
            default: break
            }
        }
    }

    private static func convert(_ node: Node, file: String, depth: Int, budget: inout Int) throws -> ConfigNode {
        let loc = SourceLocation(file: file, line: node.mark?.line ?? 0, column: node.mark?.column ?? 0)
        budget -= 1
        if budget < 0 || depth > maxDepth {
            // Aliases can make a small file expand exponentially ("billion laughs").
            throw ConfigurationError("the pipeline file expands to more than \(maxNodes) values (alias bomb?)", at: loc)
        }
        switch node {
        case .scalar(let s):
            return ConfigNode(.scalar(s.string, plain: s.style == .plain), at: loc)
        case .sequence(let seq):
            var items: [ConfigNode] = []
            for item in seq {
                items.append(try convert(item, file: file, depth: depth + 1, budget: &budget))
            }
            return ConfigNode(.sequence(items), at: loc)
        case .mapping(let map):
            var pairs: [(key: String, keyLocation: SourceLocation, value: ConfigNode)] = []
            for (k, v) in map {
                let keyLoc = SourceLocation(file: file, line: k.mark?.line ?? 0, column: k.mark?.column ?? 0)
                guard case .scalar(let ks) = k else {
                    throw ConfigurationError("a key must be a plain name", at: keyLoc)
                }
                if pairs.contains(where: { $0.key == ks.string }) {
                    throw ConfigurationError("duplicate key '\(ks.string)'", at: keyLoc, key: ks.string)
                }
                pairs.append((ks.string, keyLoc, try convert(v, file: file, depth: depth + 1, budget: &budget)))
            }
            return ConfigNode(.mapping(pairs), at: loc)
        case .alias:
            throw ConfigurationError("unresolved YAML alias", at: loc)
        }
    }

    private static func describe(_ error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _):
            return "invalid YAML: \(problem)" + (context.map { " \($0.text)" } ?? "")
        case .composer(let context, let problem, _, _):
            return "invalid YAML: \(problem)" + (context.map { " \($0.text)" } ?? "")
        default:
            return "invalid YAML: \(error)"
        }
    }

    private static func location(of error: YamlError, file: String) -> SourceLocation {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return SourceLocation(file: file, line: mark.line, column: mark.column)
        default:
            return SourceLocation(file: file, line: 0, column: 0)
        }
    }
}
