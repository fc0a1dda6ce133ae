package haven.command.retention;

import haven.command.cases.Acting;
import haven.command.cases.ErasePersonalData;
import haven.command.cases.Erasure;
import haven.events.CaseId;
import haven.events.ErasureReason;
import haven.infra.council.Partnership;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Erases the personal data of every case closed longer ago than the retention period, and of
 * every case never closed that has had no activity for the inactivity period (closing it), unless
 * it is under legal hold. Runs on every command-service instance; erasing twice changes nothing.
 */
@Component
public class RetentionPolicy {

    /** Who the case records as having erased it. */
    static final String ERASED_BY = "retention-policy";

    private static final Logger log = LoggerFactory.getLogger(RetentionPolicy.class);

    private final RetentionSchedule schedule;
    private final Erasure erasure;
    private final Partnership partnership;
    private final Clock clock;
    private final Period keepFor;
    private final Period keepIdleFor;

    RetentionPolicy(
            RetentionSchedule schedule,
            Erasure erasure,
            Partnership partnership,
            Clock clock,
            @Value("${haven.retention.after-closure}") Period keepFor,
            @Value("${haven.retention.after-inactivity}") Period keepIdleFor) {
        this.schedule = schedule;
        this.erasure = erasure;
        this.partnership = partnership;
        this.clock = clock;
        this.keepFor = keepFor;
        this.keepIdleFor = keepIdleFor;
    }

    @Scheduled(
            initialDelayString = "${haven.retention.sweep-every}",
            fixedDelayString = "${haven.retention.sweep-every}")
    void sweep() {
        sweep(clock.instant());
    }

    /**
     * Erases the cases whose retention period has ended by {@code now}, each organisation's by its own
     * periods where it sets them (the partnership's otherwise); returns how many.
     */
    public int sweep(Instant now) {
        var zoned = now.atZone(clock.getZone());
        int erased = 0;
        for (var organisation : partnership.organisations()) {
            var ours = RetentionSchedule.ofOrganisation(partnership.recordedAs(organisation.id()));
            List<String> closed = schedule.closedBefore(
                    zoned.minus(organisation.keepAfterClosure().orElse(keepFor)).toInstant(), ours);
            List<String> idle = schedule.openAndIdleSince(
                    zoned.minus(organisation.keepWhenIdle().orElse(keepIdleFor)).toInstant(), ours);
            int done = erase(closed, ErasureReason.RETENTION_PERIOD_ENDED, organisation.id())
                    + erase(idle, ErasureReason.NO_ACTIVITY_FOR_RETENTION_PERIOD, organisation.id());
            if (!closed.isEmpty() || !idle.isEmpty()) {
                log.info(
                        "Retention policy, {}: {} of {} cases due were erased ({} closed, {} never closed and idle)",
                        organisation.id(),
                        done,
                        closed.size() + idle.size(),
                        closed.size(),
                        idle.size());
            }
            erased += done;
        }
        return erased;
    }

    /** The policy acts in each organisation as that organisation's own. */
    private int erase(List<String> due, ErasureReason reason, String organisation) {
        int erased = 0;
        for (String caseId : due) {
            try {
                erasure.erase(GenericCommandMessage.<ErasePersonalData>asCommandMessage(
                                new ErasePersonalData(new CaseId(caseId), reason, ERASED_BY))
                        .andMetaData(Acting.metaData(ERASED_BY, List.of("ADMIN"), null, organisation)));
                erased++;
            } catch (RuntimeException e) {
                // e.g. reopened or held since the schedule was read; the next sweep sees the change
                log.warn(
                        "Retention erasure of case {} not done: {}",
                        caseId,
                        e.getClass().getSimpleName());
            }
        }
        return erased;
    }
}
