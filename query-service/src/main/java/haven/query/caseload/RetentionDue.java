package haven.query.caseload;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.lt;

import haven.infra.council.Partnership;
import haven.infra.security.Staff;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The cases the retention policy will erase in the next 90 days, soonest first, so the data
 * protection officer can place a legal hold in time: closed cases by their closure, cases never
 * closed by their last activity (the same periods the command-service applies). Held and erased
 * cases are left out.
 */
@Component
public class RetentionDue {

    /** A case's reference and id (for a hold), the day its personal data is due to go, and why. */
    public record Due(String reference, String caseId, LocalDate on, String because) {}

    public record DueCases(int withinDays, List<Due> cases) {}

    static final int WITHIN_DAYS = 90;

    private final CaseViews views;
    private final CaseAccess access;
    private final Partnership partnership;
    private final Clock clock;
    private final ZoneId zone;
    private final Period afterClosure;
    private final Period afterInactivity;

    RetentionDue(
            CaseViews views,
            CaseAccess access,
            Partnership partnership,
            Clock clock,
            @Value("${haven.time-zone}") ZoneId zone,
            @Value("${haven.retention.after-closure}") Period afterClosure,
            @Value("${haven.retention.after-inactivity}") Period afterInactivity) {
        this.views = views;
        this.access = access;
        this.partnership = partnership;
        this.clock = clock;
        this.zone = zone;
        this.afterClosure = afterClosure;
        this.afterInactivity = afterInactivity;
    }

    /** The data protection officer's own organisation's cases only, by its retention periods. */
    public DueCases due(Staff officer) {
        var found = partnership.organisation(officer.organisation());
        if (found.isEmpty()) {
            return new DueCases(WITHIN_DAYS, List.of());
        }
        var organisation = found.get();
        Bson ours = access.ofOrganisation(organisation.id());
        ZonedDateTime horizon = clock.instant().atZone(zone).plusDays(WITHIN_DAYS);
        var due = new HashMap<String, Due>();
        var caseFiles = views.live().caseFiles();
        Period keepAfterClosure = organisation.keepAfterClosure().orElse(afterClosure);
        Period keepWhenIdle = organisation.keepWhenIdle().orElse(afterInactivity);
        for (Document row : caseFiles.find(and(
                ours,
                lt(CaseFile.CLOSED_AT, Date.from(horizon.minus(keepAfterClosure).toInstant()))))) {
            var file = CaseFile.of(row);
            add(due, file, file.closedAt(), keepAfterClosure, "closed");
        }
        for (Document row : caseFiles.find(and(
                ours,
                lt(
                        CaseFile.LAST_ACTIVITY_AT,
                        Date.from(horizon.minus(keepWhenIdle).toInstant()))))) {
            var file = CaseFile.of(row);
            if (file.closedAt() == null) {
                add(due, file, file.lastActivityAt(), keepWhenIdle, "no activity");
            }
        }
        var cases = new ArrayList<>(due.values());
        cases.sort(Comparator.comparing(Due::on).thenComparing(Due::reference));
        return new DueCases(WITHIN_DAYS, cases);
    }

    private void add(Map<String, Due> due, CaseFile file, Instant from, Period keptFor, String because) {
        if (file.held() || file.erased() || file.reference() == null) {
            return;
        }
        LocalDate on = from.atZone(zone).plus(keptFor).toLocalDate();
        due.put(file.caseId(), new Due(file.reference(), file.caseId(), on, because));
    }
}
