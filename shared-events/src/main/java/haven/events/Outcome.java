package haven.events;

/** How a case ended. */
public enum Outcome {
    UPHELD,
    PARTLY_UPHELD,
    NOT_UPHELD,
    RESOLVED_INFORMALLY,
    WITHDRAWN,
    REFERRED_TO_POLICE
}
