import Foundation
import TextpipeGzip
#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
#endif

/// The output folder of a run. Every file appears whole or not at all: small files are written
/// to a temporary name and renamed; the long streams (documents, errors) grow as `.part` files
/// under `.textpipe/` and are renamed into place when the run ends. A killed run leaves its
/// partial streams and a checkpoint there, from which the next run resumes.
public struct OutputDirectory: Sendable {
    public let url: URL

    public init(_ url: URL) {
        self.url = url
    }

    /// Where a run keeps its partial streams, checkpoint and other state.
    public var stateDirectory: URL { url.appendingPathComponent(".textpipe") }

    public func file(_ name: String) -> URL {
        url.appendingPathComponent(name)
    }

    public func create() throws {
        try FileManager.default.createDirectory(at: stateDirectory, withIntermediateDirectories: true)
    }

    /// Writes a whole file atomically (temporary file in the same folder, then rename). A name
    /// may contain one folder level ("stats/terms.csv") but may not climb out of the output folder.
    public func write(_ name: String, _ bytes: some Collection<UInt8>) throws {
        let target = try safeURL(for: name)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Self.atomicWrite(bytes, to: target)
    }

    public func write(_ name: String, string: String) throws {
        try write(name, Array(string.utf8))
    }

    /// Resolves a relative name inside the folder, refusing absolute paths and `..`.
    public func safeURL(for name: String) throws -> URL {
        let parts = name.split(separator: "/")
        guard !name.hasPrefix("/"), !parts.isEmpty, !parts.contains(where: { $0 == ".." || $0 == "." }) else {
            throw OutputError("refusing to write outside the output folder: \(name)")
        }
        return url.appendingPathComponent(name)
    }

    public static func atomicWrite(_ bytes: some Collection<UInt8>, to target: URL) throws {
        let temp = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).\(getpid()).tmp")
        let fd = open(temp.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw OutputError.posix("cannot create \(temp.path)") }
        do {
            let data = Array(bytes)
            try writeAll(fd: fd, data[...], path: temp.path)
            guard fsync(fd) == 0 else { throw OutputError.posix("cannot sync \(temp.path)") }
            close(fd)
        } catch {
            close(fd)
            unlink(temp.path)
            throw error
        }
        guard rename(temp.path, target.path) == 0 else {
            let e = OutputError.posix("cannot rename into \(target.path)")
            unlink(temp.path)
            throw e
        }
    }

    static func writeAll(fd: Int32, _ bytes: ArraySlice<UInt8>, path: String) throws {
        var offset = bytes.startIndex
        while offset < bytes.endIndex {
            let n = bytes[offset...].withUnsafeBytes { systemWrite(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw OutputError.posix("cannot write \(path)")
            }
            offset += n
        }
    }
}

/// A file that grows by appends, buffered, and can be cut back to a known length (to drop what
/// was written after the last checkpoint). Used only from the writer queue.
///
/// A gzip file (`gzip: true`) is a series of members: appended bytes are compressed as they
/// are flushed, and `sync` ends the member, so at every checkpoint the file is a whole gzip
/// file and cutting it back to a checkpoint's length leaves one.
final class AppendFile {
    let url: URL
    private let fd: Int32
    private var buffer: [UInt8] = []
    private let gzip: GzipMemberWriter?
    private var compressed: [UInt8] = []
    /// Bytes in the file.
    private var written: Int
    /// The file's length once synced: bytes written plus, uncompressed, those in the buffer.
    var length: Int { gzip == nil ? written + buffer.count : written }

    init(_ url: URL, truncateTo keep: Int?, gzip: Bool = false) throws {
        self.url = url
        self.gzip = gzip ? try GzipMemberWriter() : nil
        fd = open(url.path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw OutputError.posix("cannot open \(url.path)") }
        written = keep ?? 0
        guard ftruncate(fd, off_t(written)) == 0 else { throw OutputError.posix("cannot truncate \(url.path)") }
        lseek(fd, off_t(written), SEEK_SET)
        buffer.reserveCapacity(1 << 16)
    }

    deinit { close(fd) }

    func append(line: [UInt8]) throws {
        buffer.append(contentsOf: line)
        buffer.append(10)
        if buffer.count >= 1 << 16 { try flush() }
    }

    func flush() throws {
        guard !buffer.isEmpty else { return }
        if let gzip {
            compressed.removeAll(keepingCapacity: true)
            gzip.compress(buffer, into: &compressed)
            try write(compressed)
        } else {
            try write(buffer)
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, ends the gzip member (writing an empty one into an empty file when `whole`, so
    /// that even no documents make a valid gzip file) and syncs to disk.
    func sync(whole: Bool = false) throws {
        try flush()
        if let gzip, gzip.hasOpenMember || (whole && written == 0) {
            compressed.removeAll(keepingCapacity: true)
            gzip.finishMember(into: &compressed)
            try write(compressed)
        }
        guard fsync(fd) == 0 else { throw OutputError.posix("cannot sync \(url.path)") }
    }

    private func write(_ bytes: [UInt8]) throws {
        try OutputDirectory.writeAll(fd: fd, bytes[...], path: url.path)
        written += bytes.count
    }
}

/// A failure to write results (disk full, permissions): it stops the run with exit code 3.
public struct OutputError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }

    static func posix(_ what: String) -> OutputError {
        OutputError("\(what): \(String(cString: strerror(errno)))")
    }
}
