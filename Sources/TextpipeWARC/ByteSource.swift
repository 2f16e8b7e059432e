#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the bytes of a WARC file come from, read front to back in chunks.
///
/// A file (`FileByteSource`) can also go back, which lets the reader look for the next record
/// from just after a corrupt gzip member's start rather than from wherever zlib noticed the
/// damage; a source that cannot go back (a pipe, a download) returns false from `seek` and
/// the reader resynchronises from where it is.
public protocol WARCByteSource {
    /// Reads up to `buffer.count` bytes; 0 means the end. Throws on an I/O error.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
    /// Moves to an absolute offset, if the source can; false if it cannot.
    mutating func seek(to offset: Int) throws -> Bool
}

/// An I/O error while reading a WARC file.
public struct WARCIOError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// A file read with `read(2)` (no Foundation buffering in the way); closed on `deinit`.
public final class FileByteSource: WARCByteSource {
    private let fd: Int32
    public let path: String

    public init(path: String) throws {
        self.path = path
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw WARCIOError("cannot open \(path): \(String(cString: strerror(errno)))") }
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw WARCIOError("\(path) is a folder, not a WARC file")
        }
    }

    deinit { close(fd) }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            let n = systemRead(fd, buffer.baseAddress, buffer.count)
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw WARCIOError("cannot read \(path): \(String(cString: strerror(errno)))")
        }
    }

    public func seek(to offset: Int) throws -> Bool {
        lseek(fd, off_t(offset), SEEK_SET) == off_t(offset)
    }
}

#if canImport(Glibc)
private let systemRead = Glibc.read
#else
private let systemRead = Darwin.read
#endif

/// Bytes already in memory (tests, fuzzing, a downloaded file).
public struct MemoryByteSource: WARCByteSource {
    private let bytes: [UInt8]
    private var position = 0

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = min(buffer.count, bytes.count - position)
        guard n > 0 else { return 0 }
        bytes.withUnsafeBytes { all in
            buffer.baseAddress!.copyMemory(from: all.baseAddress! + position, byteCount: n)
        }
        position += n
        return n
    }

    public mutating func seek(to offset: Int) throws -> Bool {
        position = min(max(offset, 0), bytes.count)
        return true
    }
}
