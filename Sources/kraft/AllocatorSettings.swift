#if canImport(Glibc)
import Glibc
#endif

/// glibc's allocator set for a process that allocates and frees large buffers over and over.
///
/// Why: glibc serves every allocation above its mmap threshold (128 KB, raised only after such a
/// block is freed) with a fresh `mmap` and gives it back on `free`, so each weekly dispatch LP
/// (CLP's matrices, factorization and work arrays, several MB) and each week's hour matrices
/// are page-faulted in anew, and the top of the heap is trimmed back to the system as it
/// shrinks. Kept in the process instead, the same year of base-2025 spent 0.20–0.25 s of system
/// time instead of 0.59–0.66 s, with the same results bit for bit and the same peak memory
/// (Benchmarks/RESULTS.md, "The Swedish year's LP").
enum AllocatorSettings {
    /// glibc's `mallopt` parameters (malloc.h, which Swift's Glibc module does not import).
    private static let mmapThreshold: Int32 = -3, trimThreshold: Int32 = -1

    /// Blocks up to 256 MB from the heap, the heap trimmed only above 1 GB free at its top.
    /// Elsewhere than glibc, nothing.
    static func apply() {
        #if canImport(Glibc)
        // RTLD_DEFAULT (a null handle): the allocator the process already uses.
        guard let symbol = dlsym(nil, "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
        _ = mallopt(mmapThreshold, 256 << 20)
        _ = mallopt(trimThreshold, 1 << 30)
        #endif
    }
}
