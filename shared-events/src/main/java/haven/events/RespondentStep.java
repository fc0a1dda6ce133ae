package haven.events;

/** What has been done with the person complained about. */
public enum RespondentStep {
    /** told of the complaint */
    INFORMED,
    /** interviewed for the investigation */
    INTERVIEWED,
    /** referred to the disciplinary process */
    REFERRED_TO_DISCIPLINARY
}
