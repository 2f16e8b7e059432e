import TextpipeCore

/// Passes outcomes on to another sink and pulls a trigger after a number of them, as a signal
/// would: the test modules of the executor, the stats stage and fetching all stop runs midway
/// to check that the resumed run gives what one uninterrupted run gives.
public final class StoppingSink: RecordSink {
    let inner: RecordSink
    let after: Int
    let trigger: () -> Void
    var seen = 0

    public init(_ inner: RecordSink, after: Int, trigger: @escaping () -> Void) {
        self.inner = inner
        self.after = after
        self.trigger = trigger
    }

    public var outputDirectory: OutputDirectory? { inner.outputDirectory }
    public func resumeState() throws -> ResumeState? { try inner.resumeState() }
    public func accept(_ outcome: Outcome) throws {
        try inner.accept(outcome)
        seen += 1
        if seen == after { trigger() }
    }
    public func checkpoint(counts: RunCounts, partials: [String: [UInt8]]) throws {
        try inner.checkpoint(counts: counts, partials: partials)
    }
    public func finish(report: RunReport, complete: Bool) throws { try inner.finish(report: report, complete: complete) }
}
