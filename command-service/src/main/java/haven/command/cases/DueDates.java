package haven.command.cases;

import haven.events.RiskLevel;
import haven.infra.council.Partnership;
import haven.infra.council.ServiceLevels;
import haven.infra.council.WorkingDays;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.springframework.stereotype.Component;

/**
 * When a case of an organisation is due, in working days under the partnership's calendar, by that
 * organisation's service levels where its file sets them and the partnership's otherwise.
 */
@Component
public class DueDates {

    private final CasePolicy policy;
    private final Partnership partnership;
    private final WorkingDays workingDays;
    private final ZoneId zone;

    DueDates(CasePolicy policy, Partnership partnership, Clock clock) {
        this.policy = policy;
        this.partnership = partnership;
        this.workingDays = new WorkingDays(policy.calendar());
        this.zone = clock.getZone();
    }

    /** The council's day at an instant: a report sent at 11 pm on a Friday was received on Friday. */
    public LocalDate dayOf(Instant at) {
        return at.atZone(zone).toLocalDate();
    }

    LocalDate triageDue(String organisation, LocalDate receivedOn) {
        return levelsOf(organisation).triageDue(receivedOn, workingDays);
    }

    LocalDate firstContactDue(String organisation, RiskLevel risk, LocalDate from) {
        return levelsOf(organisation).firstContactDue(risk, from, workingDays);
    }

    LocalDate resolutionDue(String organisation, RiskLevel risk, LocalDate from) {
        return levelsOf(organisation).resolutionDue(risk, from, workingDays);
    }

    /** The last day an open case of the organisation may stay quiet after activity on {@code lastActiveOn}. */
    public LocalDate quietUntil(String organisation, LocalDate lastActiveOn) {
        return workingDays.after(lastActiveOn, levelsOf(organisation).inactivityDays());
    }

    /** When the reporter of a case closed on {@code closedOn} is asked whether anything has happened since. */
    public LocalDate checkInOn(LocalDate closedOn) {
        return closedOn.plus(policy.checkInAfter());
    }

    private ServiceLevels levelsOf(String organisation) {
        return partnership
                .organisation(organisation)
                .flatMap(Partnership.Organisation::serviceLevels)
                .orElse(policy.sla());
    }
}
