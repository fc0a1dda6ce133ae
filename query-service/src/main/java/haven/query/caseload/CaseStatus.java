package haven.query.caseload;

/** Where a case stands, as the caseload shows it. */
public enum CaseStatus {
    SUBMITTED,
    TRIAGED,
    RESOLVED,
    CLOSED,
    REOPENED,
    /** its outcome appealed, the appeal not yet decided */
    APPEALED
}
