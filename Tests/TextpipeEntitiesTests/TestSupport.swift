import Foundation
import TextpipeCore
@testable import TextpipeEntities

/// Test inputs with hand-placed token boundaries: spaces separate tokens, "|" marks a boundary
/// without a space ("$|100" is two tokens of "$100"), "\n" ends a sentence. This is not a
/// tokenizer: it lets a test say exactly how the tokenizer split the text.
func markedDocument(_ marked: String) -> Document {
    var text = ""
    var tokens: [Token] = []
    var sentences: [Span] = []
    var tokenStart: Int?
    var sentenceStart: Int?
    var length = 0
    func close() {
        if let s = tokenStart, s < length {
            tokens.append(Token(start: s, end: length, kind: .word))
            if sentenceStart == nil { sentenceStart = s }
        }
        tokenStart = nil
    }
    func endSentence() {
        close()
        if let s = sentenceStart, let last = tokens.last { sentences.append(Span(s, Int(last.end))) }
        sentenceStart = nil
    }
    for scalar in marked.unicodeScalars {
        switch scalar {
        case "|": close()
        case " ", "\n":
            if scalar == "\n" { endSentence() } else { close() }
            text.unicodeScalars.append(scalar)
            length += 1
        default:
            if tokenStart == nil { tokenStart = length }
            text.unicodeScalars.append(scalar)
            length += 1
        }
    }
    endSentence()
    var document = Document(id: "test", source: "test")
    document.text = text
    document.tokens = tokens
    document.sentences = sentences
    return document
}

/// The code-point slice `text[start:end]`, as Python would take it.
func slice(_ text: String, _ start: Int, _ end: Int) -> String {
    let scalars = Array(text.unicodeScalars)
    return String(String.UnicodeScalarView(scalars[start..<end]))
}

/// The shipped tagger, or nil when the model is not in the bundle.
func bundledTagger() -> EntityTagger? {
    try? EntityModelCache.shared.tagger(model: nil)
}

