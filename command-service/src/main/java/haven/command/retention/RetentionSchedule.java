package haven.command.retention;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.max;
import static com.mongodb.client.model.Updates.set;
import static com.mongodb.client.model.Updates.unset;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import haven.command.cases.Erasure;
import haven.events.AppealLodged;
import haven.events.CaseClosed;
import haven.events.CaseId;
import haven.events.CaseReopened;
import haven.events.HistoricalCaseImported;
import haven.events.LegalHoldLifted;
import haven.events.LegalHoldPlaced;
import haven.events.PersonalDataErased;
import haven.events.ReportRoutedToTeam;
import haven.infra.eventstore.BatchWrites;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * For each case not yet erased: when it last moved, when it was closed, and whether it is held:
 * what the retention policy needs to find the cases whose time is up, kept by the command side
 * because erasing is its decision. An erased case leaves the schedule once its keys are gone,
 * which also finishes an erasure that stopped between the event and the key destruction. A batch's
 * changes are written together as it ends ({@link BatchWrites}), before the watcher's token.
 */
@Component
@ProcessingGroup("retention-v3")
class RetentionSchedule {

    static final String COLLECTION = "retention_schedule";

    private final MongoCollection<Document> schedule;
    private final Erasure erasure;

    RetentionSchedule(MongoDatabase havenDatabase, Erasure erasure) {
        this.schedule = havenDatabase.getCollection(COLLECTION);
        this.erasure = erasure;
    }

    /** Every event of a case is activity; one handler, so none is missed by a more specific one. */
    @EventHandler
    void on(Object event, DomainEventMessage<?> message) {
        if (!CaseId.AGGREGATE_TYPE.equals(message.getType())) {
            return; // an event of no case, such as a monitoring return
        }
        String caseId = message.getAggregateIdentifier();
        if (event instanceof PersonalDataErased) {
            erasure.finish(caseId);
            BatchWrites.current().deleteInOrder(schedule, caseId);
            return;
        }
        Bson activity = max("lastActivityAt", Date.from(message.getTimestamp()));
        Bson change = event instanceof ReportRoutedToTeam routed && routed.organisation() != null
                ? set("organisation", routed.organisation())
                : event instanceof HistoricalCaseImported imported && imported.organisation() != null
                        ? set("organisation", imported.organisation())
                        : event instanceof CaseClosed
                                ? set("closedAt", Date.from(message.getTimestamp()))
                                : event instanceof CaseReopened || event instanceof AppealLodged
                                        ? unset("closedAt") // open again: kept until it closes once more
                                        : event instanceof LegalHoldPlaced
                                                ? set("held", true)
                                                : event instanceof LegalHoldLifted ? set("held", false) : null;
        BatchWrites.current().upsert(schedule, caseId, change == null ? activity : combine(activity, change));
    }

    @ResetHandler
    void reset() {
        schedule.drop();
    }

    /** An organisation's cases closed before the cut-off and not held: their retention period has ended. */
    List<String> closedBefore(Instant cutOff, Bson organisation) {
        return ids(and(organisation, lt("closedAt", Date.from(cutOff)), ne("held", true)));
    }

    /** An organisation's open cases with nothing happening since the cut-off, not held: abandoned for the period. */
    List<String> openAndIdleSince(Instant cutOff, Bson organisation) {
        var idle = new ArrayList<String>();
        for (Document d : schedule.find(and(organisation, lt("lastActivityAt", Date.from(cutOff)), ne("held", true)))) {
            if (d.get("closedAt") == null) {
                idle.add(d.getString("_id"));
            }
        }
        return idle;
    }

    /** Every case of an organisation not yet erased and not held: what its leaving erases. */
    List<String> erasableOf(Bson organisation) {
        return ids(and(organisation, ne("held", true)));
    }

    /** How many of an organisation's cases are under legal hold: what its leaving cannot erase yet. */
    long heldOf(Bson organisation) {
        return schedule.countDocuments(and(organisation, eq("held", true)));
    }

    /** The rows of an organisation's cases; a row naming none is from before partnerships, the founder's. */
    static Bson ofOrganisation(List<String> recordedAs) {
        return in("organisation", recordedAs);
    }

    private List<String> ids(Bson filter) {
        return schedule.find(filter).map(d -> d.getString("_id")).into(new ArrayList<>());
    }
}
