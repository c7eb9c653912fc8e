/// Why a dispatch could not be computed: the problem's data are inconsistent (named by element
/// and hour), or the LP solver stopped without an optimum.
public enum DispatchError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The problem's data are unusable; the message names the element, the hour and what was expected.
    case invalidProblem(String)
    /// CLP ended without a proven optimum; the message gives its status and the likely cause.
    case solverFailed(String)

    public var description: String {
        switch self {
        case .invalidProblem(let m): "dispatch problem: \(m)"
        case .solverFailed(let m): "dispatch LP: \(m)"
        }
    }
}
