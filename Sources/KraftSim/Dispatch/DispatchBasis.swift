/// The optimal basis of a solved window's LP (after its last round of branch limits), keyed by
/// what each column and row stands for and its hour in the window, so that another window's LP
/// on the same grid can start its branch-limit round from it (`DispatchLP.solve(_:options:start:)`).
///
/// Why: the round that adds the branch limits to the market's optimum is most of a week's LP time
/// (8.7 of 11.3 s of CLP on the calibrated Swedish year). From the market's basis the dual simplex
/// must first push about 1,100 violated limit rows out of the basis, about 2,900 iterations; from
/// another week's optimal basis, where the same branches already bind in the same pattern of
/// hydro, thermal and imports, it needs about half as many (Benchmarks/RESULTS.md, "The Swedish
/// year's LP"). The LP has many optima of equal cost, so the start picks which one CLP reaches,
/// never its cost.
///
/// Statuses are CLP's codes (0 free, 1 basic, 2 at upper bound, 3 at lower bound, 4 superbasic,
/// 5 fixed). What the other LP lacks (a unit group, a limited branch, the hours after a short
/// window's last) keeps the status the market round left it; CLP repairs a basis whose count of
/// basic variables is wrong when it factorizes.
public struct DispatchBasis: Sendable {
    /// What a column of an hour stands for.
    enum Column: Hashable, Sendable {
        case group(bus: Int, cost: Double, curtailable: Bool, budget: Int?)
        case unserved(bus: Int)
        case external(Int)
        case link(Int)
        case surplus(bus: Int)
    }

    /// Per hour, each column's status.
    var columns: [[Column: Int32]]
    /// Per hour, the status of its balance and interface rows, in the LP's order.
    var hourRows: [[Int32]]
    /// The status of each energy-budget row.
    var budgetRows: [Int32]
    /// Per limited branch, the status of its limit row in each hour.
    var limitRows: [Int: [Int32]]
}
