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
///
/// Lines with a `"genre"` key (UD English-EWT: `../shared/data/sbd/ewt_docs.jsonl`) get a
/// table per genre, over all boundaries and over those inside a paragraph (the hard ones).
/// `--leave-one-out` trains the sentence model afresh for each genre on the other genres and
/// scores it on that one: the figure that says how the model does on text it was not trained on.
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

    @Option(name: .long, help: "The sentence model: shipped, none (rules only), or a model file from `textpipe train sentences`.")
    var model = "shipped"

    @Flag(name: .long, help: "Per genre: train the model on the other genres and score it on this one.")
    var leaveOneOut = false

    struct Case {
        var id: String
        var title: String
        var text: String
        var sentences: [String]?
        var language: String?
        var pdf: Bool
        /// The "genre" key (EWT's answers, email, ...): figures are printed per genre.
        var genre: String?
    }

    func validate() throws {
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
    }

    func run() throws {
        let cases = try Self.load(file)
        let labelled = cases.filter { $0.sentences != nil }
        let choice = try modelChoice()
        var out = ""
        if leaveOneOut {
            out += try heldOutTable(labelled)
        } else if !labelled.isEmpty {
            let scored = score(labelled, model: choice)
            for (c, predicted) in scored.failures.prefix(show) {
                out += "FAIL \(c.id)\(c.title.isEmpty ? "" : " \(c.title)")\n"
                out += "  expected: \(quoted(SentenceEvaluation.normalize(c.sentences ?? [])))\n"
                out += "  got:      \(quoted(SentenceEvaluation.normalize(predicted)))\n"
            }
            if scored.failures.count > show { out += "... and \(scored.failures.count - show) more failing cases\n" }
            out += "cases right: \(labelled.count - scored.failures.count)/\(labelled.count)\n"
            let all = scored.byGroup[""]!
            out += String(format: "boundaries: precision %.4f, recall %.4f, F1 %.4f (%d expected, %d predicted)\n",
                          all.all.precision, all.all.recall, all.all.f1, all.all.expected, all.all.predicted)
            if scored.byGroup.count > 1 || all.intraParagraph.expected < all.all.expected {
                out += table(scored.byGroup)
            }
        }
        if labelled.count < cases.count {
            out += "\(cases.count - labelled.count) documents without \"sentences\": timed, not scored\n"
        }
        let (mbps, bytes) = measure(cases, model: choice)
        out += String(format: "speed: %.1f MB/s of text (tokens + sentences, 1 core CPU time, median of %d runs over %.1f MB)\n",
                      mbps, runs, Double(bytes) / 1e6)
        print(out, terminator: "")
    }

    struct GroupScore {
        var documents = 0
        var all = SentenceEvaluation.Counts()
        var intraParagraph = SentenceEvaluation.Counts()
    }

    /// Scores every labelled case; groups are the cases' genres, and "" is all of them.
    private func score(_ labelled: [Case], model: SentenceSplitter.Model) -> (failures: [(Case, [String])], byGroup: [String: GroupScore]) {
        var failures: [(Case, [String])] = []
        var byGroup: [String: GroupScore] = ["": GroupScore()]
        for c in labelled {
            let splitter = SentenceSplitter(language: c.language ?? language, lineBreaks: c.pdf ? .join : .auto, model: model)
            let predicted = SentenceEvaluation.texts(splitter.split(c.text), in: c.text)
            let score = SentenceEvaluation.score(predicted: predicted, expected: c.sentences ?? [], text: c.text)
            if !score.exact { failures.append((c, predicted)) }
            for group in c.genre.map({ ["", $0] }) ?? [""] {
                byGroup[group, default: GroupScore()].documents += 1
                byGroup[group, default: GroupScore()].all += score.all
                byGroup[group, default: GroupScore()].intraParagraph += score.intraParagraph
            }
        }
        return (failures, byGroup)
    }

    private func modelChoice() throws -> SentenceSplitter.Model {
        switch model {
        case "shipped": return .shipped
        case "none": return SentenceSplitter.Model.none
        default:
            do {
                return .custom(try SentenceModel(text: String(contentsOfFile: model, encoding: .utf8)))
            } catch let e as SentenceModelError {
                throw CommandExit(code: 2, message: "textpipe: \(model): \(e)")
            } catch {
                throw CommandExit(code: 3, message: "textpipe: cannot read \(model): \(error.localizedDescription)")
            }
        }
    }

    /// Leave-one-genre-out: a model trained on the other genres scores each genre.
    private func heldOutTable(_ labelled: [Case]) throws -> String {
        let genres = Set(labelled.compactMap(\.genre)).sorted()
        guard genres.count >= 2 else {
            throw CommandExit(code: 2, message: "textpipe: --leave-one-out needs lines of two or more \"genre\"s")
        }
        var groups: [String: GroupScore] = ["": GroupScore()]
        for genre in genres {
            let training = labelled.filter { $0.genre != genre }.map { SentenceModelTrainer.Document(text: $0.text, sentences: $0.sentences ?? []) }
            let trained = SentenceModelTrainer().train(training)
            let scored = score(labelled.filter { $0.genre == genre }, model: .custom(trained.model))
            groups[genre] = scored.byGroup[genre]
            groups[""]!.documents += scored.byGroup[genre]!.documents
            groups[""]!.all += scored.byGroup[genre]!.all
            groups[""]!.intraParagraph += scored.byGroup[genre]!.intraParagraph
        }
        return "leave one genre out (each genre scored by a model trained on the others):\n" + table(groups)
    }

    /// Precision, recall and F1 per genre, over all boundaries and inside paragraphs only.
    private func table(_ groups: [String: GroupScore]) -> String {
        func pad(_ s: String, _ n: Int) -> String { s.padding(toLength: max(n, s.count), withPad: " ", startingAt: 0) }
        var out = pad("genre", 12) + "  docs  bounds   P      R      F1     | intra:  P      R      F1\n"
        for name in groups.keys.sorted(by: { ($0.isEmpty ? "~" : $0) < ($1.isEmpty ? "~" : $1) }) {
            let g = groups[name]!
            out += pad(name.isEmpty ? "all" : name, 12)
            out += String(format: " %5d %7d  %.3f  %.3f  %.3f  |        %.3f  %.3f  %.3f\n", g.documents, g.all.expected,
                          g.all.precision, g.all.recall, g.all.f1,
                          g.intraParagraph.precision, g.intraParagraph.recall, g.intraParagraph.f1)
        }
        return out
    }

    private func quoted(_ sentences: [String]) -> String {
        "[" + sentences.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
    }

    /// Each run segments the whole file, repeated until at least 4 MB or 0.2 s have gone by.
    private func measure(_ cases: [Case], model: SentenceSplitter.Model) -> (Double, Int) {
        var splitters: [String: SentenceSplitter] = [:]
        for c in cases {
            let key = (c.language ?? language) + (c.pdf ? "/pdf" : "")
            if splitters[key] == nil {
                splitters[key] = SentenceSplitter(language: c.language ?? language, lineBreaks: c.pdf ? .join : .auto, model: model)
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

    /// The lines of a JSONL file of `{id, text, sentences}` (also `textpipe train sentences`).
    static func load(_ file: String) throws -> [Case] {
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
                              language: o["language"] as? String, pdf: o["doc_type"] as? String == "pdf",
                              genre: o["genre"] as? String))
        }
        return cases
    }
}
