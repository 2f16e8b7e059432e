import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a program as a child and measures it: exit status, wall time, and the child's own peak
/// resident memory. `Process` cannot report the last, and `getrusage(RUSAGE_CHILDREN)` mixes
/// in every other child the test process has waited for (tests run in parallel), so the child
/// is started with `posix_spawn` and reaped with `wait4`, which returns that one child's usage.
///
/// The program runs through `/bin/sh` so that a test can set limits first (`ulimit -f` for a
/// disk that fills up); `exec` keeps the pid, so the usage is the program's. A run that
/// exceeds `timeout` is killed and reported as timed out: a hang fails the test instead of
/// blocking the suite.
struct MeasuredRun {
    var status: Int32
    /// The signal that ended the process, if one did.
    var signal: Int32?
    var timedOut: Bool
    /// Peak resident set size in KiB (Linux reports ru_maxrss in KiB).
    var peakKiB: Int
    var seconds: Double
    var stdout: String
    var stderr: String

    /// Runs `executable arguments...` in `directory`; `shellPrefix` runs first in the same shell
    /// (e.g. `ulimit -f 64; trap '' XFSZ;`).
    static func run(_ executable: URL, _ arguments: [String], in directory: URL, shellPrefix: String = "",
                    timeout: Double) throws -> MeasuredRun {
        let outURL = directory.appendingPathComponent(".stdout-\(UUID().uuidString)")
        let errURL = directory.appendingPathComponent(".stderr-\(UUID().uuidString)")
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outURL.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errURL.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

        let script = "cd \"$1\" || exit 126; shift; \(shellPrefix) exec \"$@\""
        let argv = ["/bin/sh", "-c", script, "sh", directory.path, executable.path] + arguments
        var cArgs = argv.map { strdup($0) } + [nil]
        defer { for p in cArgs { free(p) } }
        var pid: pid_t = 0
        let started = Date()
        let rc = posix_spawn(&pid, "/bin/sh", &actions, nil, &cArgs, environ)
        guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .EIO) }

        var status: Int32 = 0
        var usage = rusage()
        var timedOut = false
        while true {
            let r = wait4(pid, &status, WNOHANG, &usage)
            if r == pid { break }
            if r < 0, errno != EINTR { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            if !timedOut, Date().timeIntervalSince(started) > timeout {
                timedOut = true
                kill(pid, SIGKILL)
            }
            usleep(20_000)
        }
        let seconds = Date().timeIntervalSince(started)
        // WIFEXITED / WTERMSIG by hand: the macros are not imported into Swift.
        let termination = status & 0x7F
        return MeasuredRun(
            status: termination == 0 ? (status >> 8) & 0xFF : 128 + termination,
            signal: termination == 0 ? nil : termination,
            timedOut: timedOut,
            peakKiB: Int(usage.ru_maxrss),
            seconds: seconds,
            stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
    }
}
