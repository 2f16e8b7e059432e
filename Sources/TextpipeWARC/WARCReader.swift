import TextpipeGzip

/// What the WARC reader keeps and accepts. The defaults match the pipeline's `limits:`
/// (`max_bytes`, `max_decompressed_bytes`), which phase 2 passes in.
public struct WARCReadOptions: Sendable {
    /// Block bytes kept per record; a longer block is read through, cut here and marked
    /// truncated (`WARCTruncation.limit`), never held whole.
    public var maxRecordBytes = 10_000_000
    /// Bytes of an HTTP payload after undoing its Content-Encoding.
    public var maxDecompressedBytes = 50_000_000
    /// Bytes of one record's WARC header; a longer one is corrupt data.
    public var maxHeaderBytes = 256 * 1024
    /// Bytes of each of the reader's two buffers (compressed input, decompressed window); at
    /// least twice `maxHeaderBytes`. Small ones are for tests and fuzzing, which then cross
    /// buffer boundaries often.
    public var bufferBytes = 1 << 20
    /// Media types of payloads that become documents ("type/*" and "*/*" allowed); the
    /// same default as the fetch stage's `content_types`.
    public var documentTypes = ["text/html", "application/xhtml+xml", "text/plain", "text/markdown"]

    public init() {}
}

/// Reads the records of one WARC file (WARC/1.0, 1.1 and older), front to back, in bounded
/// memory: `.warc.gz` with one gzip member per record as Common Crawl writes it, one gzip
/// stream for the whole file, or plain `.warc`.
///
/// Each `next()` gives a record or a failure with its file and offset, never a crash: a
/// broken gzip member, a header that cannot be read, a record shorter than its
/// Content-Length. After a failure the reader resynchronises: in a file of one member per
/// record, at the next member that decompresses to "WARC/"; in a plain file or one long gzip
/// stream, at the next line that starts with "WARC/". Line ends may be CRLF (the standard) or
/// LF (as some writers have it). An I/O error ends the file with a failure.
public final class WARCReader: IteratorProtocol, Sequence {
    public typealias Element = Result<WARCRecord, WARCFailure>

    public let file: String
    let options: WARCReadOptions
    private let stream: ArchiveStream?
    private var openFailure: WARCFailure?
    private var finished = false

    /// How to find the next record after a failure.
    enum Resync {
        /// Read to the end of this gzip member: the next member starts the next record.
        case skipMember
        /// Look for the next line that starts with "WARC/" (plain files, one-stream gzip).
        case scanText
        /// Look, from this file offset on, for a gzip member that decompresses to "WARC/".
        case seekMember(Int)
    }
    /// Set by the parser; done at the start of the next `next()`.
    var resync: Resync?
    /// The pending resync follows a failure already reported for the current member.
    private var resyncFollowsFailure = false

    /// Reads the file at `path`; a file that cannot be opened gives one `.io` failure.
    public convenience init(path: String, options: WARCReadOptions = WARCReadOptions()) {
        do {
            self.init(source: try FileByteSource(path: path), name: path, options: options)
        } catch {
            self.init(failure: WARCFailure(.io, WARCLocation(file: path, offset: 0), "\(error)"), options: options)
        }
    }

    /// Reads from any byte source; `name` is the file named in locations and messages.
    public init(source: any WARCByteSource, name: String, options: WARCReadOptions = WARCReadOptions()) {
        file = name
        self.options = options
        var opened: ArchiveStream?
        do {
            opened = try ArchiveStream(source: source, chunk: Swift.max(options.bufferBytes, 2 * options.maxHeaderBytes, 64))
        } catch {
            openFailure = WARCFailure(.io, WARCLocation(file: name, offset: 0), "\(error)")
        }
        stream = opened
    }

    private init(failure: WARCFailure, options: WARCReadOptions) {
        file = failure.location.file
        self.options = options
        stream = nil
        openFailure = failure
    }

    public func next() -> Element? {
        if let failure = openFailure {
            openFailure = nil
            finished = true
            return .failure(failure)
        }
        guard !finished, let stream else { return nil }
        while true {
            var skippingDamagedMember = false
            do {
                if let how = resync {
                    resync = nil
                    if case .skipMember = how, resyncFollowsFailure { skippingDamagedMember = true }
                    guard try resynchronise(how, stream) else {
                        finished = true
                        return nil
                    }
                    skippingDamagedMember = false
                }
                resyncFollowsFailure = false
                guard let record = try readRecord(stream) else {
                    finished = true
                    return nil
                }
                return .success(record)
            } catch let failure as WARCFailure {
                return .failure(failure)
            } catch let damage as Gzip.Failure {
                resync = .seekMember(stream.memberOffset + 1)
                // The rest of a member whose record was already reported is broken too: one
                // failure for it is enough.
                if skippingDamagedMember { continue }
                return .failure(WARCFailure(.corrupt, here(stream), "a broken gzip member: \(damage)"))
            } catch is ArchiveStream.Truncated {
                resync = .seekMember(stream.memberOffset + 1)
                if skippingDamagedMember { continue }
                return .failure(WARCFailure(.truncated, here(stream),
                                            "the file ends inside this gzip member (its writer stopped mid-record?)"))
            } catch {
                finished = true
                return .failure(WARCFailure(.io, here(stream), "\(error)"))
            }
        }
    }

    /// Where the stream is now.
    func here(_ stream: ArchiveStream) -> WARCLocation {
        stream.isCompressed
            ? WARCLocation(file: file, offset: stream.memberOffset, offsetInMember: stream.positionInMember)
            : WARCLocation(file: file, offset: stream.positionInMember)
    }

    /// A failure of the record at `location`, after which the reader resynchronises `how`.
    func fail(_ kind: WARCFailure.Kind, _ location: WARCLocation, _ message: String, then how: Resync?) -> WARCFailure {
        resync = how
        resyncFollowsFailure = true
        return WARCFailure(kind, location, message)
    }

    private func resynchronise(_ how: Resync, _ stream: ArchiveStream) throws -> Bool {
        switch how {
        case .skipMember:
            stream.consume(stream.available)
            while try stream.fill() { stream.consume(stream.available) }
            return true
        case .scanText:
            return try scanForRecordLine(stream)
        case .seekMember(let offset):
            return try stream.resynchronise(from: offset, prefix: Self.magic)
        }
    }

    static let magic: [UInt8] = Array("WARC/".utf8)
}
