import Foundation
import TextpipeCore

/// Politeness per host: at most `perHost` requests to one host at a time, and request starts
/// to one host at least `delay` seconds apart (the larger of the stage's `delay` and the
/// host's robots.txt Crawl-delay). The global limit is the executor's I/O pool
/// (`run.io_workers`): one request per thread.
///
/// A thread waits here for its turn; the wait counts against the document's stage deadline,
/// and a document whose turn would come after its deadline fails with kind `timeout` at once
/// instead of holding a thread.
final class HostGate: @unchecked Sendable {
    // Safety: `active` and `nextStart` are only touched with `condition` locked.
    private let condition = NSCondition()
    private var active: [String: Int] = [:]
    /// Earliest start of the next request, in monotonic seconds, per host.
    private var nextStart: [String: Double] = [:]
    let perHost: Int

    init(perHost: Int) {
        self.perHost = max(1, perHost)
    }

    static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

    /// Waits for a slot for `host` and for its delay, then takes the slot; `leave` gives it back.
    func enter(host: String, delay: Double, deadline: DispatchTime) throws {
        let limit = Double(deadline.uptimeNanoseconds) / 1e9
        condition.lock()
        defer { condition.unlock() }
        while true {
            let now = Self.now()
            let earliest = nextStart[host] ?? 0
            if active[host, default: 0] < perHost, now >= earliest {
                active[host, default: 0] += 1
                nextStart[host] = now + delay
                return
            }
            if active[host, default: 0] < perHost, earliest > limit {
                throw DocumentFailure(.timeout, "\(host) may be asked again only in \(Int(earliest - now)) s (delay \(delay) s), after this document's deadline")
            }
            if now >= limit {
                throw DocumentFailure(.timeout, "waited for a turn at \(host) until the document's deadline")
            }
            let wake = active[host, default: 0] < perHost ? min(earliest, limit) : limit
            _ = condition.wait(until: Date(timeIntervalSinceNow: max(0.001, wake - now)))
        }
    }

    func leave(host: String) {
        condition.lock()
        active[host, default: 1] -= 1
        if active[host] == 0 { active[host] = nil }
        condition.broadcast()
        condition.unlock()
    }
}

/// When to try again after a timeout, a 5xx or a 429.
enum Backoff {
    /// Exponential with full jitter around the middle: `base * 2^attempt`, times 0.5 to 1.5,
    /// at most `cap`.
    static func delay(attempt: Int, base: Double, cap: Double, random: Double = Double.random(in: 0..<1)) -> Double {
        min(cap, base * pow(2, Double(attempt)) * (0.5 + random))
    }

    /// Seconds a `Retry-After` header asks for: a number of seconds or an HTTP date.
    static func retryAfter(_ value: String, now: Date = Date()) -> Double? {
        let v = value.trimmingCharacters(in: .whitespaces)
        if let s = Int(v), s >= 0 { return Double(s) }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "GMT")
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
            f.dateFormat = format
            if let d = f.date(from: v) { return max(0, d.timeIntervalSince(now)) }
        }
        return nil
    }
}
