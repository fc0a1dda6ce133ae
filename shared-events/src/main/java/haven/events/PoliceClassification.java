package haven.events;

/** How the police recorded what was reported to them. */
public enum PoliceClassification {
    CRIME,
    /** recorded as a hate incident that is not a crime */
    NON_CRIME_HATE_INCIDENT
}
