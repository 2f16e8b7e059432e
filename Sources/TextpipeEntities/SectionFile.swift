/// A binary file of named sections, each a flat array of fixed-size values aligned to 64 bytes,
/// so that a mapped file can be used in place: `SectionFile` checks the table of sections once
/// and hands out `Table` views into the mapping, with no parse and no copy.
///
/// Layout (little-endian, as every machine this builds for): the magic "TPSECT01", a UInt32
/// byte-order mark 0x01020304, a UInt32 section count, then per section a 32-byte zero-padded
/// name, a UInt64 offset and a UInt64 byte length; then the sections at 64-byte boundaries.
/// The first section, `kind`, names what the file holds ("textpipe entity model 3"), so a file
/// of the wrong kind gets a clear error instead of a wrong answer.
struct SectionFile: Sendable {
    static let magic = Array("TPSECT01".utf8)
    static let byteOrderMark: UInt32 = 0x0102_0304
    static let nameBytes = 32
    static let alignment = 64

    let storage: MappedBytes
    private let sections: [String: Range<Int>]
    let kind: String

    /// Reads the table of sections of `storage`; `name` is for messages.
    init(_ storage: MappedBytes, name: String) throws {
        let b = storage.bytes
        func bad(_ why: String) -> EntityResourceError { EntityResourceError("\(name): \(why)") }
        guard b.count >= 16, Array(b[0..<8]) == Self.magic else {
            throw bad("not a textpipe binary resource (wrong magic number)")
        }
        guard b.loadUnaligned(fromByteOffset: 8, as: UInt32.self) == Self.byteOrderMark else {
            throw bad("written on a machine of the other byte order")
        }
        let count = Int(b.loadUnaligned(fromByteOffset: 12, as: UInt32.self))
        let entry = Self.nameBytes + 16
        guard 16 + count * entry <= b.count else { throw bad("truncated table of sections") }
        var sections: [String: Range<Int>] = [:]
        for s in 0..<count {
            let at = 16 + s * entry
            let nameField = b[at..<at + Self.nameBytes]
            let title = String(decoding: nameField.prefix { $0 != 0 }, as: UTF8.self)
            let offset = b.loadUnaligned(fromByteOffset: at + Self.nameBytes, as: UInt64.self)
            let length = b.loadUnaligned(fromByteOffset: at + Self.nameBytes + 8, as: UInt64.self)
            guard offset % UInt64(Self.alignment) == 0, offset <= UInt64(b.count), length <= UInt64(b.count) - offset else {
                throw bad("section '\(title)' lies outside the file")
            }
            sections[title] = Int(offset)..<Int(offset + length)
        }
        self.storage = storage
        self.sections = sections
        guard let kindRange = sections["kind"] else { throw bad("no 'kind' section") }
        kind = String(decoding: b[kindRange], as: UTF8.self)
    }

    /// Maps the file at `path`.
    init(path: String) throws {
        guard let storage = MappedBytes(mapping: path) else {
            throw EntityResourceError("cannot read \(path)")
        }
        try self.init(storage, name: path)
    }

    /// Fails unless the file holds `kind`.
    func expect(kind wanted: String, name: String) throws {
        guard kind == wanted else {
            throw EntityResourceError("\(name) holds '\(kind)', expected '\(wanted)'")
        }
    }

    func has(_ name: String) -> Bool { sections[name] != nil }

    /// Section `name` as an array of `T`.
    func table<T>(_ name: String, of _: T.Type = T.self) throws -> Table<T> {
        guard let range = sections[name] else { throw EntityResourceError("missing section '\(name)'") }
        guard range.count % MemoryLayout<T>.stride == 0 else {
            throw EntityResourceError("section '\(name)' is not a whole number of \(T.self)")
        }
        let start = storage.bytes.baseAddress.map { $0 + range.lowerBound }
        let typed = start.map { $0.assumingMemoryBound(to: T.self) }
        return Table(UnsafeBufferPointer(start: typed, count: range.count / MemoryLayout<T>.stride), owner: storage)
    }

    func bytes(_ name: String) throws -> [UInt8] { Array(try table(name, of: UInt8.self).buffer) }

    /// Collects sections and lays them out.
    struct Writer {
        private var sections: [(name: String, bytes: [UInt8])] = []

        init(kind: String) { add("kind", Array(kind.utf8)) }

        mutating func add<T>(_ name: String, _ values: [T]) {
            precondition(name.utf8.count < SectionFile.nameBytes && !sections.contains { $0.name == name })
            sections.append((name, values.withUnsafeBytes { Array($0) }))
        }

        func bytes() -> [UInt8] {
            func pad(_ out: inout [UInt8]) {
                while out.count % SectionFile.alignment != 0 { out.append(0) }
            }
            func append<I: FixedWidthInteger>(_ v: I, to out: inout [UInt8]) {
                withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) }
            }
            var out = SectionFile.magic
            append(SectionFile.byteOrderMark, to: &out)
            append(UInt32(sections.count), to: &out)
            let tableEnd = out.count + sections.count * (SectionFile.nameBytes + 16)
            var offset = (tableEnd + SectionFile.alignment - 1) / SectionFile.alignment * SectionFile.alignment
            for s in sections {
                var name = Array(s.name.utf8)
                name += [UInt8](repeating: 0, count: SectionFile.nameBytes - name.count)
                out += name
                append(UInt64(offset), to: &out)
                append(UInt64(s.bytes.count), to: &out)
                offset += (s.bytes.count + SectionFile.alignment - 1) / SectionFile.alignment * SectionFile.alignment
            }
            for s in sections {
                pad(&out)
                out += s.bytes
            }
            pad(&out)
            return out
        }
    }
}

/// A read-only array of fixed-size values living in a mapped file (or a heap copy), kept alive
/// by its owner. Immutable, hence Sendable.
struct Table<T>: @unchecked Sendable {
    let buffer: UnsafeBufferPointer<T>
    private let owner: MappedBytes?

    init(_ buffer: UnsafeBufferPointer<T>, owner: MappedBytes) {
        self.buffer = buffer
        self.owner = owner
    }

    /// A heap copy of `values`.
    init(_ values: [T]) {
        let storage = MappedBytes(copying: values.withUnsafeBytes { Array($0) })
        buffer = UnsafeBufferPointer(start: storage.bytes.baseAddress?.assumingMemoryBound(to: T.self), count: values.count)
        owner = storage
    }

    var count: Int { buffer.count }

    @inline(__always)
    subscript(i: Int) -> T { buffer[i] }

    var array: [T] { Array(buffer) }
}
