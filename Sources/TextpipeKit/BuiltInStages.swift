import TextpipeCore
import TextpipeFetch
import TextpipeStats
import TextpipeText

/// The stages that ship with textpipe, registered the same way a user registers their own:
///
///     var registry = BuiltInStages.registry
///     registry.register(MyStage.self)
///     TextpipeCLI.main(registry: registry)
public enum BuiltInStages {
    public static let types: [any Stage.Type] = [
        FetchStage.self,
        SentencesStage.self,
        StatsStage.self,
    ]

    public static var registry: StageRegistry { StageRegistry(types) }
}
