import Foundation
import Testing
import TextpipeCore
@testable import TextpipeStats

/// Opens report.html in headless Chromium and checks that the charts were really drawn: every
/// chart has a laid-out size and bars of non-zero size (read from the DOM after layout), and in
/// a screenshot of the whole page the pixels at the centres of bars have the bars' colours.
/// Missing, empty or unpainted charts fail; so would a page that needs the network, since the
/// browser runs without one and the screenshot would miss what it could not load.
@Suite(.enabled(if: Browser.shouldRun, "headless Chromium is not installed (apt-get install chromium); set TEXTPIPE_REQUIRE_INTEGRATION=1 to make this a failure"))
struct ReportBrowserTests {
    /// Charts the test corpus must show, each with at least this many bars or cells.
    static let charts: [(id: String, marks: Int)] = [
        ("chart-days", 3), ("chart-doc-lengths", 3), ("chart-sentence-lengths", 3), ("chart-top-terms", 20),
        ("chart-tfidf", 20), ("chart-bigrams", 5), ("chart-entities-loc", 5), ("chart-entities-person", 5),
        ("chart-cooccurrence", 4), ("chart-sources", 5), ("chart-languages", 3),
    ]

    /// A script, added to a copy of the page only, that writes each chart's box and its marks'
    /// boxes and fills into the DOM, which `--dump-dom` then prints.
    static let probe = """
        <script>
        window.addEventListener('load', () => {
          const r = e => { const b = e.getBoundingClientRect(); return [b.left + scrollX, b.top + scrollY, b.width, b.height]; };
          const charts = {};
          for (const svg of document.querySelectorAll('svg.chart')) {
            charts[svg.id] = { box: r(svg), marks: [...svg.querySelectorAll('rect.bar, rect.cell')].map(m => ({
              box: r(m), fill: getComputedStyle(m).fill, kind: m.getAttribute('class') })) };
          }
          const out = document.createElement('pre');
          out.id = 'layout-probe';
          out.textContent = JSON.stringify({ height: document.documentElement.scrollHeight, charts });
          document.body.appendChild(out);
        });
        </script>
        """

    struct Layout: Decodable {
        struct Mark: Decodable {
            var box: [Double]
            var fill: String
            /// "bar", or "cell" of the co-occurrence matrix (pale or white when rare or none).
            var kind: String
        }
        struct Chart: Decodable {
            var box: [Double]
            var marks: [Mark]
        }
        var height: Double
        var charts: [String: Chart]
    }

    @Test func chartsAreLaidOutAndPainted() throws {
        let dir = temporaryDirectory()
        let stage = StatsStage(settings: TestDocuments.settings())
        let out = OutputDirectory(dir)
        try StatsFiles.write(fold(TestDocuments.contributions(stage)), to: out, report: true)
        let page = dir.appendingPathComponent("report.html")
        let html = try String(contentsOf: page, encoding: .utf8)
        let probed = dir.appendingPathComponent("probe.html")
        try html.replacingOccurrences(of: "</body>", with: Self.probe + "</body>").write(to: probed, atomically: true, encoding: .utf8)

        // 1. Layout, read from the DOM after load.
        let dom = try Browser.run(["--window-size=1280,900", "--virtual-time-budget=5000", "--dump-dom"], page: probed)
        guard let start = dom.range(of: "<pre id=\"layout-probe\">"), let end = dom.range(of: "</pre>", range: start.upperBound..<dom.endIndex) else {
            Issue.record("the probe did not run; the DOM was: \(dom.prefix(500))")
            return
        }
        let json = String(dom[start.upperBound..<end.lowerBound]).replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
        let layout = try JSONDecoder().decode(Layout.self, from: Data(json.utf8))
        for (id, minimum) in Self.charts {
            guard let chart = layout.charts[id] else {
                Issue.record("chart \(id) is missing")
                continue
            }
            #expect(chart.box[2] >= 150 && chart.box[3] >= 40, "chart \(id) is laid out at \(chart.box)")
            let drawn = chart.marks.filter { $0.box[2] >= 1 && $0.box[3] >= 1 }
            #expect(drawn.count >= minimum, "chart \(id) has \(drawn.count) visible marks, expected at least \(minimum)")
            #expect(drawn.allSatisfy { $0.fill.hasPrefix("rgb(") }, "chart \(id) has marks without a fill")
        }

        // 2. Paint: a screenshot of the whole page; bar centres must show the bars' colours.
        let shot = dir.appendingPathComponent("report.png")
        let height = Int(layout.height.rounded(.up)) + 10
        _ = try Browser.run(["--window-size=1280,\(height)", "--virtual-time-budget=5000", "--screenshot=\(shot.path)"], page: page)
        let image = try PNGImage(data: Data(contentsOf: shot))
        #expect(image.width == 1280 && image.height == height)
        var checked = 0
        for (id, _) in Self.charts {
            for mark in (layout.charts[id]?.marks ?? []).prefix(5) where mark.box[2] >= 4 && mark.box[3] >= 4 {
                let x = Int(mark.box[0] + mark.box[2] / 2), y = Int(mark.box[1] + mark.box[3] / 2)
                guard x < image.width, y < image.height, let want = Self.rgb(mark.fill) else { continue }
                let got = image.rgb(x, y)
                let distance = abs(got.0 - want.0) + abs(got.1 - want.1) + abs(got.2 - want.2)
                #expect(distance <= 12, "chart \(id): pixel at (\(x), \(y)) is \(got), the bar is \(want)")
                // And a bar must stand out from the white card it sits on.
                let contrast = (255 - got.0) + (255 - got.1) + (255 - got.2)
                #expect(mark.kind != "bar" || contrast >= 40, "chart \(id): the bar at (\(x), \(y)) is \(got), too close to the white background")
                checked += 1
            }
        }
        #expect(checked >= 30, "only \(checked) bars could be checked in the screenshot")
        // Keep the screenshot where a person can look at it.
        let keep = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("textpipe-report-screenshot.png")
        try? FileManager.default.removeItem(at: keep)
        try? FileManager.default.copyItem(at: shot, to: keep)
        print("report screenshot: \(keep.path) (\(image.width)x\(image.height))")
    }

    /// "rgb(15, 118, 110)" -> (15, 118, 110).
    static func rgb(_ css: String) -> (Int, Int, Int)? {
        let parts = css.drop { $0 != "(" }.dropFirst().prefix { $0 != ")" }.split(separator: ",")
            .compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        return parts.count >= 3 ? (parts[0], parts[1], parts[2]) : nil
    }
}
