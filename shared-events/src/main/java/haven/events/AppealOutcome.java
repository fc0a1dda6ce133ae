package haven.events;

/** What the hearing of an appeal decided; final. */
public enum AppealOutcome {
    UPHELD,
    PARTLY_UPHELD,
    DISMISSED
}
