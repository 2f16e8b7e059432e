import Foundation
import Testing

/// What the command line tells about itself: the values an option takes in `--help`, shell
/// completion scripts that offer them, and a clear error for a value it does not take.
struct CompletionTests {
    static let levels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]

    @Test(arguments: ["run", "stream"])
    func helpListsTheLogLevels(command: String) throws {
        let r = try Binary.run([command, "--help"])
        #expect(r.status == 0)
        let help = r.stdout.replacingOccurrences(of: "\n", with: " ").split(separator: " ").joined(separator: " ")
        #expect(help.contains(Self.levels.joined(separator: ", ")), "\(r.stdout)")
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func completionOffersTheLogLevels(shell: String) throws {
        let r = try Binary.run(["--generate-completion-script", shell])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("log-level"))
        for level in Self.levels { #expect(r.stdout.contains(level), "\(shell): no \(level)") }
    }

    @Test func anUnknownLevelIsBadUsage() throws {
        let r = try Binary.run(["run", "Pipelines/news.yaml", "--log-level", "loud", "--output", temporaryDirectory().path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("loud") && r.stderr.contains("critical"), "\(r.stderr)")
    }
}
