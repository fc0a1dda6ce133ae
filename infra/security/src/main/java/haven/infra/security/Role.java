package haven.infra.security;

/** The roles the identity provider puts in a token's {@code roles} claim. */
public enum Role {
    /** a signed-in member of staff making a named report */
    REPORTER,
    CASEWORKER,
    CASE_MANAGER,
    /** an organisation's board: its own anonymised trends only */
    BOARD,
    /** the partnership's board: anonymised trends of every partner together, and by partner */
    PARTNERSHIP_BOARD,
    /** the data protection officer: retention, erasure, the access log, projections */
    ADMIN,
    /**
     * someone at a third-party reporting centre (their {@code team} claim names it): records reports
     * for people and sees the status of the reports their centre recorded, nothing more
     */
    REPORTING_CENTRE;

    /** The Spring Security authority for this role, as the resource server maps the claim. */
    public String authority() {
        return "ROLE_" + name();
    }
}
