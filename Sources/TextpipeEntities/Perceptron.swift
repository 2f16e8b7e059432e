/// One trained perceptron as training leaves it: sparse weights per feature key and tag, and
/// transition scores. `EntityModel` lays one or two of these out for tagging.
///
/// Only what training left non-zero is kept: for each feature, the tags it votes for and with
/// what weight (`rowStart[f]..<rowStart[f+1]` into `tagOf` and `weights`).
struct Perceptron: Sendable {
    let keys: [UInt64]
    let rowStart: [UInt32]
    let tagOf: [UInt8]
    let weights: [Float]
    /// T×T transitions (from row to column), then start and end scores per tag.
    let transitions: [Float]
    let start: [Float]
    let end: [Float]
}
