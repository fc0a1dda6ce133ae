package haven.events;

/** Who is reporting: the person harmed, someone who saw it, someone on their behalf, or a reporting centre. */
public enum ReporterRole {
    VICTIM,
    WITNESS,
    THIRD_PARTY,
    REPORTING_CENTRE
}
