import KraftCore
import KraftScenario

/// What a `ScenarioStudy` made: the year (or snapshot) run, the N-1 studies of its critical hours
/// (hours of the run's profiles, as `HourContingency` numbers them) and the hours it could not
/// study, and the certificate market's path when it was asked for.
public struct StudyResult: Sendable {
    public var year: YearResult
    /// N-1 at the run's critical hours; nil when N-1 was not asked for.
    public var contingency: [HourContingency.Study]?
    public var certificates: CertificateRun?

    public init(year: YearResult, contingency: [HourContingency.Study]? = nil, certificates: CertificateRun? = nil) {
        self.year = year
        self.contingency = contingency
        self.certificates = certificates
    }

    /// The critical hours whose AC check failed, with why (`YearResult.unstudiedHours`).
    public var unstudied: [YearResult.UnstudiedHour] { year.unstudiedHours }

    /// Weeks (windows) the study dispatched, all stages together: the year run dispatches each
    /// of its weeks once and N-1 reuses them, so this is the run's number of weeks.
    public var dispatchedWindows: Int { year.dispatchedWindows }
}
