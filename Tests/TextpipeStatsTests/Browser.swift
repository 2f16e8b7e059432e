import Foundation

/// Headless Chromium for the report tests: finds the binary, runs it with a time limit.
///
/// Tests that need it skip, saying why, when it is absent; with TEXTPIPE_REQUIRE_INTEGRATION=1
/// (as CI sets it) its absence is a failure instead. `.ci/run` installs Debian's `chromium`.
enum Browser {
    static let required = ProcessInfo.processInfo.environment["TEXTPIPE_REQUIRE_INTEGRATION"] == "1"

    /// The browser binary: $TEXTPIPE_CHROMIUM, else the first of chromium, chromium-browser,
    /// google-chrome on the PATH.
    static let path: String? = {
        let env = ProcessInfo.processInfo.environment
        if let p = env["TEXTPIPE_CHROMIUM"], FileManager.default.isExecutableFile(atPath: p) { return p }
        let dirs = (env["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for dir in dirs where FileManager.default.isExecutableFile(atPath: dir + "/" + name) { return dir + "/" + name }
        }
        return nil
    }()

    /// Whether browser tests run: when the browser is here, or when its absence must fail.
    static var shouldRun: Bool { path != nil || required }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs the browser headless on `page` with extra arguments; returns standard output.
    static func run(_ arguments: [String], page: URL, timeout: TimeInterval = 90) throws -> String {
        guard let path else {
            throw Failure(description: "headless Chromium is required (TEXTPIPE_REQUIRE_INTEGRATION=1) but not installed: apt-get install chromium")
        }
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("textpipe-chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--mute-audio",
                       "--no-first-run", "--disable-extensions", "--force-device-scale-factor=1",
                       "--user-data-dir=\(profile.path)"] + arguments + [page.absoluteString]
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        nonisolated(unsafe) var output = Data()
        nonisolated(unsafe) var errors = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { output = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter()
        DispatchQueue.global().async { errors = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        let deadline = Date().addingTimeInterval(timeout)
        while p.isRunning, Date() < deadline { usleep(50_000) }
        if p.isRunning {
            p.terminate()
            p.waitUntilExit()
            throw Failure(description: "Chromium did not finish within \(Int(timeout)) s")
        }
        group.wait()
        guard p.terminationStatus == 0 else {
            throw Failure(description: "Chromium exited with \(p.terminationStatus): \(String(decoding: errors.suffix(2000), as: UTF8.self))")
        }
        return String(decoding: output, as: UTF8.self)
    }
}
