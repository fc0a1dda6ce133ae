package haven.query.caseload;

/** Where a case stands, as the caseload shows it. */
public enum CaseStatus {
    SUBMITTED,
    TRIAGED,
    RESOLVED,
    CLOSED,
    REOPENED
}
