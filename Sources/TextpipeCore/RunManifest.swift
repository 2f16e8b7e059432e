import Foundation

/// The version written into run.json and printed by `textpipe --version`.
public enum TextpipeVersion {
    public static let current = "0.1.0"
}

/// run.json: what ran, when, on what, and what came of it.
public enum RunManifest {
    public static func json(report: RunReport, pipelineHash: String, complete: Bool, extra: [(String, JSONValue)] = []) throws -> [UInt8] {
        let c = report.counts
        var w = JSONWriter()
        w.beginObject()
        w.field("textpipe_version", TextpipeVersion.current)
        w.field("pipeline_hash", pipelineHash)
        w.field("started", ISO8601.string(from: report.started))
        w.field("ended", ISO8601.string(from: report.ended))
        w.key("seconds")
        w.double((report.seconds * 1000).rounded() / 1000)
        w.key("complete")
        w.bool(complete)
        w.field("stopped_by", report.stoppedBy)
        w.field("resumed_documents", report.resumedDocuments)
        w.key("counts")
        w.raw(Array(try JSONEncoder.sorted.encode(c)))
        w.key("docs_per_second")
        w.double(report.seconds > 0 ? (Double(c.inputs) / report.seconds * 10).rounded() / 10 : 0)
        for (k, v) in extra {
            w.key(k)
            w.value(v)
        }
        w.endObject()
        var bytes = w.bytes
        bytes.append(10)
        return bytes
    }
}
