/// Strings stored once each as UTF-8 in one byte array, referred to by number: how resource
/// tables keep names (a gazetteer's types, canonical forms, GeoNames ids) in a mapped file.
struct StringPool: Sendable {
    /// String i is `bytes[starts[i]..<starts[i+1]]`.
    private let starts: Table<UInt32>
    private let bytes: Table<UInt8>

    var count: Int { starts.count - 1 }

    func contains(_ id: UInt32) -> Bool { Int(id) < count }

    func string(_ id: UInt32) -> String {
        let i = Int(id)
        return String(decoding: UnsafeBufferPointer(rebasing: bytes.buffer[Int(starts[i])..<Int(starts[i + 1])]), as: UTF8.self)
    }

    private init(starts: Table<UInt32>, bytes: Table<UInt8>) {
        self.starts = starts
        self.bytes = bytes
    }

    func write(into file: inout SectionFile.Writer, prefix: String) {
        file.add(prefix + ".stringStarts", starts.array)
        file.add(prefix + ".strings", bytes.array)
    }

    init(file: SectionFile, prefix: String) throws {
        let starts = try file.table(prefix + ".stringStarts", of: UInt32.self)
        let bytes = try file.table(prefix + ".strings", of: UInt8.self)
        guard starts.count >= 1, starts[0] == 0, Int(starts[starts.count - 1]) == bytes.count,
              zip(starts.buffer, starts.buffer.dropFirst()).allSatisfy({ $0 <= $1 })
        else { throw EntityResourceError("'\(prefix)': inconsistent string table") }
        self.init(starts: starts, bytes: bytes)
    }

    /// Numbers strings in the order they are first seen.
    struct Builder {
        private var ids: [String: UInt32] = [:]
        private var starts: [UInt32] = [0]
        private var bytes: [UInt8] = []

        var count: Int { starts.count - 1 }

        mutating func id(_ s: String) -> UInt32 {
            if let id = ids[s] { return id }
            let id = UInt32(count)
            ids[s] = id
            bytes.append(contentsOf: s.utf8)
            starts.append(UInt32(bytes.count))
            return id
        }

        func pool() -> StringPool { StringPool(starts: Table(starts), bytes: Table(bytes)) }
    }
}
