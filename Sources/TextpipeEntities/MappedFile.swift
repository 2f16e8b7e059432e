#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file mapped read-only into memory (mmap), or a heap buffer standing in for one.
///
/// The shipped model and resources are read in place: loading maps the file, checks its table
/// of sections and hands out typed views into it, so start-up costs a few system calls and the
/// pages the tagger actually touches, not a parse. The mapping is private and read-only and
/// never unmapped while a view exists (views keep their `MappedBytes` alive), so sharing it
/// across threads is safe: hence `@unchecked Sendable`.
final class MappedBytes: @unchecked Sendable {
    let bytes: UnsafeRawBufferPointer
    private let mapped: Bool

    /// Maps `path`; nil when it cannot be opened or mapped (the caller names the file).
    init?(mapping path: String) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        let size = Int(info.st_size)
        guard size > 0 else {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            mapped = false
            return
        }
        guard let p = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED else { return nil }
        bytes = UnsafeRawBufferPointer(start: p, count: size)
        mapped = true
    }

    /// A heap copy of `data` (for models and tables built in memory), aligned for any section.
    init(copying data: [UInt8]) {
        let p = UnsafeMutableRawPointer.allocate(byteCount: max(data.count, 1), alignment: 64)
        data.withUnsafeBytes { source in
            if let from = source.baseAddress { p.copyMemory(from: from, byteCount: source.count) }
        }
        bytes = UnsafeRawBufferPointer(start: p, count: data.count)
        mapped = false
    }

    deinit {
        guard let base = bytes.baseAddress else { return }
        if mapped {
            munmap(UnsafeMutableRawPointer(mutating: base), bytes.count)
        } else {
            UnsafeMutableRawPointer(mutating: base).deallocate()
        }
    }
}
