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
public final class TerminalProgress: ProgressReporter, @unchecked Sendable {
    // Safety: called only from the executor's serial writer queue.
    private var total: Int?
    private var started = DispatchTime.now()
    private var lastPrint = DispatchTime.now()
    private var printed = false
    private let enabled: Bool

    public init(enabled: Bool = isatty(STDERR_FILENO) == 1) {
        self.enabled = enabled
    }

    public func start(total: Int?) {
        self.total = total
        started = DispatchTime.now()
    }

    public func update(done: Int, failed: Int) {
        guard enabled else { return }
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
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
        printed = true
    }

    public func finish() {
        if printed { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
