package haven.events;

/** How a report reached Haven: the reporter's own online form, or recorded for them by someone else. */
public enum IntakeChannel {
    ONLINE,
    PHONE,
    IN_PERSON,
    LETTER,
    EMAIL,
    /** a third-party reporting centre, such as a library, a charity or a housing office */
    REPORTING_CENTRE;

    /** The channels a member of staff records a report through (a centre records through its own). */
    public boolean takenByStaff() {
        return this == PHONE || this == IN_PERSON || this == LETTER || this == EMAIL;
    }
}
