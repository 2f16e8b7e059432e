import Foundation

/// A fixed number of threads taking jobs from one queue.
///
/// Dispatch's `concurrentPerform` runs at most one iteration per core, and the global queues
/// grow without a fixed bound when jobs block; a pipeline needs exactly `workers` CPU threads
/// and a separate, wider set of threads that may block on the network. So each pool owns its
/// threads and a FIFO guarded by a condition variable.
final class WorkerPool: @unchecked Sendable {
    // Safety: `jobs` and `closed` are only touched with `condition` locked.
    private let condition = NSCondition()
    private var jobs: [(Int) -> Void] = []
    private var head = 0
    private var closed = false
    private var threads: [Thread] = []
    private let finished = DispatchGroup()

    /// Starts `count` threads; each job receives the index of the thread running it.
    init(name: String, count: Int, stackSize: Int = 8 << 20) {
        for index in 0..<max(1, count) {
            finished.enter()
            let thread = Thread { [unowned self] in
                self.loop(index)
                self.finished.leave()
            }
            thread.name = "\(name)-\(index)"
            thread.stackSize = stackSize
            threads.append(thread)
            thread.start()
        }
    }

    func submit(_ job: @escaping (Int) -> Void) {
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Lets the threads finish the queued jobs, then waits for them to exit.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
        finished.wait()
    }

    private func loop(_ index: Int) {
        while true {
            condition.lock()
            while head == jobs.count && !closed { condition.wait() }
            if head == jobs.count {
                condition.unlock()
                return
            }
            let job = jobs[head]
            head += 1
            if head > 1024 && head * 2 > jobs.count {
                jobs.removeFirst(head)
                head = 0
            }
            condition.unlock()
            job(index)
        }
    }
}
