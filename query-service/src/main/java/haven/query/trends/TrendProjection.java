package haven.query.trends;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Projections.include;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.inc;
import static com.mongodb.client.model.Updates.pull;
import static com.mongodb.client.model.Updates.push;
import static com.mongodb.client.model.Updates.unset;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
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
import java.util.LinkedHashSet;
import java.util.List;
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
 * Counts for partnership boards, without transactions and without double counting.
 *
 * <p>{@code trend_cases} holds each case's categorical facts under a keyed hash of its id, with the
 * last applied event sequence and the cell changes still to be applied ({@code pending}).
 * {@code trend_months} holds, per reported month, the counts boards read, grouped by dimensions.
 * An event first records the case's new facts and its pending change in one write, then applies
 * the change to the month in one write that also marks it as applied ({@code applying}) unless
 * the mark is already there, then clears both marks. A redelivered event, or one after a crash at any point, finds its change
 * either pending (and applies it) or already marked (and skips it). Both documents stay small: a
 * month holds counts, not cases.
 */
@Component
@ProcessingGroup("trends")
class TrendProjection {

    static final String MONTHS = "trend_months";
    static final String CASES = "trend_cases";
    static final String APPLYING = "applying";

    private final MongoCollection<Document> months;
    private final MongoCollection<Document> cases;
    private final Pseudonyms pseudonyms;
    private final Clock clock;

    TrendProjection(MongoDatabase havenDatabase, Pseudonyms pseudonyms, Clock clock) {
        this.months = havenDatabase.getCollection(MONTHS);
        this.cases = havenDatabase.getCollection(CASES);
        this.pseudonyms = pseudonyms;
        this.clock = clock;
    }

    @EventHandler
    void on(ReportSubmitted e, @SequenceNumber long sequence, @Timestamp Instant at) {
        YearMonth reported = YearMonth.from(at.atZone(clock.getZone()));
        change(e.caseId(), sequence, none -> CaseFacts.reported(e, reported), true);
    }

    @EventHandler
    void on(CaseTriaged e, @SequenceNumber long sequence) {
        change(e.caseId(), sequence, facts -> facts
                .with(TrendDimension.CATEGORY, e.category())
                .with(TrendDimension.CHARACTERISTIC, e.characteristics())
                .with(TrendDimension.STRAND, e.strands())
                .with(TrendDimension.ROUTE, e.route()), false);
    }

    @EventHandler
    void on(CaseResolved e, @SequenceNumber long sequence, @Timestamp Instant at) {
        YearMonth resolved = YearMonth.from(at.atZone(clock.getZone()));
        change(e.caseId(), sequence, facts -> facts
                .with(TrendDimension.OUTCOME, e.outcome())
                .with(TrendDimension.RESOLUTION_TIME, ResolutionTime.between(facts.reportedIn(), resolved)), false);
    }

    @EventHandler
    void on(CaseReopened e, @SequenceNumber long sequence) {
        change(e.caseId(), sequence, facts -> facts
                .without(TrendDimension.OUTCOME)
                .without(TrendDimension.RESOLUTION_TIME), false);
    }

    @ResetHandler
    void reset() {
        months.drop();
        cases.drop();
    }

    private void change(CaseId caseId, long sequence, UnaryOperator<CaseFacts> change, boolean opensCase) {
        String pseudonym = pseudonyms.of(caseId);
        Document stored = cases.find(eq("_id", pseudonym)).first();
        if (stored != null && stored.get("pending") != null) {
            applyPending(stored);
        }
        if (stored != null && stored.getLong("seq") >= sequence) {
            return;
        }
        if (stored == null && !opensCase) {
            throw new IllegalStateException("A case event arrived before its report");
        }
        CaseFacts before = stored == null ? null : CaseFacts.from(stored);
        CaseFacts after = change.apply(before);
        var added = new LinkedHashSet<>(after.cells());
        var removed = new LinkedHashSet<String>(before == null ? Set.of() : before.cells());
        removed.removeAll(after.cells());
        if (before != null) {
            added.removeAll(before.cells());
        }
        Document next = after.toDocument(sequence).append("_id", pseudonym).append("pending",
                new Document("seq", sequence).append("add", List.copyOf(added)).append("remove", List.copyOf(removed)));
        // Every write is by _id alone: the embedded store uses its index only for a filter that is exactly
        // {_id}. Reading first is safe because one processor segment owns a case: nothing else writes it.
        cases.replaceOne(eq("_id", pseudonym), next, new ReplaceOptions().upsert(true));
        applyPending(next);
    }

    /** Applies a case's pending cell changes to its month exactly once, then clears the marks. */
    private void applyPending(Document facts) {
        Document pending = facts.get("pending", Document.class);
        String month = facts.getString("month");
        String mark = facts.getString("_id") + ":" + pending.getLong("seq");
        var updates = new ArrayList<Bson>();
        pending.getList("add", String.class).forEach(cell -> updates.add(inc(cell, 1)));
        pending.getList("remove", String.class).forEach(cell -> updates.add(inc(cell, -1)));
        updates.add(push(APPLYING, mark));
        Document marks = months.find(eq("_id", month)).projection(include(APPLYING)).first();
        boolean applied = marks != null && marks.getList(APPLYING, String.class, List.of()).contains(mark);
        if (!applied) {
            months.updateOne(eq("_id", month), combine(updates), new UpdateOptions().upsert(true));
        }
        cases.updateOne(eq("_id", facts.getString("_id")), unset("pending"));
        months.updateOne(eq("_id", month), pull(APPLYING, mark));
    }
}
