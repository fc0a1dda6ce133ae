package haven.events;

/**
 * What the reporter perceives the incident was motivated by: the nine protected characteristics
 * of the Equality Act 2010, the police strands they do not already cover, and anything else.
 */
public enum Motivation {
    AGE,
    DISABILITY,
    GENDER_REASSIGNMENT,
    MARRIAGE_AND_CIVIL_PARTNERSHIP,
    PREGNANCY_AND_MATERNITY,
    RACE,
    RELIGION_OR_BELIEF,
    SEX,
    SEXUAL_ORIENTATION,
    TRANSGENDER_IDENTITY,
    ALTERNATIVE_SUBCULTURE,
    OTHER
}
