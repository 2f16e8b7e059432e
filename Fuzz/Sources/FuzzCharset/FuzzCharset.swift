import FuzzSupport
import TextpipeMarkup

/// Fuzzes the charset decision and the transcoders: whatever the bytes and whatever the
/// transport claims, the decided charset is one we can decode, and decoding gives valid UTF-8.
/// Every decoder is also run on the bytes directly (a lying label picks any of them), and the
/// label readers on the bytes as text.
let declared: [String?] = [nil, "utf-8", "windows-1252", "shift_jis", "utf-16", "utf-16be", "gbk", "x-unknown"]
let every = ["utf-8", "utf-16le", "utf-16be", "shift_jis", "euc-jp", "gb18030", "big5", "euc-kr"] + SingleByteCharset.names

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCharset(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    var bytes = FuzzTarget.bytes(data, size)
    guard let selector = bytes.first else { return 0 }
    bytes.removeFirst()
    let decision = CharsetDetector.decide(bytes, declared: declared[Int(selector) & 7], isXML: selector & 8 != 0)
    require(Charset.canonicalName(decision.charset) == decision.charset, "decided a non-canonical charset \(decision)")
    guard let utf8 = Transcoder.transcode(bytes, from: decision.charset) else {
        require(false, "decided \(decision), which cannot be decoded")
        return 0
    }
    Invariants.utf8(utf8, "transcoded \(decision)")
    let other = every[Int(selector >> 4) % every.count]
    if let out = Transcoder.transcode(bytes, from: other) { Invariants.utf8(out, "transcoded from \(other)") }
    Invariants.utf8(Transcoder.repairUTF8(bytes), "repaired UTF-8")
    let text = String(decoding: bytes, as: UTF8.self)
    if let label = Charset.label(fromContentType: text) { _ = Charset.canonicalName(label) }
    return 0
}

@_cdecl("FuzzCharset_main")
public func fuzzCharsetMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    FuzzTarget.run(argc, argv, fuzzCharset)
}
