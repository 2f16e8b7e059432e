/// Converts between UTF-8 byte offsets, where the scanners work, and Unicode code-point
/// offsets, which annotations use. Build it once per text; conversions are then O(1)
/// (O(log n) from code points back to bytes is not needed: both tables are kept).
/// ASCII text, the common case, needs no tables at all.
public struct TextOffsets: Sendable {
    public let utf8: [UInt8]
    /// Code-point index for each byte offset 0...count (a continuation byte maps to its scalar).
    private let scalarOfByte: [Int32]
    /// Byte offset of each code point 0...scalarCount.
    private let byteOfScalar: [Int32]
    public let scalarCount: Int

    public init(_ text: String) {
        utf8 = Array(text.utf8)
        var scalars = 0
        for b in utf8 where b & 0xC0 != 0x80 { scalars += 1 }
        scalarCount = scalars
        if scalars == utf8.count {
            scalarOfByte = []
            byteOfScalar = []
            return
        }
        var sob = [Int32](repeating: 0, count: utf8.count + 1)
        var bos = [Int32](repeating: 0, count: scalars + 1)
        var s: Int32 = -1
        for (i, b) in utf8.enumerated() {
            if b & 0xC0 != 0x80 {
                s += 1
                bos[Int(s)] = Int32(i)
            }
            sob[i] = s
        }
        sob[utf8.count] = Int32(scalars)
        bos[scalars] = Int32(utf8.count)
        scalarOfByte = sob
        byteOfScalar = bos
    }

    public var isASCII: Bool { scalarOfByte.isEmpty }

    /// The code-point offset of a byte offset (which should sit on a scalar boundary).
    @inline(__always)
    public func scalar(atByte byte: Int) -> Int {
        isASCII ? byte : Int(scalarOfByte[byte])
    }

    @inline(__always)
    public func byte(atScalar scalar: Int) -> Int {
        isASCII ? scalar : Int(byteOfScalar[scalar])
    }

    public func span(bytes: Range<Int>) -> Span {
        Span(scalar(atByte: bytes.lowerBound), scalar(atByte: bytes.upperBound))
    }

    public func byteRange(_ span: Span) -> Range<Int> {
        byte(atScalar: span.start)..<byte(atScalar: span.end)
    }

    /// The text of a code-point span.
    public func substring(_ span: Span) -> String {
        String(decoding: utf8[byteRange(span)], as: UTF8.self)
    }
}
