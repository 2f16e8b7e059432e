import Foundation
import TextpipeCore

/// A `Content-Type` header read into what the fetch needs: the media type, lowercased and
/// without parameters, and the charset parameter, which travels on as
/// `Content.declaredCharset` for the cleaner to weigh against the BOM and the page's own
/// declaration.
public struct MediaType: Sendable, Equatable {
    public var type: String
    public var charset: String?

    /// Parses `text/html; charset="ISO-8859-1"`; nil for an empty header.
    public init?(header: String) {
        let parts = header.split(separator: ";", omittingEmptySubsequences: false)
        let type = parts[0].trimmingCharacters(in: .whitespaces).lowercased()
        guard !type.isEmpty else { return nil }
        self.type = type
        for p in parts.dropFirst() {
            let kv = p.split(separator: "=", maxSplits: 1)
            guard kv.count == 2, kv[0].trimmingCharacters(in: .whitespaces).lowercased() == "charset" else { continue }
            var value = kv[1].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            value = value.trimmingCharacters(in: .whitespaces).lowercased()
            if !value.isEmpty { charset = value }
        }
    }

    /// Whether an accepted pattern ("text/html", "text/*", "*/*") covers this type.
    public func matches(_ pattern: String) -> Bool {
        let p = pattern.lowercased()
        if p == "*/*" || p == type { return true }
        if p.hasSuffix("/*") { return type.hasPrefix(p.dropLast()) }
        return false
    }

    /// The document format this media type names, or nil for one the fetch does not know.
    public var format: Content.Format? {
        switch type {
        case "text/html": return .html
        case "application/xhtml+xml": return .xhtml
        case "text/plain": return .text
        case "text/markdown", "text/x-markdown": return .markdown
        default: return nil
        }
    }
}
