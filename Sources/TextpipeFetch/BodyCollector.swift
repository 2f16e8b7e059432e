import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import TextpipeCore

/// One HTTP response as the fetch sees it: status, headers and the body bytes as they came
/// over the wire (still compressed, if they were).
struct RawResponse: Sendable {
    var status: Int
    var headers: HTTPHeaders
    var body: [UInt8]

    func header(_ name: String) -> String? { headers.first(name: name) }
}

/// Receives a response for AsyncHTTPClient and enforces the size and type limits while the
/// body streams in, so that an endless or oversized body costs at most `maxBytes` of memory
/// and a page of the wrong type is abandoned after its head.
///
/// Only 2xx bodies are kept; those of redirects and errors are read and dropped.
final class BodyCollector: HTTPClientResponseDelegate, @unchecked Sendable {
    // Safety: AsyncHTTPClient calls a delegate's methods one at a time, on the request's event
    // loop; the state below is touched only from them.
    typealias Response = RawResponse

    private let maxBytes: Int
    private let checkHead: @Sendable (Int, HTTPHeaders) -> DocumentFailure?
    private var head: HTTPResponseHead?
    private var body: [UInt8] = []
    private var received = 0

    /// `checkHead` may refuse a response from its status and headers (a wrong Content-Type).
    init(maxBytes: Int, checkHead: @escaping @Sendable (Int, HTTPHeaders) -> DocumentFailure?) {
        self.maxBytes = maxBytes
        self.checkHead = checkHead
    }

    private var keeps: Bool { (200..<300).contains(Int(head?.status.code ?? 0)) }

    func didReceiveHead(task: HTTPClient.Task<Response>, _ head: HTTPResponseHead) -> EventLoopFuture<Void> {
        self.head = head
        let status = Int(head.status.code)
        if let failure = checkHead(status, head.headers) { return task.eventLoop.makeFailedFuture(failure) }
        if keeps, let length = head.headers.first(name: "content-length").flatMap(Int.init), length > maxBytes {
            return task.eventLoop.makeFailedFuture(DocumentFailure(.tooLarge, "the response declares \(length) bytes, over max_bytes (\(maxBytes))"))
        }
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didReceiveBodyPart(task: HTTPClient.Task<Response>, _ buffer: ByteBuffer) -> EventLoopFuture<Void> {
        received += buffer.readableBytes
        if received > maxBytes {
            return task.eventLoop.makeFailedFuture(DocumentFailure(.tooLarge, "the response is longer than max_bytes (\(maxBytes)); stopped reading"))
        }
        if keeps { body.append(contentsOf: buffer.readableBytesView) }
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didFinishRequest(task: HTTPClient.Task<Response>) throws -> Response {
        guard let head else { throw DocumentFailure(.io, "the response ended before its head") }
        return RawResponse(status: Int(head.status.code), headers: head.headers, body: body)
    }
}
