/// Lines and transformers as parallel arrays, in the unified pi model of MATPOWER: a series
/// impedance `r + jx`, total charging susceptance `b` split between the ends, and an ideal
/// transformer of ratio `ratio` and phase shift `shift` at the from end.
public struct BranchTable: Sendable {
    /// Internal bus indices of the ends.
    public var from: [Int] = []
    public var to: [Int] = []
    public var r: [Double] = []
    public var x: [Double] = []
    public var b: [Double] = []
    /// Long-term, short-term and emergency ratings, p.u. (0 means unlimited).
    public var rateA: [Double] = []
    public var rateB: [Double] = []
    public var rateC: [Double] = []
    /// Off-nominal turns ratio; a line has 1 (a source file's 0 is converted to 1 when read).
    public var ratio: [Double] = []
    /// Phase shift, radians.
    public var shift: [Double] = []
    public var status: [Bool] = []

    public init() {}

    public var count: Int { from.count }

    /// Reactance of branch `l` in the DC model, p.u.: `x · ratio` (MATPOWER's `makeBdc`; the DC
    /// susceptance is its inverse).
    public func dcReactance(_ l: Int) -> Double { x[l] * ratio[l] }

    public mutating func append(from: Int, to: Int, r: Double, x: Double, b: Double,
                                rateA: Double = 0, rateB: Double = 0, rateC: Double = 0,
                                ratio: Double = 1, shift: Double = 0, status: Bool = true) {
        self.from.append(from)
        self.to.append(to)
        self.r.append(r)
        self.x.append(x)
        self.b.append(b)
        self.rateA.append(rateA)
        self.rateB.append(rateB)
        self.rateC.append(rateC)
        self.ratio.append(ratio)
        self.shift.append(shift)
        self.status.append(status)
    }
}
