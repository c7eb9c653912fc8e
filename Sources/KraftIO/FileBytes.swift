#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole-file reading for the text readers: the file goes into one byte array, so that a parser
/// can scan raw bytes without first decoding the file into a `String`.
public enum FileBytes {
    /// The contents of the regular file at `path`.
    ///
    /// Throws an `InputError` without a line that gives the operating system's reason (no such
    /// file, permission denied, a directory, ...).
    public static func contents(ofFile path: String) throws(InputError) -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw failure(path, "cannot open file") }
        defer { close(fd) }

        var info = stat()
        guard fstat(fd, &info) == 0 else { throw failure(path, "cannot inspect file") }
        let kind = info.st_mode & S_IFMT
        guard kind == S_IFREG else {
            let what = kind == S_IFDIR ? "a directory" : "not a regular file"
            throw InputError(file: path, line: nil, message: "cannot read file: it is \(what); expected a text file")
        }

        // The size is a hint: one spare byte shows whether the file grew since `fstat`, and the
        // rest is then read in chunks, so what is returned is what was actually in the file.
        let expected = max(Int(info.st_size), 0) + 1
        var failed = false
        var bytes = [UInt8](unsafeUninitializedCapacity: expected) { buffer, initialized in
            let got = readFully(fd, UnsafeMutableRawBufferPointer(buffer))
            failed = got < 0
            initialized = max(got, 0)
        }
        if failed { throw failure(path, "cannot read file") }
        if bytes.count == expected {
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let got = chunk.withUnsafeMutableBytes { readFully(fd, $0) }
                if got < 0 { throw failure(path, "cannot read file") }
                if got == 0 { break }
                bytes += chunk[..<got]
            }
        }
        return bytes
    }

    /// Reads until `buffer` is full or the file ends; the number of bytes read, or -1 with
    /// `errno` set when the read fails.
    private static func readFully(_ fd: Int32, _ buffer: UnsafeMutableRawBufferPointer) -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        var count = 0
        while count < buffer.count {
            let got = systemRead(fd, base + count, buffer.count - count)
            if got < 0 {
                if errno == EINTR { continue }
                return -1
            }
            if got == 0 { break }
            count += got
        }
        return count
    }

    private static func failure(_ path: String, _ what: String) -> InputError {
        let reason = String(cString: strerror(errno))
        return InputError(file: path, line: nil, message: "\(what): \(reason)")
    }
}

/// The C library's `read(2)`, under a name that a static method cannot shadow.
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}
