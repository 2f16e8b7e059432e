import Foundation
import Testing
import TextpipeCore
@testable import TextpipeStats

/// `stats merge` reads partials from every place textpipe writes them, and says clearly when
/// a file holds none.
struct StatsFilesTests {
    static let partial = fold(TestDocuments.contributions(StatsStage(settings: TestDocuments.settings())))
    static let bare = String(decoding: try! JSONEncoder.sorted.encode(partial), as: UTF8.self)

    @Test(arguments: [
        ("stats.json", String(decoding: try! StatsFiles.statsJSON(partial), as: UTF8.self)),
        ("checkpoint", "{\"counts\":{},\"documents_bytes\":0,\"partials\":{\"stats\":\(bare)},\"pipeline_hash\":\"x\"}"),
        ("stream line", "{\"stats\":{\"stats\":\(bare)},\"counts\":{}}"),
        ("stream output", "{\"id\":\"a\",\"text\":\"x\"}\n{\"id\":\"b\",\"text\":\"y\"}\n{\"stats\":{\"stats\":\(bare)},\"counts\":{}}\n"),
        ("bare partial", bare),
    ])
    func readsPartialsFrom(kind: String, text: String) throws {
        #expect(try StatsFiles.readPartial(Data(text.utf8), name: kind) == Self.partial)
    }

    @Test(arguments: [
        ("not json", "is not JSON"),
        ("{\"format\": \"textpipe-stats/9\", \"partial\": {}}", "this textpipe reads textpipe-stats/1"),
        ("{\"title\": \"x\"}", "holds no statistics"),
        ("{\"stats\": {\"stats\": {\"format\": 2, \"documents\": 1}}}", "unsupported partial format 2"),
        ("{\"stats\": {\"stats\": {\"format\": 1, \"documents\": \"many\"}}}", "cannot be read"),
    ])
    func rejects(text: String, message: String) {
        do {
            _ = try StatsFiles.readPartial(Data(text.utf8), name: "input.json")
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".contains(message), "\(error)")
            #expect("\(error)".contains("input.json") || message == "is not JSON")
        }
    }

    @Test func statsJSONHoldsDerivedFiguresFirstAndNothingElseButThePartial() throws {
        let data = Data(try StatsFiles.statsJSON(Self.partial))
        #expect(String(decoding: data, as: UTF8.self).hasPrefix("{\n\"derived\": {"))
        let top = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        #expect(top.keys.sorted() == ["derived", "format", "partial"], "no run-specific fields such as times")
    }
}
