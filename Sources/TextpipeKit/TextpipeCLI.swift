import ArgumentParser
import Foundation
import Logging
import TextpipeCore

/// The `textpipe` command line, as a library: a user's package that registers its own stages
/// calls `TextpipeCLI.main(registry:)` and gets an executable with every built-in command.
///
/// Exit codes: 0 success; 1 the run finished but more documents failed than
/// `max_error_rate` allows; 2 bad usage or a bad pipeline file; 3 an I/O failure stopped the
/// run; 130/143 stopped by SIGINT/SIGTERM (resumable).
public struct TextpipeCLI: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "textpipe",
        abstract: "A batch text-processing pipeline for news web pages.",
        discussion: """
            Cleans HTML down to the article and its metadata, splits sentences and tokens, tags \
            named entities and computes corpus statistics, in stages chained by a YAML pipeline file.
            """,
        version: TextpipeVersion.current,
        subcommands: [
            RunCommand.self, ValidateCommand.self, StagesCommand.self, StreamCommand.self,
            StatsCommand.self, ReportCommand.self, EvalCommand.self, TrainCommand.self,
        ],
        defaultSubcommand: nil)

    public init() {}

    /// The stage registry the commands use. Set once by `main(registry:)` before any command
    /// runs; ArgumentParser builds commands itself, so it cannot be handed to them directly.
    nonisolated(unsafe) static var registry = StageRegistry()

    public static func main(registry: StageRegistry) {
        Self.registry = registry
        signal(SIGPIPE, SIG_IGN)  // a closed pipe is an error on write, handled where it happens
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let exit as CommandExit {
            if !exit.message.isEmpty { FileHandle.standardError.write(Data((exit.message + "\n").utf8)) }
            Foundation.exit(exit.code)
        } catch let e as ConfigurationError {
            FileHandle.standardError.write(Data("textpipe: \(e)\n".utf8))
            Foundation.exit(2)
        } catch let e as ConfigurationErrors {
            for error in e.errors { FileHandle.standardError.write(Data("textpipe: \(error)\n".utf8)) }
            Foundation.exit(2)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            // ArgumentParser's usage errors become exit 2, as documented.
            Foundation.exit(code == .validationFailure || code.rawValue == 64 ? 2 : code.rawValue)
        }
    }
}

/// Ends a command with an exit code and a message for standard error.
struct CommandExit: Error {
    var code: Int32
    var message: String
}

/// Options every command that loads a pipeline shares.
struct LoggingOptions: ParsableArguments {
    @Option(name: .long, help: "How much to log on standard error.")
    var logLevel: LogLevel = .info

    func makeLogger() -> Logger {
        LoggingBootstrap.once(level: logLevel.level)
        var logger = Logger(label: "textpipe")
        logger.logLevel = logLevel.level
        return logger
    }
}

/// swift-log's levels as the command line takes them: as an enumeration with a description
/// per value, ArgumentParser lists them in `--help` and the man page, offers them in shell
/// completion and names them when one is wrong.
enum LogLevel: String, CaseIterable, ExpressibleByArgument {
    case trace, debug, info, notice, warning, error, critical

    var level: Logger.Level { Logger.Level(rawValue: rawValue)! }

    var defaultValueDescription: String {
        switch self {
        case .trace: return "the most detail"
        case .debug: return "details for finding a problem"
        case .info: return "what the run does"
        case .notice: return "what is worth noting"
        case .warning: return "problems that did not stop the run"
        case .error: return "failures"
        case .critical: return "failures that stop the run"
        }
    }
}

enum LoggingBootstrap {
    nonisolated(unsafe) private static var done = false
    static func once(level: Logger.Level) {
        guard !done else { return }
        done = true
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}
