import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Renames a file or folder only if nothing is at the target, atomically: Linux's
/// `renameat2(..., RENAME_NOREPLACE)`, so of two writers racing for one name exactly one wins and
/// the other gets `EEXIST` instead of silently replacing the winner. Where the call or the flag is
/// not supported (`ENOSYS`, `EINVAL`: an old kernel, some network file systems) it falls back to
/// `rename(2)`, which still refuses to replace a folder that is not empty.
public enum NoReplaceRename {
    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    private static let renameat2: RenameAt2? = dlsym(nil, "renameat2").map { unsafeBitCast($0, to: RenameAt2.self) }
    private static let noReplace: UInt32 = 1  // RENAME_NOREPLACE

    public enum Failure: Error, Equatable {
        /// Something is already at the target.
        case exists
        case other(errno: Int32)

        public var message: String {
            switch self {
            case .exists: "already exists"
            case .other(let e): String(cString: strerror(e))
            }
        }
    }

    public static func rename(_ source: String, to target: String) throws(Failure) {
        if let renameat2 {
            if renameat2(AT_FDCWD, source, AT_FDCWD, target, noReplace) == 0 { return }
            let e = errno
            if e == EEXIST { throw .exists }
            guard e == ENOSYS || e == EINVAL else { throw .other(errno: e) }
        }
        guard !FileManager.default.fileExists(atPath: target) else { throw .exists }
        if Glibc.rename(source, target) == 0 { return }
        let e = errno
        throw (e == EEXIST || e == ENOTEMPTY) ? .exists : .other(errno: e)
    }
}
