package haven.command.retention;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Updates.set;
import static com.mongodb.client.model.Updates.unset;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import haven.events.CaseClosed;
import haven.events.CaseReopened;
import haven.events.LegalHoldLifted;
import haven.events.LegalHoldPlaced;
import haven.events.PersonalDataErased;
import haven.infra.privacy.PersonalDataKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * When each closed case was closed and whether it is held: what the retention policy needs to
 * find the cases whose time is up, kept by the command side because erasing is its decision.
 * An erased case leaves the schedule once its keys are gone, which also finishes an erasure that
 * stopped between the event and the key destruction.
 */
@Component
@ProcessingGroup("retention")
class RetentionSchedule {

    static final String COLLECTION = "retention_schedule";

    private final MongoCollection<Document> schedule;
    private final PersonalDataKeys keys;

    RetentionSchedule(MongoDatabase havenDatabase, PersonalDataKeys keys) {
        this.schedule = havenDatabase.getCollection(COLLECTION);
        this.keys = keys;
    }

    @EventHandler
    void on(CaseClosed e, @Timestamp Instant at) {
        upsert(e.caseId().value(), set("closedAt", Date.from(at)));
    }

    @EventHandler
    void on(CaseReopened e) {
        upsert(e.caseId().value(), unset("closedAt"));
    }

    @EventHandler
    void on(LegalHoldPlaced e) {
        upsert(e.caseId().value(), set("held", true));
    }

    @EventHandler
    void on(LegalHoldLifted e) {
        upsert(e.caseId().value(), set("held", false));
    }

    @EventHandler
    void on(PersonalDataErased e) {
        keys.destroy(e.caseId().value());
        schedule.deleteOne(eq("_id", e.caseId().value()));
    }

    @ResetHandler
    void reset() {
        schedule.drop();
    }

    /** Closed before the cut-off and not held: their retention period has ended. */
    List<String> endedBefore(Instant cutOff) {
        return schedule.find(and(lt("closedAt", Date.from(cutOff)), ne("held", true)))
                .map(d -> d.getString("_id")).into(new ArrayList<>());
    }

    private void upsert(String caseId, Bson change) {
        schedule.updateOne(eq("_id", caseId), change, new UpdateOptions().upsert(true));
    }
}
