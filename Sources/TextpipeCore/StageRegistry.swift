/// Maps stage names to stage types. It is a value that is passed in, not a global: the
/// command line builds one with the built-in stages (`TextpipeKit.builtInStages`), a user's
/// package adds its own to it in exactly the same way, and a test builds one with only what it
/// needs.
public struct StageRegistry: Sendable {
    public private(set) var stages: [String: any Stage.Type] = [:]
    /// Names in registration order, for listings.
    public private(set) var names: [String] = []

    public init() {}

    public init(_ types: [any Stage.Type]) {
        for t in types { register(t) }
    }

    /// Adds a stage type; a later registration under the same name replaces the earlier one,
    /// so a user can swap a built-in stage for their own.
    public mutating func register(_ type: any Stage.Type) {
        let name = type.description.name
        if stages[name] == nil { names.append(name) }
        stages[name] = type
    }

    public subscript(name: String) -> (any Stage.Type)? { stages[name] }
}
