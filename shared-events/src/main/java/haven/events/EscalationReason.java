package haven.events;

/** What was missed: the deadline that passed, or the case's going quiet. */
public enum EscalationReason {
    TRIAGE_OVERDUE,
    FIRST_CONTACT_OVERDUE,
    RESOLUTION_OVERDUE,
    ACTION_OVERDUE,
    NO_ACTIVITY
}
