package haven.events;

/** Why a case's personal data was erased. */
public enum ErasureReason {
    /** the retention period after closure ended */
    RETENTION_PERIOD_ENDED,
    /** the case had no activity for the retention period after its last event (it was never closed) */
    NO_ACTIVITY_FOR_RETENTION_PERIOD,
    /** a person asked for their data to be erased and the data protection officer agreed */
    ERASURE_REQUEST,
    /** the case's organisation left the partnership and its officer erased all its cases (the counts stay) */
    ORGANISATION_LEFT
}
