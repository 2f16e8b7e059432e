import Foundation

/// The evaluation data folder beside the repository (`../shared/data`), or the folder named by
/// `TEXTPIPE_SHARED_DATA`. Tests that read it skip with a message where it is absent: unit
/// tests must pass without it.
public enum SharedData {
    public static let folder: URL = {
        if let dir = ProcessInfo.processInfo.environment["TEXTPIPE_SHARED_DATA"] {
            return URL(fileURLWithPath: dir)
        }
        return URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/data")
    }()

    /// A path in the folder, whether or not it is there.
    public static func url(_ relative: String) -> URL { folder.appendingPathComponent(relative) }

    /// A path in the folder, if it is there.
    public static func existing(_ relative: String) -> URL? {
        let u = url(relative)
        return FileManager.default.fileExists(atPath: u.path) ? u : nil
    }
}
