import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// An HTTP server on 127.0.0.1 for the fetch tests, on SwiftNIO. Each test gives it a route
/// function that answers a request (given how many times its path was asked before) with a
/// `Reply`; the server logs every request so tests can check what the fetcher sent.
/// `stop()` closes it; tests call it in a `defer`.
final class TestServer: @unchecked Sendable {
    // Safety: `log` is guarded by `lock`; `route` is immutable.
    struct Request: Sendable {
        var path: String
        var headers: [String: String]
        var time: Double
    }

    indirect enum Reply: Sendable {
        case respond(Int, [(String, String)], [UInt8])
        /// Waits, then replies.
        case after(Double, Reply)
        /// Sends the head, then body chunks forever (until the client goes away).
        case endless([(String, String)])

        static func html(_ body: String, _ headers: [(String, String)] = []) -> Reply {
            .respond(200, [("Content-Type", "text/html; charset=utf-8")] + headers, Array(body.utf8))
        }
        static func status(_ code: Int, _ headers: [(String, String)] = []) -> Reply {
            .respond(code, headers, [])
        }
    }

    let route: @Sendable (Request, Int) -> Reply
    private let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    private var channel: Channel?
    private let lock = NSLock()
    private var log: [Request] = []
    private(set) var port = 0

    /// With `tls`, the server speaks HTTPS with a self-signed certificate (which no client
    /// trusts, so fetching from it must fail with kind `tls`).
    init(tls: Bool = false, _ route: @escaping @Sendable (Request, Int) -> Reply) throws {
        self.route = route
        let context = try tls ? NIOSSLContext(configuration: .makeServerConfiguration(
            certificateChain: [.certificate(try NIOSSLCertificate(bytes: Array(Self.certificate.utf8), format: .pem))],
            privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(Self.key.utf8), format: .pem)))) : nil
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { [self] channel in
                channel.eventLoop.makeCompletedFuture {
                    if let context { try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context)) }
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(Handler(server: self))
                }
            }
        let ch = try bootstrap.bind(host: "127.0.0.1", port: 0).wait()
        channel = ch
        port = ch.localAddress!.port!
    }

    var base: String { "http://127.0.0.1:\(port)" }

    /// A self-signed certificate for CN=textpipe-test (P-256, valid for 100 years), and its key.
    static let certificate = """
        -----BEGIN CERTIFICATE-----
        MIIBiDCCAS2gAwIBAgIUVNHjq/V2uJsGAbo1pyrAxRLWGqwwCgYIKoZIzj0EAwIw
        GDEWMBQGA1UEAwwNdGV4dHBpcGUtdGVzdDAgFw0yNjExMjQyMzQ4MTZaGA8yMTI2
        MTAzMTIzNDgxNlowGDEWMBQGA1UEAwwNdGV4dHBpcGUtdGVzdDBZMBMGByqGSM49
        AgEGCCqGSM49AwEHA0IABLNliPVe8XFg49P4bmKe77MBn3KQ9SKsH4c1R4dDG2fp
        Wntkmnl0SWjVCsAf02KeaFmyuWrnezkrZ7GAIBYcOqajUzBRMB0GA1UdDgQWBBRp
        Xqeb/m5NuLmlob1jgWCL9JYTRTAfBgNVHSMEGDAWgBRpXqeb/m5NuLmlob1jgWCL
        9JYTRTAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0kAMEYCIQCtfsWquThg
        87NEjO0d+dmbzpRGEoEDaapy4mAGlU20GQIhAOVlgnU39KFvMWJ5/UDNPqADydKN
        fzPtkOQkqUvDyNkQ
        -----END CERTIFICATE-----
        """
    static let key = """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgF0C+2lsfFkOmNeeQ
        aJKy8hUlbrGmODp7aKeRCyxGd4+hRANCAASzZYj1XvFxYOPT+G5inu+zAZ9ykPUi
        rB+HNUeHQxtn6Vp7ZJp5dElo1QrAH9NinmhZsrlq53s5K2exgCAWHDqm
        -----END PRIVATE KEY-----
        """

    func stop() {
        try? channel?.close().wait()
        try? group.syncShutdownGracefully()
    }

    var requests: [Request] { lock.withLock { log } }
    func requests(_ path: String) -> [Request] { requests.filter { $0.path == path } }

    fileprivate func record(_ r: Request) -> Int {
        lock.withLock {
            let n = log.filter { $0.path == r.path }.count
            log.append(r)
            return n
        }
    }

    private final class Handler: ChannelInboundHandler {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart
        let server: TestServer
        var head: HTTPRequestHead?
        init(server: TestServer) { self.server = server }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let h): head = h
            case .body: break
            case .end:
                guard let head else { return }
                var headers: [String: String] = [:]
                for (k, v) in head.headers { headers[k.lowercased()] = v }
                let request = Request(path: head.uri, headers: headers, time: Double(DispatchTime.now().uptimeNanoseconds) / 1e9)
                let n = server.record(request)
                send(server.route(request, n), context: context)
            }
        }

        func send(_ reply: Reply, context: ChannelHandlerContext) {
            switch reply {
            case .after(let seconds, let next):
                let loop = context.eventLoop.assumeIsolated()
                loop.scheduleTask(in: .milliseconds(Int64(seconds * 1000))) { self.send(next, context: context) }
            case .respond(let status, let headers, let body):
                var h = HTTPHeaders(headers)
                if !h.contains(name: "content-length") { h.add(name: "Content-Length", value: String(body.count)) }
                context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .init(statusCode: status), headers: h))), promise: nil)
                if !body.isEmpty { context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: body)))), promise: nil) }
                context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            case .endless(let headers):
                context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: HTTPHeaders(headers)))), promise: nil)
                pump(context: context, sent: 0)
            }
        }

        /// Writes 64 KiB chunks until a write fails (the client closed) or 1 GB went out.
        func pump(context: ChannelHandlerContext, sent: Int) {
            guard context.channel.isActive, sent < 1_000_000_000 else { return }
            let chunk = ByteBuffer(repeating: UInt8(ascii: "a"), count: 65_536)
            let loop = context.eventLoop.assumeIsolated()
            context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(chunk)))).assumeIsolated().whenComplete { result in
                if case .success = result {
                    loop.execute { self.pump(context: context, sent: sent + 65_536) }
                }
            }
        }
    }
}
