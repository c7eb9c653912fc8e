/// The Newton–Raphson kernels a `PowerFlowSolver` keeps (Jacobian pattern and symbolic
/// factorization per bus classification met), the most recently used first, at most `capacity`.
///
/// The most recent one sits in a slot of its own and the others in a list behind it, each in a
/// class instance. A plain solve meets one classification and so never allocates the list; an
/// array of structs did, and an insertion into it had the Swift runtime build the type metadata
/// of the array's storage, of the optional first element and of the inserted collection from
/// their mangled names at first use, some 30,000 instructions of a 118-bus cold solve. An
/// optional class instance is a pointer and needs no metadata.
struct KeptKernels {
    /// What a kernel was made for.
    struct Key: Equatable {
        let buses: BusClassification, participation: [Double]?, choice: LinearSolverChoice
    }

    final class Entry {
        let key: Key
        let kernel: NewtonRaphsonKernel

        init(key: Key, kernel: NewtonRaphsonKernel) {
            self.key = key
            self.kernel = kernel
        }
    }

    let capacity: Int
    /// The most recently used entry.
    private(set) var newest: Entry?
    /// The others, most recently used first.
    private var older: [Entry] = []

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// The kernel kept for `key`, now the most recently used; nil when none is.
    mutating func take(_ key: Key) -> NewtonRaphsonKernel? {
        guard let newest else { return nil }
        if newest.key == key { return newest.kernel }
        guard let i = older.firstIndex(where: { $0.key == key }) else { return nil }
        let found = older.remove(at: i)
        older.insert(newest, at: 0)
        self.newest = found
        return found.kernel
    }

    /// Keeps `kernel` as the most recently used, dropping the least recently used beyond
    /// `capacity`.
    mutating func add(_ kernel: NewtonRaphsonKernel, for key: Key) {
        if let newest {
            older.insert(newest, at: 0)
            if older.count > capacity - 1 { older.removeLast() }
        }
        newest = Entry(key: key, kernel: kernel)
    }

    /// Every kept kernel.
    func forEach(_ body: (NewtonRaphsonKernel) -> Void) {
        if let newest { body(newest.kernel) }
        for entry in older { body(entry.kernel) }
    }
}
