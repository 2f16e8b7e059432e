import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import TextpipeCore
import TextpipeGzip

/// A URL taken apart for fetching: only http and https get here.
struct Target: Sendable {
    var url: URL
    var scheme: String
    var host: String
    var port: Int
    var pathAndQuery: String

    init(_ url: URL) throws {
        let scheme = url.scheme?.lowercased() ?? ""
        guard scheme == "http" || scheme == "https" else {
            throw DocumentFailure(.wrongType, "cannot fetch \(url.absoluteString): only http, https and file URLs are fetched")
        }
        guard var host = url.host, !host.isEmpty else { throw DocumentFailure(.input, "\(url.absoluteString) has no host") }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }  // an IPv6 literal
        self.url = url
        self.scheme = scheme
        self.host = host.lowercased()
        self.port = url.port ?? (scheme == "https" ? 443 : 80)
        let parts = URLComponents(url: url, resolvingAgainstBaseURL: false)
        let path = parts?.percentEncodedPath ?? url.path
        let query = parts?.percentEncodedQuery.map { "?" + $0 } ?? ""
        self.pathAndQuery = (path.isEmpty ? "/" : path) + query
    }

    /// scheme://host:port, the unit robots.txt applies to.
    var origin: String { "\(scheme)://\(host):\(port)" }
    /// The Host header: the name, with the port when it is not the scheme's default.
    var hostHeader: String {
        let h = host.contains(":") ? "[\(host)]" : host
        return (scheme == "http" && port == 80) || (scheme == "https" && port == 443) ? h : "\(h):\(port)"
    }
}

extension HTTPFetcher {
    /// One request, retried after timeouts, refused or dropped connections, 5xx and 429 while the
    /// document's deadline allows. Waits between tries happen outside the host's gate.
    func requestWithRetries(_ target: Target, addresses: [AddressPolicy.Address], validators: Validators?,
                            delay: Double, anyType: Bool, deadline: DispatchTime, logger: Logger?) throws -> RawResponse {
        var attempt = 0
        while true {
            let wait: Double
            try gate.enter(host: target.host, delay: delay, deadline: deadline)
            do {
                let response = try request(target, address: addresses[0], validators: validators, anyType: anyType, deadline: deadline)
                gate.leave(host: target.host)
                guard response.status == 429 || [500, 502, 503, 504].contains(response.status), attempt < settings.retries else {
                    return response
                }
                wait = response.header("retry-after").flatMap { Backoff.retryAfter($0) }
                    ?? Backoff.delay(attempt: attempt, base: settings.retryBase, cap: settings.retryCap)
                // Asked to wait longer than we would, or than the deadline allows: give up now.
                if wait > settings.retryCap || !fits(wait, deadline) { return response }
            } catch let failure as DocumentFailure {
                gate.leave(host: target.host)
                guard [.timeout, .io, .refused].contains(failure.kind), attempt < settings.retries else { throw failure }
                wait = Backoff.delay(attempt: attempt, base: settings.retryBase, cap: settings.retryCap)
                if !fits(wait, deadline) { throw failure }
            }
            logger?.info("retrying", metadata: ["url": "\(target.url.absoluteString)", "attempt": "\(attempt + 2)",
                                                "after_seconds": "\(String(format: "%.2f", wait))"])
            Thread.sleep(forTimeInterval: wait)
            attempt += 1
        }
    }

    private func fits(_ wait: Double, _ deadline: DispatchTime) -> Bool {
        DispatchTime.now() + .milliseconds(Int(wait * 1000)) < deadline
    }

    /// One HTTP exchange. Plain HTTP connects to the checked address itself, with the name
    /// in the Host header; HTTPS connects by name (see `AddressPolicy`).
    func request(_ target: Target, address: AddressPolicy.Address, validators: Validators?, anyType: Bool,
                 deadline: DispatchTime) throws -> RawResponse {
        var url = target.url
        if target.scheme == "http", let pinned = URL(string: "http://\(address.urlHost):\(target.port)\(target.pathAndQuery)") {
            url = pinned
        }
        var request = try HTTPClient.Request(url: url, method: .GET)
        request.headers.add(name: "Host", value: target.hostHeader)
        request.headers.add(name: "User-Agent", value: settings.userAgent)
        request.headers.add(name: "Accept", value: "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.5")
        request.headers.add(name: "Accept-Encoding", value: "gzip, deflate")
        if let etag = validators?.etag { request.headers.add(name: "If-None-Match", value: etag) }
        if let lm = validators?.lastModified { request.headers.add(name: "If-Modified-Since", value: lm) }

        let accepted = anyType ? ["*/*"] : settings.contentTypes
        let collector = BodyCollector(maxBytes: settings.maxBytes) { status, headers in
            guard (200..<300).contains(status), let type = headers.first(name: "content-type").flatMap(MediaType.init(header:)) else { return nil }
            if accepted.contains(where: { type.matches($0) }) { return nil }
            return DocumentFailure(.wrongType, "Content-Type \(type.type) is not among content_types (\(accepted.joined(separator: ", ")))")
        }
        let timeoutAt = min(deadline, DispatchTime.now() + .milliseconds(Int(settings.timeout * 1000)))
        let nioDeadline = NIODeadline.uptimeNanoseconds(timeoutAt.uptimeNanoseconds)
        do {
            return try httpClient().execute(request: request, delegate: collector, deadline: nioDeadline).wait()
        } catch {
            throw Self.classify(error, url: target.url)
        }
    }

    /// Turns a transport error into a failure kind a script can filter on.
    static func classify(_ error: Error, url: URL) -> DocumentFailure {
        if let f = error as? DocumentFailure { return f }
        let where_ = url.absoluteString
        if let e = error as? HTTPClientError {
            switch e {
            case .connectTimeout, .readTimeout, .writeTimeout, .deadlineExceeded, .getConnectionFromPoolTimeout:
                return DocumentFailure(.timeout, "\(where_): \(e)")
            case .tlsHandshakeTimeout:
                return DocumentFailure(.tls, "\(where_): TLS handshake timed out")
            case .remoteConnectionClosed:
                return DocumentFailure(.io, "\(where_): the server closed the connection")
            default:
                break
            }
        }
        let text = String(describing: error)
        let type = String(reflecting: Swift.type(of: error))
        if text.contains("Connection refused") || text.contains("ECONNREFUSED") {
            return DocumentFailure(.refused, "\(where_): connection refused")
        }
        if type.contains("SSL") || type.contains("TLS") || text.contains("certificate") {
            return DocumentFailure(.tls, "\(where_): \(text)")
        }
        if text.contains("Connection reset") || text.contains("ECONNRESET") {
            return DocumentFailure(.io, "\(where_): connection reset")
        }
        return DocumentFailure(.io, "\(where_): \(text)")
    }
}

/// gzip and deflate bodies, decompressed within a limit.
enum Decompression {
    static func inflate(_ body: [UInt8], deflate: Bool, limit: Int, url: URL) throws -> [UInt8] {
        do {
            return try Gzip.decompress(body, limit: limit)
        } catch Gzip.Failure.tooLarge {
            throw DocumentFailure(.tooLarge, "\(url.absoluteString) decompresses to more than max_decompressed_bytes (\(limit))")
        } catch let first as Gzip.Failure {
            // "deflate" is meant to be zlib-wrapped, but some servers send it raw.
            if deflate, let raw = try? Gzip.decompress(body, limit: limit, raw: true) { return raw }
            throw DocumentFailure(.parse, "\(url.absoluteString): \(first)")
        }
    }
}
