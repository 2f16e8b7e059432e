import Foundation
import TextpipeCore
import TextpipeGzip

/// Reads a document's bytes from the local file system: a path or a `file://` URL, `.gz`
/// decompressed within the limits, the format told by the extension.
public enum LocalFile {
    /// The path a source names, or nil if it is not a local source.
    public static func path(of source: String) -> String? {
        if source.hasPrefix("file://") { return URL(string: source)?.path ?? String(source.dropFirst(7)) }
        if source.contains("://") { return nil }
        return source
    }

    public static func read(_ path: String, base: URL, limits: Limits) throws -> Content {
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : base.appendingPathComponent(path)
        var info = stat()
        guard stat(url.path, &info) == 0 else {
            let reason = String(cString: strerror(errno))
            throw DocumentFailure(errno == ENOENT ? .notFound : .io, "cannot read \(path): \(reason)")
        }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw DocumentFailure(.wrongType, "\(path) is a folder") }
        if Int(info.st_size) > limits.maxBytes {
            throw DocumentFailure(.tooLarge, "\(path) has \(info.st_size) bytes, over max_bytes (\(limits.maxBytes))")
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw DocumentFailure(.io, "cannot read \(path)")
        }
        var bytes = [UInt8](data)
        var name = url.lastPathComponent.lowercased()
        if name.hasSuffix(".gz") || Gzip.isGzip(bytes) {
            if name.hasSuffix(".gz") { name.removeLast(3) }
            do {
                bytes = try Gzip.decompress(bytes, limit: limits.maxDecompressedBytes)
            } catch let e as Gzip.Failure {
                switch e {
                case .tooLarge: throw DocumentFailure(.tooLarge, "\(path) \(e) (max_decompressed_bytes)")
                case .corrupt: throw DocumentFailure(.parse, "\(path): \(e)")
                }
            }
        }
        return Content(bytes: bytes, format: format(ofName: name, bytes: bytes))
    }

    /// The format a file name says, or, for an unknown extension, what the bytes look like.
    public static func format(ofName name: String, bytes: [UInt8]) -> Content.Format {
        switch (name as NSString).pathExtension {
        case "html", "htm": return .html
        case "xhtml", "xht": return .xhtml
        case "txt", "text": return .text
        case "md", "markdown": return .markdown
        default: return looksLikeHTML(bytes) ? .html : .text
        }
    }

    /// Whether the first non-blank bytes open a tag (`<!doctype`, `<html`, `<head`, `<!--`...).
    public static func looksLikeHTML(_ bytes: [UInt8]) -> Bool {
        var i = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
        while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 }
        return i < bytes.count && bytes[i] == UInt8(ascii: "<")
    }
}
