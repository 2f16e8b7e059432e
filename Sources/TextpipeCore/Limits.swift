/// Per-document limits: a page over any of them becomes an error record with kind "limit"
/// (or "too_large", "timeout"), and the batch goes on. Set under `limits:` in the pipeline file.
public struct Limits: Sendable, Equatable {
    /// Bytes read or fetched for one document, before decompression.
    public var maxBytes = 10_000_000
    /// Bytes after gzip/deflate decompression (a small `.gz` can expand to gigabytes).
    public var maxDecompressedBytes = 50_000_000
    /// Element nesting depth of an HTML or XML page.
    public var maxDOMDepth = 1_000
    /// Elements and text nodes of one page.
    public var maxNodes = 1_000_000
    /// Code points of clean text.
    public var maxTextChars = 5_000_000
    /// Tokens of one document.
    public var maxTokens = 1_000_000
    /// Seconds one stage may spend on one document.
    public var stageTimeout: Double = 60

    public init() {}

    /// The option specs of the `limits:` section, with their defaults.
    public static let specs: [OptionSpec] = {
        let d = Limits()
        return [
            OptionSpec("max_bytes", .byteSize, default: .bytes(d.maxBytes), "bytes read or fetched per document"),
            OptionSpec("max_decompressed_bytes", .byteSize, default: .bytes(d.maxDecompressedBytes), "bytes per document after decompression"),
            OptionSpec("max_dom_depth", .int(1...100_000), default: .int(d.maxDOMDepth), "element nesting depth"),
            OptionSpec("max_nodes", .int(1...100_000_000), default: .int(d.maxNodes), "elements and text nodes per page"),
            OptionSpec("max_text_chars", .int(1...1_000_000_000), default: .int(d.maxTextChars), "code points of clean text"),
            OptionSpec("max_tokens", .int(1...1_000_000_000), default: .int(d.maxTokens), "tokens per document"),
            OptionSpec("stage_timeout", .duration, default: .duration(d.stageTimeout), "time one stage may spend on one document"),
        ]
    }()

    public init(options: StageOptions) {
        maxBytes = options.bytes("max_bytes") ?? maxBytes
        maxDecompressedBytes = options.bytes("max_decompressed_bytes") ?? maxDecompressedBytes
        maxDOMDepth = options.int("max_dom_depth") ?? maxDOMDepth
        maxNodes = options.int("max_nodes") ?? maxNodes
        maxTextChars = options.int("max_text_chars") ?? maxTextChars
        maxTokens = options.int("max_tokens") ?? maxTokens
        stageTimeout = options.duration("stage_timeout") ?? stageTimeout
    }
}
