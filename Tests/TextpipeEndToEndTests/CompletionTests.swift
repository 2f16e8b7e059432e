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
        // Each value on a line of its own, with what it means.
        let listed = r.stdout.split(separator: "\n").compactMap { line -> String? in
            let words = line.split(separator: " ")
            return words.count > 2 && words[1] == "-" ? String(words[0]) : nil
        }
        #expect(listed == Self.levels, "\(r.stdout)")
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func completionOffersTheLogLevels(shell: String) throws {
        let r = try Binary.run(["--generate-completion-script", shell])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("log-level"))
        for level in Self.levels { #expect(r.stdout.contains(level), "\(shell): no \(level)") }
    }

    /// The man page (swift-argument-parser's generate-manual) is written from this description.
    @Test func theDescriptionTheManPageIsMadeFromListsTheLevels() throws {
        let r = try Binary.run(["--experimental-dump-help"])
        #expect(r.status == 0)
        let dump = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let run = try #require(((dump["command"] as? [String: Any])?["subcommands"] as? [[String: Any]])?.first { $0["commandName"] as? String == "run" })
        let option = try #require((run["arguments"] as? [[String: Any]])?.first { ($0["names"] as? [[String: Any]])?.contains { $0["name"] as? String == "log-level" } == true })
        #expect(option["allValues"] as? [String] == Self.levels, "\(option)")
    }

    @Test func anUnknownLevelIsBadUsage() throws {
        let r = try Binary.run(["run", "Pipelines/news.yaml", "--log-level", "loud", "--output", temporaryDirectory().path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("loud") && r.stderr.contains("critical"), "\(r.stderr)")
    }
}
