/// A stage that keeps state across runs (the incremental fetch's ETags and content hashes)
/// which must become durable in step with the run's output.
///
/// The danger it exists for: a stage that saved a document's new state as soon as it had
/// processed it, in a run then killed before the checkpoint that makes the document's output
/// durable, would be trusted by the resumed run ("not modified since") and the document would
/// never be written. So the executor drives such a stage through the same two steps as the
/// output, on its serial writer queue:
///
///     begin(start)            once, after the sink has said what an interrupted run left
///     written(outcome) ...    for every outcome, in input order, after the sink accepted it
///     willCheckpoint()        before each checkpoint of the sink: save what `written` saw,
///                             as provisional (the checkpoint after it may never happen)
///     end(complete:)          after the sink has finished; `complete` means the outputs are
///                             in place, so provisional state may now count
///
/// On `begin`, `start.resume` lists the documents the interrupted run's last checkpoint made
/// durable: provisional state of those is kept, that of any other document is discarded (its
/// document will be processed again). With no resume (a first run, `--fresh`, or a changed
/// pipeline whose old checkpoint was dropped) all provisional state is discarded.
public protocol StatefulStage: Stage {
    func begin(_ start: RunStart) throws
    func written(_ outcome: Outcome)
    func willCheckpoint() throws
    func end(complete: Bool) throws
}

/// What a stateful stage is told when a run begins.
public struct RunStart: Sendable {
    /// `--fresh`: ignore saved state (but save the new one).
    public var fresh: Bool
    /// What the interrupted run's last checkpoint holds, when this run resumes it.
    public var resume: ResumeState?

    public init(fresh: Bool, resume: ResumeState?) {
        self.fresh = fresh
        self.resume = resume
    }
}
