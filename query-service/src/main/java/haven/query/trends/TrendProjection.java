package haven.query.trends;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Projections.include;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.inc;
import static com.mongodb.client.model.Updates.set;
import static com.mongodb.client.model.Updates.setOnInsert;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import haven.events.CaseId;
import haven.events.CaseReopened;
import haven.events.CaseResolved;
import haven.events.CaseTriaged;
import haven.events.ReportSubmitted;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * Counts for partnership boards. One document per month a case was reported in: the cell counts
 * boards read and, under a pseudonym, each case's current categorical facts, so that triage can move
 * a case between cells. Both change in one atomic update guarded by the case's last applied event
 * sequence, so an event delivered twice, or again after a crash, changes nothing.
 */
@Component
@ProcessingGroup("trends")
class TrendProjection {

    static final String MONTHS = "trend_months";
    static final String CASE_MONTHS = "trend_case_months";

    private final MongoCollection<Document> months;
    private final MongoCollection<Document> caseMonths;
    private final Pseudonyms pseudonyms;
    private final Clock clock;

    TrendProjection(MongoDatabase havenDatabase, Pseudonyms pseudonyms, Clock clock) {
        this.months = havenDatabase.getCollection(MONTHS);
        this.caseMonths = havenDatabase.getCollection(CASE_MONTHS);
        this.pseudonyms = pseudonyms;
        this.clock = clock;
    }

    @EventHandler
    void on(ReportSubmitted e, @SequenceNumber long sequence, @Timestamp Instant at) {
        YearMonth reported = YearMonth.from(at.atZone(clock.getZone()));
        String month = reported.toString();
        String pseudonym = pseudonyms.of(e.caseId());
        caseMonths.updateOne(eq("_id", pseudonym), set("month", month), new UpdateOptions().upsert(true));
        months.updateOne(eq("_id", month), setOnInsert("cells", new Document()), new UpdateOptions().upsert(true));
        change(e.caseId(), sequence, facts -> CaseFacts.reported(e, reported));
    }

    @EventHandler
    void on(CaseTriaged e, @SequenceNumber long sequence) {
        change(e.caseId(), sequence, facts -> facts
                .with(TrendDimension.CATEGORY, e.category())
                .with(TrendDimension.CHARACTERISTIC, e.characteristics())
                .with(TrendDimension.STRAND, e.strands())
                .with(TrendDimension.ROUTE, e.route()));
    }

    @EventHandler
    void on(CaseResolved e, @SequenceNumber long sequence, @Timestamp Instant at) {
        YearMonth resolved = YearMonth.from(at.atZone(clock.getZone()));
        change(e.caseId(), sequence, facts -> facts
                .with(TrendDimension.OUTCOME, e.outcome())
                .with(TrendDimension.RESOLUTION_TIME, ResolutionTime.between(facts.reportedIn(), resolved)));
    }

    @EventHandler
    void on(CaseReopened e, @SequenceNumber long sequence) {
        change(e.caseId(), sequence, facts -> facts
                .with(TrendDimension.OUTCOME, (Enum<?>) null)
                .with(TrendDimension.RESOLUTION_TIME, (Enum<?>) null));
    }

    @ResetHandler
    void reset() {
        months.drop();
        caseMonths.drop();
    }

    private void change(CaseId caseId, long sequence, UnaryOperator<CaseFacts> change) {
        String pseudonym = pseudonyms.of(caseId);
        Document index = caseMonths.find(eq("_id", pseudonym)).first();
        if (index == null) {
            throw new IllegalStateException("A case event arrived before its report");
        }
        String month = index.getString("month");
        String path = "cases." + pseudonym;
        Document stored = months.find(eq("_id", month)).projection(include(path)).first();
        Document current = stored == null ? null : stored.get("cases", new Document()).get(pseudonym, Document.class);
        if (current != null && current.getLong("seq") >= sequence) {
            return;
        }
        CaseFacts before = current == null ? null : CaseFacts.from(current, YearMonth.parse(month));
        CaseFacts after = change.apply(before);

        var updates = new ArrayList<Bson>();
        updates.add(set(path, after.toDocument(sequence)));
        var removed = new HashSet<>(before == null ? Set.<String>of() : before.cells());
        removed.removeAll(after.cells());
        var added = new HashSet<>(after.cells());
        if (before != null) {
            added.removeAll(before.cells());
        }
        removed.forEach(cell -> updates.add(inc("cells." + cell, -1)));
        added.forEach(cell -> updates.add(inc("cells." + cell, 1)));

        Bson unchanged = current == null ? exists(path, false) : eq(path + ".seq", current.getLong("seq"));
        if (months.updateOne(and(eq("_id", month), unchanged), combine(updates)).getMatchedCount() == 0) {
            throw new IllegalStateException("A case's trend facts changed while being updated; retrying");
        }
    }
}
