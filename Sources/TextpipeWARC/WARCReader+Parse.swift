/// The record grammar: blank lines, "WARC/x.y" CRLF, header fields, CRLF, a block of
/// Content-Length bytes, CRLF CRLF. Each step says what went wrong and where, and how the
/// reader finds the next record afterwards.
extension WARCReader {
    /// The next record, or nil at the end of the file.
    func readRecord(_ stream: ArchiveStream) throws -> WARCRecord? {
        guard try skipToRecordStart(stream) else { return nil }
        let location = here(stream)
        // In a file of one member per record, a bad record costs only its member.
        let recover: Resync = stream.isCompressed && location.offsetInMember == 0 ? .skipMember : .scanText

        guard try startsWithMagic(stream) else {
            let seen = String(decoding: (0..<Swift.min(stream.available, 40)).map { stream[$0] }, as: UTF8.self)
            stream.consume(Swift.min(1, stream.available))
            throw fail(.corrupt, location, "expected a WARC record ('WARC/1.x'), found '\(printable(seen))'", then: recover)
        }
        let headerLength = try headerEnd(stream, location, recover)
        let head = Array(UnsafeRawBufferPointer(rebasing: stream.window[stream.pos..<(stream.pos + headerLength)]))
        stream.consume(headerLength)
        let lines = splitLines(head)
        let version = String(decoding: HeaderFields.trimmed(lines[0]), as: UTF8.self)
        guard Self.isVersion(version) else {
            throw fail(.corrupt, location, "'\(printable(version))' is not a WARC version line", then: recover)
        }
        let headers: HeaderFields
        do {
            headers = try HeaderFields.parse(lines: Array(lines.dropFirst()))
        } catch {
            throw fail(.corrupt, location, "unreadable WARC header: \(error.message)", then: recover)
        }
        guard let declared = headers["Content-Length"] else {
            throw fail(.corrupt, location, "the record has no Content-Length, so its end is unknown", then: recover)
        }
        guard let length = Int(declared), length >= 0 else {
            throw fail(.corrupt, location, "Content-Length '\(printable(declared))' is not a byte count", then: recover)
        }
        let (block, endedEarly) = try readBlock(stream, length: length, location)
        let wrongLength = try endedEarly || !checkTrailer(stream, recover)
        return WARCRecord(version: version, headers: headers, block: block, contentLength: length, location: location,
                          wrongLength: wrongLength)
    }

    /// Skips the blank lines between records, moving to the next gzip member where one ends;
    /// false at the end of the file.
    private func skipToRecordStart(_ stream: ArchiveStream) throws -> Bool {
        while true {
            while stream.available > 0, Self.isBlank(stream[0]) { stream.consume(1) }
            if stream.available > 0 { return true }
            if try stream.fill() { continue }
            switch try stream.nextMember() {
            case .member: continue
            case .endOfFile: return false
            case .junk:
                let at = stream.rawPosition
                throw fail(.corrupt, WARCLocation(file: file, offset: at), "bytes that are not a gzip member", then: .seekMember(at))
            }
        }
    }

    /// Whether the next bytes are "WARC/", reading more of the member as needed.
    func startsWithMagic(_ stream: ArchiveStream) throws -> Bool {
        while stream.available < Self.magic.count, try stream.fill() {}
        guard stream.available >= Self.magic.count else { return false }
        for (i, b) in Self.magic.enumerated() where stream[i] != b { return false }
        return true
    }

    /// The length of the header, up to and including the empty line that ends it.
    private func headerEnd(_ stream: ArchiveStream, _ location: WARCLocation, _ recover: Resync) throws -> Int {
        var i = 0
        while true {
            let end = Swift.min(stream.available, options.maxHeaderBytes)
            while i < end {
                if stream[i] == 0x0A {
                    if i + 1 < stream.available, stream[i + 1] == 0x0A { return i + 2 }
                    if i + 2 < stream.available, stream[i + 1] == 0x0D, stream[i + 2] == 0x0A { return i + 3 }
                    // Too few bytes to tell: read more, then look at this line end again.
                    if i + 2 >= stream.available { break }
                }
                i += 1
            }
            if i >= options.maxHeaderBytes {
                throw fail(.corrupt, location, "a WARC header longer than \(options.maxHeaderBytes) bytes", then: recover)
            }
            if try !stream.fill() {
                // A header is never continued in the next gzip member: it was cut.
                stream.consume(stream.available)
                throw fail(.truncated, location, "the record's header is cut short", then: nil)
            }
        }
    }

    /// Reads `length` block bytes, keeping the first `maxRecordBytes`. A block may go on in
    /// the next gzip member (a writer that flushed a long body in pieces) unless that member
    /// starts a record: then this one ended early, at the end of its member (`endedEarly`),
    /// and its Content-Length was wrong. A plain file that ends mid-block was cut: that is a failure.
    private func readBlock(_ stream: ArchiveStream, length: Int, _ location: WARCLocation) throws -> (block: [UInt8], endedEarly: Bool) {
        let keep = Swift.min(length, options.maxRecordBytes)
        var block: [UInt8] = []
        block.reserveCapacity(keep)
        var remaining = length
        while remaining > 0 {
            if stream.available == 0 {
                if try stream.fill() { continue }
                guard stream.isCompressed else {
                    throw fail(.truncated, location, "the file ends after \(length - remaining) of the \(length) bytes this record's Content-Length declares", then: nil)
                }
                switch try stream.nextMember() {
                case .endOfFile:
                    return (block, true)
                case .junk:
                    resync = .seekMember(stream.rawPosition)
                    return (block, true)
                case .member:
                    if try startsWithMagic(stream) { return (block, true) }
                    continue
                }
            }
            let n = Swift.min(stream.available, remaining)
            let kept = Swift.min(n, keep - block.count)
            if kept > 0 { block.append(contentsOf: UnsafeRawBufferPointer(rebasing: stream.window[stream.pos..<(stream.pos + kept)])) }
            stream.consume(n)
            remaining -= n
        }
        return (block, false)
    }

    /// After the block: CRLF CRLF (any run of line ends is accepted), then the end of the
    /// member or file, or the next record. False when other bytes follow: the Content-Length
    /// was too short, and the reader moves past them (`recover`) before the next record.
    private func checkTrailer(_ stream: ArchiveStream, _ recover: Resync) throws -> Bool {
        while true {
            while stream.available > 0, stream[0] == 0x0D || stream[0] == 0x0A { stream.consume(1) }
            if stream.available > 0 { break }
            if try !stream.fill() { return true }
        }
        if try startsWithMagic(stream) { return true }
        resync = recover
        return false
    }

    /// Moves to the next line that starts with "WARC/" in this member or a later one; false at
    /// the end of the file.
    func scanForRecordLine(_ stream: ArchiveStream) throws -> Bool {
        let need = Self.magic.count + 1
        while true {
            var i = 0
            while i + need <= stream.available {
                if stream[i] == 0x0A, stream[i + 1] == 0x57, stream[i + 2] == 0x41, stream[i + 3] == 0x52,
                   stream[i + 4] == 0x43, stream[i + 5] == 0x2F {
                    stream.consume(i + 1)
                    return true
                }
                i += 1
            }
            stream.consume(i)
            if try stream.fill() { continue }
            stream.consume(stream.available)
            switch try stream.nextMember() {
            case .endOfFile: return false
            case .junk: return try stream.resynchronise(from: stream.rawPosition, prefix: Self.magic)
            case .member: if try startsWithMagic(stream) { return true }
            }
        }
    }

    private func splitLines(_ head: [UInt8]) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        lines.reserveCapacity(24)
        var start = 0
        for i in 0..<head.count where head[i] == 0x0A {
            var end = i
            if end > start, head[end - 1] == 0x0D { end -= 1 }
            if end > start { lines.append(head[start..<end]) }
            start = i + 1
        }
        return lines.isEmpty ? [head[0...]] : lines
    }

    /// "WARC/" then digits, a dot, digits.
    static func isVersion(_ s: String) -> Bool {
        guard s.hasPrefix("WARC/") else { return false }
        let parts = s.dropFirst(5).split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
    }

    @inline(__always) static func isBlank(_ b: UInt8) -> Bool { b == 0x0D || b == 0x0A || b == 0x20 || b == 0x09 }

    private func printable(_ s: String) -> String {
        String(s.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : Character($0) })
    }
}
