/// Writes CSV as RFC 4180 describes it, except that records end in "\n" (which every reader
/// accepts): fields separated by commas, and a field quoted, with inner quotes doubled, when it
/// holds a comma, a quote, a line break, or leading or trailing white space. Numbers are
/// written plainly (at most four decimals, no exponent).
public struct CSVWriter {
    public private(set) var bytes: [UInt8] = []

    public init(header: [String]) {
        row(header)
    }

    public var string: String { String(decoding: bytes, as: UTF8.self) }

    public mutating func row(_ fields: [CSVField]) {
        for (i, f) in fields.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            switch f {
            case .text(let s): append(s)
            case .int(let n): bytes.append(contentsOf: String(n).utf8)
            case .double(let d): bytes.append(contentsOf: Self.format(d).utf8)
            case .empty: break
            }
        }
        bytes.append(10)
    }

    public mutating func row(_ fields: [String]) {
        row(fields.map(CSVField.text))
    }

    /// Whether a field must be quoted.
    public static func needsQuotes(_ s: String) -> Bool {
        guard let first = s.utf8.first, let last = s.utf8.last else { return false }
        if first == 32 || first == 9 || last == 32 || last == 9 { return true }
        return s.utf8.contains { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }
    }

    private mutating func append(_ s: String) {
        guard Self.needsQuotes(s) else {
            bytes.append(contentsOf: s.utf8)
            return
        }
        bytes.append(34)
        for b in s.utf8 {
            if b == 34 { bytes.append(34) }
            bytes.append(b)
        }
        bytes.append(34)
    }

    /// Four decimals at most, no exponent, no trailing zeros.
    static func format(_ d: Double) -> String {
        guard d.isFinite else { return "" }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) }
        var s = String(Int((abs(d) * 10_000).rounded()))
        while s.count < 5 { s = "0" + s }
        var fraction = String(s.suffix(4))
        let whole = String(s.dropLast(4))
        while fraction.hasSuffix("0") { fraction.removeLast() }
        let sign = d < 0 ? "-" : ""
        return fraction.isEmpty ? sign + whole : sign + whole + "." + fraction
    }
}

/// A CSV field.
public enum CSVField {
    case text(String)
    case int(Int)
    case double(Double)
    case empty
}

/// Reads CSV written by `CSVWriter` (and any RFC 4180 CSV): for tests and tools.
public enum CSVReader {
    public static func rows(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field: [UInt8] = []
        var quoted = false, wasQuoted = false
        let bytes = Array(text.utf8)
        var i = 0
        func endField() {
            row.append(String(decoding: field, as: UTF8.self))
            field.removeAll()
            wasQuoted = false
        }
        while i < bytes.count {
            let b = bytes[i]
            if quoted {
                if b == 34 {
                    if i + 1 < bytes.count, bytes[i + 1] == 34 { field.append(34); i += 1 } else { quoted = false }
                } else {
                    field.append(b)
                }
            } else if b == 34, field.isEmpty, !wasQuoted {
                quoted = true
                wasQuoted = true
            } else if b == 44 {
                endField()
            } else if b == 10 || b == 13 {
                if b == 13, i + 1 < bytes.count, bytes[i + 1] == 10 { i += 1 }
                endField()
                rows.append(row)
                row = []
            } else {
                field.append(b)
            }
            i += 1
        }
        if !field.isEmpty || !row.isEmpty || wasQuoted {
            endField()
            rows.append(row)
        }
        return rows
    }
}
