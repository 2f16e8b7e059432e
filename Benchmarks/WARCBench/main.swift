import Foundation
import TextpipeWARC

// Reads WARC files with TextpipeWARC and prints one JSON line of what it read and the CPU
// time it took, for Benchmarks/bench-warc to compare with warcio and FastWARC.
//
//   textpipe-warc-bench records FILE...     every record, its block read whole
//   textpipe-warc-bench documents FILE...   the pipeline's view: HTTP parsed, payloads decoded
//
// CPU time is this process's CPU clock (user + system) around the reading loop (startup excluded),
// as the Python side measures its own loop.

func cpuSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}

let arguments = CommandLine.arguments.dropFirst()
guard let mode = arguments.first, ["records", "documents"].contains(mode), arguments.count > 1 else {
    FileHandle.standardError.write("usage: textpipe-warc-bench records|documents FILE...\n".data(using: .utf8)!)
    exit(2)
}
let files = Array(arguments.dropFirst())
var records = 0, documents = 0, skipped = 0, failures = 0, bytes = 0
let start = cpuSeconds()
let wall = Date()
if mode == "records" {
    for file in files {
        for result in WARCReader(path: file) {
            switch result {
            case .success(let record):
                records += 1
                bytes += record.block.count
            case .failure:
                failures += 1
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
      + "\"bytes\": \(bytes), \"cpu_seconds\": \(cpu), \"wall_seconds\": \(Date().timeIntervalSince(wall))}")
