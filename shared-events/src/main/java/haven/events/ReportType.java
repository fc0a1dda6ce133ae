package haven.events;

/** The two kinds of report Haven takes. */
public enum ReportType {
    HATE_INCIDENT,
    DIGNITY_AT_WORK
}
