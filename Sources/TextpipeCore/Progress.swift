import Foundation

/// Receives progress from the executor's writer queue.
public protocol ProgressReporter: AnyObject, Sendable {
    func start(total: Int?)
    func update(done: Int, failed: Int)
    func finish()
}

/// One line on a terminal, rewritten in place at most a few times a second:
/// "textpipe: 1,204/20,000 docs  311 docs/s  ETA 54s  3 failed". Silent when stderr is not a
/// terminal (cron), where the summary at the end is what gets mailed.
///
/// The line is redrawn with a carriage return and an escape sequence that clears the rest of
/// it; a terminal that cannot take escape sequences (`TERM=dumb` or unset, as Emacs' shell
/// and some CI consoles) or a user who asked for plain output (`NO_COLOR` set and not empty:
/// the line has no colour, so plain means no escape sequences at all) gets the carriage
/// return only, with spaces over what is left of a longer line before.
public final class TerminalProgress: ProgressReporter, @unchecked Sendable {
    // Safety: called only from the executor's serial writer queue.
    public enum Style: Sendable, Equatable {
        case off, plain, ansi

        /// The style for standard error in this environment.
        public init(isTerminal: Bool = isatty(STDERR_FILENO) == 1,
                    environment: [String: String] = ProcessInfo.processInfo.environment) {
            if !isTerminal {
                self = .off
            } else if (environment["TERM"] ?? "dumb") == "dumb" || !(environment["NO_COLOR"] ?? "").isEmpty {
                self = .plain
            } else {
                self = .ansi
            }
        }
    }

    private var total: Int?
    private var started = DispatchTime.now()
    private var lastPrint = DispatchTime.now()
    /// Characters of the line on screen (0: none).
    private var shown = 0
    private let style: Style
    private let write: @Sendable (String) -> Void

    public init(style: Style = Style(),
                write: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }) {
        self.style = style
        self.write = write
    }

    public func start(total: Int?) {
        self.total = total
        started = DispatchTime.now()
    }

    public func update(done: Int, failed: Int) {
        guard style != .off else { return }
        let now = DispatchTime.now()
        guard now.uptimeNanoseconds - lastPrint.uptimeNanoseconds > 200_000_000 || done == total else { return }
        lastPrint = now
        let seconds = Double(now.uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        let rate = seconds > 0 ? Double(done) / seconds : 0
        var line = "textpipe: \(done)"
        if let total { line += "/\(total)" }
        line += " docs  \(Int(rate.rounded())) docs/s"
        if let total, rate > 0, done < total {
            line += "  ETA \(Duration.describe(seconds: (Double(total - done) / rate).rounded()))"
        }
        if failed > 0 { line += "  \(failed) failed" }
        let width = line.count
        if style == .ansi {
            write("\r\u{1B}[K" + line)
        } else {
            write("\r" + line + String(repeating: " ", count: max(0, shown - width)))
        }
        shown = max(width, 1)
    }

    public func finish() {
        guard shown > 0 else { return }
        write(style == .ansi ? "\r\u{1B}[K" : "\r" + String(repeating: " ", count: shown) + "\r")
        shown = 0
    }
}
