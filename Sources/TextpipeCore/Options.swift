import Foundation

/// The type of a stage option, which decides how YAML is read into it and how it is listed
/// by `textpipe stages`.
public indirect enum OptionKind: Sendable, CustomStringConvertible {
    case string
    case int(ClosedRange<Int>)
    case double(ClosedRange<Double>)
    case bool
    /// "30s", "500ms", "2m", "1h", or a number of seconds.
    case duration
    /// "10MB", "512KiB", "2GB", or a number of bytes.
    case byteSize
    case choice([String])
    case list(OptionKind)
    /// A file or folder; relative paths are resolved against the pipeline file's folder.
    case path(mustExist: Bool)
    /// A structured value the stage reads itself (`ConfigNode`), described for the listing.
    case structured(String)

    public var description: String {
        switch self {
        case .string: return "string"
        case .int: return "integer"
        case .double: return "number"
        case .bool: return "true|false"
        case .duration: return "duration"
        case .byteSize: return "size"
        case .choice(let values): return values.joined(separator: "|")
        case .list(let of): return "list of \(of)"
        case .path: return "path"
        case .structured(let what): return what
        }
    }
}

/// A typed option value after validation.
public indirect enum OptionValue: Sendable, CustomStringConvertible {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    /// Seconds.
    case duration(Double)
    case bytes(Int)
    case list([OptionValue])
    case node(ConfigNode)
    /// No value (an optional option left out).
    case none

    public var description: String {
        switch self {
        case .string(let s): return s.isEmpty ? "\"\"" : s
        case .int(let i): return String(i)
        case .double(let d): return String(d)
        case .bool(let b): return String(b)
        case .duration(let s): return Duration.describe(seconds: s)
        case .bytes(let n): return ByteSize.describe(n)
        case .list(let items): return "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .node: return "{...}"
        case .none: return "none"
        }
    }
}

/// One option a stage accepts: its name, type, default and a line of help.
public struct OptionSpec: Sendable {
    public var name: String
    public var kind: OptionKind
    public var defaultValue: OptionValue
    public var help: String

    public init(_ name: String, _ kind: OptionKind, default defaultValue: OptionValue = .none, _ help: String) {
        self.name = name
        self.kind = kind
        self.defaultValue = defaultValue
        self.help = help
    }
}

/// The validated options of one stage entry. Accessors return the value or its default; all
/// checking already happened when the pipeline file was loaded, so they do not throw. A stage
/// that checks more than types (say, that two options agree) throws `error(_:key:)` from its
/// initializer, which points at the offending key.
public struct StageOptions: Sendable {
    public var values: [String: OptionValue]
    public var locations: [String: SourceLocation]
    /// Where the stage entry itself is.
    public var location: SourceLocation
    public var stageName: String
    /// Folder of the pipeline file: relative paths in options are resolved against it.
    public var baseDirectory: URL

    public init(stageName: String, values: [String: OptionValue] = [:], locations: [String: SourceLocation] = [:],
                location: SourceLocation = SourceLocation(file: "<options>", line: 0, column: 0),
                baseDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) {
        self.stageName = stageName
        self.values = values
        self.locations = locations
        self.location = location
        self.baseDirectory = baseDirectory
    }

    public subscript(name: String) -> OptionValue { values[name] ?? .none }

    public func string(_ name: String) -> String? {
        if case .string(let s) = self[name] { return s }
        return nil
    }

    public func int(_ name: String) -> Int? {
        if case .int(let i) = self[name] { return i }
        return nil
    }

    public func double(_ name: String) -> Double? {
        switch self[name] {
        case .double(let d): return d
        case .int(let i): return Double(i)
        default: return nil
        }
    }

    public func bool(_ name: String) -> Bool? {
        if case .bool(let b) = self[name] { return b }
        return nil
    }

    /// Seconds.
    public func duration(_ name: String) -> Double? {
        if case .duration(let s) = self[name] { return s }
        return nil
    }

    public func bytes(_ name: String) -> Int? {
        if case .bytes(let n) = self[name] { return n }
        return nil
    }

    public func strings(_ name: String) -> [String] {
        guard case .list(let items) = self[name] else { return [] }
        return items.compactMap { if case .string(let s) = $0 { return s } else { return nil } }
    }

    public func path(_ name: String) -> URL? {
        string(name).map { resolve(path: $0) }
    }

    public func paths(_ name: String) -> [URL] {
        strings(name).map { resolve(path: $0) }
    }

    public func node(_ name: String) -> ConfigNode? {
        if case .node(let n) = self[name] { return n }
        return nil
    }

    public func resolve(path: String) -> URL {
        let expanded = (path as NSString).expandingTildeInPath
        return expanded.hasPrefix("/") ? URL(fileURLWithPath: expanded)
            : baseDirectory.appendingPathComponent(expanded).standardizedFileURL
    }

    /// An error pointing at an option (or at the stage entry when the option was not given).
    public func error(_ message: String, key: String? = nil) -> ConfigurationError {
        ConfigurationError(
            message, at: key.flatMap { locations[$0] } ?? location,
            key: key.map { "\(stageName).\($0)" } ?? stageName)
    }
}

/// Parses and prints durations such as "30s", "250ms", "2m", "1h".
public enum Duration {
    /// The longest duration textpipe accepts: 100 years. Durations become deadlines in
    /// nanoseconds (`DispatchTime`) and milliseconds (`Int`); anything longer means "never" to
    /// a person, and `1e300s` would trap when converted.
    public static let maximum: Double = 100 * 365 * 86400

    /// Seconds, or nil for text that is not a duration from 0 to `maximum`.
    public static func parse(_ text: String) -> Double? {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86400)]
        var seconds: Double?
        if let (suffix, factor) = units.first(where: { t.hasSuffix($0.0) }) {
            let number = t.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)
            seconds = Double(number).map { $0 * factor }
        } else {
            seconds = Double(t)
        }
        guard let s = seconds, s.isFinite, s >= 0, s <= maximum else { return nil }
        return s
    }

    public static func describe(seconds: Double) -> String {
        if seconds < 1, seconds > 0 { return "\(Int((seconds * 1000).rounded()))ms" }
        if seconds.truncatingRemainder(dividingBy: 3600) == 0, seconds >= 3600 { return "\(Int(seconds / 3600))h" }
        if seconds.truncatingRemainder(dividingBy: 60) == 0, seconds >= 60 { return "\(Int(seconds / 60))m" }
        return seconds == seconds.rounded() ? "\(Int(seconds))s" : "\(seconds)s"
    }
}

/// Parses and prints sizes such as "10MB" (10^6), "512KiB" (2^10), "2GB".
public enum ByteSize {
    public static func parse(_ text: String) -> Int? {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [(String, Double)] = [
            ("kib", 1024), ("mib", 1_048_576), ("gib", 1_073_741_824), ("kb", 1000), ("mb", 1e6), ("gb", 1e9),
            ("k", 1000), ("m", 1e6), ("g", 1e9), ("b", 1),
        ]
        for (suffix, factor) in units where t.hasSuffix(suffix) {
            let number = t.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)
            guard let v = Double(number), v.isFinite, v >= 0, v * factor < 9e18 else { return nil }
            return Int(v * factor)
        }
        guard let v = Double(t), v.isFinite, v >= 0, v < 9e18 else { return nil }
        return Int(v)
    }

    public static func describe(_ n: Int) -> String {
        if n >= 1_000_000_000, n % 1_000_000_000 == 0 { return "\(n / 1_000_000_000)GB" }
        if n >= 1_000_000, n % 1_000_000 == 0 { return "\(n / 1_000_000)MB" }
        if n >= 1000, n % 1000 == 0 { return "\(n / 1000)KB" }
        return "\(n)B"
    }
}
