package haven.events;

/** Risk to the people involved, set at triage; it drives the SLA. */
public enum RiskLevel {
    LOW,
    MEDIUM,
    HIGH
}
