package haven.query.caseload;

import haven.events.CaseId;
import haven.events.LegalHoldLifted;
import haven.events.LegalHoldPlaced;
import haven.events.PersonalDataErased;
import haven.infra.eventstore.BatchWrites;
import java.util.Date;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * What the data protection officer needs to see which cases the retention policy will erase soon:
 * each case file's last activity, legal hold and erasure. One handler for every event (a more
 * specific one in this class would take an event from it); it shares the caseload's batch, so it
 * changes the same row the caseload projection does.
 */
@Component
@ProcessingGroup("caseload")
class RetentionFacts {

    private final CaseloadProjection caseload;

    RetentionFacts(CaseloadProjection caseload) {
        this.caseload = caseload;
    }

    @EventHandler
    void on(Object event, DomainEventMessage<?> message) {
        if (!CaseId.AGGREGATE_TYPE.equals(message.getType())) {
            return; // an event of no case, such as a monitoring return
        }
        var batch = BatchWrites.current();
        var caseFiles = caseload.caseFiles(); // the same collection object: the batch keeps one row per case
        Document row =
                batch.row(caseFiles, message.getAggregateIdentifier(), DomainEventMessage::getAggregateIdentifier);
        row = row == null ? new Document(CaseFile.ID, message.getAggregateIdentifier()) : row;
        Date at = Date.from(message.getTimestamp());
        Date last = row.getDate(CaseFile.LAST_ACTIVITY_AT);
        if (last == null || last.before(at)) {
            row.put(CaseFile.LAST_ACTIVITY_AT, at);
        }
        if (event instanceof LegalHoldPlaced || event instanceof LegalHoldLifted) {
            row.put(CaseFile.HELD, event instanceof LegalHoldPlaced);
        }
        if (event instanceof PersonalDataErased) {
            row.put(CaseFile.ERASED, true);
        }
        batch.save(caseFiles, row);
    }
}
