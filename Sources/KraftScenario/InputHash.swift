import Crypto
import Foundation

/// Reads a file whole and hashes it (SHA-256, lower-case hex), so every run can name exactly
/// what it read.
public enum InputHash {
    public static func read(_ path: String) throws -> (data: Data, file: InputFile) {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return (data, InputFile(path: path, sha256: hex(data)))
    }

    /// SHA-256 of `data`, lower-case hex.
    static func hex(_ data: Data) -> String {
        SHA256.hash(data: data).map { byte in
            let s = String(byte, radix: 16)
            return byte < 16 ? "0" + s : s
        }.joined()
    }
}
