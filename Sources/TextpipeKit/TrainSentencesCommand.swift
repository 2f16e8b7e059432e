import ArgumentParser
import Foundation
import TextpipeText

/// `textpipe train sentences`: trains the model that finds the sentence boundaries the rules
/// cannot see (no final mark, or lower case after one) from documents whose sentences are
/// known, in the JSONL format `textpipe eval sentences` reads, e.g.
///
///     textpipe train sentences ../shared/data/sbd/ewt_docs.jsonl -o en.sentences
///     textpipe train sentences ../shared/data/sbd/ewt_docs.jsonl \
///         -o Sources/TextpipeText/Model/EnglishSentenceModel.swift
///
/// A model file is text (`# key: value` header lines, then `feature<TAB>weight`); an output
/// path ending in `.swift` gets the same text as the Swift source that compiles the shipped
/// English model into the binary. `textpipe eval sentences FILE --leave-one-out` says how a
/// model trained this way does on a genre it was not trained on.
struct TrainSentencesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sentences",
        abstract: "Train the sentence model on a JSONL of {id, text, sentences}.")

    @Argument(help: "Training files (e.g. ../shared/data/sbd/ewt_docs.jsonl).")
    var files: [String]

    @Option(name: [.short, .long], help: "Where to write the model (a .swift path writes the shipped model's source).")
    var output: String

    @Option(name: .long, help: "Passes over the training data.")
    var epochs = 12

    @Option(name: .long, help: "The score a gap needs to be a boundary; higher is more precise, lower finds more.")
    var threshold = 3.0

    @Option(name: .long, help: "Language rules the model works after.")
    var language = "en"

    @Option(name: .long, help: "A line for the model's header: KEY=VALUE (e.g. licence=CC BY-SA 4.0).")
    var info: [String] = []

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("name at least one training file") }
        guard (1...200).contains(epochs) else { throw ValidationError("--epochs must be within 1...200") }
        for i in info where !i.contains("=") || i.contains("\n") { throw ValidationError("--info expects KEY=VALUE, found '\(i)'") }
    }

    func run() throws {
        var documents: [SentenceModelTrainer.Document] = []
        for file in files {
            for c in try EvalSentencesCommand.load(file) {
                if let sentences = c.sentences { documents.append(.init(text: c.text, sentences: sentences)) }
            }
        }
        guard !documents.isEmpty else { throw CommandExit(code: 2, message: "textpipe: no lines with \"sentences\" in \(files.joined(separator: ", "))") }
        var trainer = SentenceModelTrainer()
        trainer.epochs = epochs
        trainer.threshold = threshold
        trainer.language = language
        var header = ["trained_on": files.map { ($0 as NSString).lastPathComponent }.joined(separator: " + "),
                      "epochs": String(epochs)]
        for i in info {
            let parts = i.split(separator: "=", maxSplits: 1)
            header[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
        }
        let trained = trainer.train(documents, info: header, log: { print($0) })
        let body = output.hasSuffix(".swift") ? Self.swiftSource(trained.text) : trained.text
        do {
            try body.write(toFile: output, atomically: true, encoding: .utf8)
        } catch {
            throw CommandExit(code: 3, message: "textpipe: cannot write \(output): \(error.localizedDescription)")
        }
        print("wrote \(output) (\(trained.model.count) weights, threshold \(threshold))")
    }

    /// The model text as the Swift source of the shipped model.
    static func swiftSource(_ text: String) -> String {
        """
        // Written by `textpipe train sentences ... -o Model/EnglishSentenceModel.swift`; retrain
        // rather than edit. Trained on UD English-EWT (CC BY-SA 4.0): see NOTICE.md beside it.
        extension SentenceModel {
            static let englishModelText = #\"\"\"
        \(text)\"\"\"#
        }

        """
    }
}
