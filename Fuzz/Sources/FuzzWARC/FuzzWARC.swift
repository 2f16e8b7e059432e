import FuzzSupport
import TextpipeGzip
import TextpipeWARC

/// Fuzzes the WARC reader (records, then documents: HTTP heads, chunking, content coding) on
/// arbitrary bytes in the three layouts it reads: as they are (a plain file, or gzip if they
/// start like it), compressed as one gzip stream, and cut before each "WARC/" into one gzip
/// member per piece, as Common Crawl writes. Whatever the bytes, the reader must end, keep
/// within its limits, and report places that lie inside the file in order.
let options: WARCReadOptions = {
    var o = WARCReadOptions()
    o.maxRecordBytes = 64 * 1024
    o.maxHeaderBytes = 1024
    // Small buffers, so that short inputs cross their boundaries as long files do.
    o.bufferBytes = 2048
    o.maxDecompressedBytes = 1 << 20
    return o
}()

func check(_ file: [UInt8]) {
    var results = 0
    var last = (0, 0)
    let reader = WARCReader(source: MemoryByteSource(file), name: "fuzz", options: options)
    let entries = WARCDocuments(reader: reader)
    for entry in entries {
        results += 1
        require(results <= file.count + 1, "more results (\(results)) than bytes (\(file.count))")
        let location: WARCLocation
        switch entry {
        case .document(let d):
            location = d.location
            require(d.payload.count <= options.maxDecompressedBytes || d.http == nil, "payload over max_decompressed_bytes")
            require(d.http != nil || d.payload.count <= options.maxRecordBytes, "resource block over max_record_bytes")
        case .skipped(let s): location = s.location
        case .failure(let f): location = f.location
        }
        require(location.offset >= 0 && location.offset <= file.count, "offset \(location.offset) outside a file of \(file.count) bytes")
        let here = (location.offset, location.offsetInMember)
        require(here >= last, "location \(here) before the previous one \(last)")
        last = here
    }
    // The same bytes as records, checking the block limit.
    for result in WARCReader(source: MemoryByteSource(file), name: "fuzz", options: options) {
        if case .success(let r) = result {
            require(r.block.count <= options.maxRecordBytes && r.block.count <= r.contentLength, "block of \(r.block.count) bytes")
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWARC(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = FuzzTarget.bytes(data, size)
    check(bytes)
    check(Gzip.compress([bytes]))
    var members: [UInt8] = []
    var start = 0
    let magic = Array("WARC/".utf8)
    var i = 1
    while i + magic.count <= bytes.count {
        if bytes[i..<(i + magic.count)].elementsEqual(magic) {
            members += Gzip.compress([Array(bytes[start..<i])])
            start = i
        }
        i += 1
    }
    members += Gzip.compress([Array(bytes[start...])])
    check(members)
    return 0
}

@_cdecl("FuzzWARC_main")
public func fuzzWARCMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    FuzzTarget.run(argc, argv, fuzzWARC)
}
