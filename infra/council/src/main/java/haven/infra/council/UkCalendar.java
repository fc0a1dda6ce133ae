package haven.infra.council;

/** The bank holidays a partnership works to: the UK nations' calendars differ (St Andrew's Day, the Twelfth). */
public enum UkCalendar {
    ENGLAND_AND_WALES("eng"),
    SCOTLAND("sct"),
    NORTHERN_IRELAND("nir");

    /** Jollyday's subdivision of its United Kingdom calendar. */
    final String subdivision;

    UkCalendar(String subdivision) {
        this.subdivision = subdivision;
    }
}
