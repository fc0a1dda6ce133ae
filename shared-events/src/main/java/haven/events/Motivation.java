package haven.events;

import java.util.Optional;

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
    OTHER;

    /** The Equality Act characteristic a caseworker starts triage from, if this perception names one. */
    public Optional<ProtectedCharacteristic> characteristic() {
        return switch (this) {
            case TRANSGENDER_IDENTITY -> Optional.of(ProtectedCharacteristic.GENDER_REASSIGNMENT);
            case ALTERNATIVE_SUBCULTURE, OTHER -> Optional.empty();
            default -> Optional.of(ProtectedCharacteristic.valueOf(name()));
        };
    }

    /** The monitored hate crime strand a caseworker starts triage from, if this perception names one. */
    public Optional<MonitoredStrand> strand() {
        return switch (this) {
            case RACE, SEXUAL_ORIENTATION, DISABILITY, TRANSGENDER_IDENTITY, ALTERNATIVE_SUBCULTURE ->
                Optional.of(MonitoredStrand.valueOf(name()));
            case RELIGION_OR_BELIEF -> Optional.of(MonitoredStrand.RELIGION);
            case GENDER_REASSIGNMENT -> Optional.of(MonitoredStrand.TRANSGENDER_IDENTITY);
            case SEX -> Optional.of(MonitoredStrand.SEX_OR_GENDER);
            default -> Optional.empty();
        };
    }
}
