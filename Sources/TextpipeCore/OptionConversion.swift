import Foundation

/// Reads YAML nodes into typed option values, with errors that point at the node.
enum OptionConversion {
    static func convert(_ node: ConfigNode, to kind: OptionKind, key: String, base: URL) throws -> OptionValue {
        func wrong(_ expected: String) -> ConfigurationError {
            let found = node.scalar.map { "'\($0)'" } ?? node.kindName
            return ConfigurationError("option '\(key)' expects \(expected), found \(found)", at: node.location, key: key)
        }
        switch kind {
        case .structured:
            return .node(node)
        case .list(let itemKind):
            // A single value where a list is expected is read as a list of one.
            guard let items = node.sequence else {
                if node.scalar != nil, !node.isNull {
                    return .list([try convert(node, to: itemKind, key: key, base: base)])
                }
                throw wrong("a list of \(itemKind)")
            }
            return .list(try items.enumerated().map { i, item in
                try convert(item, to: itemKind, key: "\(key)[\(i)]", base: base)
            })
        default:
            break
        }
        guard case .scalar(let text, let plain) = node.value else { throw wrong(kind.description) }
        switch kind {
        case .string:
            return .string(text)
        case .int(let range):
            guard plain, let n = Int(text.replacingOccurrences(of: "_", with: "")) else {
                if plain, Double(text) != nil || text.allSatisfy(\.isNumber) {
                    throw ConfigurationError("option '\(key)' is out of range: \(text.prefix(40)) (allowed \(range.lowerBound)...\(range.upperBound))", at: node.location, key: key)
                }
                throw wrong("an integer")
            }
            guard range.contains(n) else {
                throw ConfigurationError("option '\(key)' must be within \(range.lowerBound)...\(range.upperBound), found \(n)", at: node.location, key: key)
            }
            return .int(n)
        case .double(let range):
            guard plain, let d = Double(text), d.isFinite else { throw wrong("a number") }
            guard range.contains(d) else {
                throw ConfigurationError("option '\(key)' must be within \(range.lowerBound)...\(range.upperBound), found \(text)", at: node.location, key: key)
            }
            return .double(d)
        case .bool:
            switch text.lowercased() {
            case "true", "yes", "on": return .bool(true)
            case "false", "no", "off": return .bool(false)
            default: throw wrong("true or false")
            }
        case .duration:
            guard let s = Duration.parse(text) else { throw wrong("a duration such as 30s, 500ms or 2m, at most 100 years") }
            return .duration(s)
        case .byteSize:
            guard let n = ByteSize.parse(text) else { throw wrong("a size such as 10MB or 512KiB") }
            return .bytes(n)
        case .choice(let values):
            guard values.contains(text) else {
                throw ConfigurationError(
                    "option '\(key)' must be one of \(values.joined(separator: ", ")), found '\(text)'",
                    at: node.location, key: key, suggestion: closestMatch(to: text, in: values))
            }
            return .string(text)
        case .path(let mustExist):
            guard !text.isEmpty else { throw wrong("a path") }
            if mustExist {
                let expanded = (text as NSString).expandingTildeInPath
                let url = expanded.hasPrefix("/") ? URL(fileURLWithPath: expanded) : base.appendingPathComponent(expanded)
                if !FileManager.default.fileExists(atPath: url.path) {
                    throw ConfigurationError("option '\(key)' names a file that does not exist: \(text)", at: node.location, key: key)
                }
            }
            return .string(text)
        case .list, .structured:
            fatalError("handled above")
        }
    }

    /// Validates a mapping against specs: unknown keys (with suggestions), types, defaults.
    static func options(
        for node: ConfigNode?, specs: [OptionSpec], section: String, stageName: String,
        base: URL, location: SourceLocation, errors: inout [ConfigurationError]
    ) -> StageOptions {
        var options = StageOptions(stageName: stageName, location: location, baseDirectory: base)
        for spec in specs { options.values[spec.name] = spec.defaultValue }
        guard let node, !node.isNull else { return options }
        guard let pairs = node.mapping else {
            errors.append(ConfigurationError("'\(section)' expects a map of options, found \(node.kindName)", at: node.location, key: section))
            return options
        }
        for (key, keyLocation, value) in pairs {
            guard let spec = specs.first(where: { $0.name == key }) else {
                let known = specs.map(\.name)
                let what = known.isEmpty ? "'\(section)' takes no options" : "known: \(known.joined(separator: ", "))"
                errors.append(ConfigurationError(
                    "unknown option '\(key)' for '\(section)' (\(what))", at: keyLocation,
                    key: "\(section).\(key)", suggestion: closestMatch(to: key, in: known)))
                continue
            }
            options.locations[key] = value.location
            if value.isNull { continue }
            do {
                options.values[key] = try convert(value, to: spec.kind, key: "\(section).\(key)", base: base)
            } catch let e as ConfigurationError {
                errors.append(e)
            } catch {
                errors.append(ConfigurationError("\(error)", at: value.location, key: "\(section).\(key)"))
            }
        }
        return options
    }
}
