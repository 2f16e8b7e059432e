import Foundation
import TextpipeWARC

// Drives TextpipeWARC from a process of its own.
//
//   textpipe-warc-harness records FILE...     reads every record, its block whole
//   textpipe-warc-harness documents FILE...   the pipeline's view: HTTP parsed, payloads decoded
//       Both print one JSON line: what was read and the CPU time of the reading loop (this
//       process's CPU clock, startup excluded), for Benchmarks/bench-warc.
//   textpipe-warc-harness write DIR           four threads archive exchanges into DIR until the
//       process is killed, printing "N" once exchange N is written, for the kill -9 test.

func cpuSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}

func read(mode: String, files: [String]) {
    var records = 0, documents = 0, skipped = 0, failures = 0, bytes = 0
    let start = cpuSeconds()
    if mode == "records" {
        for file in files {
            for result in WARCReader(path: file) {
                records += 1
                switch result {
                case .success(let record): bytes += record.block.count
                case .failure: failures += 1
                }
            }
        }
    } else {
        for entry in WARCDocuments(paths: files) {
            records += 1
            switch entry {
            case .document(let d):
                documents += 1
                bytes += d.payload.count
            case .skipped: skipped += 1
            case .failure: failures += 1
            }
        }
    }
    let cpu = cpuSeconds() - start
    print("{\"records\": \(records), \"documents\": \(documents), \"skipped\": \(skipped), \"failures\": \(failures), "
          + "\"bytes\": \(bytes), \"cpu_seconds\": \(cpu)}")
}

/// Writes until killed; the page bodies vary in size so that members end at many offsets.
func write(into directory: String) throws -> Never {
    var settings = WARCWriterSettings(directory: directory)
    settings.maxFileBytes = 500_000
    let writer = try WARCWriter(settings: settings)
    let counter = NSLock()
    nonisolated(unsafe) var next = 0
    DispatchQueue.concurrentPerform(iterations: 4) { _ in
        while true {
            counter.lock()
            let n = next
            next += 1
            counter.unlock()
            let body = Array(("<html><body><p>Page \(n). " + String(repeating: "Some words. ", count: 50 + n % 700) + "</p></body></html>").utf8)
            let exchange = HTTPExchange(
                url: "https://example.com/page/\(n)", date: Date(),
                request: HTTPRequestHead(target: "/page/\(n)", headers: HeaderFields([HeaderField("Host", "example.com")])),
                response: HTTPResponseHead(status: 200, reason: "OK", headers: HeaderFields([HeaderField("Content-Type", "text/html")])),
                body: body)
            do {
                try writer.write(exchange)
            } catch {
                FileHandle.standardError.write("write failed: \(error)\n".data(using: .utf8)!)
                exit(1)
            }
            // Unbuffered, so that what the parent reads is what was finished before the kill.
            FileHandle.standardOutput.write("\(n)\n".data(using: .utf8)!)
        }
    }
    exit(0)
}

let arguments = Array(CommandLine.arguments.dropFirst())
if let mode = arguments.first, mode == "records" || mode == "documents", arguments.count > 1 {
    read(mode: mode, files: Array(arguments.dropFirst()))
} else if arguments.first == "write", arguments.count == 2 {
    try write(into: arguments[1])
} else {
    FileHandle.standardError.write("usage: textpipe-warc-harness records|documents FILE... | write DIR\n".data(using: .utf8)!)
    exit(2)
}
