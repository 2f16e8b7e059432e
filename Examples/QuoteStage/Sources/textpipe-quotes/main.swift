import Quotes
import TextpipeKit

// Every built-in stage, plus `quotes`: `textpipe-quotes run|validate|stages|stream ...`.
var registry = BuiltInStages.registry
registry.register(QuoteStage.self)
TextpipeCLI.main(registry: registry)
