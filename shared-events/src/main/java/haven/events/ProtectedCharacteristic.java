package haven.events;

/** The nine protected characteristics of the Equality Act 2010, as confirmed at triage. */
public enum ProtectedCharacteristic {
    AGE,
    DISABILITY,
    GENDER_REASSIGNMENT,
    MARRIAGE_AND_CIVIL_PARTNERSHIP,
    PREGNANCY_AND_MATERNITY,
    RACE,
    RELIGION_OR_BELIEF,
    SEX,
    SEXUAL_ORIENTATION
}
