package haven.query.trends;

import java.time.LocalDate;
import org.bson.Document;

/**
 * An open case's deadlines, held only until it is resolved, so that its service measures can be
 * counted: whether the reporter was first contacted (a message, or the resolution) by the first
 * contact deadline, and whether it was resolved by the resolution deadline. Null dates: not
 * triaged, so no deadline yet; {@code firstContact} is known once the first contact is made.
 */
record Deadlines(LocalDate firstContactDue, LocalDate resolutionDue, Deadline firstContact) {

    /** Met or missed; a case with no deadline when it happened counts as none recorded. */
    enum Deadline {
        MET,
        MISSED
    }

    static final Deadlines NONE = new Deadlines(null, null, null);

    boolean isEmpty() {
        return equals(NONE);
    }

    /** Triage (again) sets the dates; a first contact already made stays as it was. */
    Deadlines due(LocalDate firstContactDue, LocalDate resolutionDue) {
        return new Deadlines(firstContactDue, resolutionDue, firstContact);
    }

    /** The reporter is contacted on {@code day}; only the first contact counts. */
    Deadlines contacted(LocalDate day) {
        if (firstContact != null || firstContactDue == null) {
            return this;
        }
        return new Deadlines(
                firstContactDue, resolutionDue, day.isAfter(firstContactDue) ? Deadline.MISSED : Deadline.MET);
    }

    Deadline resolvedBy(LocalDate day) {
        return resolutionDue == null ? null : day.isAfter(resolutionDue) ? Deadline.MISSED : Deadline.MET;
    }

    Document toDocument() {
        var document = new Document();
        if (firstContactDue != null) {
            document.append("firstContactDue", firstContactDue.toString());
        }
        if (resolutionDue != null) {
            document.append("resolutionDue", resolutionDue.toString());
        }
        if (firstContact != null) {
            document.append("firstContact", firstContact.name());
        }
        return document;
    }

    static Deadlines from(Document stored) {
        if (stored == null) {
            return NONE;
        }
        String contact = stored.getString("firstContact");
        return new Deadlines(
                date(stored.getString("firstContactDue")),
                date(stored.getString("resolutionDue")),
                contact == null ? null : Deadline.valueOf(contact));
    }

    private static LocalDate date(String stored) {
        return stored == null ? null : LocalDate.parse(stored);
    }
}
