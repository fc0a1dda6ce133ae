package haven.events;

import java.util.Objects;
import java.util.regex.Pattern;

/** Identity of a case; its string form is the aggregate identifier in the event store. */
public record CaseId(String value) {

    /**
     * The aggregate type of a case's events in the event store. Not every stored event is a case's
     * ({@link EqualityMonitoringReturned} names none), so a handler that takes every event takes only these.
     */
    public static final String AGGREGATE_TYPE = "Case";

    /** The form of every case id Haven makes (a random UUID), and of the ids of what a case holds. */
    private static final Pattern WELL_FORMED =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** Whether a text from outside has the form of an id Haven makes, so it may go into a path or a redirect. */
    public static boolean isWellFormed(String text) {
        return text != null && WELL_FORMED.matcher(text).matches();
    }

    public CaseId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value;
    }
}
