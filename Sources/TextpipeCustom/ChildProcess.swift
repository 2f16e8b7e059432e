import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What to start: the program, its arguments, its environment and its working folder, all
/// decided when the pipeline is loaded.
struct CommandSpec: Sendable {
    /// The program (an absolute path, found at load time) and its arguments.
    var executable: String
    var arguments: [String]
    var environment: [String: String]
    var workingDirectory: String
    /// How the command is named in messages: `python3 stages/x.py`.
    var display: String
}

/// Why an exchange with a child ended without an answer. After any of these the child is
/// not used again.
enum ChildError: Error {
    case timedOut
    /// The child ended; the status in words ("exited with status 1", "was killed by signal 11").
    case ended(String)
    case replyTooLong(Int)
    /// It wrote more than one line for one document.
    case extraOutput
    case spawnFailed(String)
}

/// One long-lived child process that answers one JSON line with one JSON line.
///
/// Its three standard streams are non-blocking pipes, and an exchange is one `poll` loop that
/// writes the document, reads the answer and drains standard error together, under a
/// deadline: a child may start answering before it has read all of a large record, and one
/// that fills its standard error pipe never blocks us. Each child leads a process group of its
/// own, so a terminal's Ctrl-C reaches only textpipe (which then finishes the documents in
/// flight, children included) and ending the child also ends anything it started.
final class ChildProcess {
    let pid: pid_t
    let index: Int
    private var stdinFD: Int32
    private var stdoutFD: Int32
    private var stderrFD: Int32
    private var pending: [UInt8] = []
    private var errLine: [UInt8] = []
    /// The last non-empty line the child wrote to standard error, for messages.
    private(set) var lastErrorLine = ""
    /// Documents it answered.
    private(set) var answered = 0
    private var reaped = false

    private init(pid: pid_t, index: Int, stdin: Int32, stdout: Int32, stderr: Int32) {
        self.pid = pid
        self.index = index
        stdinFD = stdin
        stdoutFD = stdout
        stderrFD = stderr
    }

    deinit { terminate(grace: 0) }

    static func spawn(_ spec: CommandSpec, index: Int) throws(ChildError) -> ChildProcess {
        // textpipe's command line ignores SIGPIPE already; a library user may not, and a write
        // to a child that died must be an error, not the end of the process.
        _ = ignoreSIGPIPE
        // One spawn at a time: a pipe is made close-on-exec in a second step, and another
        // child started in between would inherit it (and keep our end of its input open).
        spawnLock.lock()
        defer { spawnLock.unlock() }
        var pipes: [[Int32]] = []
        for _ in 0..<3 {
            var fds: [Int32] = [-1, -1]
            guard pipe(&fds) == 0 else {
                for p in pipes { close(p[0]); close(p[1]) }
                throw .spawnFailed("cannot make a pipe: \(String(cString: strerror(errno)))")
            }
            for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
            pipes.append(fds)
        }
        let (inPipe, outPipe, errPipe) = (pipes[0], pipes[1], pipes[2])
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, inPipe[0], 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        SpawnExtensions.closeFrom(&actions, 3)
        SpawnExtensions.changeDirectory(&actions, spec.workingDirectory)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Default signal handling (textpipe ignores SIGPIPE, SIGINT, SIGTERM while it runs,
        // and ignored signals would be inherited), an empty mask, and a group of its own.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for sig in [SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT] { sigaddset(&defaults, sig) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETPGROUP))

        let argv = ([spec.executable] + spec.arguments).map { strdup($0) } + [nil]
        var environment = spec.environment
        environment["TEXTPIPE_CHILD"] = String(index)
        let envp = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for p in argv { free(p) }
            for p in envp { free(p) }
        }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, spec.executable, &actions, &attributes, argv, envp)
        close(inPipe[0])
        close(outPipe[1])
        close(errPipe[1])
        guard status == 0 else {
            close(inPipe[1])
            close(outPipe[0])
            close(errPipe[0])
            throw .spawnFailed("cannot start \(spec.display): \(String(cString: strerror(status)))")
        }
        for fd in [inPipe[1], outPipe[0], errPipe[0]] { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        return ChildProcess(pid: pid, index: index, stdin: inPipe[1], stdout: outPipe[0], stderr: errPipe[0])
    }

    private static let ignoreSIGPIPE: Void = { signal(SIGPIPE, SIG_IGN) }()
    private static let spawnLock = NSLock()

    /// Sends one line and waits for one line back, until `deadline`. Lines the child writes
    /// to standard error meanwhile go to `log`, one at a time.
    func exchange(_ line: [UInt8], deadline: DispatchTime, maxReply: Int, log: (String) -> Void) throws(ChildError) -> [UInt8] {
        var out = line
        out.append(10)
        var written = 0
        while true {
            if let nl = pending.firstIndex(of: 10) {
                let reply = Array(pending[..<nl])
                pending.removeSubrange(...nl)
                guard pending.isEmpty, !readable(stdoutFD) else { throw .extraOutput }
                answered += 1
                return reply
            }
            if pending.count > maxReply { throw .replyTooLong(maxReply) }
            let now = DispatchTime.now()
            guard now < deadline else { throw .timedOut }
            let waitMS = Int32(min(1000, (deadline.uptimeNanoseconds - now.uptimeNanoseconds) / 1_000_000 + 1))
            var fds = [pollfd(fd: stdoutFD, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: stderrFD, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: written < out.count ? stdinFD : -1, events: Int16(POLLOUT), revents: 0)]
            if poll(&fds, 3, waitMS) < 0, errno != EINTR { throw ended(log) }
            if fds[2].revents != 0 {
                let n = out[written...].withUnsafeBytes { write(stdinFD, $0.baseAddress, $0.count) }
                if n > 0 { written += n } else if errno != EAGAIN && errno != EINTR { throw ended(log) }
            }
            if fds[1].revents != 0 { drainStandardError(log) }
            if fds[0].revents != 0 {
                var chunk = [UInt8](repeating: 0, count: 1 << 16)
                let n = chunk.withUnsafeMutableBytes { read(stdoutFD, $0.baseAddress, $0.count) }
                if n > 0 {
                    pending.append(contentsOf: chunk[..<n])
                } else if n == 0 || (errno != EAGAIN && errno != EINTR) {
                    throw ended(log)
                }
            }
        }
    }

    /// The child closed its end: collects its last words on standard error (until that closes
    /// too, briefly) and how it ended.
    private func ended(_ log: (String) -> Void) -> ChildError {
        let until = DispatchTime.now() + .milliseconds(200)
        while stderrFD >= 0, DispatchTime.now() < until {
            var p = pollfd(fd: stderrFD, events: Int16(POLLIN), revents: 0)
            _ = poll(&p, 1, 20)
            drainStandardError(log)
        }
        return .ended(reap(wait: true))
    }

    private func readable(_ fd: Int32) -> Bool {
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&p, 1, 0) > 0 && p.revents & Int16(POLLIN) != 0
    }

    /// Reads what standard error holds now, handing complete lines to `log`.
    private func drainStandardError(_ log: (String) -> Void) {
        guard stderrFD >= 0 else { return }
        var chunk = [UInt8](repeating: 0, count: 1 << 14)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(stderrFD, $0.baseAddress, $0.count) }
            if n <= 0 {
                if n == 0 || (errno != EAGAIN && errno != EINTR) {
                    close(stderrFD)
                    stderrFD = -1
                }
                return
            }
            for b in chunk[..<n] {
                if b == 10 {
                    let text = String(decoding: errLine, as: UTF8.self).trimmingCharacters(in: .whitespaces)
                    if !text.isEmpty {
                        lastErrorLine = String(text.prefix(300))
                        log(text)
                    }
                    errLine.removeAll(keepingCapacity: true)
                } else if errLine.count < 4096 {
                    errLine.append(b)
                }
            }
        }
    }

    /// True when the child wrote something no document asked for.
    var hasUnreadOutput: Bool { !pending.isEmpty || (stdoutFD >= 0 && readable(stdoutFD)) }

    /// True while the process has not ended (it is reaped if it has).
    var isRunning: Bool {
        guard !reaped else { return false }
        var status: Int32 = 0
        if waitpid(pid, &status, WNOHANG) == pid {
            reaped = true
            return false
        }
        return true
    }

    /// Waits for the child to end (briefly: it closed its output, so it is on its way out) and
    /// describes how it ended; kills it if it lingers.
    private func reap(wait: Bool) -> String {
        guard !reaped else { return "ended" }
        var status: Int32 = 0
        let giveUp = DispatchTime.now() + .milliseconds(wait ? 500 : 0)
        while waitpid(pid, &status, WNOHANG) == 0 {
            if DispatchTime.now() > giveUp {
                kill(-pid, SIGKILL)
                kill(pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                reaped = true
                return "closed its output and was killed"
            }
            usleep(2000)
        }
        reaped = true
        if status & 0x7f == 0 { return "exited with status \((status >> 8) & 0xff)" }
        return "was killed by signal \(status & 0x7f)"
    }

    /// Ends the child: closes its input (a well-behaved child exits at end of input), waits up
    /// to `grace` seconds, then sends SIGTERM and, a second later, SIGKILL to its group.
    func terminate(grace: Double) {
        Self.terminate([self], grace: grace)
    }

    /// Ends several children at once, each step for all of them together, so that ending N
    /// stubborn children takes as long as ending one.
    static func terminate(_ children: [ChildProcess], grace: Double) {
        for child in children {
            for fd in [child.stdinFD, child.stdoutFD, child.stderrFD] where fd >= 0 { close(fd) }
            (child.stdinFD, child.stdoutFD, child.stderrFD) = (-1, -1, -1)
        }
        var left = children.filter { !$0.reaped }
        let steps: [(Int32?, Double)] = [(nil, grace), (SIGTERM, 1), (SIGKILL, 5)]
        for (sig, seconds) in steps where !left.isEmpty {
            if let sig {
                for child in left {
                    kill(-child.pid, sig)
                    kill(child.pid, sig)
                }
            }
            let until = DispatchTime.now() + .milliseconds(Int(seconds * 1000))
            repeat {
                left.removeAll { !$0.isRunning }
                if left.isEmpty { return }
                usleep(2000)
            } while DispatchTime.now() < until
        }
    }
}

/// glibc's `posix_spawn_file_actions_addchdir_np` (2.29) and `..._addclosefrom_np` (2.34) are
/// not visible to Swift without `_GNU_SOURCE`, so they are looked up at run time.
enum SpawnExtensions {
    typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    nonisolated(unsafe) private static let handle = dlopen(nil, RTLD_NOW)
    private static let addChdir = dlsym(handle, "posix_spawn_file_actions_addchdir_np").map { unsafeBitCast($0, to: AddChdir.self) }
    private static let addCloseFrom = dlsym(handle, "posix_spawn_file_actions_addclosefrom_np").map { unsafeBitCast($0, to: AddCloseFrom.self) }

    /// True when the C library can start a child in another folder.
    static var canChangeDirectory: Bool { addChdir != nil }

    static func changeDirectory(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ path: String) {
        _ = addChdir?(actions, path)
    }

    /// Closes every descriptor from `fd` up in the child (where the C library can; textpipe's
    /// own descriptors are close-on-exec anyway).
    static func closeFrom(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ fd: Int32) {
        _ = addCloseFrom?(actions, fd)
    }
}
