import TextpipeClean
import TextpipeCore
import TextpipeCustom
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
        CleanStage.self,
        SentencesStage.self,
        StatsStage.self,
        // Stages users configure or bring (TextpipeCustom).
        FilterStage.self,
        KeywordsStage.self,
        FieldsStage.self,
        CommandStage.self,
    ]

    public static var registry: StageRegistry { StageRegistry(types) }
}
