import TextpipeGzip

/// The bytes of one WARC file as the record parser sees them: decompressed, in a window that
/// slides forward, with the gzip members' boundaries kept.
///
/// A `.warc.gz` file is a series of gzip members, normally one per record (that is what lets
/// a reader start at any record, and a killed writer lose only its last one); some tools write
/// the whole file as one member, and a writer may flush a long block in several. So the stream
/// stops at the end of each member (`fill` returns false) and the parser decides: a record
/// that is complete ends there; a block that is not may go on in the next member
/// (`nextMember`) unless that member starts a record of its own. A plain `.warc` file is one
/// long "member".
///
/// Memory stays bounded whatever the file holds: a raw buffer of compressed bytes and a
/// window of decompressed ones, each `chunk` bytes; the parser copies out what it keeps.
final class ArchiveStream {
    private var source: any WARCByteSource
    let isCompressed: Bool
    private let inflater: Inflater?
    private let chunk: Int

    // Compressed bytes read but not yet inflated: raw[rawStart..<rawEnd]; raw[0] is at file
    // offset rawBase. Unused for plain files, whose bytes go straight into the window.
    private let raw: UnsafeMutableRawBufferPointer
    private var rawStart = 0, rawEnd = 0, rawBase = 0
    private var sourceEnded = false

    /// Decompressed bytes not yet consumed: window[pos..<end].
    let window: UnsafeMutableRawBufferPointer
    private(set) var pos = 0, end = 0
    /// Decompressed bytes consumed before window[pos] since the current member began.
    private var consumedInMember = 0
    /// File offset where the current member starts (0 for a plain file).
    private(set) var memberOffset = 0
    /// The current member's bytes are all in the window: `fill` can add nothing more.
    private(set) var memberEnded = false

    /// Opens the stream, telling gzip from plain by the first two bytes.
    init(source: any WARCByteSource, chunk: Int = 1 << 20) throws {
        var source = source
        let raw = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 16)
        var filled = 0
        var ended = false
        let inflater: Inflater?
        do {
            while filled < 2, !ended {
                let n = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[filled...]))
                filled += n
                ended = n == 0
            }
            inflater = filled >= 2 && raw[0] == 0x1F && raw[1] == 0x8B ? try Inflater(.gzip) : nil
        } catch {
            raw.deallocate()
            throw error
        }
        self.source = source
        self.chunk = chunk
        self.raw = raw
        self.inflater = inflater
        isCompressed = inflater != nil
        window = .allocate(byteCount: chunk, alignment: 16)
        rawEnd = filled
        sourceEnded = ended
        if !isCompressed {
            // A plain file: what was read already is the start of the window.
            window.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[0..<filled]))
            end = filled
            rawStart = filled
        }
    }

    deinit {
        raw.deallocate()
        window.deallocate()
    }

    var available: Int { end - pos }
    /// The offset of window[pos] counted in decompressed bytes from the current member's start
    /// (for a plain file: the file offset).
    var positionInMember: Int { consumedInMember }

    @inline(__always) subscript(_ i: Int) -> UInt8 { window.load(fromByteOffset: pos + i, as: UInt8.self) }

    func consume(_ n: Int) {
        pos += n
        consumedInMember += n
    }

    /// Adds bytes of the current member to the window (moving what is unread to its front
    /// first); false when the member (or plain file) has ended. Throws `Gzip.Failure` on
    /// damaged compressed data, `WARCIOError` on a read error, and `Truncated` when the
    /// file ends inside a gzip member.
    func fill() throws -> Bool {
        if memberEnded { return false }
        if pos > 0 {
            if end > pos { window.baseAddress!.copyMemory(from: window.baseAddress! + pos, byteCount: end - pos) }
            end -= pos
            pos = 0
        }
        precondition(end < chunk, "fill() called with a full window")
        guard let inflater else {
            let n = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: window[end...]))
            if n == 0 {
                memberEnded = true
                return false
            }
            end += n
            return true
        }
        while true {
            if rawStart == rawEnd {
                try readRaw(atLeast: 1)
                if rawStart == rawEnd { throw Truncated() }
            }
            let step = try inflater.inflate(UnsafeRawBufferPointer(rebasing: raw[rawStart..<rawEnd]),
                                            into: UnsafeMutableRawBufferPointer(rebasing: window[end...]))
            rawStart += step.consumed
            end += step.produced
            if step.status == .memberEnd {
                memberEnded = true
                return step.produced > 0
            }
            if step.produced > 0 { return true }
        }
    }

    /// The file ends inside a gzip member.
    struct Truncated: Error {}

    /// What `nextMember` found after the end of a member.
    enum Next { case member, endOfFile, junk }

    /// Moves to the member that follows the one that ended (a gzip file only; a plain file has
    /// none). `.junk` means bytes that do not start a gzip member: the caller resynchronises.
    func nextMember() throws -> Next {
        guard let inflater, memberEnded else { return .endOfFile }
        try readRaw(atLeast: 3)
        if rawStart == rawEnd { return .endOfFile }
        guard rawEnd - rawStart >= 3, raw[rawStart] == 0x1F, raw[rawStart + 1] == 0x8B, raw[rawStart + 2] == 8 else {
            return .junk
        }
        inflater.reset()
        startMember(at: rawStart)
        return .member
    }

    /// The file offset just after the bytes inflated so far: the end of the member that just
    /// ended, where junk begins after `nextMember` returned `.junk`.
    var rawPosition: Int { rawBase + rawStart }

    private func startMember(at rawIndex: Int) {
        rawStart = rawIndex
        memberOffset = rawBase + rawIndex
        memberEnded = false
        pos = 0
        end = 0
        consumedInMember = 0
    }

    /// Finds the next gzip member, from `offset` onwards, whose first bytes decompress to
    /// `prefix` ("WARC/"), and makes it the current member. A source that cannot seek is
    /// searched from where it is instead. False when none is left in the file.
    func resynchronise(from offset: Int, prefix: [UInt8]) throws -> Bool {
        guard let inflater else { return false }
        if offset != rawPosition, try source.seek(to: offset) {
            rawBase = offset
            rawStart = 0
            rawEnd = 0
            sourceEnded = false
        }
        // A candidate is probed with the input that follows it in the buffer; a real member's
        // header and first bytes need far less than this.
        let probeInput = min(64 * 1024, chunk / 2)
        var probe = [UInt8](repeating: 0, count: prefix.count)
        while true {
            try readRaw(atLeast: chunk)
            let scanEnd = sourceEnded ? rawEnd - 2 : rawEnd - probeInput
            var i = rawStart
            while i < scanEnd {
                if raw[i] == 0x1F, raw[i + 1] == 0x8B, raw[i + 2] == 8 {
                    inflater.reset()
                    let input = UnsafeRawBufferPointer(rebasing: raw[i..<min(rawEnd, i + probeInput)])
                    let step = try? probe.withUnsafeMutableBytes { try inflater.inflate(input, into: $0) }
                    if let step, step.produced == prefix.count, probe == prefix {
                        inflater.reset()
                        startMember(at: i)
                        return true
                    }
                }
                i += 1
            }
            if sourceEnded { return false }
            rawStart = max(rawStart, i)
        }
    }

    /// Reads from the source until at least `count` compressed bytes wait in the buffer (or
    /// the source ends), moving the waiting bytes to the front first.
    private func readRaw(atLeast count: Int) throws {
        if rawEnd - rawStart >= count || sourceEnded { return }
        if rawStart > 0 {
            if rawEnd > rawStart { raw.baseAddress!.copyMemory(from: raw.baseAddress! + rawStart, byteCount: rawEnd - rawStart) }
            rawBase += rawStart
            rawEnd -= rawStart
            rawStart = 0
        }
        while rawEnd < count, rawEnd < chunk {
            let n = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[rawEnd...]))
            if n == 0 {
                sourceEnded = true
                return
            }
            rawEnd += n
        }
    }
}
