import Foundation
import Testing
@testable import TextpipeCore

/// The progress line follows the terminal conventions: nothing when standard error is not a
/// terminal, no escape sequences for a terminal that cannot take them (TERM=dumb or unset, as
/// in Emacs' shell) or a user who asked for plain output (NO_COLOR, when set and not empty).
struct ProgressStyleTests {
    @Test(arguments: [
        (false, ["TERM": "xterm-256color"], TerminalProgress.Style.off),
        (true, ["TERM": "xterm-256color"], .ansi),
        (true, ["TERM": "dumb"], .plain),
        (true, [:], .plain),
        (true, ["TERM": "xterm", "NO_COLOR": "1"], .plain),
        (true, ["TERM": "xterm", "NO_COLOR": ""], .ansi),
        (false, ["TERM": "dumb", "NO_COLOR": "1"], .off),
    ])
    func styleFromTheEnvironment(isTerminal: Bool, environment: [String: String], style: TerminalProgress.Style) {
        #expect(TerminalProgress.Style(isTerminal: isTerminal, environment: environment) == style)
    }

    final class Collected: @unchecked Sendable {
        var text = ""
    }

    func output(_ style: TerminalProgress.Style) -> String {
        let collected = Collected()
        let progress = TerminalProgress(style: style) { collected.text += $0 }
        progress.start(total: 20)
        progress.update(done: 20, failed: 2)
        progress.finish()
        return collected.text
    }

    @Test func plainHasNoEscapeSequences() {
        let text = output(.plain)
        #expect(text.contains("textpipe: 20/20 docs"))
        #expect(text.contains("2 failed"))
        #expect(!text.contains("\u{1B}"), "\(text.debugDescription)")
        // The line is erased by overwriting it with spaces.
        #expect(text.hasSuffix("\r" + String(repeating: " ", count: text.split(separator: "\r")[0].count) + "\r"), "\(text.debugDescription)")
    }

    @Test func ansiErasesWithEscapeSequences() {
        #expect(output(.ansi).hasPrefix("\r\u{1B}[K"))
        #expect(output(.off).isEmpty)
    }
}
