package haven.events;

/** What a meeting on a case is for. */
public enum MeetingKind {
    /** talking it through, on the informal route */
    INFORMAL_MEETING,
    /** an investigation meeting or interview */
    INVESTIGATION_MEETING,
    /** the formal grievance hearing */
    FORMAL_HEARING,
    /** the hearing of an appeal, by its hearer */
    APPEAL_HEARING
}
