import Foundation
import Logging
import TextpipeCore

/// robots.txt, fetched once per origin (scheme, host, port) and kept for the run.
///
/// The first document of an origin fetches the file; others of the same origin that arrive
/// meanwhile wait for that answer instead of asking again. A 2xx file is parsed; a 4xx means
/// no rules; a 5xx means the site is not answering for its rules, which RFC 9309 says to read
/// as "disallow everything". When the file cannot be fetched at all (refused, no DNS,
/// forbidden address, timeout), that failure is kept and given to every document of the
/// origin, with its own kind, so that a dead host fails fast and is reported as what it is.
final class RobotsCache: @unchecked Sendable {
    // Safety: `entries` is only touched with `condition` locked.
    private enum Entry {
        case loading
        case rules(RobotsRules)
        case failed(DocumentFailure)
    }
    private let condition = NSCondition()
    private var entries: [String: Entry] = [:]

    func clear() {
        condition.lock()
        entries = [:]
        condition.unlock()
    }

    func rules(for target: Target, fetcher: HTTPFetcher, deadline: DispatchTime, logger: Logger?) throws -> RobotsRules {
        let key = target.origin
        condition.lock()
        while case .loading? = entries[key] { condition.wait() }
        switch entries[key] {
        case .rules(let r)?:
            condition.unlock()
            return r
        case .failed(let f)?:
            condition.unlock()
            throw f
        default:
            entries[key] = .loading
            condition.unlock()
        }
        let entry = Self.load(target, fetcher: fetcher, deadline: deadline)
        logger?.debug("robots.txt", metadata: ["origin": "\(key)", "answer": "\(entry)"])
        condition.lock()
        entries[key] = entry
        condition.broadcast()
        condition.unlock()
        switch entry {
        case .rules(let r): return r
        case .failed(let f): throw f
        case .loading: fatalError("unreachable")
        }
    }

    private static func load(_ target: Target, fetcher: HTTPFetcher, deadline: DispatchTime) -> Entry {
        let port = (target.scheme == "http" && target.port == 80) || (target.scheme == "https" && target.port == 443) ? "" : ":\(target.port)"
        let host = target.host.contains(":") ? "[\(target.host)]" : target.host
        guard let url = URL(string: "\(target.scheme)://\(host)\(port)/robots.txt") else { return .rules(.allowAll) }
        do {
            let page = try fetcher.fetch(url, validators: nil, deadline: deadline, purpose: .robots)
            return .rules(RobotsRules(parsing: page.body, agent: fetcher.settings.agentToken))
        } catch let f as DocumentFailure {
            switch f.kind {
            case .http4xx, .wrongType, .tooLarge, .parse:
                return .rules(.allowAll)
            case .http5xx:
                return .rules(.disallowAll)
            default:
                return .failed(DocumentFailure(f.kind, "robots.txt of \(target.origin): \(f.message)"))
            }
        } catch {
            return .failed(DocumentFailure(.io, "robots.txt of \(target.origin): \(error)"))
        }
    }
}
