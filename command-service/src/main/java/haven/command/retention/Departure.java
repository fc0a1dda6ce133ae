package haven.command.retention;

import haven.command.cases.ErasePersonalData;
import haven.command.cases.Erasure;
import haven.command.cases.RuleViolation;
import haven.events.CaseId;
import haven.events.ErasureReason;
import haven.infra.council.Partnership;
import haven.infra.security.Staff;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * An organisation leaving the partnership: once its file says it is leaving (so it takes no new
 * reports) and its officer has exported its cases, the officer erases the personal data of every
 * case it holds, open or closed, by destroying their keys. What the partnership counts stays: the
 * trends hold no personal data. A case under legal hold keeps its data until the hold is lifted;
 * erasing again then finishes the departure.
 */
@Component
class Departure {

    record Result(int erased, long held) {}

    private static final Logger log = LoggerFactory.getLogger(Departure.class);

    private final RetentionSchedule schedule;
    private final Erasure erasure;
    private final Partnership partnership;

    Departure(RetentionSchedule schedule, Erasure erasure, Partnership partnership) {
        this.schedule = schedule;
        this.erasure = erasure;
        this.partnership = partnership;
    }

    /** Erases every case of the officer's organisation, as the officer; refused unless it is leaving. */
    Result eraseAllCasesOf(Staff officer) {
        var organisation = partnership.organisation(officer.organisation()).orElseThrow();
        if (!organisation.leaving()) {
            throw new RuleViolation("Your organisation is not leaving the partnership; its file must say"
                    + " 'leaving: true' before its cases can all be erased");
        }
        var ours = RetentionSchedule.ofOrganisation(partnership.recordedAs(organisation.id()));
        int erased = 0;
        for (String caseId : schedule.erasableOf(ours)) {
            try {
                erasure.erase(GenericCommandMessage.asCommandMessage(
                        new ErasePersonalData(new CaseId(caseId), ErasureReason.ORGANISATION_LEFT, officer.id())));
                erased++;
            } catch (RuleViolation heldSinceRead) {
                // placed under legal hold since the schedule was read: counted as held below
            }
        }
        var result = new Result(erased, schedule.heldOf(ours));
        log.info(
                "Organisation {} leaving: {} cases erased, {} under legal hold",
                organisation.id(),
                result.erased(),
                result.held());
        return result;
    }
}
