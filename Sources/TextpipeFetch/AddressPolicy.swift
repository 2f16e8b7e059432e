import Foundation
import TextpipeCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Decides which hosts a fetch may connect to, after DNS resolution: a page on the web must
/// not be able to make textpipe read the machine's own services or its private network
/// (`http://169.254.169.254/`, `http://localhost:6379/`, or a public name that resolves to
/// 10.0.0.5), whether it is named in the input or reached by a redirect.
///
/// Every address a name resolves to is checked, not only the first: a name with one public
/// and one private address is refused. Hosts in `allow_hosts` (names or literal addresses,
/// compared case-insensitively) are exempt; tests list 127.0.0.1 there.
///
/// The addresses checked are the ones connected to: `HTTPFetcher` connects plain HTTP to the
/// checked address itself (with the name in the Host header), so DNS cannot answer
/// differently between the check and the connection. HTTPS connects by name, for SNI and
/// certificate checking; a DNS answer changed in between would point it at a service that
/// cannot present a certificate for the name, and the handshake fails.
public struct AddressPolicy: Sendable {
    public var allowHosts: Set<String>

    public init(allowHosts: [String]) {
        self.allowHosts = Set(allowHosts.map { $0.lowercased() })
    }

    /// A resolved address, printable and usable in a URL.
    public struct Address: Sendable, Equatable, CustomStringConvertible {
        public var text: String
        public var isIPv6: Bool
        /// Why the address is not public, or nil if it is.
        public var restriction: String?
        public var description: String { text }
        /// How the address goes into a URL's authority.
        public var urlHost: String { isIPv6 ? "[\(text)]" : text }
    }

    /// Resolves `host` and returns its addresses, all of them allowed, or throws a
    /// `DocumentFailure` of kind `dns` or `forbidden_address`.
    public func resolve(host: String, port: Int) throws -> [Address] {
        let addresses = try Self.lookup(host: host, port: port)
        if allowHosts.contains(host.lowercased()) { return addresses }
        if let bad = addresses.first(where: { $0.restriction != nil }) {
            throw DocumentFailure(.forbiddenAddress,
                                  "\(host) resolves to \(bad.text), a \(bad.restriction!) address; add the host to the fetch stage's allow_hosts to fetch it")
        }
        return addresses
    }

    /// The addresses `getaddrinfo` gives for a host (literal addresses are returned as they are).
    static func lookup(host: String, port: Int) throws -> [Address] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var result: UnsafeMutablePointer<addrinfo>?
        let name = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        let status = getaddrinfo(name, String(port), &hints, &result)
        guard status == 0, let first = result else {
            let reason = status == EAI_SYSTEM ? String(cString: strerror(errno)) : String(cString: gai_strerror(status))
            throw DocumentFailure(.dns, "cannot resolve \(host): \(reason)")
        }
        defer { freeaddrinfo(first) }
        var out: [Address] = []
        var node: UnsafeMutablePointer<addrinfo>? = first
        while let n = node {
            if let a = address(n.pointee.ai_addr), !out.contains(a) { out.append(a) }
            node = n.pointee.ai_next
        }
        if out.isEmpty { throw DocumentFailure(.dns, "\(host) has no address") }
        return out
    }

    private static func address(_ sa: UnsafeMutablePointer<sockaddr>?) -> Address? {
        guard let sa else { return nil }
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        if Int32(sa.pointee.sa_family) == AF_INET {
            return sa.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { sin -> Address? in
                var a = sin.pointee.sin_addr
                let bytes = withUnsafeBytes(of: &a) { Array($0) }
                guard inet_ntop(AF_INET, &a, &buffer, socklen_t(buffer.count)) != nil else { return nil }
                return Address(text: text(buffer), isIPv6: false, restriction: restriction(ipv4: bytes))
            }
        }
        if Int32(sa.pointee.sa_family) == AF_INET6 {
            return sa.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { sin6 -> Address? in
                var a = sin6.pointee.sin6_addr
                let bytes = withUnsafeBytes(of: &a) { Array($0) }
                guard inet_ntop(AF_INET6, &a, &buffer, socklen_t(buffer.count)) != nil else { return nil }
                return Address(text: text(buffer), isIPv6: true, restriction: restriction(ipv6: bytes))
            }
        }
        return nil
    }

    /// The characters of a NUL-terminated buffer.
    private static func text(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Why an IPv4 address (4 bytes, network order) is not public, or nil.
    public static func restriction(ipv4 b: [UInt8]) -> String? {
        switch (b[0], b[1]) {
        case (127, _): return "loopback"
        case (10, _), (192, 168), (172, 16...31): return "private"
        case (169, 254): return "link-local"
        case (100, 64...127): return "shared (carrier-grade NAT)"
        case (0, _): return "unspecified"
        case (224...239, _): return "multicast"
        case (240...255, _): return "reserved"
        case (192, 0) where b[2] == 0: return "reserved"
        case (198, 18...19): return "benchmarking"
        default: return nil
        }
    }

    /// Why an IPv6 address (16 bytes) is not public, or nil. IPv4-mapped and IPv4-compatible
    /// addresses are judged by their IPv4 part.
    public static func restriction(ipv6 b: [UInt8]) -> String? {
        if b[0..<15].allSatisfy({ $0 == 0 }) { return b[15] == 1 ? "loopback" : "unspecified" }
        if b[0..<10].allSatisfy({ $0 == 0 }), b[10] == 0xFF, b[11] == 0xFF { return restriction(ipv4: Array(b[12..<16])) }
        if b[0..<12].allSatisfy({ $0 == 0 }) { return restriction(ipv4: Array(b[12..<16])) }
        if b[0] == 0xFE, b[1] & 0xC0 == 0x80 { return "link-local" }
        if b[0] == 0xFE, b[1] & 0xC0 == 0xC0 { return "site-local" }
        if b[0] & 0xFE == 0xFC { return "private (unique local)" }
        if b[0] == 0xFF { return "multicast" }
        if b[0] == 0x20, b[1] == 0x02 { return restriction(ipv4: Array(b[2..<6])) }  // 6to4
        if b[0..<4] == [0x00, 0x64, 0xFF, 0x9B] { return restriction(ipv4: Array(b[12..<16])) }  // NAT64
        return nil
    }
}
