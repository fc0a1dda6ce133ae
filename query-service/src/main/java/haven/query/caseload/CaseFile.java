package haven.query.caseload;

import haven.events.Category;
import haven.events.EscalationReason;
import haven.events.Outcome;
import haven.events.ReportType;
import haven.events.RiskLevel;
import haven.events.Route;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * A case's row in the caseload view ({@code case_files}, and {@code caseload} while it is open): what
 * need to know, the caseload, the open-case gauges and the retention list are decided on. Written by
 * {@link CaseloadProjection} and {@link RetentionFacts}; the field names below are the only ones the
 * view has. No personal data: {@code excluded} holds pseudonyms.
 */
public record CaseFile(
        String caseId,
        String reference,
        ReportType type,
        Category category,
        CaseStatus status,
        RiskLevel risk,
        Route route,
        String assignee,
        String team,
        String organisation,
        List<String> excluded,
        Instant openedAt,
        LocalDate triageDue,
        LocalDate firstContactDue,
        LocalDate resolutionDue,
        boolean firstContactMade,
        Outcome outcome,
        Instant appealDeadline,
        Instant closedAt,
        Instant lastActivityAt,
        boolean held,
        boolean erased,
        List<EscalationReason> escalations,
        boolean unreadMessage,
        String appealHearer) {

    static final String ID = "_id";
    static final String REFERENCE = "reference";
    static final String TYPE = "type";
    static final String CATEGORY = "category";
    static final String STATUS = "status";
    static final String RISK = "risk";
    static final String ROUTE = "route";
    static final String ASSIGNEE = "assignee";
    static final String TEAM = "team";
    /** Absent from rows of cases from before Haven served a partnership: those are the founder's. */
    static final String ORGANISATION = "organisation";
    /** The pseudonyms of the staff who must not see the case. */
    static final String EXCLUDED = "excluded";

    static final String OPENED_AT = "openedAt";
    static final String TRIAGE_DUE = "triageDue";
    static final String FIRST_CONTACT_DUE = "firstContactDue";
    static final String RESOLUTION_DUE = "resolutionDue";
    static final String FIRST_CONTACT_MADE = "firstContactMade";
    static final String OUTCOME = "outcome";
    static final String APPEAL_DEADLINE = "appealDeadline";
    static final String CLOSED_AT = "closedAt";
    static final String LAST_ACTIVITY_AT = "lastActivityAt";
    static final String HELD = "held";
    static final String ERASED = "erased";
    /** What it is escalated for, each until it is dealt with: {@link EscalationReason} names, an action's with {@code :id}. */
    static final String ESCALATIONS = "escalations";
    /** The reporter has written and nobody has replied or marked it read: kept in the caseload even once closed. */
    static final String UNREAD_MESSAGE = "unreadMessage";
    /** The case manager appointed to hear its appeal, who works on it whatever their team. */
    static final String APPEAL_HEARER = "appealHearer";

    static CaseFile of(Document row) {
        return new CaseFile(
                row.getString(ID),
                row.getString(REFERENCE),
                value(ReportType.class, row.getString(TYPE)),
                value(Category.class, row.getString(CATEGORY)),
                value(CaseStatus.class, row.getString(STATUS)),
                value(RiskLevel.class, row.getString(RISK)),
                value(Route.class, row.getString(ROUTE)),
                row.getString(ASSIGNEE),
                row.getString(TEAM),
                row.getString(ORGANISATION),
                row.getList(EXCLUDED, String.class, List.of()),
                instant(row.getDate(OPENED_AT)),
                date(row.getString(TRIAGE_DUE)),
                date(row.getString(FIRST_CONTACT_DUE)),
                date(row.getString(RESOLUTION_DUE)),
                row.getBoolean(FIRST_CONTACT_MADE, false),
                value(Outcome.class, row.getString(OUTCOME)),
                instant(row.getDate(APPEAL_DEADLINE)),
                instant(row.getDate(CLOSED_AT)),
                instant(row.getDate(LAST_ACTIVITY_AT)),
                row.getBoolean(HELD, false),
                row.getBoolean(ERASED, false),
                row.getList(ESCALATIONS, String.class, List.of()).stream()
                        .map(escalation -> EscalationReason.valueOf(escalation.split(":")[0]))
                        .distinct()
                        .toList(),
                row.getBoolean(UNREAD_MESSAGE, false),
                row.getString(APPEAL_HEARER));
    }

    /**
     * The triage date until it is triaged, then the first-contact date until the reporter has been
     * contacted, then the resolution date; none once resolved.
     */
    LocalDate nextDue() {
        if (status == CaseStatus.RESOLVED || status == CaseStatus.CLOSED || status == CaseStatus.APPEALED) {
            return null;
        }
        if (status == CaseStatus.SUBMITTED) {
            return triageDue;
        }
        return firstContactDue != null && !firstContactMade ? firstContactDue : resolutionDue;
    }

    /** The key of the list of an organisation's cases closed in a month. */
    static String closedMonthKey(String organisation, YearMonth month) {
        return organisation + "/" + month;
    }

    private static <E extends Enum<E>> E value(Class<E> type, String name) {
        return name == null ? null : Enum.valueOf(type, name);
    }

    private static LocalDate date(String iso) {
        return iso == null ? null : LocalDate.parse(iso);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
