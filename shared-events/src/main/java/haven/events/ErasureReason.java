package haven.events;

/** Why a case's personal data was erased. */
public enum ErasureReason {
    /** the retention period after closure ended */
    RETENTION_PERIOD_ENDED,
    /** a person asked for their data to be erased and the data protection officer agreed */
    ERASURE_REQUEST
}
