import Foundation
import TextpipeGzip

/// How the archive is written.
public struct WARCWriterSettings: Sendable {
    /// The folder the files go in (made if missing).
    public var directory: String
    /// Files are named PREFIX-TIMESTAMP-SERIAL.warc.gz.
    public var prefix = "textpipe"
    /// A file that has reached this many bytes is closed and the next record starts a new
    /// one; a single exchange larger than this still goes whole into a file of its own.
    public var maxFileBytes = 1_000_000_000
    /// The `software` field of each file's warcinfo record.
    public var software = "textpipe"
    /// More warcinfo fields ("operator", "isPartOf", "robots", ...).
    public var info = HeaderFields()
    /// zlib level, 1-9.
    public var compressionLevel: Int32 = 6

    public init(directory: String) {
        self.directory = directory
    }
}

/// Writes fetched pages as WARC files for a fetch stage whose workers share it.
///
/// Each file opens with a `warcinfo` record; each exchange becomes a `request` and a
/// `response` record with digests (`WARCRecordBuilder`), each record one gzip member. Workers
/// compress their records in parallel; appending is serial, one `write(2)` of whole members
/// per exchange under a lock, so records never interleave. A `kill -9` can therefore cut at
/// most the last member, which a reader reports as a truncated member and skips; every record
/// before it stays readable. A write that fails (a full disk) is cut back off the file, which
/// stays valid, and the error is thrown. Files keep their final name from the start, so a
/// killed run's archive matches `DIR/*.warc.gz` like a finished one.
public final class WARCWriter: @unchecked Sendable {
    // Safety: `file`, `serial` and `written` are touched only while holding `lock`; the
    // settings are immutable.
    public let settings: WARCWriterSettings
    private let lock = NSLock()
    private var file: OpenFile?
    private var serial = 0
    private var written: [String] = []

    private struct OpenFile {
        var descriptor: Int32
        var path: String
        var size: Int
        /// The size right after the warcinfo record: a file holding only that is not rotated.
        var infoSize: Int
    }

    public init(settings: WARCWriterSettings) throws {
        self.settings = settings
        do {
            try FileManager.default.createDirectory(atPath: settings.directory, withIntermediateDirectories: true)
        } catch {
            throw WARCIOError("cannot make the archive folder \(settings.directory): \(error.localizedDescription)")
        }
    }

    deinit { try? close() }

    /// The files written so far, in order.
    public var files: [String] {
        lock.lock()
        defer { lock.unlock() }
        return written
    }

    /// Archives one exchange; returns where its response record is. Thread-safe.
    @discardableResult
    public func write(_ exchange: HTTPExchange) throws -> WARCLocation {
        let records = WARCRecordBuilder.exchange(exchange).map { Gzip.compress($0, level: settings.compressionLevel) }
        let bytes = records.joined()
        lock.lock()
        defer { lock.unlock() }
        if let open = file, open.size > open.infoSize, open.size + bytes.count > settings.maxFileBytes {
            try closeFile()
        }
        if file == nil { try openFile(date: exchange.date) }
        let start = try append(Array(bytes))
        return WARCLocation(file: file!.path, offset: start + records[0].count)
    }

    /// Flushes and closes the current file; the next write opens a new one.
    public func close() throws {
        lock.lock()
        defer { lock.unlock() }
        try closeFile()
    }

    private func closeFile() throws {
        guard let open = file else { return }
        file = nil
        let synced = fsync(open.descriptor) == 0
        let reason = String(cString: strerror(errno))
        Foundation.close(open.descriptor)
        if !synced { throw WARCIOError("cannot flush \(open.path): \(reason)") }
    }

    private func openFile(date: Date) throws {
        let stamp = Self.timestamp(date)
        while true {
            let name = "\(settings.prefix)-\(stamp)-\(String(format: "%05d", serial)).warc.gz"
            serial += 1
            let path = (settings.directory as NSString).appendingPathComponent(name)
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0o644)
            if fd < 0 {
                // Another writer (a parallel shard) took the name: try the next serial.
                if errno == EEXIST { continue }
                throw WARCIOError("cannot create \(path): \(String(cString: strerror(errno)))")
            }
            file = OpenFile(descriptor: fd, path: path, size: 0, infoSize: 0)
            written.append(path)
            let info = WARCRecordBuilder.warcinfo(filename: name, date: date, software: settings.software, info: settings.info)
            _ = try append(Gzip.compress(info, level: settings.compressionLevel))
            file!.infoSize = file!.size
            return
        }
    }

    /// Appends to the open file; returns the offset the bytes start at. On failure the file
    /// is cut back to where it was.
    private func append(_ bytes: [UInt8]) throws -> Int {
        let start = file!.size
        var done = 0
        try bytes.withUnsafeBytes { buffer in
            while done < buffer.count {
                let n = Foundation.write(file!.descriptor, buffer.baseAddress! + done, buffer.count - done)
                if n > 0 {
                    done += n
                } else if n < 0, errno == EINTR {
                    continue
                } else {
                    let reason = String(cString: strerror(errno))
                    _ = ftruncate(file!.descriptor, off_t(start))
                    throw WARCIOError("cannot write to \(file!.path): \(reason)")
                }
            }
        }
        file!.size += bytes.count
        return start
    }

    /// UTC, to the millisecond: "20240501123456789".
    static func timestamp(_ date: Date) -> String {
        let iso = WARCDate.format(date)  // 2024-05-01T12:34:56.123456Z
        return String(iso.unicodeScalars.filter { $0.properties.numericType != nil }.prefix(17).map(Character.init))
    }
}
