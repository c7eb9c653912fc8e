#if canImport(Glibc)
import CMalloc
#endif

/// How the process's allocator gives memory back, set once at start.
///
/// glibc serves an allocation of 128 KiB or more with its own `mmap` and returns it to the system
/// when freed, and trims the heap's free top above 128 KiB, until a freed `mmap`ed block raises
/// both thresholds. A `kraft` run allocates in phases (read the case, build the matrices and
/// factors, write the result): with the defaults each phase's arrays are fresh pages, each page
/// a fault on first touch (about 1 µs here), though the phase before freed as much. A cold
/// Newton–Raphson solve of case2383wp took 415 page faults after the case was read, 267 with
/// the thresholds below — the values glibc's own adjustment would reach (32 MiB, trim at twice
/// that) — set from the start. The price: the process keeps what it freed, so its peak can rise
/// where freed blocks do not fit later requests (N-1 on case2383wp: 82 → 99 MB resident).
enum MemoryPolicy {
    static func keepFreedMemory() {
        #if canImport(Glibc)
        _ = mallopt(M_MMAP_THRESHOLD, 32 << 20)
        _ = mallopt(M_TRIM_THRESHOLD, 64 << 20)
        #endif
    }
}
