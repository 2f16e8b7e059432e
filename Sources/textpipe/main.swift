import TextpipeKit

TextpipeCLI.main(registry: BuiltInStages.registry)
