import Foundation
import TextpipeCore
import TextpipeMarkup

// Feeds are parsed by the same hardened libxml2 parse as pages.
extension XMLElement: FeedXMLNode {}

extension FeedReader where Node == XMLElement {
    /// The feed reader of a pipeline: it fetches feeds with the pipeline's fetch stage (so under
    /// its politeness and safety rules), or with default settings when the pipeline has none.
    public init(pipeline: Pipeline, base: URL) {
        let fetch = pipeline.stages.lazy.compactMap { $0.stage as? FetchStage }.first
        let limits = pipeline.limits
        self.init(fetcher: fetch?.fetcher ?? HTTPFetcher(settings: FetchSettings()), base: base, limits: limits) { bytes, charset in
            try XMLElement.parse(bytes, declaredCharset: charset,
                                 limits: MarkupLimits(maxDepth: limits.maxDOMDepth, maxNodes: limits.maxNodes))
        }
    }
}
