import Foundation
import Logging
import TextpipeCore

/// Up to `size` long-lived children of one command stage, lent to one worker at a time.
///
/// Children start lazily, when a worker needs one and none is idle, so loading or validating a
/// pipeline starts nothing. A child that fails an exchange (crashed, hung, wrote garbage or an
/// answer out of turn) is ended and not returned; the next document starts a fresh one. A child
/// that keeps failing before it has answered anything — a script with a syntax error, a missing
/// module — would be restarted for every document, so after `maxStartFailures` such failures in
/// a row the pool stops starting children and fails documents at once with the last reason.
/// `close` ends every child; the pool can start again afterwards.
final class ChildPool: @unchecked Sendable {
    // Safety: `idle`, `live`, `started`, `startFailures` and `broken` are only touched with
    // `condition` locked; a child is used by one worker at a time (it is either in `idle` or
    // lent out).
    let spec: CommandSpec
    let size: Int
    static let maxStartFailures = 5
    private let condition = NSCondition()
    private var idle: [ChildProcess] = []
    private var live = 0
    private var started = 0
    private var startFailures = 0
    private var broken: String?

    init(spec: CommandSpec, size: Int) {
        self.spec = spec
        self.size = max(1, size)
    }

    deinit { close() }

    /// Lends a child to `body`. `body` returns whether the child may be used again.
    func withChild<T>(logger: Logger, _ body: (ChildProcess) throws -> (T, reusable: Bool)) throws -> T {
        let child = try checkout(logger: logger)
        var reusable = false
        defer { checkin(child, reusable: reusable) }
        let result = try body(child)
        reusable = result.reusable
        return result.0
    }

    private func checkout(logger: Logger) throws -> ChildProcess {
        condition.lock()
        while true {
            if let broken {
                condition.unlock()
                throw DocumentFailure(.crashed, broken)
            }
            if let child = idle.popLast() {
                condition.unlock()
                // A child that ended or wrote out of turn while idle is replaced quietly: no
                // document was in it.
                if child.isRunning, !child.hasUnreadOutput { return child }
                logger.warning("\(spec.display) [\(child.pid)] ended or wrote output while idle; starting another")
                child.terminate(grace: 0)
                condition.lock()
                live -= 1
                continue
            }
            if live < size { break }
            condition.wait()
        }
        live += 1
        let index = started
        started += 1
        condition.unlock()
        do {
            let child = try ChildProcess.spawn(spec, index: index)
            logger.debug("\(spec.display) [\(child.pid)] started")
            return child
        } catch {
            let message: String
            if case .spawnFailed(let m) = error { message = m } else { message = "cannot start \(spec.display)" }
            recordFailure(beforeAnswering: true, message)
            condition.lock()
            live -= 1
            condition.signal()
            condition.unlock()
            throw DocumentFailure(.crashed, message)
        }
    }

    private func checkin(_ child: ChildProcess, reusable: Bool) {
        if !reusable { child.terminate(grace: 0) }
        condition.lock()
        if reusable {
            idle.append(child)
            startFailures = 0
        } else {
            live -= 1
        }
        condition.signal()
        condition.unlock()
    }

    /// Counts a child that failed; one that failed before answering anything counts toward
    /// giving up on the command.
    func recordFailure(beforeAnswering: Bool, _ message: String) {
        condition.lock()
        defer { condition.unlock() }
        guard beforeAnswering else {
            startFailures = 0
            return
        }
        startFailures += 1
        if startFailures >= Self.maxStartFailures {
            broken = "\(spec.display) failed \(startFailures) times in a row before answering any document, "
                + "so it is not started again in this run; the last time: \(message)"
        }
    }

    /// Ends every idle child (children lent out are ended when they come back); lets the pool
    /// start afresh on the next document.
    func close() {
        condition.lock()
        let children = idle
        idle = []
        live -= children.count
        broken = nil
        startFailures = 0
        condition.unlock()
        ChildProcess.terminate(children, grace: 2)
    }
}
