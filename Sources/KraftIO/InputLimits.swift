/// Bounds on the numbers a grid file may hand the solvers. A finite value far beyond any power
/// system (a load of 1e300 MW) would otherwise reach LAPACK or KLU and come back as a "mismatch is
/// not a number" instead of an error naming its line.
public enum InputLimits {
    /// Largest magnitude of a number in a grid file (MW, MVAr, p.u., degrees, kV alike): 1e9.
    public static let magnitude = 1e9
    static let why = "a larger one overflows the solvers' arithmetic"
}
