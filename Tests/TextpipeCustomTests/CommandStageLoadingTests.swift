import Foundation
import Testing
import TextpipeCore
@testable import TextpipeCustom

/// A command stage is checked when the pipeline loads: its program, its scripts, its fields and
/// its environment, each mistake with a message that says what to do.
struct CommandStageLoadingTests {
    /// (options, a fragment of a message)
    static let mistakes: [(String, String)] = [
        ("{}", "'command' needs 'run': the program and its arguments"),
        ("{ run: [no-such-program-here] }", "the program 'no-such-program-here' is not on the PATH"),
        ("{ run: [./missing.sh] }", "the program ./missing.sh does not exist"),
        ("{ run: [./data.txt] }", "is not executable (chmod +x"),
        ("{ run: [python3, stages/missing.py] }", "the script stages/missing.py does not exist"),
        ("{ run: [cat], changes: [id] }", "'id' is set by textpipe and cannot be changed by a command"),
        ("{ run: [cat], changes: [stats] }", "'stats' is set by textpipe"),
        ("{ run: [cat], changes: [meta.titel] }", "did you mean 'meta.title'?"),
        ("{ run: [cat], changes: [tokens] }", "'tokens' is not a field a command may change"),
        ("{ run: [cat], env: { TEXTPIPE_STAGE: x } }", "'TEXTPIPE_STAGE' cannot be set in 'env'"),
        ("{ run: [cat], env: [A] }", "expects a map such as { MODEL: small }"),
        ("{ run: [cat], pass_env: ['A B'] }", "'A B' in 'pass_env' is not a variable name"),
        ("{ run: [cat], requires: [sentences] }", "stage 'command' requires 'sentences', which no earlier stage provides; no registered stage provides it"),
        ("{ run: [cat], timeout: 0s }", "must be more than 0"),
    ]

    @Test(arguments: mistakes)
    func mistakesGetClearMessages(options: String, expected: String) throws {
        let base = temporaryDirectory()
        try Data("x".utf8).write(to: base.appendingPathComponent("data.txt"))
        let messages = configurationMessages { _ = try loadPipeline("  - text\n  - command: \(options)\n", base: base) }
        #expect(messages.contains { $0.contains(expected) }, "got: \(messages)")
    }

    @Test func declaredFieldsBecomeWhatTheStageProvides() throws {
        let p = try loadPipeline("  - text\n  - command: { run: [cat], changes: [entities, custom.x], requires: [text] }\n"
                                 + "  - command: { run: [cat], requires: [custom.x, entities] }\n")
        #expect(p.stages[1].stage.provides == ["entities", "custom.x"])
        #expect(p.stages[2].stage.requires == ["custom.x", "entities"])
    }

    @Test func loadingStartsNoChild() throws {
        let base = temporaryDirectory()
        try Data("touch started\n".utf8).write(to: base.appendingPathComponent("child.sh"))
        _ = try loadPipeline("  - text\n  - command: { run: [sh, child.sh] }\n", base: base)
        #expect(!FileManager.default.fileExists(atPath: base.appendingPathComponent("started").path))
    }
}
