import ArgumentParser
import Foundation
import TextpipeCore
import TextpipeText

/// `textpipe eval sentences FILE.jsonl`: scores the sentence splitter on labelled documents
/// and measures its speed.
///
/// Each line is `{"id", "text", "sentences": [...]}`, optionally with `"title"`,
/// `"language"` and `"doc_type": "pdf"` (a line break inside a sentence is a space). A case is
/// right when the predicted sentences equal the expected ones after white space is collapsed
/// and trimmed and empty sentences are dropped (the Golden Rules README's definition);
/// boundaries are also scored one by one. A line without `"sentences"` is timed but not
/// scored, so that the speed can be measured on real running text (article bodies). Speed is text MB/s of tokenizing and splitting
/// together on one core (what the `sentences` stage does), the median of several runs, timed
/// in thread CPU time so that other processes on a shared machine do not skew it.
struct EvalSentencesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sentences",
        abstract: "Score sentence splitting on a JSONL of {id, text, sentences} and print text MB/s.")

    @Argument(help: "The labelled documents (e.g. ../shared/data/sbd/golden_rules_en.jsonl).")
    var file: String

    @Option(name: .long, help: "Language rules for lines without a \"language\" key.")
    var language = "en"

    @Option(name: .long, help: "Timed runs; the median is reported.")
    var runs = 5

    @Option(name: .long, help: "Failing cases to print (0 for none).")
    var show = 100

    struct Case {
        var id: String
        var title: String
        var text: String
        var sentences: [String]?
        var language: String?
        var pdf: Bool
    }

    func validate() throws {
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
    }

    func run() throws {
        let cases = try load()
        var right = 0
        var tp = 0, predictedCount = 0, expectedCount = 0
        var failures: [(Case, [String])] = []
        let labelled = cases.filter { $0.sentences != nil }
        for c in labelled {
            let splitter = SentenceSplitter(language: c.language ?? language, lineBreaks: c.pdf ? .join : .auto)
            let predicted = SentenceEvaluation.texts(splitter.split(c.text), in: c.text)
            let score = SentenceEvaluation.score(predicted: predicted, expected: c.sentences ?? [])
            if score.exact { right += 1 } else { failures.append((c, predicted)) }
            tp += score.truePositives
            predictedCount += score.predicted
            expectedCount += score.expected
        }
        var out = ""
        for (c, predicted) in failures.prefix(show) {
            out += "FAIL \(c.id)\(c.title.isEmpty ? "" : " \(c.title)")\n"
            out += "  expected: \(quoted(SentenceEvaluation.normalize(c.sentences ?? [])))\n"
            out += "  got:      \(quoted(SentenceEvaluation.normalize(predicted)))\n"
        }
        if failures.count > show { out += "... and \(failures.count - show) more failing cases\n" }
        let precision = predictedCount == 0 ? 1 : Double(tp) / Double(predictedCount)
        let recall = expectedCount == 0 ? 1 : Double(tp) / Double(expectedCount)
        let f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
        if labelled.count < cases.count {
            out += "\(cases.count - labelled.count) documents without \"sentences\": timed, not scored\n"
        }
        if !labelled.isEmpty {
            out += "cases right: \(right)/\(labelled.count)\n"
            out += String(format: "boundaries: precision %.4f, recall %.4f, F1 %.4f (%d expected, %d predicted)\n",
                          precision, recall, f1, expectedCount, predictedCount)
        }
        let (mbps, bytes) = measure(cases)
        out += String(format: "speed: %.1f MB/s of text (tokens + sentences, 1 core CPU time, median of %d runs over %.1f MB)\n",
                      mbps, runs, Double(bytes) / 1e6)
        print(out, terminator: "")
    }

    private func quoted(_ sentences: [String]) -> String {
        "[" + sentences.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
    }

    /// Each run segments the whole file, repeated until at least 4 MB or 0.2 s have gone by.
    private func measure(_ cases: [Case]) -> (Double, Int) {
        var splitters: [String: SentenceSplitter] = [:]
        for c in cases {
            let key = (c.language ?? language) + (c.pdf ? "/pdf" : "")
            if splitters[key] == nil {
                splitters[key] = SentenceSplitter(language: c.language ?? language, lineBreaks: c.pdf ? .join : .auto)
            }
        }
        let work = cases.map { (splitters[($0.language ?? language) + ($0.pdf ? "/pdf" : "")]!, $0.text) }
        let bytesPerPass = cases.reduce(0) { $0 + $1.text.utf8.count }
        guard bytesPerPass > 0 else { return (0, 0) }
        var rates: [Double] = []
        var checksum = 0
        for _ in 0..<runs {
            var bytes = 0
            let start = Self.threadCPUNanoseconds()
            var elapsed: UInt64 = 0
            repeat {
                for (splitter, text) in work {
                    let s = splitter.segment(text)
                    checksum &+= s.sentences.count &+ s.tokens.count
                }
                bytes += bytesPerPass
                elapsed = Self.threadCPUNanoseconds() - start
            } while bytes < 4_000_000 && elapsed < 200_000_000
            rates.append(Double(bytes) / 1e6 / (Double(elapsed) / 1e9))
        }
        if checksum == -1 { print("") }  // keeps the work observable
        rates.sort()
        return (rates[rates.count / 2], bytesPerPass)
    }

    /// CPU time of this thread: MB/s per core that other work on a shared machine does not skew.
    static func threadCPUNanoseconds() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }

    private func load() throws -> [Case] {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            throw CommandExit(code: 3, message: "textpipe: cannot read \(file): \(error.localizedDescription)")
        }
        var cases: [Case] = []
        for (n, line) in data.split(separator: UInt8(ascii: "\n")).enumerated() {
            guard !line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) else { continue }
            guard let o = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                  let text = o["text"] as? String, o["sentences"] == nil || o["sentences"] is [String] else {
                throw CommandExit(code: 2, message: "textpipe: \(file):\(n + 1): expected {\"id\", \"text\", \"sentences\": [...]} (\"sentences\" may be left out)")
            }
            let id = (o["id"] as? String) ?? (o["id"] as? Int).map(String.init) ?? "line-\(n + 1)"
            cases.append(Case(id: id, title: o["title"] as? String ?? "", text: text, sentences: o["sentences"] as? [String],
                              language: o["language"] as? String, pdf: o["doc_type"] as? String == "pdf"))
        }
        return cases
    }
}
