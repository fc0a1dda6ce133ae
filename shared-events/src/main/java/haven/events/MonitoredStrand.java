package haven.events;

/**
 * Hate crime strands: the five the police monitor nationally (race, religion, sexual
 * orientation, disability, transgender identity) and the local ones partnerships add.
 */
public enum MonitoredStrand {
    RACE,
    RELIGION,
    SEXUAL_ORIENTATION,
    DISABILITY,
    TRANSGENDER_IDENTITY,
    SEX_OR_GENDER,
    ALTERNATIVE_SUBCULTURE
}
