/// The glue between SwiftPM executables and libFuzzer.
///
/// `-sanitize=fuzzer` links libFuzzer, whose own `main` would drive `LLVMFuzzerTestOneInput`.
/// SwiftPM, however, links every executable with `main` aliased to `<Target>_main` (so that
/// tests can link executables), which hides libFuzzer's `main`. Each target therefore defines
/// `@_cdecl("<Target>_main")` and hands control to libFuzzer's documented entry point
/// `LLVMFuzzerRunDriver` with its callback; it also exports `LLVMFuzzerTestOneInput`, which
/// libFuzzer's runtime refers to. Everything a target needs is in `FuzzTarget.run`.
public typealias FuzzCallback = @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: FuzzCallback
) -> Int32

public enum FuzzTarget {
    /// Runs libFuzzer with the process's arguments (corpus folders, `-max_total_time=`, ...).
    public static func run(
        _ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, _ callback: FuzzCallback
    ) -> Int32 {
        var count = argc
        var vector = argv
        return LLVMFuzzerRunDriver(&count, &vector, callback)
    }

    /// The input as an array (the pipeline's APIs take `[UInt8]`).
    public static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
        guard let data, size > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }
}

/// Stops the fuzzer with a message when an invariant does not hold: libFuzzer reports the trap
/// as a crash and saves the input, like any other crash.
public func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
                    file: StaticString = #fileID, line: UInt = #line) {
    if !condition() { fatalError("invariant broken: \(message())", file: file, line: line) }
}
