import Foundation

extension PipelineLoader {
    /// One entry of `stages:` as read from the file, built when its options allowed.
    struct StageEntry {
        var index: Int
        var name: String
        var location: SourceLocation
        var stage: (any Stage)?
        var requires: [String]
        var provides: [String]
    }

    /// Reads the `stages:` list in two passes: first every entry is parsed and its stage built
    /// from its options (so that a stage whose options decide what it reads or writes, such as
    /// `filter` or `command`, can say so); then the chain is checked for requirements, which
    /// lets a message name the stage that provides a missing field even when it comes later.
    /// `recordsIn`: documents come from JSON Lines, which may be whole records of an earlier
    /// run (`textpipe stream a.yaml | textpipe stream b.yaml`), so the record's fields count
    /// as provided; the fields the chain then expects from its input are returned beside the
    /// stages, for the input to check line by line (`JSONLinesInput`).
    func loadStages(_ node: ConfigNode?, top: SourceLocation, output: URL, limits: Limits,
                    recordsIn: Bool = false, errors: inout [ConfigurationError]) -> ([ConfiguredStage], fromInput: [String]) {
        guard let node else {
            errors.append(ConfigurationError("missing 'stages': a list such as [fetch, clean, sentences]", at: top, key: "stages"))
            return ([], [])
        }
        guard let items = node.sequence, !items.isEmpty else {
            errors.append(ConfigurationError("'stages' expects a non-empty list of stages", at: node.location, key: "stages"))
            return ([], [])
        }
        var entries: [StageEntry] = []
        var built = true
        for (index, item) in items.enumerated() {
            // `- clean` and `- clean: {}` are the same.
            let name: String, nameLocation: SourceLocation, optionsNode: ConfigNode?
            if let s = item.scalar, !item.isNull {
                (name, nameLocation, optionsNode) = (s, item.location, nil)
            } else if let pairs = item.mapping, pairs.count == 1 {
                (name, nameLocation, optionsNode) = (pairs[0].key, pairs[0].keyLocation, pairs[0].value)
            } else {
                errors.append(ConfigurationError("each stage is a one-key map 'name: {options}'", at: item.location, key: "stages[\(index)]"))
                built = false
                continue
            }
            guard let type = registry[name] else {
                let suggestion = closestMatch(to: name, in: registry.names)
                errors.append(ConfigurationError("unknown stage '\(name)'", at: nameLocation, key: "stages[\(index)]",
                                                 suggestion: suggestion))
                built = false
                // A likely typo stands in for the stage it names, so that the stages after it
                // do not also report its fields as missing.
                if let suggestion, let meant = registry[suggestion] {
                    entries.append(StageEntry(index: index, name: name, location: nameLocation, stage: nil,
                                              requires: [], provides: meant.description.provides))
                }
                continue
            }
            let description = type.description
            var entry = StageEntry(index: index, name: name, location: nameLocation, stage: nil,
                                   requires: description.requires, provides: description.provides)
            var optionErrors: [ConfigurationError] = []
            let options = OptionConversion.options(
                for: optionsNode, specs: description.options, section: name, stageName: name,
                base: baseDirectory, location: nameLocation, errors: &optionErrors)
            errors += optionErrors
            if optionErrors.isEmpty {
                let context = LoadContext(baseDirectory: baseDirectory, outputDirectory: output, limits: limits,
                                          previousStages: entries.map(\.name))
                do {
                    let stage = try type.init(options: options, context: context)
                    entry.stage = stage
                    entry.requires = stage.requires
                    entry.provides = stage.provides
                } catch let e as ConfigurationError {
                    errors.append(e)
                } catch let e as ConfigurationErrors {
                    errors += e.errors
                } catch {
                    errors.append(ConfigurationError("stage '\(name)' cannot start: \(error)", at: nameLocation, key: "stages[\(index)]"))
                }
            }
            if entry.stage == nil { built = false }
            entries.append(entry)
        }
        errors += StageDependencies.check(entries, registry: registry,
                                          initial: recordsIn ? StageDependencies.inRecords : StageDependencies.initial)
        guard built else { return ([], []) }
        return (entries.map { ConfiguredStage(name: $0.name, stage: $0.stage!, location: $0.location) },
                recordsIn ? StageDependencies.fromInput(entries) : [])
    }
}

/// Checks that every stage finds the fields it reads in an earlier stage, and says how to fix
/// the chain when it does not: move the stage that provides the field up, or add one.
///
/// Field names are dotted paths: a requirement of `meta.language` is met by a stage that
/// provides `meta`, and a requirement of `custom` by one that provides `custom.quotes`.
/// Every document starts with `id` and `source`; one read from JSON Lines may carry every field
/// of a record but `tokens`.
enum StageDependencies {
    static let initial = ["id", "source"]
    /// What a JSON Lines input may carry: a whole document record (tokens are never written).
    static let inRecords = initial + ["content", "fetched", "http", "meta", "text", "paragraphs", "sentences",
                                      "entities", "duplicate", "custom"]

    static func satisfies(_ provided: String, _ required: String) -> Bool {
        provided == required || required.hasPrefix(provided + ".") || provided.hasPrefix(required + ".")
    }

    /// The fields that stages read and no earlier stage provides: what each input must bring.
    static func fromInput(_ entries: [PipelineLoader.StageEntry]) -> [String] {
        var provided = initial, needed: [String] = []
        for entry in entries {
            for requirement in entry.requires where !provided.contains(where: { satisfies($0, requirement) }) {
                if !needed.contains(requirement) { needed.append(requirement) }
            }
            provided += entry.provides
        }
        return needed
    }

    static func check(_ entries: [PipelineLoader.StageEntry], registry: StageRegistry,
                      initial: [String] = initial) -> [ConfigurationError] {
        var errors: [ConfigurationError] = []
        var provided = initial
        for (position, entry) in entries.enumerated() {
            // Missing fields grouped by the fix, so that one misplaced stage is one message:
            // "requires 'sentences' and 'tokens' ... 'sentences' provides them but comes after".
            var byFix: [(fix: String, fields: [String])] = []
            for requirement in entry.requires where !provided.contains(where: { satisfies($0, requirement) }) {
                let fix: String
                if let later = entries[(position + 1)...].first(where: { $0.provides.contains { satisfies($0, requirement) } }) {
                    fix = "'\(later.name)' (stages[\(later.index)], line \(later.location.line)) provides {it} but comes after: move it before '\(entry.name)'"
                } else {
                    let who = registry.names.filter { name in
                        registry[name]!.description.provides.contains { satisfies($0, requirement) }
                    }
                    fix = who.isEmpty ? "no registered stage provides {it}" : "add \(who.map { "'\($0)'" }.joined(separator: " or ")) before it"
                }
                if let i = byFix.firstIndex(where: { $0.fix == fix }) { byFix[i].fields.append(requirement) } else { byFix.append((fix, [requirement])) }
            }
            for (fix, fields) in byFix {
                let names = fields.map { "'\($0)'" }
                let list = names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " and " + names.last!
                let message = "stage '\(entry.name)' requires \(list), which no earlier stage provides; "
                    + fix.replacingOccurrences(of: "{it}", with: fields.count == 1 ? "it" : "them")
                errors.append(ConfigurationError(message, at: entry.location, key: "stages[\(entry.index)]"))
            }
            provided += entry.provides
        }
        return errors
    }
}
